// Guards the committed API manifests under apis/: they must match what
// scripts/gen-apis.mjs generates from the upstream references, hold every
// function and exchange of both generations, and carry facts only (no
// upstream prose). Run: node --test tests/js/apis-manifests.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const APIS_DIR = path.join(REPO_ROOT, 'apis');
const UPSTREAM_DIR = process.env.TC_APIS_UPSTREAM
  ? path.resolve(process.env.TC_APIS_UPSTREAM)
  : path.join(REPO_ROOT, '..', 'shared', 'apis-upstream');

const EXPECTED_TOTALS = {
  2018: { references: 18, functions: 144, exchanges: 23 },
  current: { references: 16, functions: 185, exchanges: 34 },
};
const FUNCTION_FIELDS = ['name', 'method', 'route', 'args', 'query', 'scopes', 'stability'];
const PROSE_KEYS = new Set(['description', 'title']);
// Facts (routes, scopes, links) are short; anything longer is likely prose.
const MAX_STRING_LENGTH = 200;

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function loadManifests(generation) {
  const dir = path.join(APIS_DIR, generation);
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => ({ file: `${generation}/${file}`, manifest: readJson(path.join(dir, file)) }));
}

function allManifests() {
  return Object.keys(EXPECTED_TOTALS).flatMap(loadManifests);
}

function allJsonFiles() {
  return [{ file: 'index.json', manifest: readJson(path.join(APIS_DIR, 'index.json')) }, ...allManifests()];
}

/** Calls visit(key, value, where) for every key and every string in value. */
function walk(value, where, visit) {
  if (typeof value === 'string') visit(null, value, where);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${where}[${i}]`, visit));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      visit(key, item, `${where}.${key}`);
      walk(item, `${where}.${key}`, visit);
    }
  }
}

function routeParams(route) {
  return [...route.matchAll(/<([^>]+)>/g)].map((match) => match[1]);
}

test('apis/ is exactly what scripts/gen-apis.mjs generates', {
  skip: fs.existsSync(UPSTREAM_DIR) ? false : `upstream references not found at ${UPSTREAM_DIR}`,
}, () => {
  const result = spawnSync(process.execPath, ['scripts/gen-apis.mjs', '--check'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `gen-apis --check failed:\n${result.stdout}${result.stderr}`);
});

for (const [generation, expected] of Object.entries(EXPECTED_TOTALS)) {
  test(`${generation}: totals match the upstream references`, () => {
    const manifests = loadManifests(generation).map(({ manifest }) => manifest);
    const actual = {
      references: manifests.length,
      functions: manifests.flatMap((m) => m.functions ?? []).length,
      exchanges: manifests.flatMap((m) => m.exchanges ?? []).length,
    };
    assert.deepEqual(actual, expected);

    const index = readJson(path.join(APIS_DIR, 'index.json')).generations[generation];
    assert.deepEqual(
      { references: index.references, functions: index.functions, exchanges: index.exchanges },
      expected,
    );
  });
}

test('each manifest is named after its file and generation', () => {
  for (const { file, manifest } of allManifests()) {
    const [generation, fileName] = file.split('/');
    assert.equal(`${manifest.name}.json`, fileName, file);
    assert.equal(manifest.generation, generation, file);
    assert.ok(['api', 'exchanges'].includes(manifest.kind), file);
    assert.ok(manifest.serviceName && manifest.apiVersion, file);
  }
});

test('every function has its facts, and route params match args in order', () => {
  for (const { file, manifest } of allManifests()) {
    for (const fn of manifest.functions ?? []) {
      const where = `${file} ${fn.name}`;
      for (const field of FUNCTION_FIELDS) {
        assert.ok(Object.hasOwn(fn, field), `${where}: missing ${field}`);
      }
      assert.ok(Array.isArray(fn.args) && Array.isArray(fn.query), where);
      assert.deepEqual(routeParams(fn.route), fn.args, `${where}: route ${fn.route}`);
    }
  }
});

test('no manifest carries upstream prose', () => {
  for (const { file, manifest } of allJsonFiles()) {
    walk(manifest, file, (key, value, where) => {
      assert.ok(!PROSE_KEYS.has(key), `${where}: prose key "${key}"`);
      if (typeof value === 'string') {
        assert.ok(value.length <= MAX_STRING_LENGTH, `${where}: ${value.length}-char string`);
      }
    });
  }
});
