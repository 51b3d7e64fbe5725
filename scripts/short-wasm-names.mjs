// Shortens the names the wasm and its JS glue share. wasm-bindgen names every
// import after its Rust binding plus a hash (`__wbg_call_40b008ba32f73991`), and
// every import names its module ("./taskcluster_wasm_bg.js"); each name is spelled
// in the wasm and again in the glue. Binaryen renames them all to one or two
// letters (about 2 KB gzip off the wasm, 1.5 KB off the glue); the glue is
// rewritten to match, and checked against the module so that a glue of another
// shape fails the build instead of the first call.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WASM_OPT = fileURLToPath(new URL('../node_modules/.bin/wasm-opt', import.meta.url));
const GLUE_MODULE = './taskcluster_wasm_bg.js';

/**
 * Writes `wasmIn` with short names to `wasmOut` (and drops its target-features
 * section, which only tools read and which the renaming needs) and rewrites each
 * glue file in `gluePaths` to use them.
 */
export function shortenWasmNames(wasmIn, wasmOut, gluePaths) {
  const renamed = JSON.parse(execFileSync(WASM_OPT, [wasmIn, '--minify-imports-and-exports-and-modules', '--strip-target-features', '-o', wasmOut], { encoding: 'utf8' }));
  const module = new WebAssembly.Module(readFileSync(wasmOut));
  const moduleImports = WebAssembly.Module.imports(module);
  const moduleNames = [...new Set(moduleImports.map((i) => i.module))];
  if (moduleNames.length !== 1) fail(`expected the imports of one module, found ${moduleNames.join(', ')}`);
  for (const [from] of renamed.imports) if (from !== GLUE_MODULE) fail(`an import from ${from}, not ${GLUE_MODULE}`);
  const imports = new Map(renamed.imports.map(([, from, to]) => [from, to]));
  const exports = new Map(renamed.exports);
  const exportNames = new Set(WebAssembly.Module.exports(module).map((e) => e.name));
  const importNames = moduleImports.map((i) => i.name).sort();
  for (const path of gluePaths) {
    const glue = renameInGlue(readFileSync(path, 'utf8'), imports, exports, moduleNames[0]);
    const keys = importObjectKeys(glue).sort();
    if (keys.join() !== importNames.join()) fail(`${path}: the import object's keys are not the module's imports`);
    for (const [, name] of glue.matchAll(/\bwasm\.([\w$]+)/g)) if (!exportNames.has(name)) fail(`${path}: wasm.${name} is not an export`);
    writeFileSync(path, glue);
  }
}

function renameInGlue(glue, imports, exports, moduleName) {
  let out = replaceOnce(glue, `"${GLUE_MODULE}": import0`, `${JSON.stringify(moduleName)}: import0`);
  // The import object's entries, one per line: `        name: function(...`.
  for (const [from, to] of imports) out = replaceOnce(out, `\n        ${from}: `, `\n        ${JSON.stringify(to)}: `);
  return out.replace(/\bwasm\.([\w$]+)/g, (whole, name) => {
    if (!exports.has(name)) fail(`the glue uses wasm.${name}, which the wasm does not export`);
    return `wasm.${exports.get(name)}`;
  });
}

/** The keys of the glue's import object (`const import0 = { ... };`). */
function importObjectKeys(glue) {
  const start = glue.indexOf('const import0 = {');
  const end = glue.indexOf('\n    };', start);
  if (start < 0 || end < 0) fail('no import object (const import0 = {...}) in the glue');
  return [...glue.slice(start, end).matchAll(/\n {8}"([^"]+)": /g)].map((m) => m[1]);
}

function replaceOnce(text, from, to) {
  const found = text.split(from).length - 1;
  if (found !== 1) fail(`the glue has ${found} of ${JSON.stringify(from)}, expected 1`);
  return text.replace(from, () => to);
}

function fail(message) {
  throw new Error(`short-wasm-names: ${message}; update scripts/short-wasm-names.mjs for this wasm-bindgen`);
}
