// The package's public surface, shared by the Node and browser builds: the
// wasm exports, the generic client runtime, the generated service classes,
// and the few conveniences that are plain JS.
import { slugidNice, slugidV4 } from './taskcluster_wasm.js';
import * as services from './services/index.js';
// The module's own namespace, for the default export (read only after every export is defined).
import * as self from './facade.js';

// The wasm exports common to both builds (the web glue adds its init functions).
export * from './wasm-exports.js';
// Read in JS, signed in wasm with prepared keys; these names shadow the wasm exports above.
export { bewit, hawkHeader, signUrl } from './hawk-signers.js';
export { createTemporaryCredentials } from './temporary-credentials.js';
export * from './runtime.js';
export * from './oauth.js';
export * from './services/index.js';
export { version } from './version.js';
export { download, upload } from './objects.js';
export { downloadArtifact } from './artifacts.js';
export { TransferError } from './transfer.js';
export { ContentHasher } from './content-hasher.js';
export { fromEnvVars, optionsFromEnvironment } from './env.js';
export { credentialInformation } from './credential-information.js';
export { Urls, urls, withRootUrl } from './urls.js';
export { ScopeSet, satisfiesExpression, scopes, simplifyScopeExpression } from './scopes.js';
export { fromNow, fromNowJSON } from './time.js';

/** A random v4 slug id that never starts with `-` (as the official `slugid()`); `slugid.v4()` and `slugid.nice()` too. */
export function slugid() {
  return slugidNice();
}
slugid.v4 = slugidV4;
slugid.nice = slugidNice;

/** A random v4 slug id: 22 URL-safe base64 characters (taskcluster-client-web's `v4`). */
export const v4 = slugidV4;
/** A v4 slug id that never starts with `-` (taskcluster-client-web's `nice`). */
export const nice = slugidNice;

// The two objects below name every class; `@__PURE__` lets bundlers drop them (and
// so the classes) when a program imports only what it uses.

/** Every service and exchange class by name, like taskcluster-client's `clients`. */
export const clients = /* @__PURE__ */ Object.freeze({ ...services });

/** Every export in one object. */
function everyExport() {
  // Reflect.ownKeys, not Object.keys: that one reads every binding, `default` included,
  // which is not yet initialised here.
  const names = Reflect.ownKeys(self).filter((name) => typeof name === 'string' && name !== 'default');
  return Object.freeze(Object.fromEntries(names.map((name) => [name, self[name]])));
}

/**
 * For `import taskcluster from 'taskcluster-wasm'`, as with taskcluster-client's default
 * export; each entry adds its `ready` to it.
 */
export default /* @__PURE__ */ everyExport();
