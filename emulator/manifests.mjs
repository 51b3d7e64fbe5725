// Loads our own API manifests (apis/current/*.json): one entry per service with
// its API functions and, when it publishes events, its exchanges.
import fs from 'node:fs';

const CURRENT_DIR = new URL('../apis/current/', import.meta.url);

export function loadServices(dir = CURRENT_DIR) {
  const services = new Map();
  const serviceOf = (doc) => {
    if (!services.has(doc.serviceName)) {
      services.set(doc.serviceName, { serviceName: doc.serviceName, apiVersion: doc.apiVersion });
    }
    return services.get(doc.serviceName);
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const doc = JSON.parse(fs.readFileSync(new URL(file, dir), 'utf8'));
    const service = serviceOf(doc);
    if (doc.kind === 'api') {
      Object.assign(service, { name: doc.name, functions: doc.functions });
    } else if (doc.kind === 'exchanges') {
      Object.assign(service, { eventsName: doc.name, exchangePrefix: doc.exchangePrefix, exchanges: doc.exchanges });
    }
  }
  return services;
}
