import { useState } from 'react';
import { Dropdown, Modal, ModalBody } from '@hubspot/ui-extensions';

import type { CardConnection } from '../api';
import { CreateOrderModal } from './CreateOrderModal';
import { LinkOrderForm } from './LinkOrderForm';

export const CREATE_MODAL_ID = 'create-sales-order';
export const LINK_MODAL_ID = 'link-sales-order';

interface AddMenuProps {
  dealId: string;
  locale: string;
  connections: CardConnection[];
  onChanged: () => void;
  addAlert: (alert: { type: 'success'; message: string }) => void;
  closeOverlay: (id: string) => void;
}

/** Add ▸ Create NetSuite sales order | Link existing order. */
export function AddMenu({ dealId, locale, connections, onChanged, addAlert, closeOverlay }: AddMenuProps) {
  // A new key on every opening gives the link form fresh state.
  const [linkFormKey, setLinkFormKey] = useState(0);
  return (
    <Dropdown buttonText="Add" variant="primary" buttonSize="sm" testId="add-menu">
      <Dropdown.ButtonItem
        testId="add-create"
        overlay={<CreateOrderModal id={CREATE_MODAL_ID} dealId={dealId} locale={locale} onCreated={onChanged} closeOverlay={closeOverlay} />}
      >
        Create NetSuite sales order
      </Dropdown.ButtonItem>
      <Dropdown.ButtonItem
        testId="add-link"
        overlay={
          <Modal id={LINK_MODAL_ID} title="Link existing order" width="sm" onOpen={() => setLinkFormKey((key) => key + 1)}>
            <ModalBody>
              <LinkOrderForm
                key={linkFormKey}
                dealId={dealId}
                connections={connections}
                onLinked={(order) => {
                  addAlert({ type: 'success', message: `${order.number} is now linked to this deal.` });
                  closeOverlay(LINK_MODAL_ID);
                  onChanged();
                }}
                onCancel={() => closeOverlay(LINK_MODAL_ID)}
              />
            </ModalBody>
          </Modal>
        }
      >
        Link existing order
      </Dropdown.ButtonItem>
    </Dropdown>
  );
}
