import { describe, expect, it, vi } from 'vitest';

import {
  ApiError,
  createConnection,
  draftFromConflict,
  fetchFieldOptions,
  getDraft,
  listSalesOrders,
  startDraft,
  submitDraft,
  unlinkSalesOrder,
} from '../src/api';
import { apiError, backend } from './backend';
import { makeDraft, makeList, makeOrder } from './factories';

vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
  (await import('./mockUiExtensions')).withFakeFetch(await importOriginal()),
);

const LIST = '/api/v1/deals/9001/sales-orders';

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe('api', () => {
  it('parses the card list and asks for refresh=1 only when the rep refreshes', async () => {
    backend.on('GET', LIST, { status: 200, body: makeList({ dealId: '9001' }) });
    await expect(listSalesOrders('9001')).resolves.toMatchObject({ dealId: '9001', orders: [{ number: 'SO1042' }] });
    await listSalesOrders('9001', { refresh: true });
    expect(backend.calls.map((call) => call.query)).toEqual([{}, { refresh: '1' }]);
  });

  it('rejects a body that does not match the contract, naming the offending path', async () => {
    const order = { ...makeOrder(), status: { code: 'B', label: 'Pending Fulfillment', tone: 'purple' } };
    backend.on('GET', LIST, { status: 200, body: makeList({ orders: [order as never] }) });
    const error = await rejection(listSalesOrders('9001'));
    expect(error.code).toBe('bad_response');
    expect(error.message).toContain('a list of orders');
    expect(error.message).toContain('orders[0].status.tone');
  });

  it('rejects a body that is not JSON', async () => {
    backend.on('GET', LIST, { status: 200, text: '<html>proxy error</html>' });
    const error = await rejection(listSalesOrders('9001'));
    expect(error).toMatchObject({ code: 'bad_response', status: 200 });
    expect(error.message).toContain('the body is not JSON');
  });

  it('turns error bodies into ApiError with status, code, message, fields and detail', async () => {
    backend.on('POST', '/api/v1/drafts/d-1/submit', apiError(422, 'netsuite_rejected', 'NetSuite rejected the order', {
      fields: { custbody_region: 'Invalid value' },
      detail: { tab: 'order', field: 'custbody_region' },
    }));
    const error = await rejection(submitDraft('d-1', 5));
    expect(error).toMatchObject({
      status: 422,
      code: 'netsuite_rejected',
      message: 'NetSuite rejected the order',
      fields: { custbody_region: 'Invalid value' },
      detail: { tab: 'order', field: 'custbody_region' },
    });
    expect(backend.calls[0]).toMatchObject({ body: { version: 5 }, timeout: 60_000 });
  });

  it('reports an error status whose body is not ours, and a fetch that never answered', async () => {
    backend.on('GET', '/api/v1/drafts/d-1', { status: 504, text: 'Gateway Timeout' });
    expect(await rejection(getDraft('d-1'))).toMatchObject({ status: 504, code: 'http_error' });

    backend.on('GET', '/api/v1/drafts/d-1', { status: -1 });
    const error = await rejection(getDraft('d-1'));
    expect(error).toMatchObject({ status: 0, code: 'network' });
    expect(error.message).toContain('did not answer');
  });

  it('fills null for descriptor keys the backend leaves out', async () => {
    const draft = makeDraft('account');
    const sparse = { ...draft, tab: { step: 'account', fields: [{ id: 'memo', label: 'Memo', type: 'text', required: false }] } };
    backend.on('POST', '/api/v1/deals/9001/drafts', { status: 200, body: sparse });
    const parsed = await startDraft('9001');
    expect(parsed.tab.fields[0]).toEqual({
      id: 'memo',
      label: 'Memo',
      type: 'text',
      required: false,
      readOnly: false,
      options: null,
      optionsEndpoint: null,
      default: null,
      help: null,
      error: null,
      placeholder: null,
    });
    expect(parsed.tab.notices).toEqual([]);
  });

  it('rejects an unknown field type instead of rendering it wrongly', async () => {
    const draft = makeDraft('account');
    const odd = { ...draft, tab: { ...draft.tab, fields: [{ id: 'x', label: 'X', type: 'signature', required: false }] } };
    backend.on('POST', '/api/v1/deals/9001/drafts', { status: 200, body: odd });
    const error = await rejection(startDraft('9001', { restart: true }));
    expect(error.message).toContain('tab.fields[0].type');
    expect(backend.calls[0]?.body).toEqual({ restart: true });
  });

  it('reads the current draft out of a 409 draft_changed', async () => {
    backend.on('POST', '/api/v1/deals/9001/drafts', apiError(409, 'draft_changed', 'Changed', { detail: makeDraft('review', { version: 9 }) }));
    const error = await rejection(startDraft('9001'));
    expect(draftFromConflict(error)?.version).toBe(9);
    expect(draftFromConflict(new ApiError({ status: 409, code: 'already_linked', message: 'x' }))).toBeNull();
  });

  it('sends 204 answers through without parsing and only calls backend paths for options', async () => {
    backend.on('DELETE', '/api/v1/deals/9001/sales-orders/links/l-1', { status: 204 });
    await expect(unlinkSalesOrder('9001', 'l-1')).resolves.toBeUndefined();
    await expect(fetchFieldOptions('https://elsewhere.example/api', 'x')).rejects.toBeInstanceOf(ApiError);
    expect(backend.calls).toHaveLength(1);
  });

  it('sends the credentials as a JSON body with a long timeout (the server tests them first)', async () => {
    backend.on('POST', '/api/v1/settings/connections', apiError(422, 'connection_test_failed', 'Wrong account ID', { fields: { accountId: 'Wrong account ID' } }));
    const error = await rejection(
      createConnection({ label: 'P', accountId: '1', authKind: 'tba', tokenId: 't', tokenSecret: 's' }),
    );
    expect(error.fields).toEqual({ accountId: 'Wrong account ID' });
    expect(backend.calls[0]).toMatchObject({ body: { authKind: 'tba', tokenId: 't', tokenSecret: 's' }, timeout: 60_000 });
  });
});
