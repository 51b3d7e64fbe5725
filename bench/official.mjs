// Loads the official clients the benchmark compares against. taskcluster-client-web
// is optional: it ships untranspiled ESM with extension-less imports, so it is
// bundled with esbuild (platform node, CommonJS) before it can run in Node.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUILD_DIR, ROOT, hasClientWeb, requireFromRoot } from './paths.mjs';

export const CLIENT_WEB_NODE_BUNDLE = path.join(BUILD_DIR, 'client-web.node.cjs');

export async function buildClientWebNodeBundle() {
  mkdirSync(BUILD_DIR, { recursive: true });
  await esbuild.build({
    stdin: { contents: "module.exports = require('taskcluster-client-web');", resolveDir: ROOT, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile: CLIENT_WEB_NODE_BUNDLE,
    logLevel: 'silent',
  });
  return CLIENT_WEB_NODE_BUNDLE;
}

export async function loadOfficial() {
  const official = {
    client: (await import('taskcluster-client')).default,
    hapiHawk: requireFromRoot('@hapi/hawk'),
    hawk: requireFromRoot('hawk'),
    scopes: requireFromRoot('taskcluster-lib-scopes'),
    clientWeb: null,
    notes: [],
  };
  if (hasClientWeb()) {
    const file = await buildClientWebNodeBundle();
    official.clientWeb = createRequire(file)(file);
    official.notes.push(
      'taskcluster-client-web runs here as an esbuild bundle for Node, so its Hawk code uses node:crypto; ' +
        'in a browser it needs polyfills (crypto, url, ...) and is likely slower.',
    );
  } else {
    official.notes.push('taskcluster-client-web is not installed: its rows are skipped.');
  }
  return official;
}
