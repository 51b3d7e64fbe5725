// A minimal, fast API server for the leak and load tests (127.0.0.1, ephemeral
// port): it answers any `/api/<service>/v1/...` path without checking
// signatures, so the client's costs dominate. Behaviour by path:
//
//   .../task/missing...         404 JSON error (ResourceNotFound)
//   .../task/stall...           no answer for 2 s (longer than the tests' timeouts)
//   .../task-group/<id>/list    one task per page; `limit` pages in all, chained by continuationToken
//   anything else               200 {"ok": true}
//
// With `clockSkewMs`, a Hawk request whose ts is more than a minute away from the
// server's (skewed) clock gets the authentic "Stale timestamp" challenge for
// `accessToken`, as Taskcluster answers it.
import http from 'node:http';
import { createHmac } from 'node:crypto';
import { listenOnLoopback } from '../../support/listen.mjs';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type',
  'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Expose-Headers': 'WWW-Authenticate',
  'Access-Control-Max-Age': '600',
};

function json(res, status, value, headers = {}) {
  const body = JSON.stringify(value);
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function staleChallenge(req, { clockSkewMs, accessToken }) {
  const ts = /\bts="(\d+)"/.exec(req.headers.authorization ?? '')?.[1];
  if (ts === undefined) return undefined;
  const now = Math.floor((Date.now() + clockSkewMs) / 1000);
  if (Math.abs(now - Number(ts)) <= 60) return undefined;
  const tsm = createHmac('sha256', accessToken).update(`hawk.1.ts\n${now}\n`).digest('base64');
  return `Hawk ts="${now}", tsm="${tsm}", error="Stale timestamp"`;
}

export async function startApiServer({ clockSkewMs = 0, accessToken = '' } = {}) {
  const stalled = new Set();
  let requests = 0;
  const server = http.createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    requests += 1;
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      const challenge = clockSkewMs ? staleChallenge(req, { clockSkewMs, accessToken }) : undefined;
      if (challenge) return json(res, 401, { code: 'AuthenticationFailed', message: 'Stale timestamp' }, { 'WWW-Authenticate': challenge });
      if (url.pathname.includes('/task/missing')) return json(res, 404, { code: 'ResourceNotFound', message: 'no such task' });
      if (url.pathname.includes('/task/stall')) {
        const timer = setTimeout(() => { stalled.delete(timer); json(res, 200, { ok: true }); }, 2000);
        stalled.add(timer);
        return undefined;
      }
      const group = /\/task-group\/([^/]+)\/list$/.exec(url.pathname);
      if (group) {
        const page = Number(url.searchParams.get('continuationToken') ?? 0);
        const pages = Number(url.searchParams.get('limit') ?? 1);
        const next = page + 1 < pages ? { continuationToken: String(page + 1) } : {};
        return json(res, 200, { taskGroupId: group[1], tasks: [{ status: { taskId: `t${page}` } }], ...next });
      }
      return json(res, 200, { ok: true });
    });
  });
  const { url } = await listenOnLoopback(server);
  return {
    rootUrl: url,
    get requests() { return requests; },
    async close() {
      for (const timer of stalled) clearTimeout(timer);
      await new Promise((resolve) => { server.close(resolve); server.closeAllConnections(); });
    },
  };
}
