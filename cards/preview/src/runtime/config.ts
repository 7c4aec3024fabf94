/** The page-provided configuration of the preview (`window.__PREVIEW__`), read once per use. */
import type { CrmContext } from '@hubspot/ui-extensions';

export interface PreviewConfig {
  /** URL of the demo backend endpoint that signs and forwards `hubspot.fetch` calls (see README). */
  fetchProxy: string;
  /** id of the element `hubspot.extend` mounts the card into. */
  mountId: string;
  /** The extension context handed to the card, as HubSpot would build it. */
  context: CrmContext;
  /** CRM properties of the record, answered by `actions.fetchCrmObjectProperties`. */
  properties?: Record<string, string>;
  /** The app id HubSpot appends to every fetch URL as `appId` (defaults to `context.extension.appId`). */
  appId?: number | string;
  /** Append `appId`, `portalId`, `userId`, `userEmail` to fetch URLs like HubSpot does (default true). */
  appendQuery?: boolean;
}

declare global {
  interface Window {
    __PREVIEW__?: Partial<PreviewConfig>;
  }
}

export class PreviewConfigError extends Error {
  override name = 'PreviewConfigError';
}

export function readConfig(): Partial<PreviewConfig> {
  return (typeof window === 'undefined' ? undefined : window.__PREVIEW__) ?? {};
}

export function requireConfig<K extends keyof PreviewConfig>(key: K): PreviewConfig[K] {
  const value = readConfig()[key];
  if (value === undefined || value === null || value === '') {
    throw new PreviewConfigError(`window.__PREVIEW__.${String(key)} is not set by the page`);
  }
  return value as PreviewConfig[K];
}

/** Dispatch a DOM event so the page (and browser tests) can observe what the card asked the host to do. */
export function announce(action: string, detail: Record<string, unknown> = {}): void {
  window.dispatchEvent(new CustomEvent('uie-preview:action', { detail: { action, ...detail } }));
}
