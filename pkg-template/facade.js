// The package's public surface, shared by the Node and browser builds: the
// wasm exports, the generic client runtime, the generated service classes,
// and the few conveniences that are plain JS.
import { slugidNice, slugidV4 } from './taskcluster_wasm.js';

// The wasm exports common to both builds (the web glue adds its init functions).
export * from './wasm-exports.js';
// Read in JS, signed in wasm with prepared keys; these names shadow the wasm exports above.
export { bewit, hawkHeader, signUrl } from './hawk-signers.js';
export * from './runtime.js';
export * from './oauth.js';
export * from './services/index.js';
export { version } from './version.js';
export { download, upload } from './objects.js';
export { downloadArtifact } from './artifacts.js';
export { TransferError } from './transfer.js';

/** A random v4 slug id (22 URL-safe characters); `slugid.v4()` and `slugid.nice()` too. */
export function slugid() {
  return slugidV4();
}
slugid.v4 = slugidV4;
slugid.nice = slugidNice;
