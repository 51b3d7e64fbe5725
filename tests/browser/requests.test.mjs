// API requests of the generated classes in headless Chromium (dist/web/index.js served
// from one 127.0.0.1 origin), verified by the Hawk server on another origin (CORS):
// query args, a 500 retried, the stale-timestamp correction, an HTML error body and
// temporary credentials. Faults are scripted with the server's `onRequest`.
// Run: node --test tests/browser/requests.test.mjs
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs'; // node:assert/strict, counting assertions
import { startHawkServer } from '../support/hawk-server.mjs';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { decodeExt, parseHawkHeader } from '../support/tc-crypto.mjs';

const CREDS = { clientId: 'browser/requests', accessToken: 'browser-requests-access-token' };
const SERVER_CREDENTIALS = { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } };

let h;
let srv; // normal clock; faults scripted through `script`
let skewed; // clock one hour ahead
let script;

before(async () => {
  srv = await startHawkServer({
    credentials: SERVER_CREDENTIALS, requirePayloadHash: false,
    onRequest: (req, body, count) => script?.(req, body, count),
  });
  skewed = await startHawkServer({ credentials: SERVER_CREDENTIALS, requirePayloadHash: false, localtimeOffsetMsec: 3600e3 });
  h = await startBrowserPage();
});

after(async () => {
  await h?.close();
  await srv?.close();
  await skewed?.close();
});

/** Runs `body` with `script` as the fault script, returning what it returns and the requests it caused. */
async function scripted(fault, body) {
  script = fault;
  const before = srv.requests.length;
  try {
    const result = await body();
    return { result, requests: srv.requests.slice(before) };
  } finally {
    script = undefined;
  }
}

// In-page: the error fields a test needs (errors do not cross page.evaluate intact).
const ERROR_FIELDS = `(e, tc) => ({ isTc: e instanceof tc.TaskclusterError, isError: e instanceof Error, isTypeError: e instanceof TypeError,
  name: e.name, message: e.message, code: e.code, statusCode: e.statusCode, body: e.body, retries: e.retries })`;

test('a signed request with query args is accepted cross-origin; no taskcluster-wasm User-Agent', async () => {
  const { result: r, requests } = await scripted(undefined, () => h.inPage(`async (tc, { rootUrl, creds }) => {
    const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 0 });
    return queue.listTaskGroup('g/1', { limit: 5, continuationToken: 'a+b/c' });
  }`, { rootUrl: srv.url, creds: CREDS }));
  assert.equal(r.ok, true, r.error);
  assert.equal(r.id, CREDS.clientId);
  assert.equal(r.ext, undefined);
  assert.equal(requests.length, 1);
  const url = new URL(requests[0].url, 'http://x');
  assert.equal(url.pathname, '/api/queue/v1/task-group/g%2F1/list');
  assert.equal(url.searchParams.get('limit'), '5');
  assert.equal(url.searchParams.get('continuationToken'), 'a+b/c');
  assert.equal(parseHawkHeader(requests[0].headers.authorization).id, CREDS.clientId);
  const ua = requests[0].headers['user-agent'] ?? '';
  assert.ok(!ua.includes('taskcluster-wasm/'), ua);
  assert.match(ua, /Chrome/, 'the browser set its own User-Agent');
  assert.ok(requests[0].headers.origin?.startsWith('http://127.0.0.1:'), 'a cross-origin request');
});

test('a payload request (PUT, JSON) is accepted', async () => {
  const { result: r, requests } = await scripted(undefined, () => h.inPage(`async (tc, { rootUrl, creds }) => {
    const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 0 });
    return queue.createTask('t', { a: 1, text: 'héllo' });
  }`, { rootUrl: srv.url, creds: CREDS }));
  assert.equal(r.ok, true, r.error);
  assert.equal(r.method, 'PUT');
  assert.deepEqual(JSON.parse(r.payload), { a: 1, text: 'héllo' });
  assert.match(requests[0].headers['content-type'], /^application\/json/);
});

test('500 then success: retried and resolved; fresh nonce per attempt', async () => {
  let attempts = 0;
  const { result: r, requests } = await scripted(
    () => (++attempts === 1 ? { status: 500, json: { code: 'InternalServerError', message: 'boom' } } : undefined),
    () => h.inPage(`async (tc, { rootUrl, creds }) => {
      const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 3, delayFactor: 1 });
      return queue.task('t');
    }`, { rootUrl: srv.url, creds: CREDS }),
  );
  assert.equal(r.ok, true, r.error);
  assert.equal(attempts, 2);
  assert.equal(requests.length, 2);
  assert.notEqual(requests[0].nonce, requests[1].nonce);
  assert.ok(requests.every((q) => q.url === '/api/queue/v1/task/t'));
});

test('stale timestamp: the clock is corrected from an authentic challenge, then one request per call', async () => {
  const before = skewed.requests.length;
  const r = await h.inPage(`async (tc, { rootUrl, creds }) => {
    const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 0 });
    const first = await queue.task('t');
    const offset = queue.clockOffset;
    const second = await queue.task('t2');
    return { first, second, offset };
  }`, { rootUrl: skewed.url, creds: CREDS });
  assert.equal(r.first.ok, true, r.first.error);
  assert.equal(r.second.ok, true, r.second.error);
  assert.ok(Math.abs(r.offset - 3600e3) < 60e3, `clockOffset ${r.offset}`);
  assert.equal(skewed.requests.length - before, 3, 'challenge + re-signed request, then one request');
});

test('an HTML 502 page: TaskclusterError with statusCode 502 and the HTML body', async () => {
  const html = '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>';
  const { result: e, requests } = await scripted(() => ({ status: 502, text: html, contentType: 'text/html' }),
    () => h.inPage(`async (tc, { rootUrl, creds, fields }) => {
      const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 1, delayFactor: 1 });
      try { return { resolved: await queue.task('t') }; } catch (e) { return new Function('return ' + fields)()(e, tc); }
    }`, { rootUrl: srv.url, creds: CREDS, fields: ERROR_FIELDS }));
  assert.equal(e.resolved, undefined, 'must reject');
  assert.equal(e.isTc, true, JSON.stringify(e));
  assert.equal(e.isTypeError, false);
  assert.equal(e.name, 'TaskclusterError');
  assert.equal(e.statusCode, 502);
  assert.equal(e.code, 'HTTP502');
  assert.equal(e.body, html);
  assert.equal(e.retries, 1);
  assert.match(e.message, /502/);
  assert.equal(requests.length, 2);
});

test('temporary credentials with authorizedScopes: accepted, ext carries both', async () => {
  const { result: r } = await scripted(undefined, () => h.inPage(`async (tc, { rootUrl, creds }) => {
    const tmp = tc.createTemporaryCredentials({ ...creds, scopes: ['queue:get-task:*'], expiry: new Date(Date.now() + 3600e3) });
    const queue = new tc.Queue({ rootUrl, credentials: tmp, authorizedScopes: ['queue:get-task:t'], retries: 0 });
    return { tmp, result: await queue.task('t'), signed: await (await fetch(queue.buildSignedUrl('task', 't'))).json() };
  }`, { rootUrl: srv.url, creds: CREDS }));
  assert.equal(r.result.ok, true, r.result.error);
  const cert = JSON.parse(r.tmp.certificate);
  assert.deepEqual(r.result.certificate, cert, 'the server verified the certificate');
  assert.deepEqual(decodeExt(r.result.ext), { certificate: cert, authorizedScopes: ['queue:get-task:t'] });
  assert.equal(r.signed.ok, true, r.signed.error);
  assert.deepEqual(r.signed.certificate, cert);
});

test('a wrong accessToken rejects with 401 and no page errors remain', async () => {
  const SECRET = 'browser-WRONG-secret-31337';
  const e = await h.inPage(`async (tc, { rootUrl, clientId, secret, fields }) => {
    const queue = new tc.Queue({ rootUrl, credentials: { clientId, accessToken: secret }, retries: 2 });
    try { return { resolved: await queue.task('t') }; } catch (e) {
      return { ...new Function('return ' + fields)()(e, tc), text: [e.message, e.stack, String(e), JSON.stringify(e)].join('\\n') };
    }
  }`, { rootUrl: srv.url, clientId: CREDS.clientId, secret: SECRET, fields: ERROR_FIELDS });
  assert.equal(e.isTc, true, JSON.stringify(e));
  assert.equal(e.statusCode, 401);
  assert.equal(e.retries, 0);
  assert.ok(!e.text.includes(SECRET), e.text);
  assert.deepEqual(h.pageErrors.filter((m) => !/Failed to load resource/.test(m)), []);
});

test('the client classes in a browser: method references, use(), fake, unknown options; a 303 is followed (fetch cannot hand it over)', async () => {
  const fault = (req) => {
    if (req.url.startsWith('/api/queue/v1/task/t/runs/0/artifacts/')) {
      return { status: 303, json: { url: `${srv.url}/storage/x` }, headers: { Location: `${srv.url}/storage/x` } };
    }
    if (req.url === '/storage/x') return { status: 200, json: { content: 'the artifact' } };
    return undefined;
  };
  const { result: r } = await scripted(fault, () => h.inPage(`async (tc, { rootUrl, creds }) => {
    const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 0 });
    let typo;
    try { new tc.Queue({ rootUrl, credentails: creds }); } catch (e) { typo = e.message; }
    const fake = new tc.Queue({ rootUrl, fake: { task: async (id) => ({ id }) } });
    const scoped = queue.use({ authorizedScopes: ['a'] });
    return {
      url: queue.buildUrl(queue.task, 'abc'),
      signedOk: (await fetch(scoped.buildSignedUrl(scoped.task, 'abc'))).status,
      typo,
      faked: await fake.task('x'),
      calls: fake.fakeCalls.task,
      artifact: await queue.getArtifact('t', 0, 'public/x'),
    };
  }`, { rootUrl: srv.url, creds: CREDS }));
  assert.equal(r.url, `${srv.url}/api/queue/v1/task/abc`);
  assert.equal(r.signedOk, 200);
  assert.equal(r.typo, 'new Queue(options): unknown option "credentails"; did you mean credentials?');
  assert.deepEqual(r.faked, { id: 'x' });
  assert.deepEqual(r.calls, [{ taskId: 'x' }]);
  // On purpose (documented): browsers follow the redirect; Node resolves to the 303's {url}.
  assert.deepEqual(r.artifact, { content: 'the artifact' });
});
