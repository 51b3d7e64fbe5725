// The package's public surface, shared by the Node and browser builds: the
// wasm exports plus the few conveniences that are plain JS.
import { slugidNice, slugidV4 } from './taskcluster_wasm.js';

export * from './taskcluster_wasm.js';
export { version } from './version.js';

/** A random v4 slug id (22 URL-safe characters); `slugid.v4()` and `slugid.nice()` too. */
export function slugid() {
  return slugidV4();
}
slugid.v4 = slugidV4;
slugid.nice = slugidNice;
