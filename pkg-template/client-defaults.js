// taskcluster-client's `config(options)` defaults: options every client made
// afterwards starts from (its own options win), and the issuer credentials
// `createTemporaryCredentials` falls back on. Set by `config` in runtime.js.
let defaults = Object.freeze({});

/** The options `config` has set so far (frozen). */
export const configuredOptions = () => defaults;

/** Merges checked `options` over the current defaults; `undefined` values keep the earlier ones. */
export function mergeConfigured(options) {
  const merged = { ...defaults };
  for (const [name, value] of Object.entries(options)) if (value !== undefined) merged[name] = value;
  defaults = Object.freeze(merged);
}

/**
 * `options` (a checked copy the caller will not see again) completed with the
 * defaults, as the official `_.defaults({}, options, defaults)`: a name given
 * as `undefined` takes the default too.
 */
export function withConfigured(options) {
  if (Object.keys(defaults).length === 0) return options;
  if (options === undefined) return { ...defaults };
  if (options === null || typeof options !== 'object') return options;
  const completed = { ...defaults };
  // A credentialAgent replaces configured credentials rather than clash with them.
  if (options.credentialAgent != null) delete completed.credentials;
  for (const [name, value] of Object.entries(options)) if (value !== undefined || !(name in completed)) completed[name] = value;
  return completed;
}
