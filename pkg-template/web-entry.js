// Browser and bundler entry: loads the wasm beside this file before any export
// is used (top-level await), so callers never see an uninitialised module.
import init from './taskcluster_wasm.js';
import { defaultExport } from './default-export.js';
import everything from './facade.js';

await init({ module_or_path: new URL('./taskcluster_wasm_bg.wasm', import.meta.url) });

export * from './facade.js';
export const ready = Promise.resolve();
export default /* @__PURE__ */ defaultExport(everything, ready);
