// Sign in with Taskcluster, in Node: the pure steps against WHATWG URL parsing,
// and the credentials agent against the emulator's third-party login (the
// browser's part, redirects and consent clicks, is played here with fetch).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import util from 'node:util';
import {
  Auth,
  OAuthCredentialAgent,
  OAuthError,
  Secrets,
  oauthAuthorizeUrl,
  oauthCredentialsAnswer,
  oauthParseRedirect,
  oauthPkcePair,
  oauthTokenAnswer,
  oauthTokenRequestBody,
} from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';

const REDIRECT = 'http://127.0.0.1:9/signed-in';
let emu;
before(async () => {
  emu = await startEmulator({ port: 0 });
});
after(() => emu?.close());

const authorizeOptions = (overrides = {}) => ({
  rootUrl: 'https://tc.example.com/',
  clientId: 'my-app',
  redirectUri: 'https://app.example.com/cb?tab=2',
  responseType: 'code',
  scopes: ['queue:get-task:*', 'secrets:get:project/a b/*'.replace(' ', '_')],
  expires: '2 hours',
  state: 'st&te=1',
  ...overrides,
});

test('oauthAuthorizeUrl: every parameter reads back through WHATWG URL', () => {
  const url = new URL(oauthAuthorizeUrl(authorizeOptions()));
  assert.equal(url.origin + url.pathname, 'https://tc.example.com/login/oauth/authorize');
  assert.deepEqual(Object.fromEntries(url.searchParams), {
    response_type: 'code',
    client_id: 'my-app',
    redirect_uri: 'https://app.example.com/cb?tab=2',
    scope: 'queue:get-task:* secrets:get:project/a_b/*',
    expires: '2 hours',
    state: 'st&te=1',
  });
  assert.ok(!new URL(oauthAuthorizeUrl(authorizeOptions({ expires: undefined }))).searchParams.has('expires'));
});

test('oauthAuthorizeUrl: bad options are refused, naming the option', () => {
  const cases = [
    [{ responseType: 'id_token' }, RangeError, /options\.responseType/],
    [{ scopes: [] }, Error, /options\.scopes/],
    [{ scopes: 'a' }, TypeError, /options\.scopes/],
    [{ expires: '2 hourz' }, Error, /options\.expires/],
    [{ redirectUri: '/cb' }, Error, /options\.redirectUri/],
    [{ redirectUri: 'https://a/cb#x' }, Error, /fragment/],
    [{ state: '' }, Error, /options\.state/],
    [{ clientID: 'x' }, TypeError, /options\.clientID is not an option/],
  ];
  for (const [overrides, type, message] of cases) {
    assert.throws(() => oauthAuthorizeUrl(authorizeOptions(overrides)), (e) => e instanceof type && message.test(e.message) && e.message.startsWith('oauthAuthorizeUrl: '), JSON.stringify(overrides));
  }
});

test('oauthParseRedirect: fragment for token, query for code, errors, and the state check', () => {
  const token = 'a+b/c=d&e é';
  const fragment = new URLSearchParams({ access_token: token, token_type: 'Bearer', state: 's1' });
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}#${fragment}`, 'token', 's1'), { kind: 'token', accessToken: token });
  const query = new URLSearchParams({ code: 'c 1', state: 's1' });
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}?${query}`, 'code', 's1'), { kind: 'code', code: 'c 1' });
  const denied = new URLSearchParams({ error: 'access_denied', error_description: 'User denied access', state: 's1' });
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}?${denied}`, 'code', 's1'), { kind: 'error', error: 'access_denied', description: 'User denied access' });
  const mismatch = oauthParseRedirect(`${REDIRECT}?${query}`, 'code', 's2');
  assert.equal(mismatch.kind, 'stateMismatch');
  assert.match(mismatch.message, /not the one/);
  assert.equal(oauthParseRedirect(`${REDIRECT}?code=x`, 'code', 's1').kind, 'stateMismatch');
  assert.throws(() => oauthParseRedirect(`${REDIRECT}?state=s1`, 'code', 's1'), /no code/);
  assert.throws(() => oauthParseRedirect(`${REDIRECT}#access_token=%ZZ`, 'token', 's1'), /percent-escape/);
});

test('token request and answers: RFC 6749 form body, Bearer only, expires checked', () => {
  const body = new URLSearchParams(oauthTokenRequestBody('c&1', 'https://a/cb?x=1', 'app'));
  assert.deepEqual(Object.fromEntries(body), { grant_type: 'authorization_code', code: 'c&1', redirect_uri: 'https://a/cb?x=1', client_id: 'app' });
  assert.equal(oauthTokenAnswer({ access_token: 'T', token_type: 'bearer' }), 'T');
  assert.throws(() => oauthTokenAnswer({ access_token: 'T', token_type: 'mac' }), /Bearer/);
  assert.throws(() => oauthTokenAnswer({ token_type: 'Bearer' }), /no access_token/);
  const now = Date.parse('2030-01-01T00:00:00Z');
  const answer = oauthCredentialsAnswer({ credentials: { clientId: 'u/app-1', accessToken: 'SECRET' }, expires: '2030-01-01T01:00:00.000Z' }, now);
  assert.deepEqual(answer.credentials, { clientId: 'u/app-1', accessToken: 'SECRET' });
  assert.equal(answer.expires, now + 3_600_000);
  assert.equal(answer.renewAt, now + 3_600_000 - 300_000);
  assert.throws(() => oauthCredentialsAnswer({ credentials: { clientId: 'u', accessToken: 'SECRET' }, expires: '2029-12-31T23:00:00Z' }, now), /already expired/);
  assert.throws(() => oauthCredentialsAnswer({ credentials: { clientId: 'u' }, expires: '2030-01-02' }, now), (e) => !e.message.includes('SECRET'));
});

test('oauthParseRedirect reads what URLSearchParams writes, refuses what it would pass on, and never quotes a token', () => {
  const odd = 'a b+c&d=e%f/é\u{1F600}?#';
  const fragment = new URLSearchParams({ access_token: odd, state: odd });
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}#${fragment}`, 'token', odd), { kind: 'token', accessToken: odd });
  // Empty parts are skipped and the first of a repeated name counts, as URLSearchParams.get does.
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}?&code=b+c&&code=2&state==e&`, 'code', '=e'), { kind: 'code', code: 'b c' });
  for (const bad of ['%', '%4', '%zz', '%FF', '%C3']) {
    assert.throws(() => oauthParseRedirect(`${REDIRECT}#access_token=SECRET${bad}&state=s`, 'token', 's'),
      (e) => e.message.startsWith('oauthParseRedirect: ') && /percent-escape/.test(e.message) && !e.message.includes('SECRET'), bad);
  }
  // An error may come in the other part; its state is checked like any answer's.
  assert.deepEqual(oauthParseRedirect(`${REDIRECT}?error=access_denied&state=s#x=1`, 'token', 's'), { kind: 'error', error: 'access_denied', description: undefined });
  assert.equal(oauthParseRedirect(`${REDIRECT}#error=access_denied&state=t`, 'code', 's').kind, 'stateMismatch');
  assert.equal(oauthParseRedirect(`${REDIRECT}?code=c&state=`, 'code', '').kind, 'stateMismatch');
  assert.equal(oauthParseRedirect(`${REDIRECT}#access_token=T&token_type=bEaReR&state=s`, 'token', 's').accessToken, 'T');
  assert.throws(() => oauthParseRedirect(`${REDIRECT}#access_token=T&token_type=mac&state=s`, 'token', 's'), /Bearer/);
  assert.throws(() => oauthParseRedirect(REDIRECT, 'id_token', 's'), (e) => e instanceof RangeError && /responseType/.test(e.message));
  assert.throws(() => oauthParseRedirect(42, 'code', 's'), (e) => e instanceof TypeError && /url must be a string/.test(e.message));
});

test('oauth steps: lone surrogates, PKCE verifiers in the token body, and renewal at most five minutes early', () => {
  assert.throws(() => oauthAuthorizeUrl(authorizeOptions({ state: 'a\uD800' })), (e) => e instanceof TypeError && /options\.state .*surrogate/.test(e.message));
  assert.throws(() => oauthAuthorizeUrl(authorizeOptions({ scopes: ['a b'] })), /options\.scopes\[0\]/);
  assert.throws(() => oauthAuthorizeUrl(authorizeOptions({ rootUrl: 'ftp://tc.example.com' })), /options\.rootUrl must be an absolute http/);
  assert.throws(() => oauthAuthorizeUrl(null), (e) => e instanceof TypeError && /options must be an object/.test(e.message));
  const getter = { ...authorizeOptions(), get clientId() { throw new Error('boom'); } };
  assert.throws(() => oauthAuthorizeUrl(getter), (e) => e instanceof TypeError && e.message.startsWith('oauthAuthorizeUrl: the options could not be read'));
  // Spaces travel as %20, which a form decoder reads in a query and in a fragment alike.
  assert.match(oauthAuthorizeUrl(authorizeOptions()), /scope=queue%3Aget-task%3A\*%20secrets/);
  const body = new URLSearchParams(oauthTokenRequestBody('c', REDIRECT, 'app', 'v-1'));
  assert.equal(body.get('code_verifier'), 'v-1');
  const now = 1_000_000;
  const renewAt = (lifeMs) => oauthCredentialsAnswer({ credentials: { clientId: 'c', accessToken: 't' }, expires: new Date(now + lifeMs).toISOString() }, now).renewAt;
  assert.equal(renewAt(10_000), now + 8_000);
  assert.equal(renewAt(86_400_000), now + 86_400_000 - 300_000);
  const withCertificate = oauthCredentialsAnswer({ credentials: { clientId: 'c', accessToken: 't', certificate: '{"version":1}' }, expires: new Date(now + 1000).toISOString() }, now);
  assert.equal(withCertificate.credentials.certificate, '{"version":1}');
  assert.throws(() => oauthCredentialsAnswer({ credentials: { clientId: 'c', accessToken: 't', certificate: '[1]' }, expires: '2030-01-01' }, now), TypeError);
  assert.throws(() => oauthCredentialsAnswer({ credentials: { clientId: 'c', accessToken: 't' }, expires: 'tomorrow' }, now), /expires is not a date/);
  assert.throws(() => oauthCredentialsAnswer({ credentials: { clientId: 'c', accessToken: 't' }, expires: '2030-01-01' }, NaN), RangeError);
});

/** Plays the browser: authorize, the consent page's button, the redirect back. Returns the redirect URL. */
async function consent({ clientId = 'emulator-code', responseType = 'code', scopes = ['auth:current-scopes', 'secrets:get:project/demo/*'], expires, allow = true, state = 'st', codeChallenge }) {
  const query = new URLSearchParams({ response_type: responseType, client_id: clientId, redirect_uri: REDIRECT, scope: scopes.join(' '), state });
  if (expires) query.set('expires', expires);
  if (codeChallenge) query.set('code_challenge', codeChallenge);
  if (codeChallenge) query.set('code_challenge_method', 'S256');
  let response = await fetch(`${emu.rootUrl}/login/oauth/authorize?${query}`, { redirect: 'manual' });
  assert.equal(response.status, 302, await response.clone().text());
  let location = new URL(response.headers.get('location'), emu.rootUrl);
  if (location.href.startsWith(REDIRECT)) return location.href; // whitelisted: no consent page
  const page = await (await fetch(location)).text();
  const transactionId = /name="transaction_id" value="([^"]+)"/.exec(page)[1];
  const form = new URLSearchParams({ transaction_id: transactionId });
  if (!allow) form.set('cancel', 'Deny');
  response = await fetch(`${emu.rootUrl}/login/oauth/authorize/decision`, { method: 'POST', body: form, redirect: 'manual' });
  assert.equal(response.status, 302);
  location = response.headers.get('location');
  assert.ok(location.startsWith(REDIRECT), location);
  return location;
}

async function exchange(code, clientId = 'emulator-code', verifier = undefined) {
  const response = await fetch(`${emu.rootUrl}/login/oauth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: oauthTokenRequestBody(code, REDIRECT, clientId, verifier),
  });
  return { status: response.status, body: await response.json() };
}

async function codeFlowToken(options = {}) {
  const answer = oauthParseRedirect(await consent(options), 'code', 'st');
  const { status, body } = await exchange(answer.code, options.clientId);
  assert.equal(status, 200, JSON.stringify(body));
  return oauthTokenAnswer(body);
}

test('PKCE: the RFC 7636 vector; a code issued with a challenge needs its verifier', async () => {
  const { verifier, challenge } = oauthPkcePair();
  assert.match(verifier, /^[A-Za-z0-9_-]{43}$/);
  const { createHash } = await import('node:crypto');
  assert.equal(challenge, createHash('sha256').update(verifier).digest('base64url'));
  const url = new URL(oauthAuthorizeUrl(authorizeOptions({ codeChallenge: challenge })));
  assert.deepEqual([url.searchParams.get('code_challenge'), url.searchParams.get('code_challenge_method')], [challenge, 'S256']);
  assert.equal(new URLSearchParams(oauthTokenRequestBody('c', REDIRECT, 'app', verifier)).get('code_verifier'), verifier);

  const first = oauthParseRedirect(await consent({ codeChallenge: challenge }), 'code', 'st');
  const stolen = await exchange(first.code);
  assert.deepEqual([stolen.status, stolen.body.error], [403, 'invalid_grant']);
  const second = oauthParseRedirect(await consent({ codeChallenge: challenge }), 'code', 'st');
  assert.equal((await exchange(second.code, 'emulator-code', verifier)).status, 200);
});

test('agent: one agent serves every client; its credentials carry the granted scopes', async () => {
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: await codeFlowToken() });
  assert.equal(agent.expires, null);
  const { scopes } = await new Auth({ rootUrl: emu.rootUrl, credentials: agent, retries: 0 }).currentScopes();
  assert.ok(scopes.includes('secrets:get:project/demo/*') && scopes.includes('auth:current-scopes'), scopes.join(' '));
  assert.ok(!scopes.includes('queue:get-artifact:private/*'), 'only the scopes asked for');
  const secret = await new Secrets({ rootUrl: emu.rootUrl, credentials: agent, retries: 0 }).get('project/demo/config');
  assert.ok(secret.secret);
  assert.match(agent.clientId, /^emulator\/demo-user\/emulator-code-/);
  // No expires asked for: the deployment's default (3 days), capped at the client's maximum (1 day).
  const lifetime = agent.expires - Date.now();
  assert.ok(lifetime > 86_400_000 - 60_000 && lifetime <= 86_400_000, String(lifetime));
});

test('agent: renews before expiry, and once more after a 401', async () => {
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: await codeFlowToken({ expires: '2 seconds' }) });
  const auth = new Auth({ rootUrl: emu.rootUrl, credentials: agent, retries: 0 });
  await auth.currentScopes();
  const first = await agent.getCredentials();
  assert.ok(agent.expires - Date.now() <= 2000);
  await new Promise((resolve) => setTimeout(resolve, 2100)); // past the first credentials' expiry
  // Those credentials are dead at the server...
  await assert.rejects(new Auth({ rootUrl: emu.rootUrl, credentials: first, retries: 0 }).currentScopes(), /expired/);
  // ...but the agent has fetched new ones.
  await auth.currentScopes();
  const second = await agent.getCredentials();
  assert.notEqual(second.clientId, first.clientId);
  // A client disabled under the agent: the 401 makes it fetch again, and the call succeeds.
  const long = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: await codeFlowToken() });
  const longAuth = new Auth({ rootUrl: emu.rootUrl, credentials: long, retries: 0 });
  await longAuth.currentScopes();
  const before = long.clientId;
  emu.state.clients.get(before).disabled = true;
  await longAuth.currentScopes();
  assert.notEqual(long.clientId, before);
});

test('agent: concurrent callers share one fetch', async () => {
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: await codeFlowToken() });
  const answers = await Promise.all([1, 2, 3, 4].map(() => agent.getCredentials()));
  assert.equal(new Set(answers.map((c) => c.clientId)).size, 1);
});

test('agent: restricted temporary credentials made from the renewed ones', async () => {
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: await codeFlowToken() });
  const temp = await agent.createTemporaryCredentials({ scopes: ['auth:current-scopes'] });
  const { scopes } = await new Auth({ rootUrl: emu.rootUrl, credentials: temp, retries: 0 }).currentScopes();
  assert.ok(scopes.includes('auth:current-scopes') && !scopes.includes('secrets:get:project/demo/*'), scopes.join(' '));
  assert.ok(JSON.parse(temp.certificate).expiry <= agent.expires.getTime());
  await assert.rejects(agent.createTemporaryCredentials({ scopes: ['queue:get-artifact:private/*'] }).then((t) => new Auth({ rootUrl: emu.rootUrl, credentials: t, retries: 0 }).currentScopes()), /AuthenticationFailed|scopes/i);
  await assert.rejects(agent.createTemporaryCredentials({ scopes: [], lifetime: 5 }), /options\.lifetime is not an option/);
});

test('failures: denied consent, reused code, revoked client, bad token, no third-party login', async () => {
  const denied = oauthParseRedirect(await consent({ allow: false }), 'code', 'st');
  assert.deepEqual(denied, { kind: 'error', error: 'access_denied', description: 'User denied access' });

  const { code } = oauthParseRedirect(await consent({}), 'code', 'st');
  assert.equal((await exchange(code)).status, 200);
  const again = await exchange(code);
  assert.deepEqual([again.status, again.body.error], [403, 'invalid_grant']);

  const bad = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: 'not-a-token' });
  await assert.rejects(bad.getCredentials(), (e) => e instanceof OAuthError && e.code === 'invalid_token' && e.statusCode === 401 && !e.message.includes('not-a-token'));

  const elsewhere = new OAuthCredentialAgent({ rootUrl: `${emu.rootUrl}/nothing-here`, accessToken: 'T' });
  await assert.rejects(elsewhere.getCredentials(), (e) => e.code === 'not_supported');

  // Whitelisted: straight back without a consent page; then revoked.
  const url = await consent({ clientId: 'emulator-whitelisted' });
  const answer = oauthParseRedirect(url, 'code', 'st');
  const token = oauthTokenAnswer((await exchange(answer.code, 'emulator-whitelisted')).body);
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: token });
  const auth = new Auth({ rootUrl: emu.rootUrl, credentials: agent, retries: 0 });
  await auth.currentScopes();
  emu.login.disableClient('emulator-whitelisted');
  await assert.rejects(auth.currentScopes(), (e) => /credentials_refused|refused to issue/.test(e.message) && !e.message.includes(token));
  await assert.rejects(agent.renew(), (e) => e.code === 'credentials_refused' && e.statusCode === 400);
});

test('agent: never shows its token; unknown options and storage refused; signOut forgets', async () => {
  const token = await codeFlowToken();
  const agent = new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: token });
  const credentials = await agent.getCredentials();
  for (const shown of [util.inspect(agent, { showHidden: true, depth: 5 }), JSON.stringify(agent), String(agent), Object.keys(agent).join()]) {
    assert.ok(!shown.includes(token) && !shown.includes(credentials.accessToken), shown);
  }
  assert.throws(() => new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: token, store: 'x' }), /options\.store is not an option/);
  assert.throws(() => new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: token, storage: 'disk' }), RangeError);
  assert.throws(() => new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: token, storage: 'session' }), /sessionStorage/);
  assert.throws(() => new OAuthCredentialAgent({ rootUrl: emu.rootUrl, accessToken: '' }), TypeError);
  agent.signOut();
  assert.equal(agent.signedIn, false);
  await assert.rejects(agent.getCredentials(), (e) => e.code === 'signed_out');
});

test('the README shows the tested example page verbatim', async () => {
  const { readFileSync } = await import('node:fs');
  const read = (file) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8').trimEnd();
  const readme = read('pkg-template/README.md');
  for (const file of ['examples/sign-in/index.html', 'examples/sign-in/app.js', 'examples/sign-in/worker.js']) {
    assert.ok(readme.includes(read(file)), `${file} is not in the README as it is`);
  }
});

test('an access token past its lifetime: invalid_token, sign in again', async () => {
  const shortLived = await startEmulator({ port: 0, accessTokenLifetimeMs: 300 });
  try {
    const query = new URLSearchParams({ response_type: 'code', client_id: 'emulator-whitelisted', redirect_uri: REDIRECT, scope: 'auth:current-scopes secrets:get:project/demo/*', state: 's' });
    const back = await fetch(`${shortLived.rootUrl}/login/oauth/authorize?${query}`, { redirect: 'manual' });
    const { code } = oauthParseRedirect(back.headers.get('location'), 'code', 's');
    const response = await fetch(`${shortLived.rootUrl}/login/oauth/token`, {
      method: 'POST', body: oauthTokenRequestBody(code, REDIRECT, 'emulator-whitelisted'), headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    const agent = new OAuthCredentialAgent({ rootUrl: shortLived.rootUrl, accessToken: oauthTokenAnswer(await response.json()) });
    await agent.getCredentials();
    await new Promise((resolve) => setTimeout(resolve, 400));
    await assert.rejects(agent.renew(), (e) => e instanceof OAuthError && e.code === 'invalid_token' && /sign in again/.test(e.message));
  } finally {
    await shortLived.close();
  }
});
