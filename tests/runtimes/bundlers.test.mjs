// Vite, webpack and esbuild each build a small app over the package (bundlers/app),
// with the wasm as a file of its own, never inlined; the app runs the probe in Chromium.
// Run: node --test tests/runtimes/bundlers.test.mjs
import { describe, test, before, after } from 'node:test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import assert from '../support/assert.mjs';
import { CHROMIUM_ARGS } from '../support/browser-harness.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { DIST, checkProbe, startProbeTarget } from './probe/check.mjs';
import { BUNDLERS } from './bundlers/build.mjs';

const WASM = readFileSync(join(DIST, 'web', 'taskcluster_wasm_bg.wasm'));
// "\0asm" in base64, wherever a base64 copy of the module would start.
const INLINED_WASM = /AGFzbQ/;

let target;
let browser;
const builds = {};

before(async () => {
  target = await startProbeTarget();
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  // The builds run at the same time; each test awaits its own.
  for (const name of Object.keys(BUNDLERS)) {
    builds[name] = BUNDLERS[name]();
    builds[name].catch(() => {});
  }
});

after(async () => {
  await browser?.close();
  for (const build of Object.values(builds)) (await build.catch(() => undefined))?.close();
  await target?.close();
});

const filesOf = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath ?? entry.path, entry.name));

describe('bundlers', { concurrency: false }, () => {
  for (const name of Object.keys(BUNDLERS)) {
    test(`${name}: the built app loads the package and runs`, async (t) => {
      const { dir } = await builds[name];
      const files = filesOf(dir);
      const wasmFiles = files.filter((file) => file.endsWith('.wasm'));
      assert.equal(wasmFiles.length, 1, `one .wasm asset in ${files.join(', ')}`);
      assert.ok(readFileSync(wasmFiles[0]).equals(WASM), 'the asset is the package\'s wasm');
      for (const file of files.filter((f) => f.endsWith('.js'))) assert.doesNotMatch(readFileSync(file, 'latin1'), INLINED_WASM, `${file} inlines the wasm`);

      const site = await startStaticServer(dir);
      t.after(() => site.close());
      const page = await browser.newPage();
      t.after(() => page.close());
      const errors = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      const wasmRequests = [];
      page.on('response', (response) => { if (response.url().endsWith('.wasm')) wasmRequests.push(response.status()); });
      await page.goto(`${site.url}/index.html#${encodeURIComponent(JSON.stringify(target.config))}`);
      await page.waitForFunction(() => window.report !== undefined);
      await checkProbe(await page.evaluate(() => window.report));
      assert.deepEqual(wasmRequests, [200], 'the wasm is fetched as a file');
      assert.deepEqual(errors, []);
    });
  }
});
