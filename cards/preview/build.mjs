#!/usr/bin/env node
/**
 * Bundles card entries for the local preview page: `@hubspot/ui-extensions` (and `/crm`) resolve to the DOM
 * implementation in src/, React resolves to this package's single copy, and preview.css lands next to each bundle.
 *
 *   node build.mjs --entry ../src/app/cards/SalesOrdersCard.tsx --out ../../static/preview/card.js [--entry … --out …] [--dev]
 */
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const SDK = {
  '@hubspot/ui-extensions': path.join(here, 'src/ui-extensions.tsx'),
  '@hubspot/ui-extensions/crm': path.join(here, 'src/crm.tsx'),
};
export const CSS_FILE = path.join(here, 'src/preview.css');

/** Points the SDK at the DOM implementation and every React import at one copy, whoever imports it. */
const previewResolution = {
  name: 'uie-preview-resolution',
  setup(build) {
    build.onResolve({ filter: /^@hubspot\/ui-extensions(\/.*)?$/ }, (args) => {
      const target = SDK[args.path];
      if (target) return { path: target };
      return { errors: [{ text: `${args.path} is not implemented by the local preview (only ${Object.keys(SDK).join(', ')})` }] };
    });
    build.onResolve({ filter: /^(react|react-dom)(\/.*)?$/ }, async (args) => {
      if (args.pluginData === 'uie-preview') return undefined;
      const result = await build.resolve(args.path, { kind: args.kind, resolveDir: here, pluginData: 'uie-preview' });
      return result.errors.length ? { errors: result.errors } : { path: result.path };
    });
  },
};

/**
 * @param {{ entries: { entry: string, out: string }[], dev?: boolean, logLevel?: esbuild.LogLevel }} options
 * @returns {Promise<{ out: string, css: string, inputs: string[] }[]>}
 */
export async function buildPreview({ entries, dev = false, logLevel = 'warning' }) {
  if (entries.length === 0) throw new Error('nothing to build: give at least one --entry FILE --out FILE');
  const built = [];
  for (const { entry, out } of entries) {
    const outfile = path.resolve(out);
    const result = await esbuild.build({
      entryPoints: [path.resolve(entry)],
      outfile,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2020'],
      jsx: 'automatic',
      minify: !dev,
      sourcemap: true,
      metafile: true,
      nodePaths: [path.join(here, 'node_modules')],
      plugins: [previewResolution],
      define: { 'process.env.NODE_ENV': JSON.stringify(dev ? 'development' : 'production') },
      logLevel,
    });
    // The real SDK only works inside HubSpot's worker: refuse a bundle that pulled it in anyway.
    const leaked = Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/@hubspot/'));
    if (leaked.length) throw new Error(`bundle of ${entry} includes the real SDK: ${leaked.join(', ')}`);
    const css = path.join(path.dirname(outfile), 'preview.css');
    await mkdir(path.dirname(css), { recursive: true });
    await copyFile(CSS_FILE, css);
    built.push({ out: outfile, css, inputs: Object.keys(result.metafile.inputs) });
  }
  return built;
}

export function parseArgs(argv) {
  const entries = [];
  let dev = false;
  let pending = null;
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--dev') dev = true;
    else if (arg === '--entry') {
      if (pending) throw new Error(`--entry ${pending} has no --out`);
      pending = argv[++i];
    } else if (arg === '--out') {
      if (!pending) throw new Error('--out must follow an --entry');
      entries.push({ entry: pending, out: argv[++i] });
      pending = null;
    } else throw new Error(`unknown argument: ${arg}`);
  }
  if (pending) throw new Error(`--entry ${pending} has no --out`);
  return { entries, dev };
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    const built = await buildPreview(parseArgs(process.argv.slice(2)));
    for (const { out, css } of built) console.log(`built ${path.relative(process.cwd(), out)} (+ ${path.basename(css)})`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
