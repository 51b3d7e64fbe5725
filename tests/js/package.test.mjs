// The built package: ESM and CJS entries, dist/package.json exports, types.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esm from 'taskcluster-wasm';
import { FUNCTIONS, ALL_NAMES, URL_FUNCTIONS, SLUGID_FUNCTIONS, SLUG_RE } from '../support/exports.mjs';

const require = createRequire(import.meta.url);
const cjs = require('taskcluster-wasm');
const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist');
const pkg = JSON.parse(fs.readFileSync(path.join(DIST, 'package.json'), 'utf8'));
const IGNORED_KEYS = new Set(['default', '__esModule', 'module.exports']);

test('the bare specifier resolves to the built dist/ entries', () => {
  assert.equal(fs.realpathSync(require.resolve('taskcluster-wasm')), path.join(DIST, 'node/index.cjs'));
  assert.equal(fs.realpathSync(fileURLToPath(import.meta.resolve('taskcluster-wasm'))), path.join(DIST, 'node/index.mjs'));
});

for (const [label, mod] of [['ESM', esm], ['CJS', cjs]]) {
  test(`${label} entry exports every contract name with the right kind`, () => {
    for (const name of FUNCTIONS) assert.equal(typeof mod[name], 'function', `${label}.${name}`);
    assert.equal(typeof mod.ScopeSet, 'function', `${label}.ScopeSet`);
    assert.ok(mod.urls && ['object', 'function'].includes(typeof mod.urls), `${label}.urls is a namespace`);
    for (const name of URL_FUNCTIONS) assert.equal(typeof mod.urls[name], 'function', `${label}.urls.${name}`);
    for (const name of SLUGID_FUNCTIONS) assert.equal(typeof mod.slugid[name], 'function', `${label}.slugid.${name}`);
    assert.equal(typeof mod.version, 'string', `${label}.version`);
    // and they work
    assert.match(mod.slugid(), SLUG_RE);
    assert.equal(mod.scopeMatch(['a*'], [['ab']]), true);
    assert.ok(new mod.ScopeSet(['a']).satisfies('a'));
    assert.equal(mod.urls.api('https://tc.example.com', 'queue', 'v1', 'ping'), 'https://tc.example.com/api/queue/v1/ping');
  });
}

test('ESM and CJS export the same names', () => {
  const names = (m) => Object.keys(m).filter((k) => !IGNORED_KEYS.has(k)).sort();
  assert.deepEqual(names(esm), names(cjs));
  for (const name of ALL_NAMES) assert.ok(names(esm).includes(name), name);
  assert.deepEqual(Object.keys(esm.urls).sort(), Object.keys(cjs.urls).sort());
  assert.equal(esm.version, cjs.version);
});

test('version equals dist/package.json version; the package is taskcluster-wasm', () => {
  assert.equal(pkg.name, 'taskcluster-wasm');
  assert.match(pkg.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/);
  assert.equal(esm.version, pkg.version);
  assert.equal(cjs.version, pkg.version);
});

// Node's exports resolution: walk conditions in object order, first match wins.
function resolveExports(exportsField, conditions) {
  let target = exportsField;
  if (typeof target === 'object' && target !== null && !Array.isArray(target) && Object.keys(target).some((k) => k.startsWith('.'))) {
    target = target['.'];
  }
  for (let depth = 0; depth < 10 && target && typeof target === 'object'; depth++) {
    const key = Object.keys(target).find((k) => conditions.includes(k));
    if (key === undefined) return undefined;
    target = target[key];
  }
  return target;
}

test('dist/package.json exports: node import/require, browser, import/default, types', () => {
  assert.ok(pkg.exports, 'exports field');
  const expectations = [
    [['node', 'import', 'default'], 'node/index.mjs'],
    [['node', 'require', 'default'], 'node/index.cjs'],
    [['browser', 'import', 'default'], 'web/index.js'],
    [['import', 'default'], 'web/index.js'],
    [['default'], 'web/index.js'],
    [['types', 'node', 'import', 'default'], 'index.d.ts'],
    [['types', 'node', 'require', 'default'], 'index.d.ts'],
    [['types', 'browser', 'import', 'default'], 'index.d.ts'],
  ];
  for (const [conditions, file] of expectations) {
    const target = resolveExports(pkg.exports, conditions);
    assert.equal(typeof target, 'string', `conditions ${conditions}`);
    assert.equal(path.normalize(target), path.normalize(`./${file}`), `conditions ${conditions}`);
    assert.ok(fs.existsSync(path.join(DIST, target)), `${target} exists`);
  }
  for (const field of ['main', 'module', 'types', 'browser']) {
    if (typeof pkg[field] === 'string') assert.ok(fs.existsSync(path.join(DIST, pkg[field])), `${field}: ${pkg[field]}`);
  }
  const wasm = fs.readdirSync(path.join(DIST, 'web')).filter((f) => f.endsWith('.wasm'));
  assert.ok(wasm.includes('taskcluster_wasm_bg.wasm'), `web/*.wasm: ${wasm}`);
  if (Array.isArray(pkg.files)) {
    for (const f of ['node/index.mjs', 'node/index.cjs', 'web/index.js', 'index.d.ts']) {
      assert.ok(pkg.files.some((p) => f === p || f.startsWith(p.replace(/\/?\*?\*?$/, '') + '/') || p === '.' || p === '*'), `files covers ${f}`);
    }
  }
});

// index.d.ts plus the declaration files it re-exports with `export * from '...'`.
function declarationText(file, seen = new Set()) {
  if (seen.has(file) || seen.size > 20) return '';
  seen.add(file);
  assert.ok(fs.existsSync(file), `${path.relative(DIST, file)} exists`);
  const text = fs.readFileSync(file, 'utf8');
  let all = text;
  for (const [, spec] of text.matchAll(/export\s*\*\s*from\s*['"]([^'"]+)['"]/g)) {
    const abs = path.resolve(path.dirname(file), spec);
    const m = /\.(m|c)?js$/.exec(abs);
    const target = m ? `${abs.slice(0, m.index)}.d.${m[1] ?? ''}ts` : abs.endsWith('.ts') ? abs : `${abs}.d.ts`;
    all += '\n' + declarationText(target, seen);
  }
  return all;
}

test('dist/index.d.ts declares every export and parses as TypeScript', async () => {
  const dts = declarationText(path.join(DIST, 'index.d.ts'));
  const declared = (name) => new RegExp(`export\\s+(declare\\s+)?(function|const|let|var|class|namespace|interface|type)\\s+${name}\\b`).test(dts)
    || new RegExp(`export\\s*\\{[^}]*\\b${name}\\b[^}]*\\}`).test(dts);
  for (const name of ALL_NAMES) assert.ok(declared(name), `index.d.ts declares ${name}`);
  for (const name of [...URL_FUNCTIONS, ...SLUGID_FUNCTIONS, 'satisfies', 'Credentials', 'Certificate', 'ScopeExpression']) {
    assert.match(dts, new RegExp(`\\b${name}\\b`), `index.d.ts mentions ${name}`);
  }
  const esbuild = await import('esbuild');
  await assert.doesNotReject(esbuild.transform(dts, { loader: 'ts' }), 'index.d.ts is syntactically valid TypeScript');
});
