import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as preview from '../src/ui-extensions.tsx';

/** Value exports of the real 0.17.0 package the preview leaves out on purpose (see README). */
const NOT_IMPLEMENTED = new Set(['BarChart', 'LineChart', 'useCrmSearch', 'formatCrmProperties', 'iconNames']);

function sdkValueExports(): string[] {
  const sdk = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../node_modules/@hubspot/ui-extensions/dist');
  const text = readFileSync(path.join(sdk, 'index.js'), 'utf8');
  const shared = readFileSync(path.join(sdk, 'shared.synced/types/shared.synced.js'), 'utf8');
  const named = [...text.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) => (m[1] ?? '').split(','));
  const declared = [...shared.matchAll(/export (?:class|const) (\w+)/g)].map((m) => m[1] ?? '');
  return [...named, ...declared, 'ServerlessExecutionStatus'].map((name) => name.trim()).filter(Boolean);
}

describe('export surface', () => {
  it('offers every value export of @hubspot/ui-extensions 0.17.0 except the documented gaps', () => {
    const wanted = sdkValueExports();
    expect(wanted.length).toBeGreaterThan(70);
    const missing = wanted.filter((name) => !NOT_IMPLEMENTED.has(name) && !(name in preview));
    expect(missing).toEqual([]);
  });

  it('gives Dropdown its ButtonItem and hubspot its extend/fetch/serverless', () => {
    expect(typeof preview.Dropdown.ButtonItem).toBe('function');
    expect(Object.keys(preview.hubspot).sort()).toEqual(['extend', 'fetch', 'serverless']);
  });
});
