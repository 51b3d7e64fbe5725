// Node entry (bundled into node/index.cjs): the CommonJS glue loads the wasm
// synchronously at require, so `ready` is already settled.
export * from './facade.js';
export const ready = Promise.resolve();
