// Random request shapes for the Hawk tests. Paths and queries are generated already
// percent-encoded the way WHATWG URL (and so fetch) would send them.
const SEGMENTS = ['a', 'v1', 'task', 'with%20space', 'a%2Fb', '%C3%A9t%C3%A9', '%E2%9C%93', "~!*'()", 'x.y',
  '-_', '%25', 'AZaz09', '@', ':', ';', '=', ',', '$', '&', '+', '', 'task%3Fid', '%F0%9F%98%80'];
const QUERY_PARTS = ['b=1&a=2', 'x=%20y', 'q=a+b', 'k', 'empty=', 'u=%E2%9C%93', 's=~!*()', 'quote=%27',
  'slash=a/b', 'q=?x', 'colon=a:b', 'at=@', 'pct=%25', 'dup=1&dup=2', 'bewitz=1'];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'get', 'post', 'Put', 'patch'];
const PAYLOADS = ['', '{"a":1}', 'Thank you for flying Hawk', 'héllo wörld ✓ 😀', 'line1\nline2\r\n', '{"nested":{"x":[1,2,3]}}',
  'x'.repeat(10000)];
const CONTENT_TYPES = [undefined, 'application/json', 'text/plain', 'application/json; charset=utf-8', 'Text/Plain'];
const SCOPES = ['queue:create-task:highest:proj/*', 'assume:repo:github.com/x/y:*', 'a b', '', '*',
  "weird!@#$%^&()'\"\\", 'secrets:get:garbage/x'];
const RAW_EXTS = ['some-app-ext-data', 'a b c', 'x=1;y=2', 'ext:with:colons', '0'];

export function randomPath(r) {
  const n = r.int(0, 4);
  let p = '';
  for (let i = 0; i < n; i++) p += '/' + r.pick(SEGMENTS);
  if (p === '' || r.bool(0.15)) p += '/';
  return p;
}

export function randomQuery(r) {
  const n = r.int(0, 3);
  if (n === 0) return '';
  return '?' + Array.from({ length: n }, () => r.pick(QUERY_PARTS)).join('&');
}

export const bodyAllowed = (method) => !['GET', 'HEAD'].includes(method.toUpperCase());

// Where the signed URL points. `forwarded` is what the test server must be told
// (X-Forwarded-Host/-Proto) when the URL does not name the server itself.
export function randomTarget(r, serverPort) {
  return r.pick([
    { origin: `http://127.0.0.1:${serverPort}`, host: '127.0.0.1', port: serverPort },
    { origin: `http://127.0.0.1:${serverPort}`, host: '127.0.0.1', port: serverPort },
    { origin: 'http://example.com', host: 'example.com', port: 80, forwarded: { host: 'example.com' } },
    { origin: 'http://example.com:8080', host: 'example.com', port: 8080, forwarded: { host: 'example.com:8080' } },
    { origin: 'http://tc.example.net:80', host: 'tc.example.net', port: 80, forwarded: { host: 'tc.example.net' }, nonCanonical: true },
    { origin: 'https://tc.example.net', host: 'tc.example.net', port: 443, forwarded: { host: 'tc.example.net', proto: 'https' } },
    { origin: 'https://tc.example.net:443', host: 'tc.example.net', port: 443, forwarded: { host: 'tc.example.net', proto: 'https' }, nonCanonical: true },
    { origin: 'https://tc.example.net:8443', host: 'tc.example.net', port: 8443, forwarded: { host: 'tc.example.net:8443', proto: 'https' } },
  ]);
}

// A random hawkHeader case. `tempCreds` is a list of temporary credentials to pick from.
export function randomHawkCase(r, { serverPort, permanent, tempCreds }) {
  const method = r.pick(METHODS);
  const target = randomTarget(r, serverPort);
  const resource = randomPath(r) + randomQuery(r);
  const c = { method, target, resource, url: target.origin + resource, options: {} };
  const extKind = r.pick(['none', 'scopes', 'cert', 'both', 'raw']);
  c.extKind = extKind;
  if (extKind === 'cert' || extKind === 'both') {
    const t = r.pick(tempCreds);
    const asObject = r.bool();
    c.credentials = { clientId: t.clientId, accessToken: t.accessToken, certificate: asObject ? JSON.parse(t.certificate) : t.certificate };
    c.certificate = JSON.parse(t.certificate);
  } else {
    c.credentials = { ...permanent };
  }
  if (extKind === 'scopes' || extKind === 'both') c.options.authorizedScopes = r.many(SCOPES, 0, 4);
  if (extKind === 'raw') c.options.ext = r.pick(RAW_EXTS);
  if (bodyAllowed(method) && r.bool(0.6)) {
    c.options.payload = r.pick(PAYLOADS);
    const ct = r.pick(CONTENT_TYPES);
    if (ct !== undefined) c.options.contentType = ct;
    c.sentContentType = ct ?? 'application/json';
  }
  const nowSec = Math.floor(Date.now() / 1000);
  const timing = r.pick(['default', 'default', 'timestamp', 'offset']);
  if (timing === 'timestamp') c.options.timestamp = nowSec + r.int(-30, 30);
  if (timing === 'offset') c.options.localtimeOffsetMsec = r.int(-30000, 30000);
  if (r.bool(0.3)) c.options.nonce = r.pick(['j4h3g2', 'abcdef', 'n0nce-' + r.int(0, 1e6)]);
  return c;
}

export function expectedExt(c) {
  if (c.extKind === 'none' || c.extKind === 'raw') return undefined;
  const ext = {};
  if (c.certificate) ext.certificate = c.certificate;
  if (c.options.authorizedScopes) ext.authorizedScopes = c.options.authorizedScopes;
  return ext;
}
