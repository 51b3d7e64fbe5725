#!/usr/bin/env node
// The demo dashboard: starts the Taskcluster emulator and a static server for
// www/ (at /) and the built package dist/ (at /pkg/), both on 127.0.0.1 only.
//
//   node scripts/serve-demo.mjs [--port 8080] [--api-port 8090] [--time-scale 1] [--log]
//   (or DEMO_PORT / DEMO_API_PORT / DEMO_TIME_SCALE in the environment)
//
// The demo task group moves forward on its own (emulator/scheduler.mjs) at
// --time-scale times real speed; 0 keeps it still.
//
// The page learns the emulator's rootUrl from /config.json; credentials are
// printed here and typed into the page by the user, never served by it.
//
// For tests: `const demo = await startDemo({port: 0, apiPort: 0})` ->
// {url, rootUrl, clients, emulator, scheduler, close()}. The group stays still
// unless `timeScale` is given; `demo.scheduler.advance(ms)` moves it by hand.
// `poll: {minMs, maxMs}` sets how often the page refreshes its live views.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { startEmulator } from '../emulator/index.mjs';
import { createScheduler } from '../emulator/scheduler.mjs';
import { demoProgression } from '../emulator/demo-data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const HOST = '127.0.0.1';
export const DEFAULT_PORT = 8080;
export const DEFAULT_API_PORT = 8090;
export const DEFAULT_TIME_SCALE = 1;
// How often the page refreshes a live view: from minMs, backing off to maxMs while nothing changes.
const DEFAULT_POLL = { minMs: 2000, maxMs: 30_000 };

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

// Where each URL prefix is served from (longest first).
const MOUNTS = [
  { prefix: '/pkg/', dir: path.join(ROOT, 'dist') },
  { prefix: '/', dir: path.join(ROOT, 'www') },
];

// Where the page may send API calls: the emulator, or any https deployment typed
// into the credentials panel. The page is told the same list (config.reachable) to explain failures.
const reachable = (rootUrl) => [rootUrl, 'https:'];

function securityHeaders(rootUrl) {
  return {
    // Scripts only from here (no inline script), wasm compilation allowed.
    'Content-Security-Policy': [
      "default-src 'self'",
      "script-src 'self' 'wasm-unsafe-eval'",
      `connect-src 'self' ${reachable(rootUrl).join(' ')}`,
      "worker-src 'self'",
      "style-src 'self'",
      "img-src 'self' data:",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

function resolveFile(pathname) {
  for (const { prefix, dir } of MOUNTS) {
    if (!pathname.startsWith(prefix)) continue;
    let rel = pathname.slice(prefix.length);
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) return null; // no escaping the mount
    try {
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // fall through: not found
    }
    return null;
  }
  return null;
}

function createStaticServer({ rootUrl, config, log }) {
  const headers = securityHeaders(rootUrl);
  return http.createServer((req, res) => {
    const done = (status, type, body) => {
      res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(body) });
      res.end(req.method === 'HEAD' ? undefined : body);
      log(`${req.method} ${req.url} ${status}`);
    };
    // Refuse other Host names (DNS rebinding): only the loopback names we listen on.
    const host = String(req.headers.host ?? '').replace(/:\d+$/, '');
    if (host !== HOST && host !== 'localhost') return done(421, 'text/plain; charset=utf-8', 'misdirected request\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') return done(405, 'text/plain; charset=utf-8', 'method not allowed\n');
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      return done(400, 'text/plain; charset=utf-8', 'bad request\n');
    }
    if (pathname.includes('\0')) return done(400, 'text/plain; charset=utf-8', 'bad request\n');
    if (pathname === '/config.json') return done(200, TYPES['.json'], JSON.stringify(config));
    if (pathname === '/favicon.ico') pathname = '/favicon.svg';
    const file = resolveFile(pathname);
    if (!file) return done(404, 'text/plain; charset=utf-8', 'not found\n');
    const type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    const size = fs.statSync(file).size;
    res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Length': size });
    if (req.method === 'HEAD') res.end();
    else fs.createReadStream(file).pipe(res);
    log(`${req.method} ${req.url} 200`);
  });
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      server.off('error', reject);
      resolve(server.address().port);
    });
  });
}

export async function startDemo({
  port = DEFAULT_PORT, apiPort = DEFAULT_API_PORT, log = false, timeScale = 0, poll = DEFAULT_POLL,
} = {}) {
  if (!fs.existsSync(path.join(ROOT, 'dist/web/index.js'))) {
    throw new Error('startDemo: dist/web/index.js is missing; run `bash scripts/build.sh` first');
  }
  const write = typeof log === 'function' ? log : log ? (line) => process.stderr.write(`${line}\n`) : () => {};
  const emulator = await startEmulator({ port: apiPort, host: HOST, seed: true, log: log ? (line) => write(`api  ${line}`) : false });
  const demo = emulator.state.demo;
  const scheduler = createScheduler({
    ...demoProgression(emulator.state),
    now: () => Date.now() + emulator.clockOffsetSec * 1000,
    log: log ? (line) => write(`api  ${line}`) : () => {},
  });
  if (timeScale > 0) scheduler.start({ timeScale });
  // Only what the page needs to find the deployment and the demo data: no credentials.
  const config = {
    rootUrl: emulator.rootUrl,
    reachable: reachable(emulator.rootUrl),
    poll: { ...DEFAULT_POLL, ...poll },
    demo: {
      clientIds: Object.values(emulator.clients).map((client) => client.clientId),
      taskGroupId: demo.taskGroupId,
      decisionTaskId: demo.decisionTaskId,
      privateArtifact: { taskId: demo.privateArtifact.taskId, runId: demo.privateArtifact.runId, name: demo.privateArtifact.name },
      secretNames: demo.secretNames,
    },
  };
  const server = createStaticServer({ rootUrl: emulator.rootUrl, config, log: (line) => write(`www  ${line}`) });
  let actualPort;
  try {
    actualPort = await listen(server, port);
  } catch (err) {
    scheduler.stop();
    await emulator.close();
    throw err;
  }
  let closed;
  return {
    url: `http://${HOST}:${actualPort}/`,
    rootUrl: emulator.rootUrl,
    clients: emulator.clients,
    emulator,
    scheduler,
    close() {
      scheduler.stop();
      closed ??= Promise.all([
        new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
        emulator.close(),
      ]).then(() => undefined);
      return closed;
    },
  };
}

const USAGE = 'usage: node scripts/serve-demo.mjs [--port 8080] [--api-port 8090] [--time-scale 1] [--log]';

function parseArgs(argv, env) {
  const portOf = (value, name) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be an integer 0..65535, got ${JSON.stringify(value)}`);
    return n;
  };
  const scaleOf = (value, name) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || n > 1e6) throw new Error(`${name} must be a number 0..1000000, got ${JSON.stringify(value)}`);
    return n;
  };
  const options = {
    port: env.DEMO_PORT ? portOf(env.DEMO_PORT, 'DEMO_PORT') : DEFAULT_PORT,
    apiPort: env.DEMO_API_PORT ? portOf(env.DEMO_API_PORT, 'DEMO_API_PORT') : DEFAULT_API_PORT,
    timeScale: env.DEMO_TIME_SCALE ? scaleOf(env.DEMO_TIME_SCALE, 'DEMO_TIME_SCALE') : DEFAULT_TIME_SCALE,
    log: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === '--port') options.port = portOf(value(), '--port');
    else if (flag === '--api-port') options.apiPort = portOf(value(), '--api-port');
    else if (flag === '--time-scale') options.timeScale = scaleOf(value(), '--time-scale');
    else if (flag === '--log') options.log = true;
    else if (flag === '--help' || flag === '-h') options.help = true;
    else throw new Error(`unknown argument ${arg}`);
  }
  return options;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`serve-demo: ${err.message}\n${USAGE}\n`);
    process.exit(2);
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`
      + '  --time-scale N: the demo task group moves N times faster than real time (0: still).\n'
      + '  env: DEMO_PORT, DEMO_API_PORT, DEMO_TIME_SCALE. Both servers listen on 127.0.0.1 only.\n');
    return;
  }
  let demo;
  try {
    demo = await startDemo({ port: options.port, apiPort: options.apiPort, log: options.log, timeScale: options.timeScale });
  } catch (err) {
    process.stderr.write(`serve-demo: ${err.code === 'EADDRINUSE' ? `port in use (${err.port}); try --port/--api-port` : err.message}\n`);
    process.exit(1);
  }
  const { root, limited } = demo.clients;
  process.stdout.write([
    `taskcluster-wasm demo dashboard: ${demo.url}`,
    `Taskcluster emulator rootUrl:    ${demo.rootUrl}`,
    '',
    'Demo credentials (valid until this process exits; paste them into the dashboard):',
    `  root     clientId: ${root.clientId}`,
    `           accessToken: ${root.accessToken}`,
    `  limited  clientId: ${limited.clientId}`,
    `           accessToken: ${limited.accessToken}`,
    `           scopes: ${limited.scopes.join(' ')}`,
    '',
    options.timeScale > 0
      ? `The demo task group moves forward at ${options.timeScale}x real time (--time-scale; 0 keeps it still).`
      : 'The demo task group stays still (--time-scale 0).',
    '',
    'Press Ctrl+C to stop.',
    '',
  ].join('\n'));
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await demo.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  await main();
}
