// Node entry (bundled into node/index.cjs): the CommonJS glue loads the wasm
// synchronously at require, so `ready` is already settled.
import { webcrypto } from 'node:crypto';

import everything from './facade.js';

export * from './facade.js';
export const ready = Promise.resolve();
// The default export: every export, `ready` included.
export default /* @__PURE__ */ Object.freeze({ ...everything, ready });

// The wasm draws its randomness (nonces, slugids) from the Web Crypto global,
// which Node only has from version 19 on: give Node 18 the same object.
if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
