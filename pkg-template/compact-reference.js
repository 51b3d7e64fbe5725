// The generated classes (scripts/gen-clients.mjs) hold their reference as rows of
// positional fields, which ship in fewer bytes than objects that repeat every key;
// these expand a class's rows into the reference objects serviceClass and
// exchangeClass take (and `Class.reference` shows), as taskcluster-client has them.

// Bits of a function row's `io` field.
const INPUT = 1;
const OUTPUT = 2;
// Bits of a routing-key entry's flags.
const REQUIRED = 1;
const MULTIPLE_WORDS = 2;

/** The `<name>` placeholders of a route, in order: a function's `args` (a loop: a regex costs more at every import). */
function routeArgs(route) {
  const args = [];
  let close = 0;
  for (let open = route.indexOf('<'); open !== -1; open = route.indexOf('<', close + 1)) {
    close = route.indexOf('>', open);
    if (close === -1) break;
    args.push(route.slice(open + 1, close));
  }
  return args;
}

/**
 * A service reference from its header `"Name serviceName apiVersion"` and its rows
 * `[name, method, route, query (space-separated), io, scopes, stability (absent: stable)]`.
 */
export function api(header, rows) {
  const [name, serviceName, apiVersion] = header.split(' ');
  return {
    name,
    serviceName,
    apiVersion,
    functions: rows.map(([fn, method, route, query, io, scopes, stability = 'stable']) => ({
      name: fn,
      method,
      route,
      args: routeArgs(route),
      query: query ? query.split(' ') : [],
      input: (io & INPUT) !== 0,
      output: (io & OUTPUT) !== 0,
      scopes,
      stability,
    })),
  };
}

/**
 * An exchanges reference from its header `"Name serviceName apiVersion exchangePrefix"`
 * and its rows `[name, exchange, [[key, flags, constant?], ...]]`.
 */
export function exchanges(header, rows) {
  const [name, serviceName, apiVersion, exchangePrefix] = header.split(' ');
  return {
    name,
    serviceName,
    apiVersion,
    exchangePrefix,
    exchanges: rows.map(([entry, exchange, keys]) => ({
      name: entry,
      exchange,
      routingKey: keys.map(([key, flags, constant]) => ({
        name: key,
        ...(constant === undefined ? {} : { constant }),
        required: (flags & REQUIRED) !== 0,
        multipleWords: (flags & MULTIPLE_WORDS) !== 0,
      })),
    })),
  };
}
