/**
 * A fake of the backend behind `hubspot.fetch`: answers per "METHOD /path", records every call.
 * Test files route `hubspot.fetch` here with vi.mock (see mockUiExtensions.ts).
 */
import type { HubSpotFetchOptions } from '@hubspot/ui-extensions';

import { API_BASE_URL } from '../src/config';

export interface Reply {
  status: number;
  body?: unknown;
  /** A raw text body (to send something that is not JSON). */
  text?: string;
}

export interface RecordedCall {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, unknown> | undefined;
  timeout: number | undefined;
}

type Handler = (call: RecordedCall) => Reply | Promise<Reply>;

function toResponse(reply: Reply): Response {
  if (reply.text !== undefined) return new Response(reply.text, { status: reply.status });
  if (reply.body === undefined) return new Response(null, { status: reply.status });
  return new Response(JSON.stringify(reply.body), { status: reply.status, headers: { 'content-type': 'application/json' } });
}

export class FakeBackend {
  calls: RecordedCall[] = [];
  private routes = new Map<string, Handler>();

  reset(): void {
    this.calls = [];
    this.routes.clear();
  }

  /** Answers `method path` with a fixed reply, or a function of the call (which may return a pending promise). */
  on(method: string, path: string, reply: Reply | Handler): this {
    this.routes.set(`${method} ${path}`, typeof reply === 'function' ? reply : () => reply);
    return this;
  }

  callsTo(method: string, path: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method && call.path === path);
  }

  readonly fetch = async (url: string | URL, options: HubSpotFetchOptions = {}): Promise<Response> => {
    const parsed = new URL(String(url));
    if (parsed.origin !== API_BASE_URL) throw new Error(`fetch outside the backend: ${String(url)}`);
    const method = options.method ?? 'GET';
    const call: RecordedCall = {
      method,
      path: parsed.pathname,
      query: Object.fromEntries(parsed.searchParams),
      body: options.body,
      timeout: options.timeout,
    };
    this.calls.push(call);
    const handler = this.routes.get(`${method} ${call.path}`);
    if (!handler) {
      return toResponse({ status: 500, body: { error: 'no_fake_route', message: `No fake route for ${method} ${call.path}` } });
    }
    const reply = await handler(call);
    if (reply.status === -1) throw new Error('network down');
    return toResponse(reply);
  };
}

export const backend = new FakeBackend();

/** A reply the test releases when it wants (to see loading states). */
export function deferred(): { handler: Handler; release: (reply: Reply) => void } {
  let release: (reply: Reply) => void = () => undefined;
  const pending = new Promise<Reply>((resolve) => {
    release = resolve;
  });
  return { handler: () => pending, release };
}

export function apiError(status: number, error: string, message: string, extra: { fields?: Record<string, string>; detail?: unknown } = {}): Reply {
  return { status, body: { error, message, ...extra } };
}
