#!/usr/bin/env node
// Generates the project's own API manifests under apis/ from the upstream
// Taskcluster reference documents in ../shared/apis-upstream/{2018,current}/.
//
// Why: the client needs the facts of every API (routes, methods, args, query,
// scopes, routing keys) for both generations, but the upstream references are
// someone else's data and must never be committed. So we keep only the facts,
// in a stable format, and drop every prose field (title, description, summary).
//
//   node scripts/gen-apis.mjs           write apis/ (and remove stale files in it)
//   node scripts/gen-apis.mjs --check   write nothing; exit 1 if apis/ is out of date
//
// Set TC_APIS_UPSTREAM to read the references from another folder.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const GENERATIONS = ['2018', 'current'];
const UPSTREAM_DIR = process.env.TC_APIS_UPSTREAM
  ? path.resolve(process.env.TC_APIS_UPSTREAM)
  : fileURLToPath(new URL('../../shared/apis-upstream/', import.meta.url));
const APIS_DIR = fileURLToPath(new URL('../apis/', import.meta.url));

// Where the current docs site files each service; an unknown service fails
// loudly so that a new upstream service gets a deliberate entry here.
const CURRENT_DOCS_CATEGORY = {
  auth: 'platform',
  queue: 'platform',
  index: 'platform',
  secrets: 'platform',
  hooks: 'platform',
  'purge-cache': 'platform',
  object: 'platform',
  'worker-manager': 'platform',
  notify: 'platform',
  github: 'integrations',
};

function main() {
  const checkOnly = process.argv.includes('--check');
  if (!fs.existsSync(UPSTREAM_DIR)) {
    if (checkOnly) {
      console.log(`skipped: ../shared/apis-upstream not found (looked in ${UPSTREAM_DIR})`);
      return 0;
    }
    console.error(`error: upstream references not found at ${UPSTREAM_DIR} (set TC_APIS_UPSTREAM)`);
    return 1;
  }
  const expected = buildAllOutputFiles();
  return checkOnly ? reportDifferences(expected) : writeOutputFiles(expected);
}

// ---------------------------------------------------------------- building

/** Map of path relative to apis/ -> exact file content. */
function buildAllOutputFiles() {
  const files = new Map();
  const index = { generations: {} };
  for (const generation of GENERATIONS) {
    const manifests = listReferenceNames(generation).map((name) =>
      buildManifest(name, generation, readReference(generation, name)),
    );
    for (const manifest of manifests) {
      files.set(`${generation}/${manifest.name}.json`, toStableJson(manifest));
    }
    index.generations[generation] = summarizeGeneration(manifests);
  }
  files.set('index.json', toStableJson(index));
  return files;
}

function listReferenceNames(generation) {
  return fs
    .readdirSync(path.join(UPSTREAM_DIR, generation))
    .filter((file) => file.endsWith('.json'))
    .map((file) => file.slice(0, -'.json'.length))
    .sort(compareCodePoints);
}

function readReference(generation, name) {
  return JSON.parse(fs.readFileSync(path.join(UPSTREAM_DIR, generation, `${name}.json`), 'utf8'));
}

function buildManifest(name, generation, reference) {
  const kind = referenceKind(reference, name);
  const serviceName = deriveServiceName(reference, name);
  const link = (entryName) => docsLink(generation, serviceName, kind, entryName);
  const manifest = {
    name,
    generation,
    kind,
    serviceName,
    apiVersion: deriveApiVersion(reference),
  };
  if (kind === 'api') {
    manifest.functions = entriesOfType(reference, 'function').map((entry) => functionFacts(entry, link));
  } else {
    manifest.exchangePrefix = reference.exchangePrefix;
    manifest.exchanges = entriesOfType(reference, 'topic-exchange').map((entry) => exchangeFacts(entry, link));
  }
  return manifest;
}

// Both the old (http://schemas.taskcluster.net/base/v1/api-reference.json#)
// and the new (/schemas/common/api-reference-v0.json#) schema ids name the kind.
function referenceKind(reference, name) {
  const schema = String(reference.$schema ?? '');
  if (schema.includes('exchanges-reference')) return 'exchanges';
  if (schema.includes('api-reference')) return 'api';
  throw new Error(`${name}: unknown reference schema ${JSON.stringify(reference.$schema)}`);
}

// Old references may lack serviceName: AwsProvisionerEvents only has its
// exchangePrefix, and baseUrl-era references name the service in the host.
function deriveServiceName(reference, name) {
  if (reference.serviceName) return reference.serviceName;
  const fromPrefix = /^exchange\/taskcluster-([^/]+)\//.exec(reference.exchangePrefix ?? '');
  if (fromPrefix) return fromPrefix[1];
  if (reference.baseUrl) return new URL(reference.baseUrl).hostname.split('.')[0];
  throw new Error(`${name}: cannot derive serviceName`);
}

// Old references carry `version: 0`, which is the reference *format* version,
// not the API version, so only a "vN" string counts; otherwise the version
// segment of baseUrl or exchangePrefix; otherwise v1.
function deriveApiVersion(reference) {
  const isApiVersion = (value) => typeof value === 'string' && /^v\d+$/.test(value);
  if (isApiVersion(reference.apiVersion)) return reference.apiVersion;
  if (isApiVersion(reference.version)) return reference.version;
  const segment = /\/(v\d+)(\/|$)/.exec(
    reference.baseUrl ? new URL(reference.baseUrl).pathname : (reference.exchangePrefix ?? ''),
  );
  return segment ? segment[1] : 'v1';
}

function entriesOfType(reference, type) {
  return (reference.entries ?? []).filter((entry) => entry.type === type);
}

function functionFacts(entry, link) {
  if (!entry.stability) throw new Error(`${entry.name}: missing stability`);
  return {
    name: entry.name,
    method: entry.method.toLowerCase(),
    route: entry.route,
    args: entry.args ?? [],
    query: entry.query ?? [],
    // Upstream input/output are schema ids; only their presence matters to a
    // client, except a non-JSON body ("blob"), which changes how to read it.
    input: entry.input !== undefined,
    output: entry.output === 'blob' ? 'blob' : entry.output !== undefined,
    scopes: normalizeScopes(entry.scopes, entry.name),
    stability: entry.stability,
    docs: link(entry.name),
  };
}

function exchangeFacts(entry, link) {
  return {
    name: entry.name,
    exchange: entry.exchange,
    routingKey: entry.routingKey.map((key) => ({
      name: key.name,
      ...(key.constant !== undefined && { constant: key.constant }),
      required: key.required,
      multipleWords: key.multipleWords,
    })),
    docs: link(entry.name),
  };
}

// Scope expressions are kept as they are (templates included), except the
// old disjunctive-normal-form array [["a","b"],["c"]], which becomes the
// equivalent AnyOf/AllOf expression so consumers handle a single format.
function normalizeScopes(scopes, functionName) {
  if (scopes === undefined || scopes === null) return null;
  if (!Array.isArray(scopes)) return sortKeysDeep(scopes);
  if (!scopes.every(Array.isArray)) {
    throw new Error(`${functionName}: unexpected scopes shape ${JSON.stringify(scopes)}`);
  }
  // [] was the old way to say "no scopes required".
  if (scopes.length === 0) return null;
  if (scopes.length === 1) return { AllOf: scopes[0] };
  return { AnyOf: scopes.map((set) => ({ AllOf: set })) };
}

function docsLink(generation, serviceName, kind, entryName) {
  const page = kind === 'api' ? 'api' : 'exchanges';
  if (generation === '2018') {
    return `https://docs.taskcluster.net/docs/reference/${serviceName}/${page}#${entryName}`;
  }
  const category = CURRENT_DOCS_CATEGORY[serviceName];
  if (!category) throw new Error(`no docs category for service ${serviceName}`);
  return `https://docs.taskcluster.net/docs/reference/${category}/${serviceName}/${page}#${entryName}`;
}

function summarizeGeneration(manifests) {
  const functions = manifests.flatMap((manifest) => manifest.functions ?? []);
  const exchanges = manifests.flatMap((manifest) => manifest.exchanges ?? []);
  return {
    references: manifests.length,
    functions: functions.length,
    exchanges: exchanges.length,
    services: manifests.map((manifest) => ({
      name: manifest.name,
      kind: manifest.kind,
      serviceName: manifest.serviceName,
      apiVersion: manifest.apiVersion,
      ...(manifest.kind === 'api'
        ? { functions: manifest.functions.length }
        : { exchanges: manifest.exchanges.length }),
    })),
  };
}

// ------------------------------------------------------------ determinism

function toStableJson(value) {
  return `${JSON.stringify(value, null, 2)}\n`;
}

// Upstream key order inside scope expressions is not ours to rely on.
function sortKeysDeep(value) {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort(compareCodePoints)
      .map((key) => [key, sortKeysDeep(value[key])]),
  );
}

// Locale-independent, so every machine sorts the same way.
function compareCodePoints(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ------------------------------------------------------ writing / checking

/** Every file currently under apis/, as paths relative to apis/. */
function listExistingFiles(dir = APIS_DIR, prefix = '') {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((dirent) => {
    const relative = prefix + dirent.name;
    return dirent.isDirectory()
      ? listExistingFiles(path.join(dir, dirent.name), `${relative}/`)
      : [relative];
  });
}

function reportDifferences(expected) {
  const problems = [];
  for (const [relative, content] of expected) {
    const file = path.join(APIS_DIR, relative);
    if (!fs.existsSync(file)) problems.push(`missing: apis/${relative}`);
    else if (fs.readFileSync(file, 'utf8') !== content) problems.push(`differs: apis/${relative}`);
  }
  for (const relative of listExistingFiles()) {
    if (!expected.has(relative)) problems.push(`extra:   apis/${relative}`);
  }
  if (problems.length === 0) {
    console.log(`apis/ is up to date (${expected.size} files)`);
    return 0;
  }
  console.error(problems.join('\n'));
  console.error('apis/ is out of date: run `npm run apis`');
  return 1;
}

function writeOutputFiles(expected) {
  for (const [relative, content] of expected) {
    const file = path.join(APIS_DIR, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  // apis/ must be exactly what we generate, so a service dropped upstream
  // must not linger as a stale manifest.
  for (const relative of listExistingFiles()) {
    if (!expected.has(relative)) {
      fs.rmSync(path.join(APIS_DIR, relative));
      console.log(`removed stale apis/${relative}`);
    }
  }
  console.log(`wrote ${expected.size} files to apis/`);
  return 0;
}

process.exitCode = main();
