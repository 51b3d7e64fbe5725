// Node entry (bundled into node/index.cjs): the CommonJS glue loads the wasm
// synchronously at require, so `ready` is already settled.
import { defaultExport } from './default-export.js';
import everything from './facade.js';

export * from './facade.js';
export const ready = Promise.resolve();
export default /* @__PURE__ */ defaultExport(everything, ready);

// The wasm draws its randomness (nonces, slugids) from the Web Crypto global,
// which Node only has from version 19 on: give Node 18 the same object. Tested
// with `in`: reading Node's lazy `crypto` global would load node:crypto (several
// milliseconds) at every import, not only when the wasm first needs randomness.
if (!('crypto' in globalThis)) globalThis.crypto = require('node:crypto').webcrypto;
