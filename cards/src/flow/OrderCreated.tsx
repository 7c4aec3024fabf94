import { Alert, Button, Flex, Link, Tag, Text } from '@hubspot/ui-extensions';

import type { AttachmentResult } from '../api';
import { formatMoney, formatSize } from '../format';
import type { Created } from './useDraftFlow';

const ATTACHMENT_STATUS: Record<AttachmentResult['status'], { label: string; variant: 'success' | 'warning' | 'error' | 'default' }> = {
  attached: { label: 'Attached', variant: 'success' },
  too_large: { label: 'Too large: not attached', variant: 'warning' },
  failed: { label: 'Failed', variant: 'error' },
  skipped: { label: 'Skipped', variant: 'default' },
};

interface OrderCreatedProps {
  created: Created;
  locale: string;
  onDone: () => void;
  onStartAnother: () => void;
}

/** The order exists in NetSuite: its number, the way there, and what happened to each attachment. */
export function OrderCreated({ created, locale, onDone, onStartAnother }: OrderCreatedProps) {
  const { order, attachments } = created;
  const notAttached = attachments.filter((attachment) => attachment.status === 'too_large' || attachment.status === 'failed');
  return (
    <Flex direction="column" gap="md" testId="order-created">
      <Alert title={`Sales order ${order.number} created`} variant="success">
        {`${order.customer ?? 'The customer'} · ${formatMoney(order.total, order.currency, locale)} · ${order.accountLabel}`}
      </Alert>
      <Link href={{ url: order.url, external: true }}>Open {order.number} in NetSuite</Link>
      {attachments.length > 0 ? (
        <Flex direction="column" gap="xs">
          <Text format={{ fontWeight: 'demibold' }}>Attachments</Text>
          {attachments.map((attachment) => {
            const status = ATTACHMENT_STATUS[attachment.status];
            return (
              <Flex key={attachment.name} gap="xs" align="center">
                <Text>{`${attachment.name} (${formatSize(attachment.size)})`}</Text>
                <Tag variant={status.variant}>{status.label}</Tag>
                {attachment.message ? <Text variant="microcopy">{attachment.message}</Text> : null}
              </Flex>
            );
          })}
        </Flex>
      ) : null}
      {notAttached.length > 0 ? (
        <Alert title="Some files were not attached" variant="warning">
          {`Attach ${notAttached.map((attachment) => attachment.name).join(', ')} in NetSuite yourself if the order needs them.`}
        </Alert>
      ) : null}
      <Flex gap="sm">
        <Button variant="primary" onClick={() => onDone()}>
          Done
        </Button>
        <Button variant="secondary" onClick={() => onStartAnother()}>
          Create another order
        </Button>
      </Flex>
    </Flex>
  );
}
