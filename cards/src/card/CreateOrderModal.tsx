import { useState } from 'react';
import { Modal, ModalBody } from '@hubspot/ui-extensions';

import { CreateOrderFlow } from '../flow/CreateOrderFlow';

interface CreateOrderModalProps {
  id: string;
  dealId: string;
  locale: string;
  onCreated: () => void;
  closeOverlay: (id: string) => void;
  /**
   * Refresh the card only once the modal closes. For the empty state's button: the refreshed list
   * replaces the empty state, which would unmount this modal while it shows the created order.
   */
  refreshOnClose?: boolean;
}

/**
 * The creation flow in a modal. An overlay's content is rendered even while it is closed, so the flow
 * (which starts or resumes a server-side draft) mounts only once the modal opens.
 */
export function CreateOrderModal({ id, dealId, locale, onCreated, closeOverlay, refreshOnClose = false }: CreateOrderModalProps) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState(false);
  const close = () => {
    setOpen(false);
    if (created) onCreated();
    setCreated(false);
  };
  const markCreated = () => (refreshOnClose ? setCreated(true) : onCreated());
  return (
    <Modal id={id} title="Create NetSuite sales order" width="lg" onOpen={() => setOpen(true)} onClose={close}>
      <ModalBody>
        {open ? (
          <CreateOrderFlow dealId={dealId} locale={locale} onCreated={markCreated} onClose={() => closeOverlay(id)} />
        ) : null}
      </ModalBody>
    </Modal>
  );
}
