// Signs requests with taskcluster-wasm and has a real Hawk server (the npm
// `hawk` package, on 127.0.0.1) verify them: permanent credentials, a payload
// hash, authorizedScopes, temporary credentials and a signed URL (bewit).
import http from 'node:http';
import hawk from 'hawk';
import { createTemporaryCredentials, fromNow, hawkHeader, signUrl } from 'taskcluster-wasm';

const permanent = { clientId: 'demo-client', accessToken: 'demo-access-token-not-secret' };
const temporary = createTemporaryCredentials({ ...permanent, expiry: fromNow('1 hour'), scopes: ['queue:get-artifact:private/*'] });

// The server knows the permanent key; temporary credentials' key is derived
// from it, which is what the Taskcluster auth service checks.
const keys = new Map([[permanent.clientId, permanent.accessToken]]);
const server = http.createServer(async (req, res) => {
  const tempKey = req.url.includes('temporary') ? temporary.accessToken : undefined;
  const lookup = (id) => ({ key: tempKey ?? keys.get(id), algorithm: 'sha256' });
  try {
    const body = await new Promise((resolve) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => resolve(b)); });
    const host = '127.0.0.1';
    const verified = req.url.includes('bewit=')
      ? (await hawk.server.authenticateBewit(req, lookup, { host })).attributes
      : (await hawk.server.authenticate(req, lookup, { host, payload: body || undefined })).artifacts;
    const ext = verified.ext ? JSON.parse(Buffer.from(verified.ext, 'base64')) : undefined;
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, id: verified.id, ext }));
  } catch (error) {
    res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: error.message }));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${server.address().port}`;

async function check(label, url, init = {}) {
  const response = await fetch(url, init);
  const answer = await response.json();
  const ext = answer.ext ? ` ext=${JSON.stringify(Object.keys(answer.ext))}` : '';
  console.log(`${response.status === 200 ? 'accepted' : 'REJECTED'}  ${label}${ext}${answer.error ? ` (${answer.error})` : ''}`);
  return response.status === 200;
}

const results = [];
const url = `${base}/api/queue/v1/task/abc/artifacts/public%2Flog.txt?limit=10&continuationToken=x%2By`;
results.push(await check('GET with query, permanent credentials', url, {
  headers: { authorization: hawkHeader({ method: 'GET', url, credentials: permanent }) },
}));
const payload = JSON.stringify({ hello: 'world' });
results.push(await check('POST with payload hash', `${base}/api/queue/v1/task`, {
  method: 'POST', body: payload, headers: { 'content-type': 'application/json',
    authorization: hawkHeader({ method: 'POST', url: `${base}/api/queue/v1/task`, credentials: permanent, payload }) },
}));
results.push(await check('GET with authorizedScopes', `${base}/api/auth/v1/scopes/current`, {
  headers: { authorization: hawkHeader({ method: 'GET', url: `${base}/api/auth/v1/scopes/current`, credentials: permanent, authorizedScopes: ['auth:current-scopes'] }) },
}));
results.push(await check('GET with temporary credentials', `${base}/temporary`, {
  headers: { authorization: hawkHeader({ method: 'GET', url: `${base}/temporary`, credentials: temporary }) },
}));
const signed = signUrl({ url: `${base}/api/queue/v1/task/abc/artifacts/private%2Freport.html`, credentials: permanent, expiration: 600 });
results.push(await check(`signed URL ${signed.replace(/bewit=.*/, 'bewit=...')}`, signed));

server.close();
console.log(results.every(Boolean) ? '\nAll requests verified by the hawk server.' : '\nSome requests were rejected.');
process.exitCode = results.every(Boolean) ? 0 : 1;
