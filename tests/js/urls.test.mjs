// urls.*: differential against taskcluster-lib-urls (13.1.0) and, for
// https://taskcluster.net, the legacy per-service hosts the contract requires.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import { legacy, isLegacy } from '../support/legacy-urls.mjs';

const libUrls = createRequire(import.meta.url)('taskcluster-lib-urls');
const ROOTS = ['https://taskcluster.net', 'https://taskcluster.net/', 'https://tc.example.com', 'https://tc.example.com/',
  'https://taskcluster.net//', 'https://tc.example.com//', 'http://127.0.0.1:8080'];
const PATHS = ['', '/', '//', 'ping', '/ping', '//ping', 'foo/ping', '/foo/ping', 'a/b/c?x=1', '/task/abc/artifacts/public%2Flog.txt'];
const SERVICES = ['auth', 'queue', 'worker-manager'];
const VERSIONS = ['v1', 'v2'];
const SCHEMAS = ['v1/task.json', '/v1/task.json', '//v1/something.json', 'task.json'];

// [name, argument lists (without rootUrl)]
const CASES = [
  ['api', SERVICES.flatMap((s) => VERSIONS.flatMap((v) => PATHS.map((p) => [s, v, p])))],
  ['apiReference', SERVICES.flatMap((s) => VERSIONS.map((v) => [s, v]))],
  ['exchangeReference', SERVICES.flatMap((s) => VERSIONS.map((v) => [s, v]))],
  ['schema', SERVICES.flatMap((s) => SCHEMAS.map((x) => [s, x]))],
  ['apiManifest', [[]]],
  ['apiReferenceSchema', VERSIONS.map((v) => [v])],
  ['exchangesReferenceSchema', VERSIONS.map((v) => [v])],
  ['apiManifestSchema', VERSIONS.map((v) => [v])],
  ['metadataMetaschema', [[]]],
  ['docs', PATHS.map((p) => [p])],
  ['ui', PATHS.map((p) => [p])],
];

for (const [name, argLists] of CASES) {
  test(`urls.${name}`, () => {
    assert.equal(typeof tc.urls[name], 'function');
    for (const root of ROOTS) {
      for (const args of argLists) {
        const expected = isLegacy(root) ? legacy[name](root, ...args) : libUrls[name](root, ...args);
        assert.equal(tc.urls[name](root, ...args), expected, `urls.${name}(${JSON.stringify([root, ...args])})`);
      }
    }
  });
}

test('legacy oracle agrees with lib-urls tests.yml (spot checks)', () => {
  assert.equal(tc.urls.api('https://taskcluster.net/', 'auth', 'v1', '//ping'), 'https://auth.taskcluster.net/v1/ping');
  assert.equal(tc.urls.docs('https://taskcluster.net', '/something/in/docs'), 'https://docs.taskcluster.net/something/in/docs');
  assert.equal(tc.urls.schema('https://taskcluster.net', 'auth', '/v1/something.json'), 'https://schemas.taskcluster.net/auth/v1/something.json');
  assert.equal(tc.urls.ui('https://taskcluster.net', '//'), 'https://tools.taskcluster.net/');
  assert.equal(tc.urls.apiManifest('https://taskcluster.net//'), 'https://references.taskcluster.net/manifest.json');
  assert.equal(tc.urls.api('https://tc.example.com//', 'auth', 'v1', '//ping'), 'https://tc.example.com/api/auth/v1/ping');
});

test('urls.normalizeRootUrl and urls.testRootUrl', () => {
  for (const root of ROOTS) {
    assert.equal(tc.urls.normalizeRootUrl(root), libUrls.normalizeRootUrl(root), root);
  }
  assert.equal(tc.urls.normalizeRootUrl('https://taskcluster.net/'), 'https://taskcluster.net');
  assert.equal(tc.urls.testRootUrl(), libUrls.testRootUrl());
  assert.equal(tc.urls.testRootUrl(), 'https://tc-tests.example.com');
});
