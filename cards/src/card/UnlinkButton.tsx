import { useState } from 'react';
import { Alert, Button, LoadingButton, Modal, ModalBody, ModalFooter, Text } from '@hubspot/ui-extensions';

import { unlinkSalesOrder, type Order } from '../api';
import { adviceFor } from '../errorAdvice';

interface UnlinkButtonProps {
  dealId: string;
  order: Order;
  onUnlinked: () => void;
  closeOverlay: (id: string) => void;
}

/** "Unlink" with a confirmation: the link goes, the order stays in NetSuite. */
export function UnlinkButton({ dealId, order, onUnlinked, closeOverlay }: UnlinkButtonProps) {
  const modalId = `unlink-${order.linkId}`;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const unlink = async () => {
    setBusy(true);
    setError(null);
    try {
      await unlinkSalesOrder(dealId, order.linkId);
      closeOverlay(modalId);
      onUnlinked();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Button
      variant="transparent"
      size="xs"
      testId={`unlink-${order.linkId}`}
      overlay={
        <Modal id={modalId} title={`Unlink ${order.number}?`} variant="danger" width="sm">
          <ModalBody>
            <Text>
              {order.number} will no longer show on this deal. The order itself stays in NetSuite ({order.accountLabel}).
            </Text>
            {error ? (
              <Alert title="Could not unlink" variant="danger">
                {adviceFor(error).message}
              </Alert>
            ) : null}
          </ModalBody>
          <ModalFooter>
            <LoadingButton variant="destructive" loading={busy} disabled={busy} onClick={() => void unlink()}>
              Unlink
            </LoadingButton>
            <Button variant="secondary" onClick={() => closeOverlay(modalId)}>
              Cancel
            </Button>
          </ModalFooter>
        </Modal>
      }
    >
      Unlink
    </Button>
  );
}
