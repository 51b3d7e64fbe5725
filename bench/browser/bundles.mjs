// Browser bundles for the browser benchmark, built with esbuild into
// test-output/bench-build/browser/:
// - ours: taskcluster-wasm's browser build (JS; the wasm is copied beside it);
// - client-web: taskcluster-client-web with the Node polyfills it needs to run in a
//   browser (crypto-browserify, buffer, stream, url, process, events, util, assert);
// - lib-scopes: taskcluster-lib-scopes, the scope-check anchor (client-web has none).
// Each comes twice: a bench bundle exposing the operations, and a Queue-only
// "cold" bundle that makes the first signed URL as soon as it loads.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUILD_DIR, DIST, ROOT } from '../paths.mjs';

export const BROWSER_BUILD_DIR = path.join(BUILD_DIR, 'browser');

/** Node built-ins client-web and hawk import, and the browser packages that stand in for them. */
export const POLYFILLS = {
  crypto: 'crypto-browserify',
  stream: 'stream-browserify',
  buffer: 'buffer',
  url: 'url',
  process: 'process/browser.js',
  events: 'events',
  util: 'util',
  assert: 'assert',
};

const COLD_ARGS = "'fN1SbArXTPSVFNUvaOlinQ', 0, 'public/logs/live_backing.log'";
const COLD_OPTIONS = "{ rootUrl: 'https://tc.example.com', credentials: { clientId: 'project/bench/client', accessToken: 'bench-access-token-0123456789abcdefghijklmnop' } }";
const done = "globalThis.__firstSignedUrl = { url, ms: performance.now() };";

const ENTRIES = {
  'bench-ours': "export { hawkHeader, signUrl, createTemporaryCredentials, fromNow, satisfiesExpression, ScopeSet, Queue } from 'taskcluster-wasm';",
  'bench-client-web': "export { Queue, createTemporaryCredentials, fromNow } from 'taskcluster-client-web';\nexport { default as hawk } from 'hawk';",
  'bench-lib-scopes': "export { satisfiesExpression } from 'taskcluster-lib-scopes';",
  'cold-ours': `import { Queue } from 'taskcluster-wasm';\nconst q = new Queue(${COLD_OPTIONS});\nconst url = q.buildSignedUrl('getArtifact', ${COLD_ARGS});\n${done}`,
  'cold-client-web': `import { Queue } from 'taskcluster-client-web';\nconst q = new Queue(${COLD_OPTIONS});\nconst url = await q.buildSignedUrl(q.getArtifact, ${COLD_ARGS});\n${done}`,
  // The floor: what navigating to a page and running a module script costs any page.
  'cold-blank': `const url = null;\n${done}`,
};

// The globals the polyfilled code expects (`process`, `Buffer`, `global`).
const SHIMS = "import process from 'process';\nimport { Buffer } from 'buffer';\nexport { process, Buffer };\n";

async function build(name, contents, { polyfilled }) {
  const options = {
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    metafile: true,
    outfile: path.join(BROWSER_BUILD_DIR, `${name}.js`),
    logLevel: 'silent',
  };
  if (polyfilled) {
    const shims = path.join(BROWSER_BUILD_DIR, 'node-shims.js');
    writeFileSync(shims, SHIMS);
    Object.assign(options, { alias: POLYFILLS, inject: [shims], define: { global: 'globalThis' } });
  }
  await esbuild.build(options);
  return path.join(BROWSER_BUILD_DIR, `${name}.js`);
}

/** Builds every bundle; returns { [name]: file } plus the wasm file beside ours. */
export async function buildBrowserBundles() {
  mkdirSync(BROWSER_BUILD_DIR, { recursive: true });
  const files = {};
  for (const [name, contents] of Object.entries(ENTRIES)) {
    files[name] = await build(name, contents, { polyfilled: name.endsWith('-client-web') || name === 'bench-lib-scopes' });
  }
  // Our web entry loads the wasm from beside itself (new URL(..., import.meta.url)).
  files.wasm = path.join(BROWSER_BUILD_DIR, 'taskcluster_wasm_bg.wasm');
  copyFileSync(path.join(DIST, 'web', 'taskcluster_wasm_bg.wasm'), files.wasm);
  return files;
}
