// Assembles dist/ (the npm package) from the two wasm-pack outputs, the
// generated classes (build/clients) and pkg-template/. One package, entries per runtime:
//   web/index.js, web/legacy.js      browsers, bundlers, Deno (ES modules, one file per class)
//   web/worker.js, web/legacy-worker.js     workers, Service Workers (no top-level await; `ready`)
//   web/workerd.js, web/legacy-workerd.js   Cloudflare Workers (the wasm imported as a module)
//   node/index.cjs, node/legacy.cjs  require()
//   node/index.mjs, node/legacy.mjs  import in Node (named exports over the CommonJS build)
import { build } from 'esbuild';
import { cpSync, copyFileSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join, relative } from 'node:path';
import { minify } from 'terser';
import { joinModules } from './inline-modules.mjs';
import { shortenWasmNames } from './short-wasm-names.mjs';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const web = join(dist, 'web');
const node = join(dist, 'node');
const template = join(root, 'pkg-template');
const clients = join(root, 'build', 'clients');
const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

rmSync(dist, { recursive: true, force: true });
mkdirSync(web, { recursive: true });
mkdirSync(node, { recursive: true });

// The wasm glue: ES modules for browsers (with the inline JS snippets beside
// them); for Node, the nodejs glue (CommonJS) turned into an ES module below and
// bundled into node/index.cjs.
for (const file of ['taskcluster_wasm.js', 'taskcluster_wasm.d.ts']) {
  copyFileSync(join(root, 'build', 'web', file), join(web, file));
  copyFileSync(join(root, 'build', 'nodejs', file), join(node, file));
}
const wasmBuilds = ['web', 'nodejs'].map((target) => join(root, 'build', target, 'taskcluster_wasm_bg.wasm'));
if (!readFileSync(wasmBuilds[0]).equals(readFileSync(wasmBuilds[1]))) throw new Error('assemble-package: the web and nodejs builds made different wasm');
cpSync(join(root, 'build', 'web', 'snippets'), join(web, 'snippets'), { recursive: true });
cpSync(join(root, 'build', 'nodejs', 'snippets'), join(node, 'snippets'), { recursive: true });
// The web glue: a call made before the wasm is initialised (only possible with the
// worker entry, which does not wait) gets a clear error instead of "Cannot read
// properties of undefined". Bundlers may leave out the classes a program does not
// use: each class's `Symbol.dispose` is set by a pure call around it instead of a
// statement after it, and the finalization registries are marked pure.
const webGluePath = join(web, 'taskcluster_wasm.js');
const webGlue = readFileSync(webGluePath, 'utf8');
const glueClasses = [...webGlue.matchAll(/^if \(Symbol\.dispose\) (\w+)\.prototype\[Symbol\.dispose\] = \1\.prototype\.free;$/gm)].map((m) => m[1]);
writeFileSync(webGluePath, replaceExactly(webGlue, [
  ...glueClasses.flatMap((name) => [
    [`\nexport class ${name} {\n`, `\nexport const ${name} = /* @__PURE__ */ withDispose(class ${name} {\n`, 1],
    [`\n}\nif (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`, '\n});\n', 1],
  ]),
  ['\nfunction __wbg_get_imports() {', `
/** \`cls\` with \`[Symbol.dispose]()\` as its \`free()\` where the engine has the symbol. */
function withDispose(cls) {
    if (Symbol.dispose) cls.prototype[Symbol.dispose] = cls.prototype.free;
    return cls;
}

function __wbg_get_imports() {`, 1],
  ['\n    : new FinalizationRegistry(', '\n    : /* @__PURE__ */ new FinalizationRegistry(', glueClasses.length + 1],
  ['let wasmModule, wasmInstance, wasm;', `const NOT_READY = new Proxy({}, { get() {
    throw new Error('taskcluster-wasm: the WebAssembly is not initialised yet; await \`ready\` before the first call');
} });
let wasmModule, wasmInstance, wasm = NOT_READY;`, 1],
  ['if (wasm !== undefined) return wasm;', 'if (wasm !== NOT_READY) return wasm;', 2],
  // Every runtime the package supports has TextEncoder.encodeInto.
  [`if (!('encodeInto' in cachedTextEncoder)) {
    cachedTextEncoder.encodeInto = function (arg, view) {
        const buf = cachedTextEncoder.encode(arg);
        view.set(buf);
        return {
            read: arg.length,
            written: buf.length
        };
    };
}
`, '', 1],
  // The entries (the glue's only callers) pass the one-object form, never the deprecated ones.
  ...['module', 'module_or_path'].map((name) => [`    if (${name} !== undefined) {
        if (Object.getPrototypeOf(${name}) === Object.prototype) {
            ({${name}} = ${name})
        } else {
            console.warn('using deprecated parameters for ${name === 'module' ? '`initSync()`' : 'the initialization function'}; pass a single object instead')
        }
    }
`, `    if (${name} !== undefined) ({${name}} = ${name});
`, 1]),
]));
// The Node glue compiles the wasm at the first call instead of at require: the
// compile is most of what require costs, and a program that loads the package
// but calls into wasm later (or never) should not wait for it at start-up.
// It is made an ES module (its snippet imported, its `exports.name = name` lines one
// export list) so that the bundle holds its functions as plain bindings: as CommonJS,
// every module importing it got its own copy of the exports behind getters.
const nodeGluePath = join(node, 'taskcluster_wasm.js');
const nodeGlueExports = [];
const nodeGlueModule = readFileSync(nodeGluePath, 'utf8')
  .replace(/^const (\{[^}]+\}) = require\(String\.raw`([^`]+)`\);$/gm, "import $1 from '$2';")
  .replace(/^exports\.(\w+) = \1;\n/gm, (_, name) => {
    nodeGlueExports.push(name);
    return '';
  });
if (/\bexports\.|require\(String\.raw/.test(nodeGlueModule)) throw new Error('assemble-package: the nodejs glue has CommonJS this script does not convert: update it for the new wasm-bindgen');
writeFileSync(nodeGluePath, replaceExactly(`${nodeGlueModule}export { ${nodeGlueExports.join(', ')} };\n`, [
  [`const wasmPath = \`\${__dirname}/taskcluster_wasm_bg.wasm\`;
const wasmBytes = require('fs').readFileSync(wasmPath);
const wasmModule = new WebAssembly.Module(wasmBytes);
let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
let wasm = wasmInstance.exports;
wasm.__wbindgen_start();`, `// Stands in for the exports until the first use; every later use reads \`wasm\` itself.
let wasm = new Proxy({}, { get(_, name) {
    const bytes = require('fs').readFileSync(\`\${__dirname}/taskcluster_wasm_bg.wasm\`);
    wasm = new WebAssembly.Instance(new WebAssembly.Module(bytes), __wbg_get_imports()).exports;
    wasm.__wbindgen_start();
    return wasm[name];
} });`, 1],
]));
// `[Symbol.dispose]()` in the declarations needs TypeScript's esnext lib;
// without it every user compiling with an es2022 lib would get errors.
for (const folder of [web, node]) {
  const types = join(folder, 'taskcluster_wasm.d.ts');
  writeFileSync(types, readFileSync(types, 'utf8').replace(/^ *\[Symbol\.dispose\]\(\): void;\n/gm, ''));
}

// One wasm for both, with short import and export names; the glues follow.
shortenWasmNames(wasmBuilds[0], join(web, 'taskcluster_wasm_bg.wasm'), [webGluePath, nodeGluePath]);
copyFileSync(join(web, 'taskcluster_wasm_bg.wasm'), join(node, 'taskcluster_wasm_bg.wasm'));

const require = createRequire(import.meta.url);

// Both builds export the same wasm names: the Node glue's (the web glue also has init functions).
const wasmNames = wasmExportNames(join(root, 'build', 'nodejs', 'taskcluster_wasm.d.ts'));
writeFileSync(join(web, 'wasm-exports.js'), `export {\n${wasmNames.map((n) => `  ${n},`).join('\n')}\n} from './taskcluster_wasm.js';\n`);

// Browsers: modules stay files of their own, so bundlers keep only what is used (those
// imported by one module only are joined into it below).
writeFileSync(join(web, 'version.js'), `export const version = ${JSON.stringify(version)};\n`);
// Every module of pkg-template/ except the entries (copied under their runtime's name below).
const modules = readdirSync(template).filter((name) => name.endsWith('.js') && !name.endsWith('-entry.js'));
for (const module of modules) {
  copyFileSync(join(template, module), join(web, module));
}
// Each web entry initialises the wasm its own way; its legacy twin imports it first.
for (const [entry, template_file] of [['index', 'web-entry.js'], ['worker', 'worker-entry.js'], ['workerd', 'workerd-entry.js']]) {
  copyFileSync(join(template, template_file), join(web, `${entry}.js`));
  const legacy = entry === 'index' ? 'legacy' : `legacy-${entry}`;
  writeFileSync(join(web, `${legacy}.js`), `// The 2018 API generation. Importing the main entry first initialises the wasm.
import { ready } from './${entry}.js';
import { defaultExport } from './default-export.js';
import everything from './legacy-facade.js';

export * from './legacy-facade.js';
export { ready };
export default /* @__PURE__ */ defaultExport(everything, ready);
`);
}
for (const generation of ['services', 'legacy']) {
  cpSync(join(clients, generation), join(web, generation), { recursive: true, filter: (f) => !f.endsWith('.d.ts') });
  cpSync(join(clients, generation), join(dist, generation), { recursive: true, filter: (f) => !f.endsWith('.js') });
}

// Node: CommonJS bundles over the nodejs glue; the legacy bundle shares the
// main bundle's runtime (one TaskclusterError class, one wasm instance).
const external = (pattern, path) => ({
  name: `external-${path}`,
  setup(b) {
    b.onResolve({ filter: pattern }, () => ({ path, external: true }));
  },
});
const nodeBundle = (entry, outfile, plugins) =>
  build({ entryPoints: [entry], outfile, bundle: true, format: 'cjs', platform: 'node', logLevel: 'warning', plugins });
// The Node glue and its snippets (ES modules) are bundled in, as CommonJS;
// the glue finds the .wasm beside the bundle through __dirname.
const nodeGlue = {
  name: 'node-glue',
  setup(b) {
    b.onResolve({ filter: /\/taskcluster_wasm\.js$/ }, () => ({ path: join(node, 'taskcluster_wasm.js') }));
  },
};
copyFileSync(join(template, 'node-entry.js'), join(web, 'node-entry.js'));
await nodeBundle(join(web, 'node-entry.js'), join(node, 'index.cjs'), [nodeGlue]);
rmSync(join(web, 'node-entry.js'));
rmSync(join(node, 'taskcluster_wasm.js'));
rmSync(join(node, 'snippets'), { recursive: true });
// The legacy bundle: the main bundle's surface with the 2018 classes (node-legacy-entry.cjs).
copyFileSync(join(template, 'node-legacy-entry.cjs'), join(web, 'node-legacy-entry.cjs'));
// A 2018 class equal to today's is re-exported from services/ (gen-clients.mjs): the main bundle's.
await nodeBundle(join(web, 'node-legacy-entry.cjs'), join(node, 'legacy.cjs'),
  [external(/\/runtime\.js$/, './index.cjs'), external(/^\.\/index\.cjs$/, './index.cjs'), external(/^\.\.\/services\/[^/]+\.js$/, './index.cjs')]);
rmSync(join(web, 'node-legacy-entry.cjs'));

for (const entry of ['index', 'legacy']) {
  const names = Object.keys(require(join(node, `${entry}.cjs`))).filter((n) => n !== 'default');
  // Loaded with require, not `import api from './x.cjs'`: importing CommonJS makes
  // Node scan the whole bundle for its export names first (half of the import time).
  writeFileSync(
    join(node, `${entry}.mjs`),
    `import { createRequire } from 'node:module';\n\nconst api = createRequire(import.meta.url)('./${entry}.cjs');\n\nexport const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = api;\nexport default api;\n`,
  );
}

for (const file of ['index.d.ts', 'runtime.d.ts', 'objects.d.ts', 'oauth.d.ts', 'README.md']) copyFileSync(join(template, file), join(dist, file));
writeFileSync(join(dist, 'legacy.d.ts'), legacyDeclarations(readFileSync(join(template, 'index.d.ts'), 'utf8')));
const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
pkg.version = version;
writeFileSync(join(dist, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// What browsers load is shipped minified (after the Node bundles above were built
// from the readable files), each file with a source map that carries its readable
// sources. Comments, whitespace and unused code go and local names are shortened;
// class names and the names of exported functions stay, and `@__PURE__` annotations
// stay for tree shaking. Terser's full compress would save 0.5 KB gzip more here, but
// the code it rewrites gzips about 1% larger once a user's bundler minifies it again.
// A module imported by one module only is shipped inside it (inline-modules.mjs):
// whoever loads the one loads the other, and one file gzips to less than two.
// Each entry: the host, then the modules it takes in.
// The glue takes in its snippets (wasm-bindgen's `inline_js` and `module` files).
const snippets = listFiles(join(web, 'snippets')).filter((file) => file.endsWith('.js')).map((file) => relative(web, file));
const INLINED = [
  ['taskcluster_wasm.js', snippets],
  ['runtime.js', ['base-members.js', 'client-options.js', 'reference-encoding.js', 'routing-key.js']],
  ['generated-class.js', ['compact-reference.js']],
  ['oauth.js', ['oauth-steps.js']],
  ['objects.js', ['byte-streams.js']],
];
const importers = new Map();
for (const [host, inlined] of INLINED) {
  await minifyInPlace(join(web, host), joinModules(join(web, host), inlined.map((file) => join(web, file))));
  for (const file of inlined) importers.set(file, host);
}
for (const file of importers.keys()) rmSync(join(web, file));
rmSync(join(web, 'snippets'), { recursive: true });
// The generated classes are left as they are: rows of data already.
const generated = ['services', 'legacy'].map((folder) => join(web, folder));
for (const file of listFiles(web)) {
  const minified = INLINED.some(([host]) => file === join(web, host));
  if (file.endsWith('.js') && !minified && !generated.some((folder) => file.startsWith(`${folder}/`))) await minifyInPlace(file);
}
// Nothing else may import an inlined module: it is no longer a file.
for (const file of listFiles(web).filter((f) => f.endsWith('.js'))) {
  for (const [inlined, host] of importers) {
    if (new RegExp(`from ?["']\\./${inlined.replaceAll('.', '\\.')}["']`).test(readFileSync(file, 'utf8'))) {
      throw new Error(`assemble-package: ${relative(web, file)} imports ${inlined}, which is shipped inside ${host}`);
    }
  }
}

// Tests, examples and the demo import the built package by name.
const link = join(root, 'node_modules', 'taskcluster-wasm');
try {
  lstatSync(link);
} catch {
  symlinkSync('../dist', link);
}
const count = Object.keys(require(join(node, 'index.cjs'))).length;
console.log(`dist/: taskcluster-wasm ${version}, ${count} exports`);

/**
 * Rewrites `file` minified, with `file.map` beside it holding the readable sources:
 * `parts`, `{ [name]: text }` minified as one module (inline-modules.mjs), or the file's own.
 */
async function minifyInPlace(file, parts = { [basename(file)]: readFileSync(file, 'utf8') }) {
  const name = basename(file);
  const { code, map } = await minify(parts, {
    module: true,
    compress: { defaults: false, unused: true, dead_code: true, keep_classnames: true },
    mangle: { keep_classnames: true },
    format: { comments: false, preserve_annotations: true },
    sourceMap: { filename: name, url: `${name}.map`, includeSources: true },
  });
  writeFileSync(file, code);
  writeFileSync(`${file}.map`, map);
}

/** Every file under `dir`. */
function listFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** The functions and classes the wasm exports, from its declarations. */
function wasmExportNames(declarations) {
  const text = readFileSync(declarations, 'utf8');
  return [...text.matchAll(/^export (?:function|class) (\w+)/gm)].map((m) => m[1]);
}

/** `text` with each [from, to, count] replaced, failing the build if `from` does not occur exactly `count` times. */
function replaceExactly(text, replacements) {
  for (const [from, to, count] of replacements) {
    const found = text.split(from).length - 1;
    if (found !== count) throw new Error(`assemble-package: the wasm glue has ${found} of ${JSON.stringify(from)}, expected ${count}: update this script for the new wasm-bindgen`);
    text = text.replaceAll(from, to);
  }
  return text;
}

/**
 * legacy.d.ts from index.d.ts: the same surface with the 2018 classes. Its
 * re-exports (but today's classes) are kept, its own declarations re-exported
 * by name, and `clients` and the default export typed over the 2018 classes.
 */
function legacyDeclarations(mainDeclarations) {
  const stars = [...mainDeclarations.matchAll(/^export \* from '([^']+)';$/gm)].map((m) => m[1]).filter((from) => from !== './services/index.js');
  const own = [...mainDeclarations.matchAll(/^export (?:declare )?(?:const|function|class|namespace|interface|type) (\w+)/gm)].map((m) => m[1]);
  const names = [...new Set(own)].filter((name) => name !== 'clients');
  return `// The 2018 API generation: the surface of index.d.ts with the 2018 classes.
${stars.map((from) => `export * from '${from}';`).join('\n')}
export * from './legacy/index.js';
export { ${names.join(', ')} } from './index.js';

import type * as legacy from './legacy/index.js';
import type * as self from './legacy.js';

/** Every 2018 service and exchange class by name. */
export declare const clients: Readonly<typeof legacy>;

/** Every export in one object: \`import taskcluster from 'taskcluster-wasm/legacy'\`. */
declare const taskcluster: Readonly<Omit<typeof self, 'default'>>;
export default taskcluster;
`;
}
