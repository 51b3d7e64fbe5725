// A local Taskcluster deployment for tests and demos, served on loopback only.
//
//   const emu = await startEmulator({ seed: true, faults: {}, clockOffsetSec: 0, log: false });
//   emu.rootUrl, emu.clients.root / emu.clients.limited, emu.state, emu.faults, await emu.close()
//
// See README.md beside this file for behaviour, demo data and fault options.
import { createState } from './state.mjs';
import { createClock } from './clock.mjs';
import { loadServices } from './manifests.mjs';
import { createRouter } from './routes.mjs';
import { createReferences } from './references.mjs';
import { createAuthenticator } from './auth.mjs';
import { createApiDispatcher } from './api-dispatch.mjs';
import { createUrlSigner } from './signed-urls.mjs';
import { createBlobEndpoints } from './blob-endpoints.mjs';
import { createFaultInjector } from './faults.mjs';
import { createRequestLogger } from './request-log.mjs';
import { createHttpServer } from './server.mjs';
import { createLoginEndpoints } from './login/endpoints.mjs';
import { installDeploymentConfig, LIMITED_CLIENT_ID, ROOT_CLIENT_ID } from './deployment-config.mjs';
import { installDemoData } from './demo-data.mjs';
import { createCommonHandlers } from './services/common.mjs';
import { createQueueHandlers } from './services/queue.mjs';
import { createIndexHandlers } from './services/index.mjs';
import { createSecretsHandlers } from './services/secrets.mjs';
import { createAuthHandlers } from './services/auth.mjs';
import { createHooksHandlers } from './services/hooks.mjs';

// Never listen beyond this machine.
function checkLoopback(host) {
  if (host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) return;
  throw new Error(`startEmulator: host must be a loopback address (127.0.0.1), not ${JSON.stringify(host)}`);
}

export async function startEmulator(options = {}) {
  const { port = 0, host = '127.0.0.1', seed = true, clockOffsetSec = 0, log = false } = options;
  checkLoopback(host);
  let faults = options.faults ?? {};
  let rootUrl;

  const state = createState();
  const clock = createClock(clockOffsetSec);
  const services = loadServices();
  const authenticator = createAuthenticator({ state, clock });
  const signer = createUrlSigner({ rootUrl: () => rootUrl });
  const env = { state, clock, signer, expand: authenticator.expand };

  const common = createCommonHandlers({ startedAt: Date.now() });
  const queue = createQueueHandlers(env);
  const serviceHandlers = {
    queue: queue.handlers,
    index: createIndexHandlers(env, { downloadLatest: queue.downloadLatest }),
    secrets: createSecretsHandlers(env),
    auth: createAuthHandlers(env),
    hooks: createHooksHandlers(env, { queueFunctions: services.get('queue').functions }),
  };
  const handlers = new Map([...services.keys()].map((name) => [name, { ...common, ...serviceHandlers[name] }]));

  const login = createLoginEndpoints({ state, clock, accessTokenLifetimeMs: options.accessTokenLifetimeMs });
  const timers = new Set();
  const server = createHttpServer({
    dispatcher: createApiDispatcher({ services, router: createRouter(services), handlers, authenticator }),
    blobs: createBlobEndpoints({ state, signer }),
    login,
    reference: createReferences(services),
    faultInjector: createFaultInjector(() => faults),
    logRequest: createRequestLogger(log),
    timers,
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const address = server.address();
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  rootUrl = `http://${urlHost}:${address.port}`;

  installDeploymentConfig(state, new Date(clock.now()).toJSON());
  if (seed) installDemoData(state, { now: clock.now(), rootUrl });

  const credentials = (clientId) => {
    const client = state.clients.get(clientId);
    return { clientId, accessToken: client.accessToken, scopes: [...client.scopes] };
  };
  const root = credentials(ROOT_CLIENT_ID);
  const limited = credentials(LIMITED_CLIENT_ID);

  return {
    rootUrl,
    port: address.port,
    clients: { root: { clientId: root.clientId, accessToken: root.accessToken }, limited },
    state,
    login,
    get faults() { return faults; },
    set faults(value) { faults = value ?? {}; },
    get clockOffsetSec() { return clock.offsetSec; },
    set clockOffsetSec(value) { clock.offsetSec = value; },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
