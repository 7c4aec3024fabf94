import {
  Link,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions';

import type { Order } from '../api';
import { formatDate, formatMoney } from '../format';
import { UnlinkButton } from './UnlinkButton';

const CREATED_VIA: Record<Order['createdVia'], { label: string; variant: 'default' | 'info' | 'success' }> = {
  card: { label: 'Created here', variant: 'success' },
  workflow: { label: 'Workflow', variant: 'info' },
  linked: { label: 'Linked', variant: 'default' },
};

interface OrdersTableProps {
  dealId: string;
  orders: Order[];
  locale: string;
  onUnlinked: () => void;
  closeOverlay: (id: string) => void;
}

/** The deal's NetSuite sales orders: number, date, status, total in its currency, customer, link, origin. */
export function OrdersTable({ dealId, orders, locale, onUnlinked, closeOverlay }: OrdersTableProps) {
  const severalAccounts = new Set(orders.map((order) => order.connectionId)).size > 1;
  return (
    <Table bordered testId="orders-table">
      <TableHead>
        <TableRow>
          <TableHeader>Number</TableHeader>
          <TableHeader>Date</TableHeader>
          <TableHeader>Status</TableHeader>
          <TableHeader align="right">Total</TableHeader>
          <TableHeader>Customer</TableHeader>
          <TableHeader>Source</TableHeader>
          <TableHeader> </TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {orders.map((order) => {
          const via = CREATED_VIA[order.createdVia];
          return (
            <TableRow key={order.linkId} testId={`order-${order.linkId}`}>
              <TableCell>
                <Text format={{ fontWeight: 'demibold' }}>{order.number}</Text>
                {severalAccounts ? <Text variant="microcopy">{order.accountLabel}</Text> : null}
                <Link href={{ url: order.url, external: true }}>Open in NetSuite</Link>
              </TableCell>
              <TableCell>{formatDate(order.date, locale)}</TableCell>
              <TableCell>
                <StatusTag variant={order.status.tone}>{order.status.label}</StatusTag>
              </TableCell>
              <TableCell align="right">{formatMoney(order.total, order.currency, locale)}</TableCell>
              <TableCell>{order.customer ?? '—'}</TableCell>
              <TableCell>
                <Tag variant={via.variant}>{via.label}</Tag>
                {order.createdBy ? <Text variant="microcopy">{order.createdBy}</Text> : null}
              </TableCell>
              <TableCell>
                <UnlinkButton dealId={dealId} order={order} onUnlinked={onUnlinked} closeOverlay={closeOverlay} />
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
