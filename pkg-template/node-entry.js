// Node entry (bundled into node/index.cjs): the CommonJS glue loads the wasm
// synchronously at require, so `ready` is already settled.
import { webcrypto } from 'node:crypto';

export * from './facade.js';
export const ready = Promise.resolve();

// The wasm draws its randomness (nonces, slugids) from the Web Crypto global,
// which Node only has from version 19 on: give Node 18 the same object.
if (globalThis.crypto === undefined) globalThis.crypto = webcrypto;
