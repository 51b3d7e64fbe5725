// Cloudflare Workers entry (the `workerd` export condition): workerd cannot fetch a
// file at start-up, so the wasm is imported as a compiled WebAssembly.Module (as
// wrangler and workerd load a `.wasm` import) and instantiated synchronously.
import wasmModule from './taskcluster_wasm_bg.wasm';
import { initSync } from './taskcluster_wasm.js';
import everything from './facade.js';

initSync({ module: wasmModule });

export * from './facade.js';
export const ready = Promise.resolve();
// The default export: every export, `ready` included.
export default /* @__PURE__ */ Object.freeze({ ...everything, ready });
