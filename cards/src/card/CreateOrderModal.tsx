import { useState } from 'react';
import { Modal, ModalBody } from '@hubspot/ui-extensions';

import { CreateOrderFlow } from '../flow/CreateOrderFlow';

interface CreateOrderModalProps {
  id: string;
  dealId: string;
  locale: string;
  onCreated: () => void;
  closeOverlay: (id: string) => void;
}

/**
 * The creation flow in a modal. An overlay's content is rendered even while it is closed, so the flow
 * (which starts or resumes a server-side draft) mounts only once the modal opens.
 */
export function CreateOrderModal({ id, dealId, locale, onCreated, closeOverlay }: CreateOrderModalProps) {
  const [open, setOpen] = useState(false);
  return (
    <Modal id={id} title="Create NetSuite sales order" width="lg" onOpen={() => setOpen(true)} onClose={() => setOpen(false)}>
      <ModalBody>
        {open ? (
          <CreateOrderFlow dealId={dealId} locale={locale} onCreated={onCreated} onClose={() => closeOverlay(id)} />
        ) : null}
      </ModalBody>
    </Modal>
  );
}
