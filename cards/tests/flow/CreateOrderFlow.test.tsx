import { describe, expect, it, vi } from 'vitest';
import {
  Alert,
  Button,
  Checkbox,
  Input,
  Link,
  LoadingButton,
  Select,
  StepIndicator,
  Table,
  TableCell,
  TableRow,
  TextArea,
  Tile,
} from '@hubspot/ui-extensions';
import { createRenderer } from '@hubspot/ui-extensions/testing';

import type { Draft } from '../../src/api';
import { CreateOrderFlow } from '../../src/flow/CreateOrderFlow';
import { apiError, backend, deferred } from '../backend';
import { makeDraft, makeField, makeLine, makeOrder, makeSummary, makeTab } from '../factories';
import { allText, fire } from '../text';

vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
  (await import('../mockUiExtensions')).withFakeFetch(await importOriginal()),
);

const START = '/api/v1/deals/123/drafts';
const step = (id: string) => `/api/v1/drafts/d-1/steps/${id}`;
const SUBMIT = '/api/v1/drafts/d-1/submit';

function openFlow(first: Draft) {
  backend.on('POST', START, { status: 200, body: first });
  const onCreated = vi.fn();
  const onClose = vi.fn();
  const renderer = createRenderer('crm.record.tab');
  renderer.render(<CreateOrderFlow dealId="123" locale="en-US" onCreated={onCreated} onClose={onClose} />);
  return { ...renderer, onCreated, onClose };
}

type Flow = ReturnType<typeof openFlow>;

const select = (flow: Flow, name: string) => flow.find(Select, { name });
const next = (flow: Flow) => flow.findByTestId(LoadingButton, 'flow-next');

async function onTab(flow: Flow, index: number) {
  await flow.waitFor(() => expect(flow.find(StepIndicator).props.currentStep).toBe(index));
}

describe('CreateOrderFlow', () => {
  it('resumes the draft, renders the Account descriptors and posts the values with the version', async () => {
    backend.on('POST', step('account'), { status: 200, body: makeDraft('customer') });
    const flow = openFlow(makeDraft('account'));
    await onTab(flow, 0);

    expect(backend.callsTo('POST', START)[0]?.body).toEqual({});
    expect(flow.find(StepIndicator).props.stepNames).toEqual(['Account', 'Customer', 'Order', 'Review']);
    expect(select(flow, 'connectionId').props).toMatchObject({ label: 'NetSuite account', required: true, value: 'c-1' });
    fire(select(flow, 'subsidiaryId'), 'onChange', '1');
    fire(select(flow, 'formId'), 'onChange', '68');
    next(flow).trigger('onClick');
    await onTab(flow, 1);

    expect(backend.callsTo('POST', step('account'))[0]?.body).toEqual({
      version: 1,
      values: { connectionId: 'c-1', subsidiaryId: '1', formId: '68' },
    });
  });

  it('shows server-side validation errors inline on their fields', async () => {
    backend.on('POST', step('account'), apiError(422, 'validation_failed', 'Check the highlighted fields', { fields: { subsidiaryId: 'Pick a subsidiary' } }));
    const flow = openFlow(makeDraft('account'));
    await onTab(flow, 0);

    next(flow).trigger('onClick');
    await flow.waitFor(() => expect(select(flow, 'subsidiaryId').props.validationMessage).toBe('Pick a subsidiary'));
    expect(select(flow, 'subsidiaryId').props.error).toBe(true);
    expect(select(flow, 'formId').props.error).toBe(false);
    // Editing the field clears its message.
    fire(select(flow, 'subsidiaryId'), 'onChange', '1');
    expect(select(flow, 'subsidiaryId').props.validationMessage).toBeUndefined();
  });

  it('shows the customer suggestion with its reason, alternatives, and a prefilled new-customer mode', async () => {
    backend.on('GET', '/api/v1/drafts/d-1/options/customerId', { status: 200, body: { options: [{ value: '42', label: 'Acme Corp' }] } });
    backend.on('POST', step('customer'), { status: 200, body: makeDraft('order') });
    const flow = openFlow(makeDraft('customer'));
    await onTab(flow, 1);

    const suggestion = flow.findByTestId(Tile, 'customer-suggestion');
    expect(allText(suggestion)).toContain('Acme Corp');
    expect(allText(suggestion)).toContain('Email match');
    expect(allText(suggestion)).toContain("Same email domain as the deal's company (acme.com)");
    expect(allText(suggestion)).toContain('Acme Europe');
    expect(select(flow, 'customerId').props.value).toBe('42');

    flow.findByTestId(Button, 'use-43').trigger('onClick');
    expect(select(flow, 'customerId').props.value).toBe('43');

    flow.findByTestId(Button, 'toggle-customer-mode').trigger('onClick');
    expect(flow.maybeFind(Select, { name: 'customerId' })).toBeNull();
    expect(flow.find(Input, { name: 'companyName' }).props.value).toBe('Acme Corp');
    next(flow).trigger('onClick');
    await onTab(flow, 2);
    expect(backend.callsTo('POST', step('customer'))[0]?.body).toEqual({
      version: 2,
      values: { customerMode: 'new', companyName: 'Acme Corp', email: 'billing@acme.com' },
    });
  });

  it('blocks Review while a SKU has no NetSuite item, until one is picked', async () => {
    const unmatched = makeLine({
      lineId: 'li-2',
      name: 'Widget 9',
      sku: 'WIDGET-9',
      match: 'unmatched',
      item: null,
      quantity: 1,
      rate: null,
      amount: null,
      message: 'SKU WIDGET-9 has no NetSuite item',
    });
    const ambiguous = makeLine({
      lineId: 'li-3',
      sku: 'GADGET',
      match: 'ambiguous',
      item: null,
      candidates: [
        { id: '88', itemId: 'GADGET', displayName: 'Gadget (kit)', type: 'Kit', typeLabel: 'Kit/Package', basePrice: '5' },
        { id: '89', itemId: 'GADGET', displayName: 'Gadget (service)', type: 'Service', typeLabel: 'Service', basePrice: '6' },
      ],
      message: 'SKU GADGET matches 2 NetSuite items',
    });
    const tab = makeTab('order', { lines: [makeLine(), unmatched, ambiguous] });
    backend.on('GET', '/api/v1/drafts/d-1/options/itemId', (call) => ({
      status: 200,
      body: { options: call.query.q === 'widg' ? [{ value: '91', label: 'WIDGET-9B — Widget nine' }] : [] },
    }));
    backend.on('POST', step('order'), { status: 200, body: makeDraft('review') });
    const flow = openFlow(makeDraft('order', { tab }));
    await onTab(flow, 2);

    expect(next(flow).props.disabled).toBe(true);
    const warning = flow.findByTestId(Alert, 'unmatched-lines');
    expect(allText(warning)).toContain('SKU WIDGET-9 has no NetSuite item');
    expect(allText(warning)).toContain('SKU GADGET matches 2 NetSuite items');
    expect(flow.findByTestId(TableRow, 'line-li-1').text).toBeNull();
    expect(allText(flow.findByTestId(TableRow, 'line-li-1'))).toContain('WIDGET-1 — Blue widget');

    const ambiguousPicker = () => flow.findByTestId(Select, 'pick-li-3');
    expect(ambiguousPicker().props.options.map((option) => option.value)).toEqual(['88', '89']);
    fire(ambiguousPicker(), 'onChange', '89');
    expect(next(flow).props.disabled).toBe(true);

    const unmatchedPicker = () => flow.findByTestId(Select, 'pick-li-2');
    fire(unmatchedPicker(), 'onInput', 'widg');
    await flow.waitFor(() => expect(unmatchedPicker().props.options).toEqual([{ value: '91', label: 'WIDGET-9B — Widget nine' }]));
    fire(unmatchedPicker(), 'onChange', '91');
    expect(next(flow).props.disabled).toBe(false);

    // The folder applies only with attachments.
    expect(flow.maybeFind(Select, { name: 'folderId' })).toBeNull();
    fire(flow.find(Checkbox, { name: 'includeAttachments' }), 'onChange', true);
    fire(select(flow, 'folderId'), 'onChange', '9');

    next(flow).trigger('onClick');
    await onTab(flow, 3);
    expect(backend.callsTo('POST', step('order'))[0]?.body).toEqual({
      version: 3,
      values: {
        memo: null,
        priceSource: 'hubspot',
        includeAttachments: true,
        folderId: '9',
        lines: [
          { lineId: 'li-1', itemId: '77', quantity: 2, rate: null, fields: {} },
          { lineId: 'li-2', itemId: '91', quantity: 1, rate: null, fields: {} },
          { lineId: 'li-3', itemId: '89', quantity: 2, rate: null, fields: {} },
        ],
      },
    });
  });

  it('reviews exactly what will be sent, with totals and attachment status, and Edit goes back to a tab', async () => {
    backend.on('POST', step('customer'), { status: 200, body: makeDraft('order') });
    backend.on('POST', step('order'), {
      status: 200,
      body: makeDraft('review', { tab: makeTab('review', { summary: makeSummary({ discount: '-1.00', total: '1234.5', warnings: ['Customer is on credit hold'] }) }) }),
    });
    const flow = openFlow(makeDraft('customer'));
    await onTab(flow, 1);
    next(flow).trigger('onClick');
    await onTab(flow, 2);
    next(flow).trigger('onClick');
    await onTab(flow, 3);

    const text = allText(flow.getRootNode());
    for (const shown of ['Acme Corp', 'Honeycomb US', 'Standard Sales Order', 'USD', 'WIDGET-1', 'Blue widget', '$10.50', '$21.00', '-$1.00', 'Rush']) {
      expect(text).toContain(shown);
    }
    expect(flow.findByTestId(TableCell, 'review-total').text).toBe('$1,234.50');
    expect(text).toContain('contract.pdf (20 KB)');
    expect(text).toContain('huge-scan.tif (12.0 MB)');
    expect(text).toContain('Too large: will not be attached');
    expect(text).toContain('Customer is on credit hold');

    flow.findByTestId(Button, 'edit-customer').trigger('onClick');
    await onTab(flow, 1);
    expect(flow.findByTestId(Tile, 'customer-suggestion')).toBeDefined();
  });

  it('creates the order once, shows its number, link and attachments, and refreshes the card', async () => {
    const pending = deferred();
    backend.on('POST', SUBMIT, pending.handler);
    const order = makeOrder({ number: 'SO2077', url: 'https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id=777' });
    const flow = openFlow(makeDraft('review'));
    await onTab(flow, 3);

    flow.findByTestId(LoadingButton, 'flow-submit').trigger('onClick');
    flow.findByTestId(LoadingButton, 'flow-submit').trigger('onClick');
    await flow.waitFor(() => expect(flow.findByTestId(LoadingButton, 'flow-submit').props.loading).toBe(true));
    expect(flow.findByTestId(LoadingButton, 'flow-submit').props.disabled).toBe(true);
    pending.release({
      status: 200,
      body: {
        draft: makeDraft('review', { status: 'created', result: { order, attachments: [] } }),
        order,
        attachments: [
          { name: 'contract.pdf', size: 20480, status: 'attached', message: null },
          { name: 'huge-scan.tif', size: 12582912, status: 'too_large', message: 'Over the 7.5 MB RESTlet limit' },
        ],
      },
    });
    await flow.waitFor(() => expect(flow.find(Alert, { title: 'Sales order SO2077 created' })).toBeDefined());

    expect(backend.callsTo('POST', SUBMIT)).toHaveLength(1);
    expect(backend.callsTo('POST', SUBMIT)[0]).toMatchObject({ body: { version: 4 }, timeout: 60_000 });
    expect(flow.find(Link).props.href).toEqual({ url: order.url, external: true });
    const text = allText(flow.getRootNode());
    expect(text).toContain('Attached');
    expect(text).toContain('Attach huge-scan.tif in NetSuite yourself');
    expect(flow.onCreated).toHaveBeenCalledTimes(1);
    flow.find(Button, (button) => button.text === 'Done').trigger('onClick');
    expect(flow.onClose).toHaveBeenCalledTimes(1);
  });

  it("edits the form's custom columns per line, shows a cell's server error, and shows the values on Review", async () => {
    const notes = makeField({ id: 'custcol_serial_notes', label: 'Serial Notes', type: 'textarea', required: true });
    const lines = [
      makeLine({ columns: [{ ...notes, default: 'SN-1' }], fields: { custcol_serial_notes: 'SN-1' } }),
      makeLine({ lineId: 'li-2', name: 'Gadget', columns: [notes] }),
    ];
    backend.on(
      'POST',
      step('order'),
      apiError(422, 'validation_failed', 'Please correct 1 field on the Order tab.', {
        fields: { 'lines.li-2.custcol_serial_notes': 'Please enter a value for Serial Notes.' },
      }),
    );
    const flow = openFlow(makeDraft('order', { tab: makeTab('order', { lines }) }));
    await onTab(flow, 2);
    const cell = (lineId: string) => flow.find(TextArea, { name: `line-${lineId}-custcol_serial_notes` });

    expect(allText(flow.findByTestId(Table, 'order-lines'))).toContain('Serial Notes');
    expect([cell('li-1').props.value, cell('li-2').props.value]).toEqual(['SN-1', '']);
    expect(cell('li-2').props.required).toBe(true);
    next(flow).trigger('onClick');
    await flow.waitFor(() => expect(cell('li-2').props.validationMessage).toBe('Please enter a value for Serial Notes.'));
    expect(cell('li-1').props.error).toBe(false);
    fire(cell('li-2'), 'onChange', 'SN-2');
    expect(cell('li-2').props.error).toBe(false);

    const reviewLines = [
      { item: 'WIDGET-1', description: 'Widget', quantity: 2, rate: '10.50', amount: '21.00', fields: [{ id: 'custcol_serial_notes', label: 'Serial Notes', value: 'SN-1' }] },
      { item: 'WIDGET-1', description: 'Gadget', quantity: 2, rate: '10.50', amount: '21.00', fields: [{ id: 'custcol_serial_notes', label: 'Serial Notes', value: 'SN-2' }] },
    ];
    backend.on('POST', step('order'), {
      status: 200,
      body: makeDraft('review', { tab: makeTab('review', { summary: makeSummary({ lines: reviewLines }) }) }),
    });
    next(flow).trigger('onClick');
    await onTab(flow, 3);
    const posted = backend.callsTo('POST', step('order'))[1]?.body?.values as Record<string, unknown>;
    expect(posted.lines).toEqual([
      { lineId: 'li-1', itemId: '77', quantity: 2, rate: null, fields: { custcol_serial_notes: 'SN-1' } },
      { lineId: 'li-2', itemId: '77', quantity: 2, rate: null, fields: { custcol_serial_notes: 'SN-2' } },
    ]);
    const review = allText(flow.findByTestId(Table, 'review-lines'));
    for (const shown of ['Serial Notes', 'SN-1', 'SN-2']) expect(review).toContain(shown);
  });

  it('reads the form from NetSuite again on request and keeps what the rep typed', async () => {
    const notes = makeField({ id: 'custcol_serial_notes', label: 'Serial Notes', type: 'textarea' });
    const before = makeDraft('order', { tab: makeTab('order', { lines: [makeLine({ columns: [notes] })] }) });
    const orderFields = makeTab('order').fields;
    const after = makeDraft('order', {
      tab: makeTab('order', {
        fields: [makeField({ id: 'otherRefNum', label: 'PO #', required: true }), ...orderFields],
        lines: [makeLine({ columns: [{ ...notes, required: true }] })],
      }),
    });
    const reload = deferred();
    const RELOAD = '/api/v1/drafts/d-1/reload-form';
    backend.on('POST', RELOAD, reload.handler);
    const flow = openFlow(before);
    await onTab(flow, 2);
    const notesCell = () => flow.find(TextArea, { name: 'line-li-1-custcol_serial_notes' });
    fire(flow.find(TextArea, { name: 'memo' }), 'onChange', 'Call first');
    fire(notesCell(), 'onChange', 'SN-7');
    expect(flow.maybeFind(Input, { name: 'otherRefNum' })).toBeNull();

    flow.findByTestId(LoadingButton, 'reload-form').trigger('onClick');
    await flow.waitFor(() => expect(flow.findByTestId(LoadingButton, 'reload-form').props.loading).toBe(true));
    expect(next(flow).props.disabled).toBe(true);
    reload.release({ status: 200, body: after });
    await flow.waitFor(() => expect(flow.maybeFind(Input, { name: 'otherRefNum' })).not.toBeNull());
    expect(backend.callsTo('POST', RELOAD).map((call) => call.body)).toEqual([{}]);
    expect(flow.find(TextArea, { name: 'memo' }).props.value).toBe('Call first');
    expect([notesCell().props.value, notesCell().props.required]).toEqual(['SN-7', true]);
    expect(allText(flow.findByTestId(Alert, 'flow-notice'))).toContain('read again from NetSuite');
    expect(next(flow).props.disabled).toBe(false);

    backend.on('POST', RELOAD, apiError(503, 'netsuite_unavailable', 'NetSuite did not answer in time.'));
    flow.findByTestId(LoadingButton, 'reload-form').trigger('onClick');
    await flow.waitFor(() => expect(allText(flow.findByTestId(Alert, 'flow-action-error'))).toContain('NetSuite did not answer in time.'));
    expect(notesCell().props.value).toBe('SN-7');
  });

  it('takes a NetSuite rejection back to the tab and field it belongs to', async () => {
    const orderTab = makeTab('order', { fields: [makeField({ id: 'custbody_region', label: 'Region' }), ...makeTab('order').fields] });
    backend.on('POST', step('order'), { status: 200, body: makeDraft('review') });
    backend.on(
      'POST',
      SUBMIT,
      apiError(422, 'netsuite_rejected', "NetSuite rejected the order: Region 'Moon' is not valid", {
        fields: {},
        detail: { tab: 'order', field: 'custbody_region', netsuiteMessage: "Invalid custbody_region reference key 'Moon'" },
      }),
    );
    const flow = openFlow(makeDraft('order', { tab: orderTab }));
    await onTab(flow, 2);
    next(flow).trigger('onClick');
    await onTab(flow, 3);

    flow.findByTestId(LoadingButton, 'flow-submit').trigger('onClick');
    await onTab(flow, 2);
    await flow.waitFor(() =>
      expect(flow.find(Input, { name: 'custbody_region' }).props.validationMessage).toBe("Invalid custbody_region reference key 'Moon'"),
    );
    expect(allText(flow.findByTestId(Alert, 'flow-notice'))).toContain("Region 'Moon' is not valid");
  });

  it('reloads the draft another window changed (409 draft_changed) and says so', async () => {
    const current = makeDraft('order', { version: 7 });
    backend.on('POST', step('customer'), apiError(409, 'draft_changed', 'This draft changed', { detail: current }));
    const flow = openFlow(makeDraft('customer'));
    await onTab(flow, 1);

    next(flow).trigger('onClick');
    await onTab(flow, 2);
    expect(allText(flow.findByTestId(Alert, 'flow-notice'))).toContain('changed in another window');
    backend.on('POST', step('order'), { status: 200, body: makeDraft('review') });
    next(flow).trigger('onClick');
    await onTab(flow, 3);
    expect(backend.callsTo('POST', step('order'))[0]?.body?.version).toBe(7);
  });

  it('rebuilds a tab not seen since the reload by re-posting the tab before it; the account tab offers a restart', async () => {
    const resumed = makeDraft('order', { values: { account: { connectionId: 'c-1', subsidiaryId: '1', formId: '68' } } });
    backend.on('POST', step('account'), { status: 200, body: makeDraft('customer', { version: 4 }) });
    const flow = openFlow(resumed);
    await onTab(flow, 2);

    flow.findByTestId(Button, 'flow-back').trigger('onClick');
    await onTab(flow, 1);
    expect(backend.callsTo('POST', step('account'))[0]?.body).toEqual({
      version: 3,
      values: { connectionId: 'c-1', subsidiaryId: '1', formId: '68' },
    });

    flow.findByTestId(Button, 'flow-back').trigger('onClick');
    await onTab(flow, 0);
    backend.on('POST', START, { status: 200, body: makeDraft('account', { id: 'd-1' }) });
    flow.find(Button, (button) => button.text === 'Start over').trigger('onClick');
    await flow.waitFor(() => expect(flow.maybeFind(Select, { name: 'connectionId' })).not.toBeNull());
    expect(backend.callsTo('POST', START).map((call) => call.body)).toEqual([{}, { restart: true }]);
  });

  it('shows why the draft could not load, with Retry', async () => {
    backend.on('POST', START, apiError(502, 'netsuite_auth', 'NetSuite refused the token for Production.'));
    const renderer = createRenderer('crm.record.tab');
    renderer.render(<CreateOrderFlow dealId="123" locale="en-US" onCreated={vi.fn()} onClose={vi.fn()} />);
    await renderer.waitFor(() => expect(allText(renderer.getRootNode())).toContain('Reconnect NetSuite in the app settings'));
    backend.on('POST', START, { status: 200, body: makeDraft('account') });
    renderer.find(Button).trigger('onClick');
    await renderer.waitFor(() => expect(renderer.find(StepIndicator).props.currentStep).toBe(0));
  });
});
