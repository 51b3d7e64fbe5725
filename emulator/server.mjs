// The HTTP front door: CORS preflight, request body, fault injection, then one
// of: reference documents, the S3 stand-in, or an API call.
import http from 'node:http';
import { ApiError, CORS_HEADERS, errorBody, send, sendError, sendJson, sendReply } from './responses.mjs';
import { BAD_GATEWAY_HTML } from './faults.mjs';

const MAX_BODY = 64 * 1024 * 1024;
const API_PATH = /^\/api\/([^/]+)\/([^/]+)(\/.*)?$/;

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      if (size > MAX_BODY) return; // already refused; keep draining so the 413 can be read
      size += chunk.length;
      if (size > MAX_BODY) {
        chunks.length = 0;
        reject(new ApiError('InputTooLarge', `Request body larger than ${MAX_BODY} bytes`, { headers: { Connection: 'close' } }));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function createHttpServer({ dispatcher, blobs, login, reference, faultInjector, logRequest, timers }) {
  const sleep = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });

  async function handle(req, res) {
    res.on('finish', () => logRequest(req, res.statusCode));
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS_HEADERS);
      res.end();
      return;
    }
    const [path, queryString = ''] = req.url.split(/\?(.*)/s);
    const searchParams = new URLSearchParams(queryString);
    const rawBody = await readBody(req);

    const fault = faultInjector.take(path);
    if (fault.delayMs) await sleep(fault.delayMs);
    if (fault.kind === 'drop') {
      logRequest(req, 'dropped');
      req.socket.destroy();
      return;
    }
    if (fault.kind === 'html') {
      send(req, res, 502, { 'Content-Type': 'text/html' }, BAD_GATEWAY_HTML);
      return;
    }
    if (fault.kind === 'status500') {
      const error = new ApiError('InternalServerError', 'Internal Server Error (emulated fault)');
      sendJson(req, res, 500, errorBody(error, { method: req.method.toLowerCase(), params: {}, payload: {} }));
      return;
    }

    if (path.startsWith('/references/') && (req.method === 'GET' || req.method === 'HEAD')) {
      const doc = reference(path.slice('/references/'.length));
      if (doc) return sendJson(req, res, 200, doc);
    }
    if (blobs(req, res, path, searchParams, rawBody)) return;
    if (login.handle(req, res, path, searchParams, rawBody)) return;

    const api = API_PATH.exec(path);
    if (!api) {
      throw Object.assign(new ApiError('ResourceNotFound', `Unknown path ${path}`),
        { requestInfo: { method: req.method.toLowerCase(), params: {}, payload: {} } });
    }
    const reply = await dispatcher.dispatch(req, {
      serviceName: api[1], apiVersion: api[2], path: api[3] ?? '/', searchParams, rawBody,
    });
    sendReply(req, res, reply);
  }

  return http.createServer((req, res) => {
    handle(req, res).catch((err) => {
      const error = err instanceof ApiError ? err : new ApiError('InternalServerError', `Internal error in the emulator: ${err?.message}`);
      if (!(err instanceof ApiError)) process.stderr.write(`emulator: ${err?.stack ?? err}\n`);
      sendError(req, res, error, err.requestInfo ?? { method: req.method.toLowerCase(), params: {}, payload: {} });
    });
  });
}
