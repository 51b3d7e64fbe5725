// How the build ships the package (scripts/assemble-package.mjs, pkg-template/*-entry.js):
// bundlers keep only the classes a program imports, the browser files are minified
// with their readable sources in source maps, and Node compiles the wasm at the first
// call instead of at require.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import assert from '../support/assert.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(ROOT, 'dist', 'web');

/** The dist/web files (relative paths) that end up in esbuild's browser bundle of `contents`, and the bundle. */
async function bundled(contents, conditions = []) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: ROOT, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  // Every file esbuild read is an input; those left in the output have bytes in it.
  const [output] = Object.values(result.metafile.outputs);
  const files = Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([file]) => relative(WEB, join(ROOT, file)));
  return { files, code: result.outputFiles[0].text };
}

// A generated class's reference header ("Name service version"): one occurrence per class in a bundle.
const classHeaders = (code) => [...code.matchAll(/"([A-Z]\w*) [\w-]+ v\d+(?: [^"]*)?"/g)].map((m) => m[1]);

for (const [entry, conditions] of [['web/index.js', []], ['web/worker.js', ['worker']]]) {
  test(`a bundle of one class from ${entry} leaves the other classes and features out`, async () => {
    const { files, code } = await bundled("import { Queue } from 'taskcluster-wasm';\nnew Queue({ rootUrl: 'https://tc.example.com' });\n", conditions);
    assert.ok(files.includes(entry.replace('web/', '')), `the bundle goes through ${entry}: ${files.join(', ')}`);
    assert.deepEqual(classHeaders(code), ['Queue'], 'only Queue is in (not the 2018 Queue, not QueueEvents, not Auth)');
    for (const absent of ['legacy/index.js', 'oauth.js', 'objects.js', 'artifacts.js']) {
      assert.ok(!files.includes(absent), `${absent} is left out of a Queue-only bundle: ${files.join(', ')}`);
    }
  });
}

test('a bundle of one 2018 class leaves the other classes out', async () => {
  const { code } = await bundled("import { Queue, Login } from 'taskcluster-wasm/legacy';\nnew Queue({ rootUrl: 'https://tc.example.com' });\nnew Login({ rootUrl: 'https://tc.example.com' });\n");
  // Login exists only in 2018: the legacy module re-exports today's class.
  assert.deepEqual(classHeaders(code).sort(), ['Login', 'Queue']);
  assert.doesNotMatch(code, /"cancelTaskGroup"/, "the 2018 Queue, not today's");
});

test('a bundle that uses the default export keeps every class', async () => {
  const { files, code } = await bundled("import taskcluster from 'taskcluster-wasm';\nconsole.log(taskcluster);\n");
  for (const present of ['services/index.js', 'oauth.js', 'objects.js']) {
    assert.ok(files.includes(present), `${present} is in: ${files.join(', ')}`);
  }
  const classes = classHeaders(code);
  assert.equal(classes.length, 23, `every class: ${classes.join(', ')}`);
  assert.ok(classes.includes('Auth') && classes.includes('Queue') && classes.includes('QueueEvents'));
});

// The files a browser loads, minified; the generated classes (one line of data) as generated.
const templateFiles = ['runtime.js', 'facade.js', 'oauth.js', 'objects.js', 'hawk-signers.js', 'default-export.js'];
// Modules shipped inside the one module importing them (scripts/assemble-package.mjs).
const INLINED = { 'runtime.js': ['base-members.js', 'client-options.js', 'reference-encoding.js', 'routing-key.js'], 'oauth.js': ['oauth-steps.js'], 'objects.js': ['byte-streams.js'] };
const entries = { 'index.js': 'web-entry.js', 'worker.js': 'worker-entry.js', 'workerd.js': 'workerd-entry.js' };

test('the browser files are minified, each with a source map holding its readable source', () => {
  const shipped = [...templateFiles.map((f) => [f, f]), ...Object.entries(entries)];
  for (const [file, template] of shipped) {
    const source = readFileSync(join(ROOT, 'pkg-template', template), 'utf8');
    const minified = readFileSync(join(WEB, file), 'utf8');
    assert.ok(minified.length < source.length, `${file} is smaller than its source (${minified.length} vs ${source.length})`);
    // (terser keeps a comment that mentions an annotation, as one in facade.js does)
    const comments = minified.split('\n').filter((line) => line.startsWith('//') && !line.includes('__PURE__'));
    assert.deepEqual(comments, [`//# sourceMappingURL=${file}.map`], `${file}: no comments left but the map link`);
    const map = JSON.parse(readFileSync(join(WEB, `${file}.map`), 'utf8'));
    assert.equal(map.version, 3);
    // A module shipped with the modules only it imports (inlined) carries each one's source,
    // as written but for what joining them blanked out (imports between them, `export`s).
    const own = map.sourcesContent[map.sources.indexOf(file)];
    const sourceLines = source.split('\n');
    assert.equal(own.split('\n').length, sourceLines.length, `${file}.map carries the readable source of ${template}`);
    own.split('\n').forEach((line, i) => assert.ok(sourceLines[i].includes(line.trim()), `${file}.map: line ${i + 1} of ${template} as written`));
    for (const inlined of INLINED[file] ?? []) assert.ok(map.sources.includes(inlined), `${file}.map carries ${inlined}`);
    assert.equal(map.sources.length, 1 + (INLINED[file]?.length ?? 0), `${file}.map: ${map.sources.join(', ')}`);
    assert.ok(map.mappings.length > 0, `${file}.map maps positions`);
    // Tree shaking in the user's bundler depends on these.
    const pure = (text) => (text.match(/\/\*\s*[@#]__PURE__\s*\*\//g) ?? []).length;
    assert.equal(pure(minified), map.sourcesContent.map(pure).reduce((a, b) => a + b), `${file} keeps its @__PURE__ annotations`);
  }
  for (const inlined of Object.values(INLINED).flat()) assert.ok(!existsSync(join(WEB, inlined)), `${inlined} is shipped inside the module importing it`);
  const glue = readFileSync(join(WEB, 'taskcluster_wasm.js'), 'utf8');
  assert.match(glue, /\/\/# sourceMappingURL=taskcluster_wasm\.js\.map\s*$/);
  // The glue takes in its snippets: one file.
  const glueSources = JSON.parse(readFileSync(join(WEB, 'taskcluster_wasm.js.map'), 'utf8')).sources;
  assert.ok(glueSources.includes('taskcluster_wasm.js') && glueSources.some((s) => s.startsWith('snippets/')), glueSources.join(', '));
  assert.ok(!existsSync(join(WEB, 'snippets')), 'no snippets folder');
  assert.doesNotMatch(glue, /from\s*["']\.\/snippets\//);
  // Bundlers find the wasm through this exact pattern; minifying must not change it.
  assert.match(readFileSync(join(WEB, 'index.js'), 'utf8'), /new URL\("\.\/taskcluster_wasm_bg\.wasm",import\.meta\.url\)/);
});

test('the generated classes are shipped as generated, without maps', () => {
  for (const file of ['services/index.js', 'legacy/index.js']) {
    const text = readFileSync(join(WEB, file), 'utf8');
    assert.match(text, /^import \{ apiClass, exchangesClass \} from '\.\.\/generated-class\.js';\nexport const Auth = \/\* @__PURE__ \*\/ apiClass\("Auth auth v1", \[\["ping",/, `${file} is the generator's output`);
    assert.match(text, /\nexport const Queue = \/\* @__PURE__ \*\/ apiClass\("Queue queue v1", \[\["ping",/, `${file} holds Queue`);
    assert.ok(!existsSync(join(WEB, `${file}.map`)), `${file} has no map`);
  }
});

// Node: a child process records which files and built-in modules loading the package reads.
function loadInChild(code) {
  const probe = `
    const fs = require('node:fs');
    const readFileSync = fs.readFileSync;
    const wasmReads = [];
    fs.readFileSync = function (file, ...rest) {
      if (String(file).endsWith('.wasm')) wasmReads.push(String(file));
      return readFileSync.call(this, file, ...rest);
    };
    const webcryptoLoaded = () => process.moduleLoadList.some((m) => m.includes('crypto/webcrypto'));
    (async () => { ${code} })().then((result) => console.log(JSON.stringify(result)));
  `;
  return JSON.parse(execFileSync(process.execPath, ['-e', probe], { cwd: ROOT, encoding: 'utf8' }));
}

for (const [how, load] of [['require', "require('taskcluster-wasm')"], ['import', "(await import('taskcluster-wasm')).default"]]) {
  test(`Node: ${how} neither compiles the wasm nor loads node:crypto; the first call does what it needs`, () => {
    const result = loadInChild(`
      const tc = ${load};
      const atLoad = { wasmReads: wasmReads.length, webcrypto: webcryptoLoaded() };
      const queue = new tc.Queue({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'c', accessToken: 't' } });
      const url = queue.buildSignedUrl('getArtifact', 'fN1SbArXTPSVFNUvaOlinQ', 0, 'public/x');
      const afterCall = wasmReads.length;
      const slug = tc.slugid();
      return { atLoad, afterCall, url, slug, wasmReads: wasmReads.length };
    `);
    assert.deepEqual(result.atLoad, { wasmReads: 0, webcrypto: false });
    assert.equal(result.afterCall, 1, 'the first call compiled the wasm');
    assert.match(result.url, /^https:\/\/tc\.example\.com\/api\/queue\/v1\/task\/fN1SbArXTPSVFNUvaOlinQ\/runs\/0\/artifacts\/public%2Fx\?bewit=/);
    assert.match(result.slug, /^[A-Za-z0-9_-]{22}$/, 'randomness works once the wasm asks for it');
    assert.equal(result.wasmReads, 1, 'compiled once');
  });
}

test('Node: a wasm that cannot be loaded fails the first call with the reason, and every later one', () => {
  // dist/node/ copied without its .wasm: the error is the file system's, not a trap.
  const result = loadInChild(`
    const os = require('node:os');
    const path = require('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-wasm-missing-'));
    try {
      fs.copyFileSync(${JSON.stringify(join(ROOT, 'dist', 'node', 'index.cjs'))}, path.join(dir, 'index.cjs'));
      const tc = require(path.join(dir, 'index.cjs'));
      const errors = [];
      for (let i = 0; i < 2; i++) {
        try { tc.slugid(); errors.push(null); } catch (error) { errors.push(error.code ?? error.message); }
      }
      return errors;
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  `);
  assert.deepEqual(result, ['ENOENT', 'ENOENT']);
});

test('dist/node/index.mjs loads the CommonJS build with require (no export-name scan of the bundle)', () => {
  const text = readFileSync(join(ROOT, 'dist', 'node', 'index.mjs'), 'utf8');
  assert.match(text, /createRequire\(import\.meta\.url\)\('\.\/index\.cjs'\)/);
  assert.doesNotMatch(text, /from '\.\/index\.cjs'/);
});
