/** `@hubspot/ui-extensions/crm` for the preview: `useCrmProperties` answers from `window.__PREVIEW__.properties`. */
import { useCallback, useEffect, useState } from 'react';
import type { useCrmProperties as SdkUseCrmProperties } from '@hubspot/ui-extensions/crm';
import { readConfig } from './runtime/config.ts';

export type * from '@hubspot/ui-extensions/crm';
type UseCrmPropertiesResult = ReturnType<typeof SdkUseCrmProperties>;

function read(names: string[]): Record<string, string | null> {
  const all = readConfig().properties ?? {};
  return Object.fromEntries(names.map((name) => [name, all[name] ?? null]));
}

export function useCrmProperties(propertyNames: string[]): UseCrmPropertiesResult {
  const key = propertyNames.join('\u0000');
  const [state, setState] = useState<Omit<UseCrmPropertiesResult, 'refetch'>>({ properties: {}, error: null, isLoading: true, isRefetching: false });
  const load = useCallback(async () => {
    setState((previous) => ({ ...previous, isRefetching: !previous.isLoading }));
    // Resolved asynchronously, as HubSpot does, so cards exercise their loading state.
    await Promise.resolve();
    setState({ properties: read(key ? key.split('\u0000') : []), error: null, isLoading: false, isRefetching: false });
  }, [key]);
  useEffect(() => {
    void load();
  }, [load]);
  return { ...state, refetch: load };
}
