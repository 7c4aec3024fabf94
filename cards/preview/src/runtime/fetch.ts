/**
 * `hubspot.fetch` for the preview: the browser never calls the backend route itself. It POSTs a description of the
 * request to the demo proxy (`window.__PREVIEW__.fetchProxy`), which signs it like HubSpot (v3) and forwards it.
 * Protocol: cards/preview/README.md ("fetch proxy protocol").
 */
import type { HubSpotFetchOptions, HubSpotFetchRequestURI } from '@hubspot/ui-extensions';
import { readConfig, requireConfig } from './config.ts';

export const DEFAULT_TIMEOUT_MS = 15_000;
export const MAX_TIMEOUT_MS = 120_000;
export const MAX_PAYLOAD_BYTES = 1024 * 1024;
const METHODS = new Set(['GET', 'POST', 'PUT', 'DELETE', 'PATCH']);

/** What the page's proxy endpoint receives. */
export interface ProxyRequest {
  url: string;
  method: string;
  /** Exactly `JSON.stringify(body)` as the card passed it, or null; the proxy sends and signs these bytes. */
  body: string | null;
  headers: Record<string, string>;
  timeout: number;
}

/** What the proxy answers (HTTP 200) for any upstream response; `body` is the upstream response text. */
export interface ProxyResponse {
  status: number;
  headers?: Record<string, string>;
  body?: string | null;
}

export class HubSpotFetchError extends Error {
  override name = 'HubSpotFetchError';
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}

function normalizeHeaders(headers: HubSpotFetchOptions['headers']): Record<string, string> {
  const entries: [string, string][] =
    headers === undefined ? [] : headers instanceof Headers ? [...headers.entries()] : Object.entries(headers);
  return Object.fromEntries(entries.map(([k, v]) => [k.toLowerCase(), String(v)]));
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** HubSpot appends these to every hubspot.fetch URL before signing it. */
function withHubSpotQuery(url: URL): URL {
  const config = readConfig();
  if (config.appendQuery === false || !config.context) return url;
  const { context } = config;
  const appId = config.appId ?? context.extension?.appId;
  const params: [string, string | number | undefined][] = [
    ['appId', appId],
    ['portalId', context.portal?.id],
    ['userId', context.user?.id],
    ['userEmail', context.user?.email],
  ];
  for (const [name, value] of params) {
    if (value !== undefined && value !== '' && !url.searchParams.has(name)) url.searchParams.append(name, String(value));
  }
  return url;
}

function toResponse(answer: ProxyResponse): Response {
  const { status } = answer;
  if (!Number.isInteger(status) || status < 200 || status > 599) {
    throw new HubSpotFetchError(`the fetch proxy answered an invalid upstream status: ${String(status)}`);
  }
  const text = answer.body ?? '';
  if (byteLength(text) > MAX_PAYLOAD_BYTES) {
    throw new HubSpotFetchError('hubspot.fetch response exceeds the 1 MB limit');
  }
  const nullBody = status === 204 || status === 205 || status === 304;
  return new Response(nullBody ? null : text, { status, headers: answer.headers ?? {} });
}

type Attempt = { kind: 'response'; response: Response } | { kind: 'connect-error'; message: string };

async function callProxy(proxy: string, request: ProxyRequest, signal: AbortSignal): Promise<Attempt> {
  let raw: Response;
  try {
    raw = await window.fetch(proxy, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
      signal,
      credentials: 'same-origin',
    });
  } catch (error) {
    if (signal.aborted) throw error;
    return { kind: 'connect-error', message: `the preview fetch proxy is unreachable: ${String(error)}` };
  }
  // 502 from the proxy itself means it could not reach the upstream (a connection problem, not an upstream 502).
  if (raw.status === 502 && raw.headers.get('x-preview-proxy-error') === 'connect') {
    return { kind: 'connect-error', message: await raw.text() };
  }
  if (!raw.ok) {
    throw new HubSpotFetchError(`the preview fetch proxy failed with HTTP ${raw.status}: ${await raw.text()}`);
  }
  return { kind: 'response', response: toResponse((await raw.json()) as ProxyResponse) };
}

export async function fetch(url: HubSpotFetchRequestURI, options: HubSpotFetchOptions = {}): Promise<Response> {
  const method = (options.method ?? 'GET').toUpperCase();
  if (!METHODS.has(method)) throw new HubSpotFetchError(`hubspot.fetch does not support the method ${method}`);
  let target: URL;
  try {
    target = new URL(String(url));
  } catch {
    throw new HubSpotFetchError(`hubspot.fetch needs an absolute URL, got ${String(url)}`);
  }
  const headers = normalizeHeaders(options.headers);
  const extra = Object.keys(headers).filter((name) => name !== 'authorization');
  if (extra.length > 0) {
    // Same answer as HubSpot's own local proxy, which mirrors production.
    return jsonResponse(400, {
      status: 'error',
      category: 'VALIDATION_ERROR',
      message: "Invalid Request Headers provided. Only 'Authorization' header is allowed from hubspot.fetch()",
    });
  }
  let body: string | null = null;
  if (options.body !== undefined && method !== 'GET') {
    if (options.body === null || typeof options.body !== 'object' || Array.isArray(options.body)) {
      throw new HubSpotFetchError('hubspot.fetch only sends JSON object bodies');
    }
    body = JSON.stringify(options.body);
    if (byteLength(body) > MAX_PAYLOAD_BYTES) throw new HubSpotFetchError('hubspot.fetch request body exceeds 1 MB');
  }
  const requested = options.timeout ?? DEFAULT_TIMEOUT_MS;
  if (!Number.isFinite(requested) || requested <= 0) throw new HubSpotFetchError('timeout must be a positive number');
  const timeout = Math.min(requested, MAX_TIMEOUT_MS);

  const proxy = requireConfig('fetchProxy');
  const request: ProxyRequest = { url: withHubSpotQuery(target).toString(), method, body, headers, timeout };
  const controller = new AbortController();
  const deadline = Date.now() + timeout;
  const timer = setTimeout(() => controller.abort(), timeout);
  try {
    let attempt = await callProxy(proxy, request, controller.signal);
    // HubSpot retries once on a connection problem or a 5XX answer, if the timeout window allows.
    const retryable =
      attempt.kind === 'connect-error' || (attempt.kind === 'response' && attempt.response.status >= 500);
    if (retryable && Date.now() < deadline) {
      attempt = await callProxy(proxy, { ...request, timeout: deadline - Date.now() }, controller.signal);
    }
    if (attempt.kind === 'connect-error') throw new HubSpotFetchError(attempt.message);
    return attempt.response;
  } catch (error) {
    if (controller.signal.aborted) {
      throw new HubSpotFetchError(`hubspot.fetch timed out after ${timeout} ms: ${method} ${target.pathname}`);
    }
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
