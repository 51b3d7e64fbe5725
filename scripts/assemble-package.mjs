// Assembles dist/ (the npm package) from the two wasm-pack outputs and
// pkg-template/. One package, entries per runtime:
//   node/index.cjs (require), node/index.mjs (import), web/index.js (browsers, bundlers).
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, lstatSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const dist = join(root, 'dist');
const template = join(root, 'pkg-template');
const glueFiles = ['taskcluster_wasm.js', 'taskcluster_wasm.d.ts', 'taskcluster_wasm_bg.wasm'];
// The package is "type": "module", so Node's CommonJS glue needs the .cjs extension.
const nodeGlue = (file) => file.replace(/\.js$/, '.cjs');

const version = readFileSync(join(root, 'Cargo.toml'), 'utf8').match(/^version = "([^"]+)"/m)[1];

rmSync(dist, { recursive: true, force: true });
for (const [target, folder] of [['nodejs', 'node'], ['web', 'web']]) {
  mkdirSync(join(dist, folder), { recursive: true });
  for (const file of glueFiles) {
    copyFileSync(join(root, 'build', target, file), join(dist, folder, folder === 'node' ? nodeGlue(file) : file));
  }
}

// Browsers: the facade stays an ES module beside its glue, behind an entry
// that initialises the wasm.
const versionModule = `export const version = ${JSON.stringify(version)};\n`;
writeFileSync(join(dist, 'web', 'version.js'), versionModule);
copyFileSync(join(template, 'facade.js'), join(dist, 'web', 'facade.js'));
copyFileSync(join(template, 'web-entry.js'), join(dist, 'web', 'index.js'));

// Node, require(): the same facade as CommonJS over the nodejs glue.
await build({
  stdin: {
    contents: readFileSync(join(template, 'facade.js'), 'utf8').replaceAll("'./taskcluster_wasm.js'", "'./taskcluster_wasm.cjs'"),
    resolveDir: join(dist, 'node'),
  },
  plugins: [inlineVersion(versionModule)],
  outfile: join(dist, 'node', 'index.cjs'),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  external: ['./taskcluster_wasm.cjs'],
  logLevel: 'warning',
});

// Node, import: named exports over the CommonJS build (listed explicitly,
// since Node cannot infer them from esbuild's re-export helper).
const names = Object.keys(createRequire(import.meta.url)(join(dist, 'node', 'index.cjs'))).filter((n) => n !== 'default');
writeFileSync(
  join(dist, 'node', 'index.mjs'),
  `import api from './index.cjs';\n\nexport const {\n${names.map((n) => `  ${n},`).join('\n')}\n} = api;\nexport default api;\n`,
);

copyFileSync(join(template, 'index.d.ts'), join(dist, 'index.d.ts'));
copyFileSync(join(template, 'README.md'), join(dist, 'README.md'));
const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8'));
pkg.version = version;
writeFileSync(join(dist, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');

// Tests and the demo import the built package by name.
const link = join(root, 'node_modules', 'taskcluster-wasm');
try {
  lstatSync(link);
} catch {
  symlinkSync('../dist', link);
}
/** Serves `./version.js` from memory, so the Node build needs no file for it. */
function inlineVersion(contents) {
  return {
    name: 'inline-version',
    setup(b) {
      b.onResolve({ filter: /^\.\/version\.js$/ }, () => ({ path: 'version', namespace: 'version' }));
      b.onLoad({ filter: /.*/, namespace: 'version' }, () => ({ contents, loader: 'js' }));
    },
  };
}

console.log(`dist/: taskcluster-wasm ${version}, ${names.length} exports`);
