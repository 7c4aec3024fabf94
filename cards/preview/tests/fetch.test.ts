import { describe, expect, it, vi } from 'vitest';
import { hubspot } from '@hubspot/ui-extensions';
import type { ProxyRequest } from '../src/runtime/fetch.ts';
import { installPreview, proxyAnswer } from './fixtures.ts';

function mockProxy(...answers: (Response | Error)[]) {
  const spy = vi.spyOn(window, 'fetch');
  for (const answer of answers) {
    if (answer instanceof Error) spy.mockRejectedValueOnce(answer);
    else spy.mockResolvedValueOnce(answer);
  }
  return spy;
}

function sent(spy: ReturnType<typeof mockProxy>, call = 0): { url: string; init: RequestInit; request: ProxyRequest } {
  const [url, init] = spy.mock.calls[call] as [string, RequestInit];
  return { url, init, request: JSON.parse(String(init.body)) as ProxyRequest };
}

describe('hubspot.fetch', () => {
  it('posts the request to the proxy, with HubSpot query params, and maps the answer to a Response', async () => {
    installPreview();
    const spy = mockProxy(proxyAnswer(201, { id: 'SO-1' }));
    const response = await hubspot.fetch('https://api.example.com/api/v1/deals/4242/drafts?x=1', { method: 'POST', body: { step: 'account', n: 1 }, timeout: 30_000 });
    const { url, init, request } = sent(spy);
    expect(url).toBe('/preview/fetch');
    expect(init.method).toBe('POST');
    expect(request).toEqual({
      url: 'https://api.example.com/api/v1/deals/4242/drafts?x=1&appId=31337&portalId=987654&userId=7&userEmail=rep%40example.com',
      method: 'POST',
      body: '{"step":"account","n":1}',
      headers: {},
      timeout: 30_000,
    });
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(201);
    expect(response.ok).toBe(true);
    expect(await response.json()).toEqual({ id: 'SO-1' });
  });

  it('defaults to GET with a 15 s timeout, never sends a GET body, and caps the timeout at 120 s', async () => {
    installPreview({ appendQuery: false });
    const spy = mockProxy(proxyAnswer(404, { error: 'not_found' }), proxyAnswer(200, 'plain', { 'content-type': 'text/plain' }));
    const missing = await hubspot.fetch('https://api.example.com/a', { body: { ignored: true } });
    expect(sent(spy).request).toMatchObject({ url: 'https://api.example.com/a', method: 'GET', body: null, timeout: 15_000 });
    expect(missing.ok).toBe(false);
    expect(missing.status).toBe(404);
    const text = await hubspot.fetch(new URL('https://api.example.com/b'), { timeout: 500_000 });
    expect(sent(spy, 1).request.timeout).toBe(120_000);
    expect(await text.text()).toBe('plain');
  });

  it('retries once on a 5XX answer, like HubSpot', async () => {
    installPreview();
    const spy = mockProxy(proxyAnswer(503, { error: 'busy' }), proxyAnswer(200, { ok: true }));
    const response = await hubspot.fetch('https://api.example.com/a');
    expect(spy).toHaveBeenCalledTimes(2);
    expect(response.status).toBe(200);
  });

  it('retries once when the proxy cannot connect, then fails', async () => {
    installPreview();
    const connectError = () => new Response('connection refused', { status: 502, headers: { 'x-preview-proxy-error': 'connect' } });
    const spy = mockProxy(connectError(), connectError());
    await expect(hubspot.fetch('https://api.example.com/a')).rejects.toThrow('connection refused');
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('rejects bodies over 1 MB and non-JSON bodies before calling the proxy', async () => {
    installPreview();
    const spy = mockProxy();
    await expect(hubspot.fetch('https://api.example.com/a', { method: 'POST', body: { blob: 'x'.repeat(1024 * 1024) } })).rejects.toThrow('1 MB');
    await expect(hubspot.fetch('https://api.example.com/a', { method: 'POST', body: ['a'] as unknown as Record<string, unknown> })).rejects.toThrow('JSON object');
    await expect(hubspot.fetch('/relative')).rejects.toThrow('absolute URL');
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers 400 VALIDATION_ERROR for headers other than Authorization, and forwards Authorization', async () => {
    installPreview();
    const spy = mockProxy(proxyAnswer(200, {}));
    const refused = await hubspot.fetch('https://api.example.com/a', { headers: { 'X-Custom': '1' } });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ category: 'VALIDATION_ERROR' });
    await hubspot.fetch('https://api.example.com/a', { headers: { Authorization: 'Bearer t' } });
    expect(sent(spy).request.headers).toEqual({ authorization: 'Bearer t' });
  });

  it('times out after the requested timeout', async () => {
    installPreview();
    vi.spyOn(window, 'fetch').mockImplementation(
      (_url, init) =>
        new Promise((_resolve, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
        }),
    );
    await expect(hubspot.fetch('https://api.example.com/slow', { timeout: 50 })).rejects.toThrow('timed out after 50 ms');
  });

  it('fails clearly when the page did not configure the proxy', async () => {
    await expect(hubspot.fetch('https://api.example.com/a')).rejects.toThrow('window.__PREVIEW__.fetchProxy');
  });
});
