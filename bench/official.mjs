// Loads the official clients the benchmark compares against. taskcluster-client-web
// is optional: it ships untranspiled ESM with extension-less imports, so it is
// bundled with esbuild (platform node, CommonJS) before it can run in Node.
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BUILD_DIR, ROOT, hasClientWeb, requireFromRoot } from './paths.mjs';

export const CLIENT_WEB_NODE_BUNDLE = path.join(BUILD_DIR, 'client-web.node.cjs');
// The same as an ES module, for the import() row: what a Node program written as ESM loads.
export const CLIENT_WEB_NODE_ESM_BUNDLE = path.join(BUILD_DIR, 'client-web.node.mjs');

export async function buildClientWebNodeBundle() {
  mkdirSync(BUILD_DIR, { recursive: true });
  const bundle = (format, contents, outfile) => esbuild.build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    platform: 'node',
    format,
    outfile,
    logLevel: 'silent',
  });
  await bundle('cjs', "module.exports = require('taskcluster-client-web');", CLIENT_WEB_NODE_BUNDLE);
  await bundle('esm', "export * from 'taskcluster-client-web';", CLIENT_WEB_NODE_ESM_BUNDLE);
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
