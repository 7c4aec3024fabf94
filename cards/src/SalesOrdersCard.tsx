import { useEffect, useState } from 'react';
import {
  Button,
  EmptyState,
  Flex,
  hubspot,
  LoadingButton,
  LoadingSpinner,
  Text,
  type ExtensionPointApiActions,
  type ExtensionPointApiContext,
} from '@hubspot/ui-extensions';

import { listSalesOrders, type SalesOrderList } from './api';
import { ApiErrorState } from './ApiErrorState';
import { AddMenu } from './card/AddMenu';
import { ConnectionAlerts } from './card/ConnectionAlerts';
import { CreateOrderModal } from './card/CreateOrderModal';
import { NotConnectedState } from './card/NotConnectedState';
import { OrdersTable } from './card/OrdersTable';

export type CardContext = ExtensionPointApiContext<'crm.record.tab'>;
export type CardActions = Pick<ExtensionPointApiActions<'crm.record.tab'>, 'addAlert' | 'closeOverlay' | 'reloadPage'>;

type CardState = { kind: 'loading' } | { kind: 'error'; error: unknown } | { kind: 'ready'; list: SalesOrderList };

interface SalesOrdersCardProps {
  context: CardContext;
  actions: CardActions;
}

/** The "Sales orders" deal card: the NetSuite orders linked to this deal, with live status, and Add. */
export function SalesOrdersCard({ context, actions }: SalesOrdersCardProps) {
  const dealId = String(context.crm.objectId);
  const locale = context.user.locale ?? 'en-US';
  const [state, setState] = useState<CardState>({ kind: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  // Each request is one load of the list; `refresh` marks it user-initiated (?refresh=1).
  const [request, setRequest] = useState({ count: 0, refresh: false });

  useEffect(() => {
    // Only the latest request may set the state: a slow first load must not overwrite a refresh.
    let current = true;
    listSalesOrders(dealId, { refresh: request.refresh }).then(
      (list) => {
        if (!current) return;
        setState({ kind: 'ready', list });
        setRefreshing(false);
      },
      (error: unknown) => {
        if (!current) return;
        setState({ kind: 'error', error });
        setRefreshing(false);
      },
    );
    return () => {
      current = false;
    };
  }, [dealId, request]);

  const load = (refresh: boolean) => {
    if (refresh) setRefreshing(true);
    setRequest((previous) => ({ count: previous.count + 1, refresh }));
  };
  const retry = () => {
    setState({ kind: 'loading' });
    load(false);
  };
  const reload = () => load(false);

  if (state.kind === 'loading') {
    return <LoadingSpinner label="Loading NetSuite sales orders" layout="centered" testId="card-loading" />;
  }
  if (state.kind === 'error') {
    return <ApiErrorState error={state.error} onRetry={retry} onReload={() => actions.reloadPage()} testId="card-error" />;
  }
  const { list } = state;
  if (!list.connected) {
    return <NotConnectedState onRetry={retry} />;
  }

  const count = list.orders.length;
  return (
    <Flex direction="column" gap="sm">
      <Flex justify="between" align="center">
        <Text variant="microcopy">{count === 1 ? '1 sales order' : `${count} sales orders`}</Text>
        <Flex gap="xs">
          <LoadingButton size="sm" variant="secondary" loading={refreshing} disabled={refreshing} onClick={() => load(true)} testId="refresh">
            Refresh
          </LoadingButton>
          <AddMenu
            dealId={dealId}
            locale={locale}
            connections={list.connections}
            onChanged={reload}
            addAlert={actions.addAlert}
            closeOverlay={actions.closeOverlay}
          />
        </Flex>
      </Flex>
      <ConnectionAlerts connections={list.connections} stale={list.stale} onRetry={() => load(true)} />
      {count === 0 ? (
        <EmptyState title="No NetSuite sales orders on this deal yet" imageName="productsShoppingCart" testId="card-empty">
          <Text>Create one from this deal's line items, or link an order that already exists in NetSuite.</Text>
          <Button
            variant="primary"
            testId="empty-create"
            overlay={
              <CreateOrderModal
                id="create-sales-order-empty"
                dealId={dealId}
                locale={locale}
                onCreated={reload}
                closeOverlay={actions.closeOverlay}
                refreshOnClose
              />
            }
          >
            Create NetSuite sales order
          </Button>
        </EmptyState>
      ) : (
        <OrdersTable dealId={dealId} orders={list.orders} locale={locale} onUnlinked={reload} closeOverlay={actions.closeOverlay} />
      )}
    </Flex>
  );
}

hubspot.extend<'crm.record.tab'>(({ context, actions }) => <SalesOrdersCard context={context} actions={actions} />);
