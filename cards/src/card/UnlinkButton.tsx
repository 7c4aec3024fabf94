import { useState } from 'react';
import { Button } from '@hubspot/ui-extensions';

import { unlinkSalesOrder, type Order } from '../api';
import { ConfirmModal } from '../ConfirmModal';

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
        <ConfirmModal
          id={modalId}
          title={`Unlink ${order.number}?`}
          confirmLabel="Unlink"
          busy={busy}
          error={error}
          errorTitle="Could not unlink"
          onConfirm={() => void unlink()}
          onCancel={() => closeOverlay(modalId)}
        >
          {order.number} will no longer show on this deal. The order itself stays in NetSuite ({order.accountLabel}).
        </ConfirmModal>
      }
    >
      Unlink
    </Button>
  );
}
