import { describe, expect, it, vi } from 'vitest';
import {
  Alert,
  Button,
  Dropdown,
  EmptyState,
  ErrorState,
  Input,
  Link,
  LoadingButton,
  LoadingSpinner,
  Modal,
  StatusTag,
  Tag,
  TableRow,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';

import { SalesOrdersCard } from '../src/SalesOrdersCard';
import { apiError, backend, deferred } from './backend';
import { makeDraft, makeList, makeOrder } from './factories';
import { allText, fire } from './text';

vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
  (await import('./mockUiExtensions')).withFakeFetch(await importOriginal()),
);

const LIST = '/api/v1/deals/123/sales-orders';

function renderCard() {
  const renderer = createRenderer('crm.record.tab');
  renderer.render(<SalesOrdersCard context={renderer.mocks.context} actions={renderer.mocks.actions} />);
  return renderer;
}

describe('SalesOrdersCard', () => {
  it('shows a spinner until the list arrives, asking with the deal id and a 15 s timeout', async () => {
    const pending = deferred();
    backend.on('GET', LIST, pending.handler);
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();

    expect(findByTestId(LoadingSpinner, 'card-loading')).toBeDefined();
    pending.release({ status: 200, body: makeList() });
    await waitFor(() => expect(maybeFindByTestId(LoadingSpinner, 'card-loading')).toBeNull());
    expect(backend.calls[0]).toMatchObject({ method: 'GET', path: LIST, query: {}, timeout: 15_000 });
  });

  it('lists orders with status tones, totals in their currency, the NetSuite link and origin', async () => {
    backend.on('GET', LIST, {
      status: 200,
      body: makeList({
        orders: [
          makeOrder(),
          makeOrder({
            linkId: 'l-2',
            number: 'SO1043',
            status: { code: 'G', label: 'Billed', tone: 'success' },
            total: '99.5',
            currency: 'EUR',
            createdVia: 'workflow',
            createdBy: null,
            url: 'https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id=502',
          }),
        ],
      }),
    });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(TableRow, 'order-l-2')).toBeDefined());

    const first = findByTestId(TableRow, 'order-l-1');
    expect(allText(first)).toContain('SO1042');
    expect(allText(first)).toContain('Nov 2, 2026');
    expect(allText(first)).toContain('$1,250.00');
    expect(allText(first)).toContain('Acme Corp');
    expect(first.find(StatusTag).props.variant).toBe('info');
    expect(first.find(StatusTag).text).toBe('Pending Fulfillment');
    expect(first.find(Tag).text).toBe('Created here');
    expect(first.find(Link).props.href).toEqual({
      url: 'https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id=501',
      external: true,
    });

    const second = findByTestId(TableRow, 'order-l-2');
    expect(second.find(StatusTag).props.variant).toBe('success');
    expect(allText(second)).toContain('€99.50');
    expect(second.find(Tag).text).toBe('Workflow');
  });

  it('shows the empty state with a Create button when the deal has no orders', async () => {
    backend.on('GET', LIST, { status: 200, body: makeList({ orders: [] }) });
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(EmptyState, 'card-empty')).toBeDefined());

    expect(findByTestId(EmptyState, 'card-empty').props.title).toBe('No NetSuite sales orders on this deal yet');
    const create = findByTestId(Button, 'empty-create');
    expect(create.text).toBe('Create NetSuite sales order');
    expect(create.props.overlay?.find(Modal).props.title).toBe('Create NetSuite sales order');
  });

  it('explains that NetSuite is connected in the app settings when the portal has no account', async () => {
    backend.on('GET', LIST, { status: 200, body: makeList({ connected: false, connections: [], orders: [] }) });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(EmptyState, 'not-connected')).toBeDefined());

    const state = findByTestId(EmptyState, 'not-connected');
    expect(state.props.title).toBe('Connect NetSuite');
    expect(allText(state)).toContain('app settings page');
    expect(maybeFindByTestId(Dropdown, 'add-menu')).toBeNull();
  });

  it('warns per connection that needs reconnecting, naming the account', async () => {
    backend.on('GET', LIST, {
      status: 200,
      body: makeList({
        connections: [
          { id: 'c-1', label: 'Production', accountId: '1234567', state: 'ok', message: null },
          { id: 'c-2', label: 'Sandbox', accountId: '1234567_SB1', state: 'needs_reconnect', message: 'The token was revoked.' },
        ],
      }),
    });
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Alert, 'reconnect-c-2')).toBeDefined());

    const alert = findByTestId(Alert, 'reconnect-c-2');
    expect(alert.props.variant).toBe('warning');
    expect(alert.props.title).toContain('Sandbox (1234567_SB1)');
    expect(allText(alert)).toContain('Reconnect NetSuite in the app settings');
    expect(allText(alert)).toContain('The token was revoked.');
    expect(maybeFindByTestId(Alert, 'reconnect-c-1')).toBeNull();
  });

  it('shows stale values with their age and retries with refresh=1', async () => {
    backend.on('GET', LIST, (call) => ({
      status: 200,
      body: makeList({
        stale: call.query.refresh ? null : { asOf: '2026-12-01T09:55:00Z', ageSeconds: 300, reason: 'NetSuite did not answer in time' },
      }),
    }));
    const { findByTestId, maybeFindByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Alert, 'stale-alert')).toBeDefined());

    const alert = findByTestId(Alert, 'stale-alert');
    expect(alert.props.title).toBe('Showing values from 5 minutes ago — NetSuite did not answer');
    alert.find(Button).trigger('onClick');
    await waitFor(() => expect(maybeFindByTestId(Alert, 'stale-alert')).toBeNull());
    expect(backend.calls.map((call) => call.query)).toEqual([{}, { refresh: '1' }]);
  });

  it('shows the error with its message and a Retry that loads again', async () => {
    let attempts = 0;
    backend.on('GET', LIST, () =>
      ++attempts === 1
        ? apiError(503, 'netsuite_unavailable', 'NetSuite is not answering right now.')
        : { status: 200, body: makeList() },
    );
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(ErrorState, 'card-error')).toBeDefined());

    const error = findByTestId(ErrorState, 'card-error');
    expect(allText(error)).toContain('NetSuite is not answering right now.');
    error.find(Button, (button) => button.text === 'Retry').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-l-1')).toBeDefined());
    expect(attempts).toBe(2);
    expect(find(Dropdown)).toBeDefined();
  });

  it('offers a page reload for an invalid signature instead of a retry', async () => {
    backend.on('GET', LIST, apiError(401, 'invalid_signature', 'This request could not be verified.'));
    const { findByTestId, mocks, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(ErrorState, 'card-error')).toBeDefined());

    findByTestId(ErrorState, 'card-error').find(Button).trigger('onClick');
    expect(mocks.actions.reloadPage.callCount).toBe(1);
  });

  it('Refresh asks NetSuite again (refresh=1) and shows progress meanwhile', async () => {
    const second = deferred();
    let calls = 0;
    backend.on('GET', LIST, (call) => (++calls === 1 ? { status: 200, body: makeList() } : second.handler(call)));
    const { findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(LoadingButton, 'refresh')).toBeDefined());

    findByTestId(LoadingButton, 'refresh').trigger('onClick');
    await waitFor(() => expect(findByTestId(LoadingButton, 'refresh').props.loading).toBe(true));
    expect(backend.calls[1]?.query).toEqual({ refresh: '1' });
    second.release({ status: 200, body: makeList({ orders: [makeOrder({ status: { code: 'G', label: 'Billed', tone: 'success' } })] }) });
    await waitFor(() => expect(findByTestId(LoadingButton, 'refresh').props.loading).toBe(false));
    expect(findByTestId(TableRow, 'order-l-1').find(StatusTag).text).toBe('Billed');
  });

  it('has an Add menu with Create NetSuite sales order and Link existing order', async () => {
    backend.on('GET', LIST, { status: 200, body: makeList() });
    backend.on('POST', '/api/v1/deals/123/drafts', { status: 200, body: makeDraft('account') });
    const { find, findByTestId, findAll, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Dropdown, 'add-menu')).toBeDefined());

    const items = findByTestId(Dropdown, 'add-menu').findAll(Dropdown.ButtonItem);
    expect(items.map((item) => item.text)).toEqual(['Create NetSuite sales order', 'Link existing order']);
    // The flow starts its draft only once the modal opens.
    expect(backend.callsTo('POST', '/api/v1/deals/123/drafts')).toHaveLength(0);
    find(Modal, { id: 'create-sales-order' }).trigger('onOpen');
    await waitFor(() => expect(backend.callsTo('POST', '/api/v1/deals/123/drafts')).toHaveLength(1));
    expect(findAll(Modal).map((modal) => modal.props.title)).toContain('Link existing order');
  });

  it('links an existing order and reloads the list', async () => {
    let linked = false;
    backend.on('GET', LIST, () => ({
      status: 200,
      body: makeList({ orders: linked ? [makeOrder(), makeOrder({ linkId: 'l-9', number: 'SO2001', createdVia: 'linked' })] : [makeOrder()] }),
    }));
    backend.on('POST', '/api/v1/deals/123/sales-orders/links', (call) => {
      linked = true;
      return { status: 201, body: { order: makeOrder({ linkId: 'l-9', number: String(call.body?.number), createdVia: 'linked' }) } };
    });
    const { find, findByTestId, mocks, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Dropdown, 'add-menu')).toBeDefined());

    const modal = () => find(Modal, { id: 'link-sales-order' });
    fire(modal().find(Input, { name: 'number' }), 'onChange', ' SO2001 ');
    modal().find(LoadingButton).trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-l-9')).toBeDefined());

    expect(backend.callsTo('POST', '/api/v1/deals/123/sales-orders/links')[0]?.body).toEqual({ connectionId: 'c-1', number: 'SO2001' });
    expect(mocks.actions.closeOverlay.calls).toEqual([['link-sales-order']]);
    expect(mocks.actions.addAlert.calls[0]?.[0]).toEqual({ type: 'success', message: 'SO2001 is now linked to this deal.' });
    expect(findByTestId(TableRow, 'order-l-9').find(Tag).text).toBe('Linked');
  });

  it('shows a 404 from linking inline on the order number', async () => {
    backend.on('GET', LIST, { status: 200, body: makeList() });
    backend.on('POST', '/api/v1/deals/123/sales-orders/links', apiError(404, 'order_not_found', 'No sales order SO9999 in Production'));
    const { find, findByTestId, mocks, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Dropdown, 'add-menu')).toBeDefined());

    const number = () => find(Modal, { id: 'link-sales-order' }).find(Input, { name: 'number' });
    fire(number(), 'onChange', 'SO9999');
    find(Modal, { id: 'link-sales-order' }).find(LoadingButton).trigger('onClick');
    await waitFor(() => expect(number().props.validationMessage).toBe('No sales order SO9999 in Production'));
    expect(number().props.error).toBe(true);
    expect(mocks.actions.closeOverlay.callCount).toBe(0);
  });

  it('unlinks an order after confirmation', async () => {
    let unlinked = false;
    backend.on('GET', LIST, () => ({ status: 200, body: makeList({ orders: unlinked ? [] : [makeOrder()] }) }));
    backend.on('DELETE', '/api/v1/deals/123/sales-orders/links/l-1', () => {
      unlinked = true;
      return { status: 204 };
    });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Button, 'unlink-l-1')).toBeDefined());

    const confirm = findByTestId(Button, 'unlink-l-1').props.overlay?.find(Modal);
    expect(confirm?.props.title).toBe('Unlink SO1042?');
    expect(backend.callsTo('DELETE', '/api/v1/deals/123/sales-orders/links/l-1')).toHaveLength(0);
    find(Modal, { id: 'unlink-l-1' }).find(LoadingButton).trigger('onClick');
    await waitFor(() => expect(findByTestId(EmptyState, 'card-empty')).toBeDefined());
  });
});

describe('SalesOrdersCard creation', () => {
  const created = makeOrder({ linkId: 'l-7', number: 'SO2077' });
  const submitted = {
    status: 200,
    body: { draft: makeDraft('review', { status: 'created', result: { order: created, attachments: [] } }), order: created, attachments: [] },
  };

  it('refreshes the list as soon as the flow opened from Add creates the order', async () => {
    let done = false;
    backend.on('GET', LIST, () => ({ status: 200, body: makeList({ orders: done ? [makeOrder(), created] : [makeOrder()] }) }));
    backend.on('POST', '/api/v1/deals/123/drafts', { status: 200, body: makeDraft('review') });
    backend.on('POST', '/api/v1/drafts/d-1/submit', () => {
      done = true;
      return submitted;
    });
    const { find, findByTestId, mocks, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(Dropdown, 'add-menu')).toBeDefined());

    find(Modal, { id: 'create-sales-order' }).trigger('onOpen');
    await waitFor(() => expect(findByTestId(LoadingButton, 'flow-submit')).toBeDefined());
    findByTestId(LoadingButton, 'flow-submit').trigger('onClick');
    await waitFor(() => expect(findByTestId(TableRow, 'order-l-7')).toBeDefined());
    expect(find(Alert, { title: 'Sales order SO2077 created' })).toBeDefined();
    find(Button, (button) => button.text === 'Done').trigger('onClick');
    expect(mocks.actions.closeOverlay.calls).toEqual([['create-sales-order']]);
  });

  it('from the empty state, refreshes once the modal closes so the success screen stays up', async () => {
    let done = false;
    backend.on('GET', LIST, () => ({ status: 200, body: makeList({ orders: done ? [created] : [] }) }));
    backend.on('POST', '/api/v1/deals/123/drafts', { status: 200, body: makeDraft('review') });
    backend.on('POST', '/api/v1/drafts/d-1/submit', () => {
      done = true;
      return submitted;
    });
    const { find, findByTestId, waitFor } = renderCard();
    await waitFor(() => expect(findByTestId(EmptyState, 'card-empty')).toBeDefined());

    find(Modal, { id: 'create-sales-order-empty' }).trigger('onOpen');
    await waitFor(() => expect(findByTestId(LoadingButton, 'flow-submit')).toBeDefined());
    findByTestId(LoadingButton, 'flow-submit').trigger('onClick');
    await waitFor(() => expect(find(Alert, { title: 'Sales order SO2077 created' })).toBeDefined());
    expect(backend.callsTo('GET', LIST)).toHaveLength(1);
    find(Modal, { id: 'create-sales-order-empty' }).trigger('onClose');
    await waitFor(() => expect(findByTestId(TableRow, 'order-l-7')).toBeDefined());
  });
});
