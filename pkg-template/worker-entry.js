// Worker entry (the `worker` export condition): Service Workers refuse modules with
// top-level await, so this one starts loading the wasm beside it at import and
// exports `ready`, which resolves once every export can be used. Await it before
// the first call (in a Service Worker: in `install`'s waitUntil and in each handler).
import init from './taskcluster_wasm.js';
import { defaultExport } from './default-export.js';
import everything from './facade.js';

export * from './facade.js';

export const ready = init({ module_or_path: new URL('./taskcluster_wasm_bg.wasm', import.meta.url) }).then(() => undefined);
export default /* @__PURE__ */ defaultExport(everything, ready);
