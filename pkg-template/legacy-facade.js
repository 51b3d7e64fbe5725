// `taskcluster-wasm/legacy` in browsers and workers: the package's surface
// (surface.js) with the 2018 API's classes, their `clients` map and the default export.
import * as services from './legacy/index.js';
import { everyExport } from './default-export.js';
// The module's own namespace, for the default export (read only after every export is defined).
import * as self from './legacy-facade.js';

export * from './surface.js';
export * from './legacy/index.js';

/** Every 2018 service and exchange class by name. */
export const clients = /* @__PURE__ */ Object.freeze({ ...services });

/** Every export in one object; each entry adds its `ready` to it. */
export default /* @__PURE__ */ everyExport(self);
