// Benchmark of taskcluster-wasm against the official Taskcluster clients, all
// measured in this one run: `node bench/run.mjs` (add `--quick` for a smoke run).
// A measurement, not a test: it prints medians and ratios, writes
// test-output/bench.json, and never asserts anything about timing.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as ours from 'taskcluster-wasm';
import { contentHashCase } from './cases/content-hash.mjs';
import { constructionCase } from './cases/construction.mjs';
import { fromNowCase } from './cases/from-now.mjs';
import { hawkCase } from './cases/hawk.mjs';
import { scopesCase } from './cases/scopes.mjs';
import { signedUrlCase } from './cases/signed-url.mjs';
import { tempCredsCase } from './cases/temp-creds.mjs';
import { measureImportTimes } from './import-time.mjs';
import { measureThroughput } from './throughput.mjs';
import { CLIENT_WEB_NODE_BUNDLE, CLIENT_WEB_NODE_ESM_BUNDLE, loadOfficial } from './official.mjs';
import { OUT_DIR, hasPackage, packageVersion } from './paths.mjs';
import { importTable, sizeTable, speedTable } from './report.mjs';
import { bundleSizes, installedSizes, packageFiles } from './size.mjs';
import { DEFAULTS, measureGroup } from './timing.mjs';

const QUICK = process.argv.includes('--quick');
const TIMING = QUICK ? { rounds: 3, roundMs: 10, warmupMs: 20 } : DEFAULTS;
const started = process.hrtime.bigint();
const notes = [];
const errors = [];

function section(name, fn) {
  try {
    return fn();
  } catch (error) {
    errors.push(`${name}: ${error.stack ?? error}`);
    return null;
  }
}

function machine() {
  const cpus = os.cpus();
  const versions = { 'taskcluster-wasm': ours.version };
  for (const name of ['taskcluster-client', 'taskcluster-client-web', '@hapi/hawk', 'hawk', 'taskcluster-lib-scopes', 'esbuild']) {
    versions[name] = hasPackage(name) ? packageVersion(name) : null;
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: +(os.totalmem() / 2 ** 30).toFixed(1),
    node: process.version,
    v8: process.versions.v8,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverage: os.loadavg().map((x) => +x.toFixed(2)),
    versions,
  };
}

function runSpeed(official) {
  const builders = [hawkCase, signedUrlCase, tempCredsCase, scopesCase, fromNowCase, constructionCase, contentHashCase];
  const groups = [];
  for (const build of builders) {
    const group = section(`speed ${build.name}`, () => {
      const spec = build(ours, official);
      notes.push(...(spec.warnings ?? []).map((w) => `WARNING ${w}`), ...(spec.notes ?? []));
      const results = measureGroup(spec.contenders, TIMING);
      process.stderr.write(`  measured ${spec.title}\n`);
      return { title: spec.title, rows: spec.rows, results };
    });
    if (group) groups.push(group);
  }
  return groups;
}

const IMPORT_ROWS = [
  { name: "require('taskcluster-wasm') vs require('taskcluster-client')", ours: 'oursRequire', official: 'clientRequire' },
  { name: "import('taskcluster-wasm') vs import('taskcluster-client')", ours: 'oursImport', official: 'clientImport' },
  { name: 'require + first signed URL: ours vs taskcluster-client', ours: 'oursFirstUrl', official: 'clientFirstUrl' },
  { name: "import('taskcluster-wasm') vs client-web (Node bundle)", ours: 'oursImport', official: 'webBundle' },
  { name: "import('taskcluster-wasm') vs import() of client-web (Node ESM bundle)", ours: 'oursImport', official: 'webEsmBundle' },
];

function runImportTimes(official) {
  const firstUrl = (pkg, method) =>
    `const m = require('${pkg}'); const tc = m.Queue ? m : m.default; const q = new tc.Queue({rootUrl: 'https://tc.example.com', credentials: {clientId: 'a', accessToken: 'b'}}); q.buildSignedUrl(${method}, 'fN1SbArXTPSVFNUvaOlinQ', 0, 'x');`;
  const variants = [
    { id: 'oursRequire', label: "require('taskcluster-wasm')", code: "require('taskcluster-wasm')" },
    { id: 'oursImport', label: "import('taskcluster-wasm')", code: "import('taskcluster-wasm')" },
    { id: 'clientRequire', label: "require('taskcluster-client')", code: "require('taskcluster-client')" },
    { id: 'clientImport', label: "import('taskcluster-client')", code: "import('taskcluster-client')" },
    { id: 'oursFirstUrl', label: 'taskcluster-wasm: require + Queue.buildSignedUrl', code: firstUrl('taskcluster-wasm', "'getArtifact'") },
    { id: 'clientFirstUrl', label: 'taskcluster-client: require + Queue.buildSignedUrl', code: firstUrl('taskcluster-client', 'q.getArtifact') },
  ];
  if (official.clientWeb) {
    variants.push({ id: 'webBundle', label: 'taskcluster-client-web (esbuild Node bundle)', code: `require(${JSON.stringify(CLIENT_WEB_NODE_BUNDLE)})` });
    variants.push({ id: 'webEsmBundle', label: 'taskcluster-client-web (esbuild Node ESM bundle), import()', code: `import(${JSON.stringify(pathToFileURL(CLIENT_WEB_NODE_ESM_BUNDLE).href)})` });
  }
  return measureImportTimes(variants, QUICK ? 1 : undefined);
}

async function runSizes() {
  const files = section('size: package files', packageFiles);
  const bundles = await bundleSizes().catch((error) => errors.push(`size: bundles: ${error.stack}`) && null);
  const installed = section('size: installed', installedSizes);
  if (bundles) notes.push(...bundles.notes);
  if (installed) {
    notes.push(`taskcluster-client dependency closure: ${installed.closure.packages} packages (${installed.closure.names.join(', ')})`);
    if (installed.closure.missing.length) notes.push(`closure: not installed: ${installed.closure.missing.join(', ')}`);
  }
  return { files, bundles, installed };
}

const busy = (info) => info.loadAverage[0] > info.cores * 0.5;

function printReport(info, speed, imports, sizes) {
  const out = [];
  out.push(`taskcluster-wasm benchmark: ${new Date().toISOString()}`);
  out.push(`Machine: ${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB; Node ${info.node} (V8 ${info.v8}); ${info.platform}`);
  out.push(`Load average at start: ${info.loadAverage.join(', ')}${busy(info) ? ' (machine busy: absolute figures are noisy; ratios hold up better, contenders are interleaved)' : ''}`);
  out.push(`Versions: ${Object.entries(info.versions).map(([k, v]) => `${k} ${v ?? '(absent)'}`).join(', ')}`);
  out.push(`Speed: median of ${TIMING.rounds} rounds of a fixed, calibrated iteration count (~${TIMING.roundMs} ms/round) after a warm-up; contenders interleaved.`);
  out.push('', speedTable(speed));
  if (imports) out.push('', importTable(imports, IMPORT_ROWS));
  const sizeRows = [...(sizes.files ?? []), ...(sizes.bundles?.rows ?? []), ...(sizes.installed?.rows ?? [])];
  if (sizeRows.length) out.push('', sizeTable(sizeRows));
  if (notes.length) out.push('', 'Notes:', ...notes.map((n) => `- ${n}`));
  if (errors.length) out.push('', 'ERRORS (sections that could not be measured):', ...errors.map((e) => `- ${e}`));
  return out.join('\n');
}

async function main() {
  const info = machine();
  process.stderr.write(`bench: ${info.cpu} x${info.cores}, Node ${info.node}${QUICK ? ' (quick)' : ''}\n`);
  const official = await loadOfficial();
  notes.push(...official.notes);
  notes.push('Hawk "+ authorizedScopes": ours keeps the ext of recent scope lists; the official side gets the ext precomputed, as taskcluster-client does once per client.');
  notes.push('client-web buildSignedUrl is async; its synchronous twin buildSignedUrlSync (same code path) is measured.');
  notes.push('signUrl takes a ready URL; the rows against buildSignedUrl include URL building on the official side only.');

  const speed = runSpeed(official);
  process.stderr.write('  measuring request throughput\n');
  const throughput = await measureThroughput(ours, official, QUICK ? { rounds: 1, requests: 200 } : {})
    .catch((error) => { errors.push(`throughput: ${error.stack ?? error}`); return null; });
  if (throughput) speed.push(throughput);
  process.stderr.write('  measuring import times\n');
  const imports = section('import time', () => runImportTimes(official));
  const sizes = await runSizes();
  const elapsedSec = Number(process.hrtime.bigint() - started) / 1e9;
  notes.push(`Total benchmark time: ${elapsedSec.toFixed(1)} s.`);

  console.log(printReport(info, speed, imports, sizes));

  mkdirSync(OUT_DIR, { recursive: true });
  const jsonPath = path.join(OUT_DIR, 'bench.json');
  const json = { date: new Date().toISOString(), quick: QUICK, machine: info, timing: TIMING, speed, importTimes: imports, importRows: IMPORT_ROWS, sizes, notes, errors };
  writeFileSync(jsonPath, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`\nWrote ${path.relative(process.cwd(), jsonPath) || jsonPath}`);
  process.exitCode = errors.length ? 1 : 0;
}

await main();
