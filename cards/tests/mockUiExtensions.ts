/**
 * The real @hubspot/ui-extensions components, with `hubspot.fetch` answered by the fake backend and
 * `hubspot.extend` a no-op (the entry modules register themselves on import). In a test file:
 *
 *   vi.mock('@hubspot/ui-extensions', async (importOriginal) =>
 *     (await import('./mockUiExtensions')).withFakeFetch(await importOriginal()));
 */
import type * as UiExtensions from '@hubspot/ui-extensions';

import { backend } from './backend';

export function withFakeFetch(real: typeof UiExtensions): typeof UiExtensions {
  return {
    ...real,
    hubspot: { ...real.hubspot, extend: () => undefined, fetch: backend.fetch },
  };
}
