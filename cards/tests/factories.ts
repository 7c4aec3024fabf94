/** Backend bodies as docs/api.md shapes them, with overrides per test. */
import type { Connection, Draft, FieldDescriptor, Line, Order, SalesOrderList, StepId, Summary, Tab } from '../src/api';

export function makeOrder(overrides: Partial<Order> = {}): Order {
  return {
    linkId: 'l-1',
    connectionId: 'c-1',
    accountLabel: 'Production',
    netsuiteId: '501',
    number: 'SO1042',
    date: '2026-11-02',
    status: { code: 'B', label: 'Pending Fulfillment', tone: 'info' },
    total: '1250.00',
    currency: 'USD',
    customer: 'Acme Corp',
    url: 'https://1234567.app.netsuite.com/app/accounting/transactions/salesord.nl?id=501',
    createdVia: 'card',
    createdBy: 'rep@example.com',
    refreshedAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

export function makeList(overrides: Partial<SalesOrderList> = {}): SalesOrderList {
  return {
    dealId: '123',
    connected: true,
    connections: [{ id: 'c-1', label: 'Production', accountId: '1234567', state: 'ok', message: null }],
    orders: [makeOrder()],
    stale: null,
    ...overrides,
  };
}

export function makeField(overrides: Partial<FieldDescriptor> & Pick<FieldDescriptor, 'id'>): FieldDescriptor {
  return {
    label: overrides.id,
    type: 'text',
    required: false,
    readOnly: false,
    options: null,
    optionsEndpoint: null,
    default: null,
    help: null,
    error: null,
    placeholder: null,
    ...overrides,
  };
}

export function makeLine(overrides: Partial<Line> = {}): Line {
  return {
    lineId: 'li-1',
    name: 'Widget',
    sku: 'WIDGET-1',
    quantity: 2,
    hubspotPrice: '10.50',
    discount: null,
    currency: 'USD',
    match: 'matched',
    item: { id: '77', itemId: 'WIDGET-1', displayName: 'Blue widget', type: 'InvtPart', typeLabel: 'Inventory item', basePrice: '10.50' },
    candidates: [],
    rate: '10.50',
    amount: '21.00',
    message: null,
    columns: [],
    fields: {},
    ...overrides,
  };
}

export function makeSummary(overrides: Partial<Summary> = {}): Summary {
  return {
    customer: { id: '42', name: 'Acme Corp' },
    subsidiary: { id: '1', name: 'Honeycomb US' },
    form: { id: '68', name: 'Standard Sales Order' },
    currency: 'USD',
    lines: [{ item: 'WIDGET-1', description: 'Blue widget', quantity: 2, rate: '10.50', amount: '21.00', fields: [] }],
    subtotal: '21.00',
    discount: '0.00',
    total: '21.00',
    fields: [{ id: 'memo', label: 'Memo', value: 'Rush' }],
    attachments: [
      { name: 'contract.pdf', size: 20480, status: 'will_attach' },
      { name: 'huge-scan.tif', size: 12 * 1024 * 1024, status: 'too_large' },
    ],
    warnings: [],
    ...overrides,
  };
}

const ACCOUNT_FIELDS: FieldDescriptor[] = [
  makeField({ id: 'connectionId', label: 'NetSuite account', type: 'select', required: true, options: [{ value: 'c-1', label: 'Production' }], default: 'c-1' }),
  makeField({ id: 'subsidiaryId', label: 'Subsidiary', type: 'select', required: true, options: [{ value: '1', label: 'Honeycomb US' }] }),
  makeField({ id: 'formId', label: 'Form', type: 'select', required: true, options: [{ value: '68', label: 'Standard Sales Order' }] }),
];

export function makeTab(step: StepId, overrides: Partial<Tab> = {}): Tab {
  const fields: Record<StepId, FieldDescriptor[]> = {
    account: ACCOUNT_FIELDS,
    customer: [
      makeField({ id: 'customerMode', label: 'Customer', type: 'select', required: true, options: [{ value: 'existing', label: 'Existing' }, { value: 'new', label: 'New' }], default: 'existing' }),
      makeField({ id: 'customerId', label: 'NetSuite customer', type: 'searchable_select', required: true, optionsEndpoint: '/api/v1/drafts/d-1/options/customerId', default: '42', options: [{ value: '42', label: 'Acme Corp' }] }),
      makeField({ id: 'companyName', label: 'Company name', default: 'Acme Corp' }),
      makeField({ id: 'email', label: 'Email', default: 'billing@acme.com' }),
    ],
    order: [
      makeField({ id: 'memo', label: 'Memo', type: 'textarea' }),
      makeField({ id: 'priceSource', label: 'Price source', type: 'select', required: true, options: [{ value: 'hubspot', label: 'HubSpot' }, { value: 'netsuite', label: 'NetSuite' }], default: 'hubspot' }),
      makeField({ id: 'includeAttachments', label: 'Include attachments', type: 'checkbox', default: false }),
      makeField({ id: 'folderId', label: 'Folder', type: 'select', required: true, options: [{ value: '9', label: 'Sales orders' }] }),
    ],
    review: [],
  };
  return {
    step,
    fields: fields[step],
    notices: [],
    lines: step === 'order' ? [makeLine()] : null,
    summary: step === 'review' ? makeSummary() : null,
    suggestion:
      step === 'customer'
        ? {
            customerId: '42',
            name: 'Acme Corp',
            reason: 'email',
            explanation: "Same email domain as the deal's company (acme.com)",
            alternatives: [{ customerId: '43', name: 'Acme Europe', reason: 'name', explanation: 'Similar name' }],
          }
        : null,
    ...overrides,
  };
}

export function makeDraft(step: StepId, overrides: Partial<Draft> = {}): Draft {
  const order = ['account', 'customer', 'order', 'review'] as const;
  const index = order.indexOf(step);
  return {
    id: 'd-1',
    dealId: '123',
    status: 'open',
    version: index + 1,
    step,
    steps: order.map((id, i) => ({ id, label: id[0]!.toUpperCase() + id.slice(1), complete: i < index })),
    tab: makeTab(step),
    values: {},
    result: null,
    error: null,
    ...overrides,
  };
}

export function makeConnection(overrides: Partial<Connection> = {}): Connection {
  return {
    id: 'c-1',
    label: 'Production',
    accountId: '1234567',
    authKind: 'm2m',
    restBaseUrl: null,
    restletUrl: 'https://1234567.restlets.api.netsuite.com/app/site/hosting/restlet.nl?script=1&deploy=1',
    concurrencyLimit: 5,
    defaults: { subsidiaryId: '1', formId: '68', priceSource: 'hubspot', customerSource: 'company', folderId: null },
    credentialHint: 'certificate …a1b2',
    createdAt: '2026-11-01T09:00:00Z',
    ...overrides,
  };
}
