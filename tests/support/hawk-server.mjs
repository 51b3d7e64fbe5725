// A local Hawk-verifying HTTP server (127.0.0.1 only) built on `hawk`'s server API.
//
//   const srv = await startHawkServer({credentials: {id: {key, algorithm: 'sha256'}}});
//   fetch(srv.url + '/x', {headers: {Authorization: header}}) -> 200 {ok: true, id, ext, artifacts, ...}
//
// - Every request is checked with hawk.server.authenticate, or with
//   hawk.server.authenticateBewit when the URL carries `bewit=`.
// - Credentials are looked up in `credentials` (a Map or a plain object, read at
//   request time so tests may add entries later). Like the Taskcluster auth service,
//   when the ext carries a `certificate` the key is derived from the issuer's
//   accessToken and the certificate signature is verified.
// - A payload hash present in the header is verified against the body
//   (hawk.server.authenticatePayload); a body without hash is rejected unless
//   requirePayloadHash is false.
// - `X-Forwarded-Host` (and `X-Forwarded-Proto: https`) let a test sign a URL for
//   another host/port (e.g. a default port) and still send it here.
// - CORS: any origin, Authorization/Content-Type allowed, OPTIONS preflight answered.
// - Failures: 401 {ok: false, error} (with hawk's WWW-Authenticate header, e.g. the
//   Stale-timestamp challenge with ts/tsm).
// - `srv.requests`: every request except CORS preflights, in order:
//   {method, url, headers, nonce (of the Hawk header, if any), count (1-based)}.
//   `srv.preflights` counts the OPTIONS preflights answered.
// - Optional fault scripting (both default to nothing):
//   onRequest: async (req, body, count) => response | undefined, called for every
//     non-preflight request BEFORE authentication; a response is one of
//       {status, json?, text?, contentType?, headers?}   answered as is (with CORS)
//       {drop: true}                                     socket destroyed, no answer
//       {delayMs}                                        wait, then continue normally
//   respond: (req, result) => response | undefined, for authenticated requests: what
//     to answer instead of the default 200 (result is that default body's object).
import http from 'node:http';
import hawk from 'hawk';
import { authServiceSignature, tempAccessToken, decodeExt } from './tc-crypto.mjs';
import { listenOnLoopback } from './listen.mjs';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, X-Forwarded-Host, X-Forwarded-Proto',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS',
  'Access-Control-Expose-Headers': 'WWW-Authenticate',
};

function lookup(credentials, id) {
  if (credentials instanceof Map) return credentials.get(id);
  return Object.prototype.hasOwnProperty.call(credentials, id) ? credentials[id] : undefined;
}

// ext of the request before verification (to find a certificate), or undefined.
function rawExt(req) {
  if (req.headers.authorization) {
    try {
      return hawk.utils.parseAuthorizationHeader(req.headers.authorization).ext;
    } catch {
      return undefined;
    }
  }
  const m = /[?&]bewit=([^&]*)/.exec(req.url);
  if (!m) return undefined;
  const parts = Buffer.from(m[1], 'base64url').toString('utf8').split('\\');
  return parts.length === 4 ? parts[3] : undefined;
}

function certificateOf(ext) {
  let decoded;
  try {
    decoded = decodeExt(ext);
  } catch {
    return undefined; // not Taskcluster ext: a raw ext string
  }
  if (!decoded || typeof decoded !== 'object' || !('certificate' in decoded)) return undefined;
  const cert = decoded.certificate;
  if (!cert || typeof cert !== 'object' || Array.isArray(cert)) {
    throw new Error('ext.certificate must be a JSON object');
  }
  return cert;
}

function makeCredentialsFunc(credentials, cert, state) {
  return async (id) => {
    if (!cert) return lookup(credentials, id) ?? null;
    if (cert.version !== 1) throw new Error('certificate version must be 1');
    const issuerId = cert.issuer ?? id;
    const issuer = lookup(credentials, issuerId);
    if (!issuer) throw new Error(`unknown certificate issuer ${issuerId}`);
    const expected = cert.issuer !== undefined
      ? authServiceSignature(issuer.key, cert, id, cert.issuer)
      : authServiceSignature(issuer.key, cert);
    if (cert.signature !== expected) throw new Error('bad certificate signature');
    state.certificate = cert;
    return { key: tempAccessToken(issuer.key, cert.seed), algorithm: 'sha256' };
  };
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > 16 * 1024 * 1024) reject(new Error('body too large'));
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...CORS, 'Content-Type': 'application/json', ...headers });
  res.end(text);
}

// Writes a scripted response {status, json?, text?, contentType?, headers?}.
function sendScripted(res, answer) {
  if (answer.json !== undefined) {
    send(res, answer.status ?? 200, answer.json, {
      ...(answer.contentType ? { 'Content-Type': answer.contentType } : {}), ...(answer.headers ?? {}),
    });
    return;
  }
  res.writeHead(answer.status ?? 200, {
    ...CORS, 'Content-Type': answer.contentType ?? 'text/plain', ...(answer.headers ?? {}),
  });
  res.end(answer.text ?? '');
}

function nonceOf(req) {
  if (!req.headers.authorization) return undefined;
  try {
    return hawk.utils.parseAuthorizationHeader(req.headers.authorization).nonce;
  } catch {
    return undefined;
  }
}

export async function startHawkServer({
  credentials = {},
  localtimeOffsetMsec = 0,
  requirePayloadHash = true,
  onRequest,
  respond,
} = {}) {
  const requests = [];
  const timers = new Set();
  let preflights = 0;
  const wait = (ms) => new Promise((resolve) => {
    const timer = setTimeout(() => { timers.delete(timer); resolve(); }, ms);
    timers.add(timer);
  });
  const server = http.createServer(async (req, res) => {
    try {
      if (req.method === 'OPTIONS' && req.headers['access-control-request-method']) {
        preflights += 1;
        res.writeHead(204, CORS);
        res.end();
        return;
      }
      const count = requests.length + 1;
      requests.push({ method: req.method, url: req.url, headers: { ...req.headers }, nonce: nonceOf(req), count });
      const body = await readBody(req);
      if (onRequest) {
        const answer = await onRequest(req, body, count);
        if (answer?.drop) {
          req.socket.destroy();
          return;
        }
        if (answer?.delayMs !== undefined) {
          await wait(answer.delayMs);
          if (req.socket.destroyed || res.writableEnded) return; // the client gave up
        } else if (answer) {
          sendScripted(res, answer);
          return;
        }
      }
      const options = { localtimeOffsetMsec };
      const fwd = req.headers['x-forwarded-host'];
      if (fwd) {
        const u = new URL(`http://${fwd}`);
        options.host = u.hostname;
        options.port = Number(u.port || (req.headers['x-forwarded-proto'] === 'https' ? 443 : 80));
      }
      const state = {};
      let cert;
      try {
        cert = certificateOf(rawExt(req));
      } catch (err) {
        send(res, 401, { ok: false, error: err.message });
        return;
      }
      const credentialsFunc = makeCredentialsFunc(credentials, cert, state);
      let result;
      let payloadVerified = false;
      try {
        if (!req.headers.authorization && /[?&]bewit=/.test(req.url)) {
          const r = await hawk.server.authenticateBewit(req, credentialsFunc, options);
          result = { id: r.attributes.id, ext: r.attributes.ext, artifacts: r.attributes };
        } else {
          const r = await hawk.server.authenticate(req, credentialsFunc, options);
          if (r.artifacts.hash) {
            hawk.server.authenticatePayload(body.toString('utf8'), r.credentials, r.artifacts,
              req.headers['content-type']);
            payloadVerified = true;
          } else if (body.length > 0 && requirePayloadHash) {
            throw new Error('Missing required payload hash');
          }
          result = { id: r.artifacts.id, ext: r.artifacts.ext, artifacts: r.artifacts };
        }
      } catch (err) {
        const headers = {};
        const www = err?.output?.headers?.['WWW-Authenticate'];
        if (www) headers['WWW-Authenticate'] = www;
        send(res, 401, { ok: false, error: err?.message ?? String(err) }, headers);
        return;
      }
      const answer = {
        ok: true,
        ...result,
        certificate: state.certificate,
        payloadVerified,
        payload: body.toString('utf8'),
        method: req.method,
        url: req.url,
      };
      const custom = respond ? await respond(req, answer) : undefined;
      if (custom) {
        sendScripted(res, custom);
        return;
      }
      send(res, 200, answer);
    } catch (err) {
      send(res, 500, { ok: false, error: `hawk-server internal error: ${err?.message}` });
    }
  });
  const { url, port } = await listenOnLoopback(server);
  return {
    url,
    port,
    requests,
    get preflights() { return preflights; },
    close: () => new Promise((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
