// 8. Size: our package files, a one-service browser bundle, and the installed
// size of the Node package versus taskcluster-client with its dependency closure.
import { builtinModules } from 'node:module';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { DIST, NODE_MODULES, ROOT, hasClientWeb } from './paths.mjs';

const gzipSize = (buf) => gzipSync(buf, { level: 9 }).length;

export function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return listFiles(full);
    return entry.isFile() ? [full] : [];
  });
}

/** Raw and gzip -9 size summed over files (each file compressed on its own, as served). */
export function measureFiles(files) {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const buf = readFileSync(file);
    raw += buf.length;
    gzip += gzipSize(buf);
  }
  return { files: files.length, raw, gzip };
}

const measureBuffer = (buf) => ({ files: 1, raw: buf.length, gzip: gzipSize(buf) });

function sumSizes(parts) {
  return parts.reduce((a, b) => ({ files: a.files + b.files, raw: a.raw + b.raw, gzip: a.gzip + b.gzip }), { files: 0, raw: 0, gzip: 0 });
}

// --- our package files (dist/web) ------------------------------------------

const isServed = (file) => file.endsWith('.js') || file.endsWith('.wasm');

export function packageFiles() {
  const web = path.join(DIST, 'web');
  const inWeb = (...names) => names.map((n) => path.join(web, n));
  const isJs = (f) => f.endsWith('.js');
  const groups = {
    'wasm (taskcluster_wasm_bg.wasm)': inWeb('taskcluster_wasm_bg.wasm'),
    'glue JS (taskcluster_wasm.js)': inWeb('taskcluster_wasm.js'),
    'runtime.js': inWeb('runtime.js'),
    'services/ (all current services)': listFiles(path.join(web, 'services')).filter(isJs),
    'legacy/ (2018 services)': listFiles(path.join(web, 'legacy')).filter(isJs),
    'entry files (index, facade, legacy, ...)': inWeb('index.js', 'facade.js', 'wasm-exports.js', 'version.js', 'legacy.js'),
  };
  const rows = Object.entries(groups).map(([name, files]) => ({ name, ours: measureFiles(files.filter(existsSync)) }));
  const counted = new Set(Object.values(groups).flat());
  // What a browser loads: the .js and .wasm files. Type declarations and the source
  // maps (the readable sources of the minified files, fetched only by developer tools) are not.
  const others = listFiles(web).filter((f) => !counted.has(f) && isServed(f));
  if (others.length) rows.push({ name: 'other dist/web files', ours: measureFiles(others) });
  const total = sumSizes(rows.map((r) => r.ours));
  const official = hasClientWeb()
    ? measureFiles(listFiles(path.join(NODE_MODULES, 'taskcluster-client-web', 'src')))
    : null;
  rows.push({ name: 'total dist/web as served (.js + .wasm; no .d.ts, .map) vs client-web src/ (no deps)', ours: total, official });
  return rows;
}

// --- one-service browser bundle ---------------------------------------------

const NODE_BUILTINS = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

// taskcluster-client builds its classes at run time, so it has no named `Queue` export.
const ENTRY = {
  named: (pkg) => `import { Queue } from '${pkg}';\nnew Queue({ rootUrl: 'x' });\n`,
  default: (pkg) => `import taskcluster from '${pkg}';\nnew taskcluster.Queue({ rootUrl: 'x' });\n`,
};

async function bundle(pkg, { platform, external = [], entry = 'named' }) {
  const result = await esbuild.build({
    stdin: { contents: ENTRY[entry](pkg), resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform,
    minify: true,
    write: false,
    metafile: true,
    external,
    logLevel: 'silent',
  });
  const js = result.outputFiles[0].contents;
  // Imports esbuild left unresolved: the Node built-ins a browser would need polyfilled.
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
  // Bytes each input contributes to the minified output (before gzip).
  const inputs = Object.fromEntries(
    Object.values(result.metafile.outputs).flatMap((o) => Object.entries(o.inputs).map(([file, { bytesInOutput }]) => [file, bytesInOutput])),
  );
  return { js: measureBuffer(js), externals: [...new Set(imports)].sort(), inputs };
}

export async function bundleSizes() {
  const ours = await bundle('taskcluster-wasm', { platform: 'browser' });
  const wasm = measureFiles([path.join(DIST, 'web', 'taskcluster_wasm_bg.wasm')]);
  const rows = [
    {
      name: 'Queue browser bundle: JS + wasm vs client-web (unpolyfilled)',
      ours: sumSizes([ours.js, wasm]),
      official: null,
      oursParts: { js: ours.js, wasm, inputs: ours.inputs },
      notes: [],
    },
  ];
  const notes = [];
  if (hasClientWeb()) {
    const web = await bundle('taskcluster-client-web', { platform: 'browser', external: NODE_BUILTINS });
    rows[0].official = web.js;
    rows[0].officialExternals = web.externals;
    notes.push(
      `client-web bundle is unpolyfilled and does not run in a browser as is: it imports Node built-ins (${web.externals.join(', ')}) that need polyfills.`,
    );
  } else {
    notes.push('taskcluster-client-web not installed: no browser bundle to compare.');
  }
  const node = await bundle('taskcluster-client', { platform: 'node', entry: 'default' });
  rows.push({ name: 'Queue bundle: ours (browser, JS + wasm) vs taskcluster-client (node, ref.)', ours: rows[0].ours, official: node.js });
  rows.push({ name: 'Queue bundle: JS only (ours, without wasm)', ours: ours.js, official: null });
  if (ours.externals.length) notes.push(`our bundle left these imports external: ${ours.externals.join(', ')}`);
  return { rows, notes };
}

// --- installed size of the Node package -------------------------------------

// Node's lookup: <from>/node_modules/<name>, then each parent's node_modules.
function resolvePackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(dir)) return null;
  }
}

/** The package and every package reachable through its `dependencies`. */
export function dependencyClosure(name) {
  const seen = new Map();
  const missing = [];
  const visit = (dep, fromDir) => {
    const dir = resolvePackageDir(dep, fromDir);
    if (!dir) return missing.push(dep);
    if (seen.has(dir)) return;
    seen.set(dir, dep);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
    for (const child of Object.keys(manifest.dependencies ?? {})) visit(child, dir);
  };
  visit(name, ROOT);
  return { dirs: [...seen.keys()], names: [...seen.values()], missing };
}

function directorySize(dir) {
  // Nested node_modules belong to other packages of the closure (counted separately).
  const files = listFiles(dir).filter((f) => !path.relative(dir, f).split(path.sep).includes('node_modules'));
  return { files: files.length, raw: files.reduce((n, f) => n + statSync(f).size, 0) };
}

export function installedSizes() {
  const ours = directorySize(DIST);
  const closure = dependencyClosure('taskcluster-client');
  const theirs = closure.dirs.map(directorySize).reduce((a, b) => ({ files: a.files + b.files, raw: a.raw + b.raw }), { files: 0, raw: 0 });
  return {
    rows: [{ name: 'Installed: dist/ vs taskcluster-client + dependency closure', ours, official: theirs }],
    closure: { packages: closure.names.length, names: closure.names, missing: closure.missing },
  };
}
