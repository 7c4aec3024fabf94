import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { installPreview, proxyAnswer } from './fixtures.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const preview = path.resolve(here, '..');
const work = mkdtempSync(path.join(tmpdir(), 'uie-preview-build-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function runBuild(...args: string[]) {
  return spawnSync(process.execPath, [path.join(preview, 'build.mjs'), ...args], { cwd: preview, encoding: 'utf8' });
}

describe('build.mjs', () => {
  const out = path.join(work, 'static', 'preview', 'example.js');

  it('bundles the example card with the SDK aliased to the DOM implementation', () => {
    const result = runBuild('--entry', 'example/ExampleCard.tsx', '--out', out);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const code = readFileSync(out, 'utf8');
    expect(code).not.toMatch(/@hubspot\/ui-extensions/);
    expect(code).not.toMatch(/\brequire\(|^import\s/m);
    expect(code).toContain('uie-status-tag');
    expect(existsSync(`${out}.map`)).toBe(true);
    expect(readFileSync(path.join(path.dirname(out), 'preview.css'), 'utf8')).toBe(readFileSync(path.join(preview, 'src/preview.css'), 'utf8'));
  });

  it('produces a bundle that renders the card in a page and loads data through the proxy', async () => {
    installPreview();
    const root = document.createElement('div');
    root.id = 'card-root';
    document.body.append(root);
    const spy = vi.spyOn(window, 'fetch').mockResolvedValue(proxyAnswer(200, { orders: [{ number: 'SO-1001', status: 'Billed', total: '$1,200.00' }] }));
    // The bundle is a plain browser script: evaluate it the way a <script> tag would.
    new Function(readFileSync(out, 'utf8'))();
    await vi.waitFor(() => expect(root.querySelector('table')?.textContent).toContain('SO-1001'));
    expect(root.querySelector('[data-variant="success"]')?.textContent).toBe('Billed');
    expect(root.textContent).toContain('Sales orders for Big deal');
    const request = JSON.parse(String((spy.mock.calls[0] as [string, RequestInit])[1].body)) as { url: string };
    expect(request.url).toMatch(/^https:\/\/salesorders\.example\/api\/v1\/deals\/4242\/sales-orders\?appId=31337&portalId=987654/);
  });

  it("uses the preview's React even when the card package has its own", async () => {
    const card = path.join(work, 'card');
    mkdirSync(path.join(card, 'node_modules', 'react'), { recursive: true });
    writeFileSync(path.join(card, 'node_modules', 'react', 'package.json'), '{"name":"react","version":"0.0.0-decoy","main":"index.js"}');
    writeFileSync(path.join(card, 'node_modules', 'react', 'index.js'), 'throw new Error("decoy React was bundled");');
    writeFileSync(path.join(card, 'Card.tsx'), "import { useState } from 'react';\nimport { Text, hubspot } from '@hubspot/ui-extensions';\nfunction Card() { const [n] = useState(3); return <Text>count {n}</Text>; }\nhubspot.extend(() => <Card />);\n");
    // esbuild refuses to run inside jsdom, so the programmatic API runs in a plain Node child.
    const script = `import { buildPreview } from ${JSON.stringify(path.join(preview, 'build.mjs'))};
      const built = await buildPreview({ entries: [{ entry: ${JSON.stringify(path.join(card, 'Card.tsx'))}, out: ${JSON.stringify(path.join(work, 'decoy', 'card.js'))} }], dev: true });
      process.stdout.write(JSON.stringify(built));`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: preview, encoding: 'utf8' });
    expect(child.stderr).toBe('');
    const [built] = JSON.parse(child.stdout) as { inputs: string[] }[];
    expect(built?.inputs.some((input) => input.includes('decoy') || input.includes(`card${path.sep}node_modules`))).toBe(false);
    expect(built?.inputs.some((input) => input.includes('node_modules/react/'))).toBe(true);
  });

  it('rejects an SDK subpath the preview does not implement, and bad arguments', () => {
    const entry = path.join(work, 'Experimental.tsx');
    writeFileSync(entry, "import '@hubspot/ui-extensions/experimental';\n");
    const result = runBuild('--entry', entry, '--out', path.join(work, 'x.js'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('@hubspot/ui-extensions/experimental is not implemented by the local preview');
    const bad = runBuild('--out', 'x.js');
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('--out must follow an --entry');
  });
});
