// The package's public surface (surface.js) with today's service and exchange
// classes, the `clients` map and the default export. legacy-facade.js is the
// same with the 2018 classes.
import * as services from './services/index.js';
import { everyExport } from './default-export.js';
// The module's own namespace, for the default export (read only after every export is defined).
import * as self from './facade.js';

export * from './surface.js';
export * from './services/index.js';

// The two objects below name every class; their pure annotations let bundlers drop them (and
// so the classes) when a program imports only what it uses.

/** Every service and exchange class by name, like taskcluster-client's `clients`. */
export const clients = /* @__PURE__ */ Object.freeze({ ...services });

/**
 * For `import taskcluster from 'taskcluster-wasm'`, as with taskcluster-client's default
 * export; each entry adds its `ready` to it.
 */
export default /* @__PURE__ */ everyExport(self);
