// taskcluster-lib-urls' builders, `urls.api(rootUrl, service, version, path)` and
// the rest, the one place a deployment's URLs are made (the clients' request URLs
// start from `api`). Trailing slashes of a rootUrl and leading slashes of a path
// are ignored; nothing else is checked or escaped. The rootUrl
// `https://taskcluster.net` (the retired Heroku deployment) keeps its legacy
// per-service hosts, e.g. `https://queue.taskcluster.net/v1/...`, as lib-urls did
// up to version 12. Plain string work: cheaper here than a crossing into wasm.
import { text } from './arguments.js';

/** The root URL of the legacy deployment, after normalization. */
const LEGACY_ROOT_URL = 'https://taskcluster.net';

const normalizeRootUrl = (rootUrl) => rootUrl.replace(/\/+$/, '');
const cleanPath = (path) => path.replace(/^\/+/, '');

/** `rooted(root)` under a rootUrl (normalized), or `legacy` for the legacy deployment. */
function under(rootUrl, rooted, legacy) {
  const root = normalizeRootUrl(rootUrl);
  return root === LEGACY_ROOT_URL ? legacy : rooted(root);
}

const references = (rootUrl) => under(rootUrl, (root) => `${root}/references`, 'https://references.taskcluster.net');
const schema = (rootUrl, service, name) =>
  under(rootUrl, (root) => `${root}/schemas/${service}/${cleanPath(name)}`, `https://schemas.taskcluster.net/${service}/${cleanPath(name)}`);

// Each builder's parameters and how it builds its URL.
const BUILDERS = {
  api: [['rootUrl', 'service', 'version', 'path'], (rootUrl, service, version, path) =>
    under(rootUrl, (root) => `${root}/api/${service}/${version}/${cleanPath(path)}`, `https://${service}.taskcluster.net/${version}/${cleanPath(path)}`)],
  apiReference: [['rootUrl', 'service', 'version'], (rootUrl, service, version) => `${references(rootUrl)}/${service}/${version}/api.json`],
  exchangeReference: [['rootUrl', 'service', 'version'], (rootUrl, service, version) => `${references(rootUrl)}/${service}/${version}/exchanges.json`],
  schema: [['rootUrl', 'service', 'schema'], schema],
  apiReferenceSchema: [['rootUrl', 'version'], (rootUrl, version) => schema(rootUrl, 'common', `api-reference-${version}.json`)],
  exchangesReferenceSchema: [['rootUrl', 'version'], (rootUrl, version) => schema(rootUrl, 'common', `exchanges-reference-${version}.json`)],
  apiManifestSchema: [['rootUrl', 'version'], (rootUrl, version) => schema(rootUrl, 'common', `manifest-${version}.json`)],
  metadataMetaschema: [['rootUrl'], (rootUrl) => schema(rootUrl, 'common', 'metadata-metaschema.json')],
  apiManifest: [['rootUrl'], (rootUrl) => `${references(rootUrl)}/manifest.json`],
  docs: [['rootUrl', 'path'], (rootUrl, path) => under(rootUrl, (root) => `${root}/docs/${cleanPath(path)}`, `https://docs.taskcluster.net/${cleanPath(path)}`)],
  ui: [['rootUrl', 'path'], (rootUrl, path) => under(rootUrl, (root) => `${root}/${cleanPath(path)}`, `https://tools.taskcluster.net/${cleanPath(path)}`)],
  normalizeRootUrl: [['rootUrl'], normalizeRootUrl],
  // The root URL tests use: recognizable, and never resolves.
  testRootUrl: [[], () => 'https://tc-tests.example.com'],
};

function builder(name, [parameters, build]) {
  const label = `urls.${name}`;
  const checked = (...args) => build(...parameters.map((parameter, i) => text(args[i], label, parameter)));
  return { [name]: checked }[name];
}

/** Every builder by name; each takes the rootUrl first (but `testRootUrl`, which takes nothing). */
export const builders = Object.freeze(Object.fromEntries(Object.entries(BUILDERS).map(([name, spec]) => [name, builder(name, spec)])));
