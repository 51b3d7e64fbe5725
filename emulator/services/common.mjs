// The monitoring endpoints every service has (no authentication).
export function createCommonHandlers({ startedAt }) {
  return {
    ping: () => ({ alive: true, uptime: (Date.now() - startedAt) / 1000 }),
    lbheartbeat: () => ({}),
    heartbeat: () => ({}),
    version: () => ({ source: 'https://github.com/taskcluster/taskcluster', version: 'emulator', commit: 'emulator', build: 'taskcluster-wasm emulator' }),
  };
}
