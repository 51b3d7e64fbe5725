#!/usr/bin/env node
// Generates the per-service client classes of the package from the facts-only
// API manifests under apis/ (see scripts/gen-apis.mjs):
//
//   <out>/services/index.js           the DEFAULT classes: every `current` service, plus the
//                                     services that exist only in 2018; a service in both
//                                     generations gets current's entries, then the entries
//                                     that exist only in 2018 (current wins for a name in both)
//   <out>/legacy/index.js             the exact 2018 classes; a class equal to the default
//                                     one (such as a 2018-only service) is re-exported from services/
//   <out>/<folder>/<Name>.d.ts         one declaration file per class, index.d.ts re-exporting them
//
// Exception: Index's declarations are Index.class.d.ts, since Index.d.ts and index.d.ts
// are one file on case-insensitive file systems (macOS, Windows).
//
// Each class is one pure call into the generic runtime (`../generated-class.js` over
// runtime.js's serviceClass / exchangeClass) with its reference as positional rows, expanded
// by `../compact-reference.js` (fewer bytes than objects repeating every key). All of a
// folder's classes are one module: bundlers keep only the pure calls a program uses,
// and one file ships in about half the gzip bytes of a file per class. Each .d.ts declares the
// class with one typed method per function or exchange. The JSDoc carries facts
// from apis/ only (method, route, scopes, stability, docs link, argument names).
//
//   node scripts/gen-clients.mjs [outDir]     default outDir: build/clients (in the repo)
//
// The output is deterministic; services/ and legacy/ under outDir are rewritten whole.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';

import { BASE_CLIENT_MEMBERS, BASE_EXCHANGES_MEMBERS } from '../pkg-template/base-members.js';
import * as compact from '../pkg-template/compact-reference.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));
const APIS_DIR = path.join(REPO_ROOT, 'apis');

const EXPECTED = {
  legacy: { classes: 18, functions: 144, exchanges: 23 },
  current: { classes: 16, functions: 185, exchanges: 34 },
  onlyIn2018: ['AwsProvisioner', 'AwsProvisionerEvents', 'EC2Manager', 'Login', 'Pulse', 'PurgeCacheEvents', 'TreeherderEvents'],
};

// Members of every object, which a generated method must not shadow either.
const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype);

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
// Words that cannot name a parameter (ES reserved words, strict-mode and TS additions).
const RESERVED_WORDS = new Set(
  ('break case catch class const continue debugger default delete do else enum export extends false finally for ' +
    'function if import in instanceof new null return super switch this throw true try typeof var void while with ' +
    'yield let static implements interface package private protected public await arguments eval')
    .split(' '),
);
// Query names whose values are numbers; every other one is typed string | number | boolean.
const NUMERIC_QUERY = new Set(['limit']);
const STRING_QUERY = new Set(['continuationToken']);

function main() {
  const outDir = process.argv[2] ? path.resolve(process.argv[2]) : path.join(REPO_ROOT, 'build', 'clients');
  const gen2018 = loadGeneration('2018');
  const current = loadGeneration('current');
  checkGeneration('legacy (2018)', gen2018, EXPECTED.legacy);
  checkGeneration('current', current, EXPECTED.current);
  checkIndex(gen2018, current);

  const defaults = buildDefaultSet(gen2018, current);
  const legacy = [...gen2018.values()].map((manifest) => toClass(manifest));

  const special = [];
  const files = new Map();
  const defaultModules = addFolder(files, 'services', defaults, special);
  addFolder(files, 'legacy', legacy, special, defaultModules);

  for (const folder of ['services', 'legacy']) fs.rmSync(path.join(outDir, folder), { recursive: true, force: true });
  for (const [relative, content] of files) {
    const file = path.join(outDir, relative);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  const d = totals(defaults);
  const l = totals(legacy);
  const specialText = special.length ? `special handling: ${special.join('; ')}` : 'no special handling';
  console.log(
    `gen-clients: default ${d.classes} classes (${d.functions} functions, ${d.exchanges} exchanges), ` +
      `legacy ${l.classes} classes (${l.functions} functions, ${l.exchanges} exchanges); ${specialText}; ` +
      `${files.size} files -> ${path.relative(process.cwd(), outDir) || '.'}`,
  );
}

// ---------------------------------------------------------------- reading

/** Map name -> manifest, sorted by name. */
function loadGeneration(generation) {
  const dir = path.join(APIS_DIR, generation);
  const manifests = new Map();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    if (`${manifest.name}.json` !== file) fail(`${generation}/${file}: name is ${JSON.stringify(manifest.name)}`);
    if (manifest.generation !== generation) fail(`${generation}/${file}: generation is ${JSON.stringify(manifest.generation)}`);
    if (manifest.kind !== 'api' && manifest.kind !== 'exchanges') fail(`${generation}/${file}: kind ${manifest.kind}`);
    validateManifest(`${generation}/${file}`, manifest);
    manifests.set(manifest.name, manifest);
  }
  return manifests;
}

function validateManifest(where, m) {
  if (!IDENTIFIER.test(m.name) || RESERVED_WORDS.has(m.name)) fail(`${where}: class name ${m.name} is not an identifier`);
  for (const key of ['serviceName', 'apiVersion']) {
    if (typeof m[key] !== 'string' || !m[key]) fail(`${where}: ${key} missing`);
  }
  const entries = m.kind === 'api' ? m.functions : m.exchanges;
  if (!Array.isArray(entries)) fail(`${where}: no ${m.kind === 'api' ? 'functions' : 'exchanges'}`);
  const seen = new Set();
  for (const entry of entries) {
    if (seen.has(entry.name)) fail(`${where}: duplicate entry ${entry.name}`);
    seen.add(entry.name);
    if (m.kind === 'api') validateFunction(`${where}#${entry.name}`, entry);
    else validateExchange(`${where}#${entry.name}`, entry);
  }
  if (m.kind === 'exchanges' && typeof m.exchangePrefix !== 'string') fail(`${where}: exchangePrefix missing`);
}

function validateFunction(where, f) {
  if (!['get', 'put', 'post', 'delete', 'patch', 'head'].includes(f.method)) fail(`${where}: method ${f.method}`);
  if (typeof f.route !== 'string' || !f.route.startsWith('/')) fail(`${where}: route ${f.route}`);
  const params = [...f.route.matchAll(/<([^>]+)>/g)].map((match) => match[1]);
  if (JSON.stringify(params) !== JSON.stringify(f.args)) fail(`${where}: args ${f.args} differ from route ${f.route}`);
  for (const arg of f.args) {
    if (!IDENTIFIER.test(arg) || RESERVED_WORDS.has(arg) || arg === 'payload' || arg === 'query') {
      fail(`${where}: route argument ${JSON.stringify(arg)} cannot name a parameter`);
    }
  }
  if (!Array.isArray(f.query) || f.query.some((q) => typeof q !== 'string' || !q)) fail(`${where}: query`);
  if (typeof f.input !== 'boolean' || typeof f.output !== 'boolean') fail(`${where}: input/output not boolean`);
  if (typeof f.stability !== 'string') fail(`${where}: stability`);
}

function validateExchange(where, e) {
  if (typeof e.exchange !== 'string' || !e.exchange) fail(`${where}: exchange`);
  if (!Array.isArray(e.routingKey)) fail(`${where}: routingKey`);
  const seen = new Set();
  for (const key of e.routingKey) {
    if (typeof key.name !== 'string' || seen.has(key.name)) fail(`${where}: routing key entry ${key.name}`);
    seen.add(key.name);
    if (typeof key.required !== 'boolean' || typeof key.multipleWords !== 'boolean') fail(`${where}: ${key.name} flags`);
  }
}

function checkGeneration(label, manifests, expected) {
  const actual = totals([...manifests.values()]);
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    fail(`${label}: expected ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
  }
}

/** apis/index.json must tell the same counts as the manifests. */
function checkIndex(gen2018, current) {
  const index = JSON.parse(fs.readFileSync(path.join(APIS_DIR, 'index.json'), 'utf8'));
  for (const [generation, manifests] of [['2018', gen2018], ['current', current]]) {
    const listed = index.generations?.[generation];
    const actual = totals([...manifests.values()]);
    if (!listed || listed.references !== actual.classes || listed.functions !== actual.functions ||
      listed.exchanges !== actual.exchanges) {
      fail(`apis/index.json disagrees with apis/${generation}/`);
    }
  }
}

// ---------------------------------------------------------------- the class sets

/** The default classes: current, plus 2018-only services and 2018-only entries. */
function buildDefaultSet(gen2018, current) {
  const onlyIn2018 = [...gen2018.keys()].filter((name) => !current.has(name));
  if (JSON.stringify(onlyIn2018) !== JSON.stringify([...EXPECTED.onlyIn2018].sort())) {
    fail(`services only in 2018: expected ${EXPECTED.onlyIn2018}, found ${onlyIn2018}`);
  }
  const names = [...new Set([...current.keys(), ...gen2018.keys()])].sort(compare);
  const classes = names.map((name) => {
    const now = current.get(name);
    const old = gen2018.get(name);
    if (!now) return toClass(old);
    if (!old) return toClass(now);
    for (const key of ['kind', 'serviceName', 'apiVersion', 'exchangePrefix']) {
      if (now[key] !== old[key]) fail(`${name}: ${key} differs between 2018 and current`);
    }
    const list = now.kind === 'api' ? 'functions' : 'exchanges';
    const currentNames = new Set(now[list].map((entry) => entry.name));
    const added = old[list].filter((entry) => !currentNames.has(entry.name));
    return toClass({ ...now, [list]: [...now[list], ...added] }, new Set(added.map((entry) => entry.name)));
  });
  const expectedCount = EXPECTED.current.classes + EXPECTED.onlyIn2018.length;
  if (classes.length !== expectedCount) fail(`default set: expected ${expectedCount} classes, found ${classes.length}`);
  return classes;
}

/**
 * {name, kind, reference (what the runtime gets), entries (with docs for the .d.ts),
 * only2018 (names of entries a default class takes from 2018)}.
 */
function toClass(m, only2018 = new Set()) {
  if (m.kind === 'api') {
    return {
      name: m.name,
      kind: 'api',
      entries: m.functions,
      only2018,
      reference: {
        name: m.name,
        serviceName: m.serviceName,
        apiVersion: m.apiVersion,
        functions: m.functions.map((f) => ({
          name: f.name,
          method: f.method,
          route: f.route,
          args: f.args,
          query: f.query,
          input: f.input,
          output: f.output,
          scopes: f.scopes,
          stability: f.stability,
        })),
      },
    };
  }
  return {
    name: m.name,
    kind: 'exchanges',
    entries: m.exchanges,
    only2018,
    reference: {
      name: m.name,
      serviceName: m.serviceName,
      apiVersion: m.apiVersion,
      exchangePrefix: m.exchangePrefix,
      exchanges: m.exchanges.map((e) => ({
        name: e.name,
        exchange: e.exchange,
        routingKey: e.routingKey.map((k) => ({
          name: k.name,
          ...('constant' in k ? { constant: k.constant } : {}),
          required: k.required,
          multipleWords: k.multipleWords,
        })),
      })),
    },
  };
}

function totals(classes) {
  const all = classes.map((c) => c.reference ?? c);
  return {
    classes: all.length,
    functions: all.reduce((n, c) => n + (c.functions?.length ?? 0), 0),
    exchanges: all.reduce((n, c) => n + (c.exchanges?.length ?? 0), 0),
  };
}

// ---------------------------------------------------------------- writing

/**
 * Writes `folder`'s classes into `files`: one module, `<folder>/index.js`, holding every
 * class as one pure call (a bundler keeps only the classes a program uses; every
 * class in one file ships in half the gzip bytes of a file per class, the rows of
 * one service repeating much of another's), and a declaration file per class with
 * `index.d.ts` re-exporting them. A class whose reference equals the one of the same
 * name in `shared` (another folder's classes, as this returns them) is re-exported
 * from there instead of written again.
 */
function addFolder(files, folder, classes, special, shared) {
  const written = new Map();
  const sorted = [...classes].sort((a, b) => compare(a.name, b.name));
  const taken = new Set(['index']);
  const declarations = [];
  const definitions = [];
  const reexported = new Map();
  for (const cls of sorted) {
    let base = cls.name;
    // A declaration file may not be <Name>.d.ts where that clashes with index.d.ts
    // (one file on case-insensitive file systems): <Name>.class.d.ts then.
    if (taken.has(base.toLowerCase())) {
      base = `${cls.name}.class`;
      special.push(`${folder}/${cls.name} (declarations ${base}.d.ts: ${cls.name}.d.ts would clash with index.d.ts)`);
    }
    if (taken.has(base.toLowerCase())) fail(`${folder}: two files named ${base} (ignoring case)`);
    taken.add(base.toLowerCase());
    const same = shared?.get(cls.name);
    if (same && isDeepStrictEqual(same.reference, cls.reference)) {
      declarations.push(`export { ${cls.name} } from '../${same.folder}/${same.base}.js';\n`);
      reexported.set(same.folder, [...(reexported.get(same.folder) ?? []), cls.name]);
      continue;
    }
    definitions.push(cls);
    files.set(`${folder}/${base}.d.ts`, cls.kind === 'api' ? serviceDts(cls, folder, special) : exchangesDts(cls, folder, special));
    declarations.push(`export { ${cls.name} } from './${base}.js';\n`);
    written.set(cls.name, { folder, base, reference: cls.reference });
  }
  files.set(`${folder}/index.js`, classesModule(definitions, reexported));
  files.set(`${folder}/index.d.ts`, declarations.join(''));
  return written;
}

/**
 * The module of a folder's classes: each one pure call of a factory of
 * pkg-template/generated-class.js on the reference in its compact form
 * (compact-reference.js expands it; the build checks that the expansion gives back
 * the reference exactly), then the re-exports of the classes another folder holds.
 */
function classesModule(classes, reexported) {
  const factories = [...new Set(classes.map((cls) => (cls.kind === 'api' ? 'apiClass' : 'exchangesClass')))].sort();
  const lines = [`import { ${factories.join(', ')} } from '../generated-class.js';`];
  for (const cls of classes) {
    const r = cls.reference;
    const [factory, expand, header, rows] = cls.kind === 'api'
      ? ['apiClass', 'api', [r.name, r.serviceName, r.apiVersion], r.functions.map(functionRow)]
      : ['exchangesClass', 'exchanges', [r.name, r.serviceName, r.apiVersion, r.exchangePrefix], r.exchanges.map(exchangeRow)];
    for (const word of header) if (/\s/.test(word) || !word) fail(`${r.name}: ${JSON.stringify(word)} cannot be a header word`);
    const expanded = compact[expand](header.join(' '), rows);
    if (!isDeepStrictEqual(expanded, r)) fail(`${r.name}: the compact reference does not expand to the reference`);
    lines.push(`export const ${r.name} = /* @__PURE__ */ ${factory}(${JSON.stringify(header.join(' '))}, ${JSON.stringify(rows)});`);
  }
  for (const [folder, names] of reexported) lines.push(`export { ${names.join(', ')} } from '../${folder}/index.js';`);
  return `${lines.join('\n')}\n`;
}

/** `[name, method, route, query, io, scopes, stability?]`: args come from the route, `stable` is left out. */
function functionRow(f) {
  if (f.query.some((q) => /\s/.test(q))) fail(`${f.name}: a query name with a space`);
  const row = [f.name, f.method, f.route, f.query.join(' '), (f.input ? 1 : 0) + (f.output ? 2 : 0), f.scopes];
  if (f.stability !== 'stable') row.push(f.stability);
  return row;
}

/** `[name, exchange, [[key, flags, constant?], ...]]`, flags: 1 required, 2 multiple words. */
function exchangeRow(e) {
  const keys = e.routingKey.map((k) => {
    const key = [k.name, (k.required ? 1 : 0) + (k.multipleWords ? 2 : 0)];
    if ('constant' in k) key.push(k.constant);
    return key;
  });
  return [e.name, e.exchange, keys];
}

/** Why a method name cannot be a typed method, or null. */
function specialReason(name, baseMembers) {
  if (!IDENTIFIER.test(name)) return 'not an identifier';
  if (baseMembers.includes(name)) return 'a base class member';
  if (OBJECT_MEMBERS.includes(name)) return 'an Object.prototype member';
  return null;
}

function serviceDts(cls, folder, special) {
  const lines = [
    "import type { BaseClient, ClientOptions, JsonObject } from '../runtime.js';",
    '',
    `export declare class ${cls.name} extends BaseClient {`,
    '  constructor(options: ClientOptions);',
    `  static readonly reference: ${JSON.stringify(cls.reference)};`,
  ];
  const skipped = [];
  for (const f of cls.entries) {
    const reason = specialReason(f.name, BASE_CLIENT_MEMBERS);
    if (reason) {
      special.push(`${folder}/${cls.name}.${f.name} (${reason})`);
      skipped.push(f.name);
      continue;
    }
    const params = f.args.map((arg) => `${arg}: string | number`);
    const doc = [`\`${f.method.toUpperCase()} ${f.route}\``];
    if (f.scopes !== null && f.scopes !== undefined) doc.push(`Scopes: \`${JSON.stringify(f.scopes)}\``);
    if (f.stability !== 'stable') doc.push(`Stability: ${f.stability}`);
    if (cls.only2018.has(f.name)) doc.push('Only in the 2018 API');
    const tags = [];
    if (f.stability === 'deprecated') tags.push('@deprecated');
    if (f.docs) tags.push(`@see ${f.docs}`);
    for (const arg of f.args) tags.push(`@param ${arg} \`<${arg}>\` in the route`);
    if (f.input) {
      params.push('payload: JsonObject');
      tags.push('@param payload request body (JSON)');
    }
    if (f.query.length) {
      const fields = f.query.map((q) => `${q}?: ${queryType(q)}`).join('; ');
      params.push(`query?: { ${fields} }`);
      tags.push(`@param query query string: ${f.query.join(', ')}`);
    }
    lines.push('', ...jsdoc([...doc.flatMap((line) => [line, '']), ...tags]));
    lines.push(`  ${f.name}(${params.join(', ')}): Promise<${f.output ? 'JsonObject' : 'void'}>;`);
  }
  if (skipped.length) lines.push('', `  // Not typed as methods (use request(name, ...)): ${skipped.join(', ')}`);
  lines.push('}', '');
  return lines.join('\n');
}

function exchangesDts(cls, folder, special) {
  const prefix = cls.reference.exchangePrefix;
  const lines = [
    "import type { BaseExchanges, ClientOptions, ExchangeBinding } from '../runtime.js';",
    '',
    `export declare class ${cls.name} extends BaseExchanges {`,
    '  constructor(options?: Partial<ClientOptions>);',
    `  static readonly reference: ${JSON.stringify(cls.reference)};`,
  ];
  const skipped = [];
  for (const e of cls.entries) {
    const reason = specialReason(e.name, BASE_EXCHANGES_MEMBERS);
    if (reason) {
      special.push(`${folder}/${cls.name}.${e.name} (${reason})`);
      skipped.push(e.name);
      continue;
    }
    const keys = e.routingKey.filter((k) => !('constant' in k) && k.name !== 'reserved').map((k) => k.name);
    const patternType = keys.length
      ? `{ ${keys.map((k) => `${k}?: string | number`).join('; ')} }`
      : 'Record<string, never>';
    const entryLines = e.routingKey.map((k) => {
      const facts = 'constant' in k
        ? [`constant ${JSON.stringify(k.constant)}`]
        : [k.required ? 'required' : 'optional', ...(k.multipleWords ? ['multiple words'] : [])];
      return `- \`${k.name}\`: ${facts.join(', ')}`;
    });
    const doc = [`Exchange \`${prefix}${e.exchange}\``, '', 'Routing key:', ...entryLines, ''];
    if (cls.only2018.has(e.name)) doc.push('Only in the 2018 API', '');
    if (e.docs) doc.push(`@see ${e.docs}`);
    doc.push('@param pattern routing key values by name (unset: `*` or `#`), or a whole routing key pattern');
    lines.push('', ...jsdoc(doc));
    lines.push(`  ${e.name}(pattern?: ${patternType} | string): ExchangeBinding;`);
  }
  if (skipped.length) lines.push('', `  // Not typed as methods: ${skipped.join(', ')}`);
  lines.push('}', '');
  return lines.join('\n');
}

function queryType(name) {
  if (NUMERIC_QUERY.has(name)) return 'string | number';
  if (STRING_QUERY.has(name)) return 'string';
  return 'string | number | boolean';
}

/** A JSDoc block, indented for a class member; nothing in it can close the comment early. */
function jsdoc(lines) {
  return ['  /**', ...lines.map((line) => (line ? `   * ${line.replaceAll('*/', '*\\/')}` : '   *')), '   */'];
}

function compare(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fail(message) {
  console.error(`gen-clients: error: ${message}`);
  process.exit(1);
}

main();
