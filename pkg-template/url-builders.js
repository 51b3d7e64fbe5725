// taskcluster-lib-urls' builders, `urls.api(rootUrl, service, version, path)` and
// the rest: the arguments are checked here, the URLs built in wasm
// (src/core/urls.rs, which the clients use too) through one export.
import { buildUrl } from './taskcluster_wasm.js';
import { text } from './arguments.js';

// Each builder's parameters; the order is the index src/js/urls.rs's buildUrl matches on.
const PARAMETERS = [
  ['api', ['rootUrl', 'service', 'version', 'path']],
  ['apiReference', ['rootUrl', 'service', 'version']],
  ['exchangeReference', ['rootUrl', 'service', 'version']],
  ['schema', ['rootUrl', 'service', 'schema']],
  ['apiReferenceSchema', ['rootUrl', 'version']],
  ['exchangesReferenceSchema', ['rootUrl', 'version']],
  ['apiManifestSchema', ['rootUrl', 'version']],
  ['metadataMetaschema', ['rootUrl']],
  ['apiManifest', ['rootUrl']],
  ['docs', ['rootUrl', 'path']],
  ['ui', ['rootUrl', 'path']],
  ['normalizeRootUrl', ['rootUrl']],
  ['testRootUrl', []],
];

function builder(name, parameters, index) {
  const label = `urls.${name}`;
  const build = (...args) => {
    const [a = '', b = '', c = '', d = ''] = parameters.map((parameter, i) => text(args[i], label, parameter));
    return buildUrl(index, a, b, c, d);
  };
  return { [name]: build }[name];
}

/** Every builder by name; each takes the rootUrl first (but `testRootUrl`, which takes nothing). */
export const builders = Object.freeze(Object.fromEntries(PARAMETERS.map(([name, parameters], index) => [name, builder(name, parameters, index)])));
