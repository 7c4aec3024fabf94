/**
 * The only caller of `hubspot.fetch`: one function per backend endpoint of docs/api.md.
 * Every answer is parsed with zod; every failure becomes an `ApiError` the components can react to.
 */
import { hubspot } from '@hubspot/ui-extensions';
import { z } from 'zod';

import {
  ConnectionListSchema,
  ConnectionOptionsSchema,
  ConnectionSchema,
  ConnectionTestSchema,
  CreatedConnectionSchema,
  DraftSchema,
  ErrorBodySchema,
  LineValueSchema,
  LinkedOrderSchema,
  MetadataReloadSchema,
  OptionsPageSchema,
  SalesOrderListSchema,
  SubmitRejectionSchema,
  SubmitResultSchema,
  type Connection,
  type ConnectionDefaults,
  type ConnectionTest,
  type CreatedConnection,
  type Draft,
  type LineValue,
  type MetadataReload,
  type Option,
  type OptionsPage,
  type Order,
  type SalesOrderList,
  type StepId,
  type SubmitRejection,
  type SubmitResult,
} from './apiSchemas';
import { API_BASE_URL } from './config';

/** hubspot.fetch's own default; the card list must answer within it (the backend falls back to stale values). */
export const LIST_TIMEOUT_MS = 15_000;
/** Creating the order waits for NetSuite and the attachments; hubspot.fetch allows up to 120 s. */
export const SUBMIT_TIMEOUT_MS = 60_000;
const DEFAULT_TIMEOUT_MS = 15_000;

/** A failed backend call: HTTP status (0 when nothing came back), the backend's error code and sentence. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: Readonly<Record<string, string>>;
  readonly detail: unknown;

  constructor(init: { status: number; code: string; message: string; fields?: Record<string, string>; detail?: unknown }) {
    super(init.message);
    this.name = 'ApiError';
    this.status = init.status;
    this.code = init.code;
    this.fields = init.fields ?? {};
    this.detail = init.detail;
  }
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface RequestOptions {
  body?: Record<string, unknown>;
  query?: Record<string, string>;
  timeout?: number;
}

async function send(method: Method, path: string, options: RequestOptions = {}): Promise<Response> {
  const query = options.query ? `?${new URLSearchParams(options.query).toString()}` : '';
  const url = `${API_BASE_URL}${path}${query}`;
  let response: Response;
  try {
    // JSON bodies only, no custom headers: hubspot.fetch signs the request and adds the portal and user.
    response = await hubspot.fetch(url, {
      method,
      timeout: options.timeout ?? DEFAULT_TIMEOUT_MS,
      ...(options.body !== undefined ? { body: options.body } : {}),
    });
  } catch {
    throw new ApiError({
      status: 0,
      code: 'network',
      message: 'The Sales orders server did not answer in time. Retry in a moment.',
    });
  }
  if (!response.ok) {
    throw await errorFrom(response);
  }
  return response;
}

async function errorFrom(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): fall through to the generic message.
  }
  const parsed = ErrorBodySchema.safeParse(body);
  if (parsed.success) {
    return new ApiError({
      status: response.status,
      code: parsed.data.error,
      message: parsed.data.message,
      fields: parsed.data.fields ?? {},
      detail: parsed.data.detail,
    });
  }
  return new ApiError({
    status: response.status,
    code: 'http_error',
    message: `The Sales orders server answered with an error (HTTP ${response.status}). Retry in a moment.`,
  });
}

async function parse<S extends z.ZodType>(response: Response, schema: S, what: string): Promise<z.output<S>> {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    throw malformed(response.status, what, 'the body is not JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw malformed(response.status, what, z.prettifyError(result.error).replace(/\n/g, '; '));
  }
  return result.data;
}

function malformed(status: number, what: string, why: string): ApiError {
  return new ApiError({
    status,
    code: 'bad_response',
    message: `The Sales orders server sent ${what} this card does not understand (${why}).`,
  });
}

async function call<S extends z.ZodType>(
  method: Method,
  path: string,
  schema: S,
  what: string,
  options?: RequestOptions,
): Promise<z.output<S>> {
  return parse(await send(method, path, options), schema, what);
}

const id = encodeURIComponent;

// ---- Sales orders card ---------------------------------------------------------------------------------

export async function listSalesOrders(dealId: string, options: { refresh?: boolean } = {}): Promise<SalesOrderList> {
  return call('GET', `/api/v1/deals/${id(dealId)}/sales-orders`, SalesOrderListSchema, 'a list of orders', {
    timeout: LIST_TIMEOUT_MS,
    ...(options.refresh ? { query: { refresh: '1' } } : {}),
  });
}

export async function linkSalesOrder(dealId: string, link: { connectionId: string; number: string }): Promise<Order> {
  const { order } = await call('POST', `/api/v1/deals/${id(dealId)}/sales-orders/links`, LinkedOrderSchema, 'a linked order', {
    body: link,
  });
  return order;
}

export async function unlinkSalesOrder(dealId: string, linkId: string): Promise<void> {
  await send('DELETE', `/api/v1/deals/${id(dealId)}/sales-orders/links/${id(linkId)}`);
}

// ---- Creation flow -------------------------------------------------------------------------------------

export async function startDraft(dealId: string, options: { restart?: boolean } = {}): Promise<Draft> {
  return call('POST', `/api/v1/deals/${id(dealId)}/drafts`, DraftSchema, 'an order draft', {
    body: options.restart ? { restart: true } : {},
  });
}

export async function getDraft(draftId: string): Promise<Draft> {
  return call('GET', `/api/v1/drafts/${id(draftId)}`, DraftSchema, 'an order draft');
}

export async function saveDraftStep(
  draftId: string,
  step: StepId,
  answer: { version: number; values: Record<string, unknown> },
): Promise<Draft> {
  return call('POST', `/api/v1/drafts/${id(draftId)}/steps/${step}`, DraftSchema, 'an order draft', { body: answer });
}

/** The Order tab rebuilt from the chosen form as NetSuite has it now (the server re-reads it live). */
export async function reloadDraftForm(draftId: string): Promise<Draft> {
  return call('POST', `/api/v1/drafts/${id(draftId)}/reload-form`, DraftSchema, 'an order draft', { body: {} });
}

/** Options of a field whose descriptor names an `optionsEndpoint` (a backend path such as /api/v1/drafts/…/options/customerId). */
export async function fetchFieldOptions(optionsEndpoint: string, q: string): Promise<OptionsPage> {
  if (!optionsEndpoint.startsWith('/api/v1/')) {
    throw new ApiError({ status: 0, code: 'bad_response', message: `Unexpected options endpoint ${optionsEndpoint}.` });
  }
  return call('GET', optionsEndpoint, OptionsPageSchema, 'a list of options', { query: { q } });
}

export function draftOptionsEndpoint(draftId: string, fieldId: string): string {
  return `/api/v1/drafts/${id(draftId)}/options/${id(fieldId)}`;
}

export async function submitDraft(draftId: string, version: number): Promise<SubmitResult> {
  return call('POST', `/api/v1/drafts/${id(draftId)}/submit`, SubmitResultSchema, 'the created order', {
    body: { version },
    timeout: SUBMIT_TIMEOUT_MS,
  });
}

export async function discardDraft(draftId: string): Promise<void> {
  await send('POST', `/api/v1/drafts/${id(draftId)}/discard`, { body: {} });
}

/** The current draft carried by a `409 draft_changed`, or null when the error is something else. */
export function draftFromConflict(error: unknown): Draft | null {
  if (!(error instanceof ApiError) || error.code !== 'draft_changed') return null;
  const parsed = DraftSchema.safeParse(error.detail);
  return parsed.success ? parsed.data : null;
}

/** The order lines a draft already accepted (so a resumed flow keeps the items the rep picked). */
export function storedLineValues(orderValues: Record<string, unknown> | undefined): LineValue[] {
  const parsed = z.array(LineValueSchema).safeParse(orderValues?.lines);
  return parsed.success ? parsed.data : [];
}

/** Where a NetSuite rejection of the order belongs (`detail.tab`, `detail.field`), or null. */
export function submitRejection(error: unknown): SubmitRejection | null {
  if (!(error instanceof ApiError)) return null;
  const parsed = SubmitRejectionSchema.safeParse(error.detail);
  return parsed.success ? parsed.data : null;
}

// ---- Settings page -------------------------------------------------------------------------------------

interface ConnectionCommon {
  label: string;
  accountId: string;
  restBaseUrl?: string;
  restletUrl?: string;
  concurrencyLimit?: number;
}
export type NewConnection =
  | (ConnectionCommon & { authKind: 'tba'; tokenId: string; tokenSecret: string })
  | (ConnectionCommon & { authKind: 'm2m'; clientId: string; certificateId: string; privateKey: string });

export interface ConnectionPatch {
  label?: string;
  defaults?: Partial<ConnectionDefaults>;
  restletUrl?: string;
  concurrencyLimit?: number;
}

export async function listConnections(): Promise<Connection[]> {
  const { connections } = await call('GET', '/api/v1/settings/connections', ConnectionListSchema, 'a list of connections');
  return connections;
}

/** The server tests the credentials against NetSuite before it saves them (422 connection_test_failed). */
export async function createConnection(connection: NewConnection): Promise<CreatedConnection> {
  return call('POST', '/api/v1/settings/connections', CreatedConnectionSchema, 'a saved connection', {
    body: { ...connection },
    timeout: SUBMIT_TIMEOUT_MS,
  });
}

export async function testConnection(connectionId: string): Promise<ConnectionTest> {
  return call('POST', `/api/v1/settings/connections/${id(connectionId)}/test`, ConnectionTestSchema, 'a test result', {
    body: {},
    timeout: SUBMIT_TIMEOUT_MS,
  });
}

/** Forgets the connection's cached form metadata: the next order reads its forms from NetSuite. */
export async function reloadConnectionMetadata(connectionId: string): Promise<MetadataReload> {
  return call('POST', `/api/v1/settings/connections/${id(connectionId)}/reload-metadata`, MetadataReloadSchema, 'a reload result', {
    body: {},
  });
}

export async function updateConnection(connectionId: string, patch: ConnectionPatch): Promise<Connection> {
  return call('PATCH', `/api/v1/settings/connections/${id(connectionId)}`, ConnectionSchema, 'a connection', {
    body: { ...patch },
  });
}

export async function deleteConnection(connectionId: string): Promise<void> {
  await send('DELETE', `/api/v1/settings/connections/${id(connectionId)}`);
}

export type ConnectionOptionKind = 'subsidiaries' | 'forms' | 'folders';

export async function connectionOptions(connectionId: string, kind: ConnectionOptionKind): Promise<Option[]> {
  const { options } = await call('GET', `/api/v1/connections/${id(connectionId)}/${kind}`, ConnectionOptionsSchema, `a list of ${kind}`);
  return options;
}

export type * from './apiSchemas';
export { STEP_IDS } from './apiSchemas';
