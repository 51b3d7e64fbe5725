// The legacy (https://taskcluster.net) URL rules of taskcluster-lib-urls before v13,
// which dropped them. The contract (docs/js-api.md) keeps them. Cross-checked with the
// language-independent tests.yml of taskcluster-lib-urls ("old" cluster).
const cleanPath = (p) => p.replace(/^\/*/, '');
const schema = (service, s) => `https://schemas.taskcluster.net/${service}/${cleanPath(s)}`;

export const legacy = {
  api: (root, service, version, path) => `https://${service}.taskcluster.net/${version}/${cleanPath(path)}`,
  apiReference: (root, service, version) => `https://references.taskcluster.net/${service}/${version}/api.json`,
  exchangeReference: (root, service, version) => `https://references.taskcluster.net/${service}/${version}/exchanges.json`,
  schema: (root, service, s) => schema(service, s),
  apiManifest: () => 'https://references.taskcluster.net/manifest.json',
  apiReferenceSchema: (root, version) => schema('common', `api-reference-${version}.json`),
  exchangesReferenceSchema: (root, version) => schema('common', `exchanges-reference-${version}.json`),
  apiManifestSchema: (root, version) => schema('common', `manifest-${version}.json`),
  metadataMetaschema: () => schema('common', 'metadata-metaschema.json'),
  docs: (root, path) => `https://docs.taskcluster.net/${cleanPath(path)}`,
  ui: (root, path) => `https://tools.taskcluster.net/${cleanPath(path)}`,
};

export const isLegacy = (rootUrl) => rootUrl.replace(/\/*$/, '') === 'https://taskcluster.net';
