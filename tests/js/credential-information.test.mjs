// credentialInformation against the emulator, with taskcluster-client and
// taskcluster-client-web asking the same questions of the same deployment.
import { after, before, test } from 'node:test';
import assert from '../support/assert.mjs';
import { createTemporaryCredentials, credentialInformation, fromNow } from 'taskcluster-wasm';
import * as client from 'taskcluster-client';
import { startEmulator } from '../../emulator/index.mjs';
import { loadClientWeb } from '../support/client-web.mjs';

let emu;
let web;
before(async () => {
  [emu, web] = await Promise.all([startEmulator({ port: 0 }), loadClientWeb()]);
  // client-web signs its ext with `window.btoa` (one of its bugs): give it a window.
  globalThis.window ??= globalThis;
});
after(() => emu?.close());

/** Ours, taskcluster-client's and client-web's answers for the same credentials. */
async function allThree(credentials) {
  const [ours, official, officialWeb, oursWebOrder] = await Promise.all([
    credentialInformation(emu.rootUrl, credentials),
    client.credentialInformation(emu.rootUrl, credentials),
    web.credentialInformation(credentials, emu.rootUrl),
    credentialInformation(credentials, emu.rootUrl), // client-web's argument order
  ]);
  return { ours, official, officialWeb, oursWebOrder };
}

function assertSame({ ours, official, officialWeb, oursWebOrder }, label) {
  assert.deepEqual(ours, official, `${label}: as taskcluster-client`);
  assert.deepEqual(ours, officialWeb, `${label}: as taskcluster-client-web`);
  assert.deepEqual(oursWebOrder, ours, `${label}: client-web's argument order`);
}

test('permanent credentials: type, expiry of the client, expanded scopes, active', async () => {
  const answers = await allThree(emu.clients.limited);
  assertSame(answers, 'limited');
  const { ours } = answers;
  assert.equal(ours.type, 'permanent');
  assert.equal(ours.clientId, emu.clients.limited.clientId);
  assert.equal(ours.active, true);
  assert.ok(!('start' in ours));
  assert.ok(ours.expiry instanceof Date && ours.expiry > new Date());
  // Expanded by the auth service: the role's scopes and anonymous ones.
  assert.ok(ours.scopes.includes('secrets:get:project/demo/*'), ours.scopes.join(' '));
  assert.ok(ours.scopes.includes('assume:anonymous'));
  assert.ok(!JSON.stringify(ours).includes(emu.clients.limited.accessToken));
});

test('temporary credentials (unnamed, named, without scopes): start and expiry from the certificate', async () => {
  const start = new Date(Date.now() - 60_000);
  const expiry = fromNow('1 hour');
  const root = emu.clients.root;
  const variants = {
    unnamed: createTemporaryCredentials({ ...root, start, expiry, scopes: ['secrets:get:project/demo/*', 'auth:current-scopes'] }),
    named: createTemporaryCredentials({ ...root, name: 'temporary/named', start, expiry, scopes: ['auth:current-scopes'] }),
    'no scopes': createTemporaryCredentials({ ...root, start, expiry }),
    'certificate object': (() => {
      const temp = createTemporaryCredentials({ ...root, start, expiry, scopes: ['auth:current-scopes'] });
      return { ...temp, certificate: JSON.parse(temp.certificate) };
    })(),
  };
  for (const [label, credentials] of Object.entries(variants)) {
    const answers = await allThree(credentials);
    assertSame(answers, label);
    const { ours } = answers;
    assert.equal(ours.type, 'temporary', label);
    assert.equal(ours.active, true, label);
    assert.equal(ours.start.getTime(), start.getTime(), label);
    assert.equal(ours.expiry.getTime(), expiry.getTime(), label); // earlier than the root client's expiry
    assert.equal(ours.clientId, credentials.clientId, label);
  }
});

test('a disabled client: the auth service refuses it, and every client rejects alike', async () => {
  const limited = emu.state.clients.get(emu.clients.limited.clientId);
  limited.disabled = true;
  try {
    const settle = (promise) => promise.then(() => 'resolved', (e) => e.statusCode ?? e.response?.status);
    const [ours, official, officialWeb] = await Promise.all([
      settle(credentialInformation(emu.rootUrl, emu.clients.limited)),
      settle(client.credentialInformation(emu.rootUrl, emu.clients.limited)),
      settle(web.credentialInformation(emu.clients.limited, emu.rootUrl)),
    ]);
    assert.equal(ours, 401);
    assert.deepEqual([official, officialWeb], [ours, ours]);
  } finally {
    limited.disabled = false;
  }
});

test('credentials not yet valid are reported inactive', async () => {
  const future = createTemporaryCredentials({
    ...emu.clients.root, start: fromNow('2 minutes'), expiry: fromNow('1 hour'), scopes: ['auth:current-scopes'],
  });
  const answers = await allThree(future);
  assertSame(answers, 'future');
  assert.equal(answers.ours.active, false);
});

test('bad arguments are refused with errors naming the argument, never showing the accessToken', async () => {
  const secret = emu.clients.limited.accessToken;
  const cases = [
    [[undefined, emu.clients.limited], /credentialInformation: rootUrl must be a non-empty string/],
    [[emu.rootUrl, null], /credentialInformation: credentials must be an object/],
    [[emu.rootUrl, { clientId: 'x' }], /credentials\.accessToken must be a non-empty string/],
    [[emu.rootUrl, { ...emu.clients.limited, certificate: '{not json' }], /certificate is not valid JSON/],
    [[emu.rootUrl, { ...emu.clients.limited, certificate: 5 }], /certificate must be JSON text or an object/],
  ];
  for (const [args, message] of cases) {
    await assert.rejects(credentialInformation(...args), (e) => {
      assert.ok(e instanceof TypeError, String(e));
      assert.match(e.message, message);
      assert.ok(!e.message.includes(secret));
      return true;
    });
  }
  // Unknown credentials: the auth service's 401 comes back as a TaskclusterError.
  await assert.rejects(credentialInformation(emu.rootUrl, { clientId: 'nobody', accessToken: 'wrong-token' }),
    (e) => e.name === 'TaskclusterError' && !e.message.includes('wrong-token'));
});
