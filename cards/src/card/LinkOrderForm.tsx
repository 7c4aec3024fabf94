import { useState } from 'react';
import { Alert, Button, Flex, Input, LoadingButton, Select } from '@hubspot/ui-extensions';

import { ApiError, linkSalesOrder, type CardConnection, type Order } from '../api';
import { adviceFor } from '../errorAdvice';

interface LinkOrderFormProps {
  dealId: string;
  connections: CardConnection[];
  onLinked: (order: Order) => void;
  onCancel: () => void;
}

/** Link an order that already exists in NetSuite: pick the account, type its number (SO1042). */
export function LinkOrderForm({ dealId, connections, onLinked, onCancel }: LinkOrderFormProps) {
  const [connectionId, setConnectionId] = useState(connections[0]?.id ?? '');
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [numberError, setNumberError] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  const submit = async () => {
    const trimmed = number.trim();
    if (!trimmed) {
      setNumberError('Enter the sales order number, for example SO1042.');
      return;
    }
    setBusy(true);
    setError(null);
    setNumberError(null);
    try {
      onLinked(await linkSalesOrder(dealId, { connectionId, number: trimmed }));
    } catch (caught) {
      if (caught instanceof ApiError && (caught.status === 404 || caught.status === 409 || caught.code === 'validation_failed')) {
        setNumberError(caught.fields.number ?? caught.message);
      } else {
        setError(caught);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex direction="column" gap="sm">
      {connections.length > 1 ? (
        <Select
          label="NetSuite account"
          name="connectionId"
          required
          value={connectionId}
          options={connections.map((connection) => ({ value: connection.id, label: `${connection.label} (${connection.accountId})` }))}
          onChange={(value) => setConnectionId(String(value))}
        />
      ) : null}
      <Input
        label="Sales order number"
        name="number"
        required
        placeholder="SO1042"
        value={number}
        error={numberError !== null}
        validationMessage={numberError ?? undefined}
        onInput={(value) => setNumber(value)}
        onChange={(value) => setNumber(value)}
      />
      {error ? (
        <Alert title="Could not link the order" variant="danger">
          {adviceFor(error).message}
        </Alert>
      ) : null}
      <Flex gap="sm">
        <LoadingButton variant="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          Link order
        </LoadingButton>
        <Button variant="secondary" onClick={() => onCancel()}>
          Cancel
        </Button>
      </Flex>
    </Flex>
  );
}
