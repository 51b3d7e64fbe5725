// taskcluster-lib-urls' surface: `urls.<builder>(rootUrl, ...)`, and
// `withRootUrl(rootUrl)` / `new Urls(rootUrl)` with the same builders bound to
// one rootUrl. The URLs themselves are built by url-builders.js.
import { builders } from './url-builders.js';

/** The builders whose first argument is the rootUrl. */
const ROOTED = [
  'api', 'apiReference', 'exchangeReference', 'schema', 'apiReferenceSchema', 'exchangesReferenceSchema',
  'apiManifestSchema', 'metadataMetaschema', 'apiManifest', 'docs', 'ui',
];

/** URL builders bound to one deployment: `new Urls(rootUrl).api('queue', 'v1', '/ping')`. */
export class Urls {
  constructor(rootUrl) {
    /** The rootUrl without trailing slashes. */
    this.rootUrl = normalizedRootUrl('Urls', rootUrl);
  }
}

function normalizedRootUrl(label, rootUrl) {
  if (typeof rootUrl !== 'string') {
    throw new TypeError(`${label}: rootUrl must be a string, got ${rootUrl === null ? 'null' : typeof rootUrl}`);
  }
  try {
    return builders.normalizeRootUrl(rootUrl);
  } catch (error) {
    // The builder names itself; the caller called `label`.
    throw new error.constructor(`${label}: ${error.message.replace(/^[\w.]+: /, '')}`);
  }
}
for (const name of ROOTED) {
  Object.defineProperty(Urls.prototype, name, {
    value: { [name](...args) { return builders[name](this.rootUrl, ...args); } }[name],
    writable: true,
    configurable: true,
  });
}

/** `new Urls(rootUrl)`, as taskcluster-lib-urls names it. */
export const withRootUrl = (rootUrl) => new Urls(normalizedRootUrl('withRootUrl', rootUrl));

/** Everything taskcluster-lib-urls exports, as one object (its default export's shape). */
export const urls = Object.freeze({
  // Plain functions: they never read `this`.
  ...Object.fromEntries([...ROOTED, 'normalizeRootUrl', 'testRootUrl'].map((name) => [name, builders[name]])),
  withRootUrl,
  Urls,
});
