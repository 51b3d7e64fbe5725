// A hand-written Web Crypto client for the operations the browser benchmark
// compares: the smallest honest implementation a page could carry instead of a
// library. HMAC keys are imported once per access token and reused, which is
// the best case for Web Crypto (every signature is still an async round trip).

const encoder = new TextEncoder();
const keys = new Map();

function hmacKey(secret) {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    keys.set(secret, key);
  }
  return key;
}

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

const base64url = (bytes) => base64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function hmacBase64(secret, text) {
  return base64(new Uint8Array(await crypto.subtle.sign('HMAC', await hmacKey(secret), encoder.encode(text))));
}

function target(url) {
  const u = new URL(url);
  return { resource: u.pathname + u.search, host: u.hostname.toLowerCase(), port: u.port || (u.protocol === 'https:' ? '443' : '80') };
}

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** `Authorization: Hawk ...` for a request. */
export async function hawkHeader({ method, url, credentials, ext = '', timestamp = nowSeconds(), nonce = base64url(crypto.getRandomValues(new Uint8Array(6))) }) {
  const { resource, host, port } = target(url);
  const normalized = `hawk.1.header\n${timestamp}\n${nonce}\n${method.toUpperCase()}\n${resource}\n${host}\n${port}\n\n${ext}\n`;
  const mac = await hmacBase64(credentials.accessToken, normalized);
  return `Hawk id="${credentials.clientId}", ts="${timestamp}", nonce="${nonce}"${ext ? `, ext="${ext}"` : ''}, mac="${mac}"`;
}

/** `url` with a bewit valid for `expiration` seconds. */
export async function signUrl({ url, credentials, expiration = 900, timestamp = nowSeconds() }) {
  const { resource, host, port } = target(url);
  const exp = timestamp + expiration;
  const mac = await hmacBase64(credentials.accessToken, `hawk.1.bewit\n${exp}\n\nGET\n${resource}\n${host}\n${port}\n\n\n`);
  const bewit = base64url(encoder.encode(`${credentials.clientId}\\${exp}\\${mac}\\`));
  return `${url}${url.includes('?') ? '&' : '?'}bewit=${bewit}`;
}

function slugV4() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return base64url(bytes);
}

/** Unnamed temporary credentials, signed as Taskcluster's auth service checks them. */
export async function createTemporaryCredentials({ credentials, start, expiry, scopes }) {
  const seed = slugV4() + slugV4();
  const certificate = { version: 1, scopes: [...scopes], start: start.getTime(), expiry: expiry.getTime(), seed, signature: null, issuer: null };
  const signed = `version:1\nseed:${seed}\nstart:${certificate.start}\nexpiry:${certificate.expiry}\nscopes:\n${scopes.join('\n')}`;
  const [signature, token] = await Promise.all([hmacBase64(credentials.accessToken, signed), hmacBase64(credentials.accessToken, seed)]);
  certificate.signature = signature;
  return { clientId: credentials.clientId, accessToken: token.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, ''), certificate: JSON.stringify(certificate) };
}
