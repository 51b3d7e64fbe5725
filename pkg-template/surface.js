// The package's public surface apart from the service classes, shared by the
// Node and browser builds and by both API generations (facade.js, legacy-facade.js):
// the wasm exports, the generic client runtime, and the conveniences that are plain JS.
import { createTemporaryCredentials as createTemporaryCredentialsFrom } from './temporary-credentials.js';
import { slugidNice, slugidV4 } from './taskcluster_wasm.js';
import { configuredOptions } from './client-defaults.js';

// The wasm exports common to both builds (the web glue adds its init functions).
export * from './wasm-exports.js';
// Read in JS, signed in wasm with prepared keys; these names shadow the wasm exports above.
export { bewit, hawkClockOffset, hawkHeader, signUrl } from './hawk-signers.js';
export * from './runtime.js';
export * from './oauth.js';
export { version } from './version.js';
export { download, upload } from './objects.js';
export { downloadArtifact } from './artifacts.js';
export { TransferError } from './transfer.js';
export { ContentHasher } from './content-hasher.js';
export { fromEnvVars, optionsFromEnvironment } from './env.js';
export { credentialInformation } from './credential-information.js';
export { request } from './web-request.js';
export { Urls, urls, withRootUrl } from './urls.js';
export {
  ScopeSet, mergeScopeSets, normalizeScopeSet, patternMatch, removeGivenScopes, satisfiesExpression, scopeCompare, scopeIntersection,
  scopeMatch, scopeUnion, scopes, scopesSatisfying, simplifyScopeExpression, validExpression, validScope,
} from './scopes.js';
export { fromNow, fromNowJSON, parseTime } from './time.js';

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

/**
 * Temporary credentials (temporary-credentials.js); as in taskcluster-client, the
 * issuer defaults to the credentials set with `config({credentials})`.
 */
export function createTemporaryCredentials(options) {
  const { credentials } = configuredOptions();
  let needsIssuer = false;
  try {
    needsIssuer = credentials !== undefined && options !== null && typeof options === 'object' &&
      options.credentials === undefined && options.accessToken === undefined;
  } catch {
    // A throwing getter: the wasm function reads the options again and reports it.
  }
  return createTemporaryCredentialsFrom(needsIssuer ? { ...options, credentials } : options);
}

// Requests here go through fetch, whose connection pool the runtime manages:
// there is no http.Agent to share or destroy. `destroy()` is kept for code (often
// test teardown) that calls `taskcluster.agents.http.destroy()`.
const noAgent = (protocol) => Object.freeze({ protocol, destroy() {} });
/** taskcluster-client's `agents`: here placeholders whose `destroy()` does nothing (fetch pools connections itself). */
export const agents = Object.freeze({ http: noAgent('http:'), https: noAgent('https:') });
