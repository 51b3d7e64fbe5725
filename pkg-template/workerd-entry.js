// Cloudflare Workers entry (the `workerd` export condition): workerd cannot fetch a
// file at start-up, so the wasm is imported as a compiled WebAssembly.Module (as
// wrangler and workerd load a `.wasm` import) and instantiated synchronously.
import wasmModule from './taskcluster_wasm_bg.wasm';
import { initSync } from './taskcluster_wasm.js';
import { defaultExport } from './default-export.js';
import everything from './facade.js';

initSync({ module: wasmModule });

export * from './facade.js';
export const ready = Promise.resolve();
export default /* @__PURE__ */ defaultExport(everything, ready);
