// Builds app/ with each bundler, as its documentation says to, into a new folder:
// each resolves to {dir (served as the site root), close()}.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import * as esbuild from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const app = join(here, 'app');
// vite and webpack live in tests/runtimes/node_modules.
const requireHere = createRequire(join(here, '..', 'package.json'));

async function inNewFolder(name, bundle) {
  const dir = mkdtempSync(join(tmpdir(), `tc-wasm-${name}-`));
  try {
    await bundle(dir);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return { dir, close: () => rmSync(dir, { recursive: true, force: true }) };
}

export const BUNDLERS = {
  vite: () => inNewFolder('vite', async (dir) => {
    const { build } = await import(requireHere.resolve('vite'));
    await build({ root: app, configFile: false, logLevel: 'error', build: { outDir: dir, emptyOutDir: true } });
  }),

  webpack: () => inNewFolder('webpack', async (dir) => {
    const webpack = requireHere('webpack');
    const stats = await new Promise((resolve, reject) => webpack({
      mode: 'production',
      context: app,
      entry: './main.js',
      output: { path: dir, filename: 'main.js' },
      optimization: { minimize: false },
      performance: { hints: false },
    }, (error, result) => (error ? reject(error) : resolve(result))));
    if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
    copyFileSync(join(app, 'index.html'), join(dir, 'index.html'));
  }),

  // esbuild leaves `new URL('...wasm', import.meta.url)` alone: the wasm is copied
  // beside the bundle, as the README says.
  esbuild: () => inNewFolder('esbuild', async (dir) => {
    await esbuild.build({ entryPoints: [join(app, 'main.js')], outdir: dir, bundle: true, format: 'esm', platform: 'browser', logLevel: 'warning' });
    const wasm = requireHere.resolve('taskcluster-wasm/package.json').replace(/package\.json$/, 'web/taskcluster_wasm_bg.wasm');
    copyFileSync(wasm, join(dir, 'taskcluster_wasm_bg.wasm'));
    copyFileSync(join(app, 'index.html'), join(dir, 'index.html'));
  }),
};
