// Reference documents in Taskcluster's format, built from our manifests:
// /references/manifest.json, /references/<service>/v1/api.json and
// /references/<service>/v1/exchanges.json. Our manifests record only whether a
// function has an input/output schema, so the schema ids given are synthetic.
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

export function apiReference(service) {
  return {
    $schema: '/schemas/common/api-reference-v0.json#',
    apiVersion: service.apiVersion,
    serviceName: service.serviceName,
    title: `${service.name} API (emulated)`,
    description: `The ${service.name} service as described by taskcluster-wasm's API manifests.`,
    entries: service.functions.map((fn) => {
      const entry = {
        type: 'function',
        name: fn.name,
        title: fn.name,
        description: fn.docs ? `See ${fn.docs}` : fn.name,
        category: service.name,
        method: fn.method,
        route: fn.route,
        args: fn.args,
        query: fn.query,
        stability: fn.stability,
      };
      if (fn.input) entry.input = `v1/${kebab(fn.name)}-request.json#`;
      if (fn.output) entry.output = `v1/${kebab(fn.name)}-response.json#`;
      if (fn.scopes !== null) entry.scopes = fn.scopes;
      return entry;
    }),
  };
}

export function exchangesReference(service) {
  return {
    $schema: '/schemas/common/exchanges-reference-v0.json#',
    apiVersion: service.apiVersion,
    serviceName: service.serviceName,
    title: `${service.eventsName} (emulated)`,
    description: `Exchanges of the ${service.serviceName} service; the emulator publishes no messages.`,
    exchangePrefix: service.exchangePrefix,
    entries: service.exchanges.map((ex) => ({
      type: 'topic-exchange',
      name: ex.name,
      title: ex.name,
      description: ex.docs ? `See ${ex.docs}` : ex.name,
      exchange: ex.exchange,
      schema: `v1/${ex.exchange}-message.json#`,
      routingKey: ex.routingKey.map((key) => ({
        name: key.name,
        summary: key.name,
        ...(key.constant !== undefined ? { constant: key.constant } : {}),
        multipleWords: key.multipleWords,
        required: key.required,
      })),
    })),
  };
}

// path (after /references/) -> document, or undefined.
export function createReferences(services) {
  const documents = new Map();
  const references = [];
  for (const service of services.values()) {
    if (service.functions) {
      const path = `${service.serviceName}/${service.apiVersion}/api.json`;
      documents.set(path, apiReference(service));
      references.push(`/references/${path}`);
    }
    if (service.exchanges) {
      const path = `${service.serviceName}/${service.apiVersion}/exchanges.json`;
      documents.set(path, exchangesReference(service));
      references.push(`/references/${path}`);
    }
  }
  documents.set('manifest.json', { $schema: '/schemas/common/manifest-v3.json#', references: references.sort() });
  return (path) => documents.get(path);
}
