import type { CrmContext } from '@hubspot/ui-extensions';
import type { PreviewConfig } from '../src/runtime/config.ts';

export function makeContext(overrides: Partial<CrmContext> = {}): CrmContext {
  return {
    location: 'crm.record.tab',
    crm: { objectId: 4242, objectTypeId: '0-3' },
    user: { id: 7, email: 'rep@example.com', emails: ['rep@example.com'], firstName: 'Rita', lastName: 'Rep', roles: [], teams: [], permissions: [], locale: 'en-us' },
    portal: { id: 987654, timezone: 'Europe/Paris' },
    extension: { appId: 31337 },
    ...overrides,
  };
}

export function installPreview(overrides: Partial<PreviewConfig> = {}): PreviewConfig {
  const config: PreviewConfig = { fetchProxy: '/preview/fetch', mountId: 'card-root', context: makeContext(), properties: { dealname: 'Big deal', amount: '1200' }, ...overrides };
  window.__PREVIEW__ = config;
  return config;
}

export function proxyAnswer(status: number, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }): Response {
  return new Response(JSON.stringify({ status, headers, body: typeof body === 'string' ? body : JSON.stringify(body) }), { status: 200, headers: { 'content-type': 'application/json' } });
}
