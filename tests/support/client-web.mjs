// taskcluster-client-web as an oracle in Node: it ships untranspiled ESM with
// extension-less imports, so it is bundled (esbuild, CommonJS) into a temporary
// directory first. Its Hawk code then uses node:crypto; fetch is Node's own.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadClientWeb() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'client-web-'));
  const outfile = path.join(dir, 'client-web.cjs');
  try {
    await esbuild.build({
      stdin: { contents: "module.exports = require('taskcluster-client-web');", resolveDir: ROOT, loader: 'js' },
      bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent',
    });
    return createRequire(outfile)(outfile);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
