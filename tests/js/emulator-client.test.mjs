// Our client against the local Taskcluster emulator (strict Hawk, certificates,
// scopes): classes discovered at run time, paging, a 403, secrets, signed links.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, Queue, Secrets, TaskclusterError, createTemporaryCredentials, fromNow } from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';

let emu;
let demo;
before(async () => {
  emu = await startEmulator({ port: 0 });
  demo = emu.state.demo;
});
after(() => emu?.close());

const options = (credentials) => ({ rootUrl: emu.rootUrl, credentials, retries: 0 });

test('Client.fromManifest builds working classes from the deployment references', async () => {
  const classes = await Client.fromManifest(emu.rootUrl);
  assert.ok(classes.Queue && classes.Secrets && classes.Auth, Object.keys(classes).join(', '));
  const task = await new classes.Queue(options(emu.clients.root)).task(demo.decisionTaskId);
  assert.equal(task.taskGroupId, demo.taskGroupId);
});

test('paginate visits every task of the seeded group once, across pages', async () => {
  const queue = new Queue(options(emu.clients.limited));
  const seen = [];
  for await (const entry of queue.paginate('listTaskGroup', demo.taskGroupId, { limit: 7 })) seen.push(entry.status.taskId);
  assert.deepEqual([...seen].sort(), [...demo.taskIds].sort());
  let pages = 0;
  for await (const page of queue.pages('listTaskGroup', demo.taskGroupId, { limit: 7 })) pages += 1;
  assert.equal(pages, Math.ceil(demo.taskIds.length / 7));
});

test('a call without the scopes rejects with a 403 TaskclusterError naming them', async () => {
  const secrets = new Secrets(options(emu.clients.limited));
  const error = await secrets.get('project/other/credentials').then(() => null, (e) => e);
  assert.ok(error instanceof TaskclusterError, String(error));
  assert.equal(error.statusCode, 403);
  assert.equal(error.code, 'InsufficientScopes');
  assert.match(error.message, /secrets:get:project\/other\/credentials/);
  assert.ok(!JSON.stringify(error).includes(emu.clients.limited.accessToken));
  const allowed = await secrets.get('project/demo/api-key');
  assert.ok(allowed.secret);
});

test('temporary credentials with a subset of scopes work, and nothing beyond them', async () => {
  const temporary = createTemporaryCredentials({
    ...emu.clients.root, expiry: fromNow('1 hour'), scopes: ['secrets:get:project/demo/*'],
  });
  const secrets = new Secrets(options(temporary));
  assert.ok((await secrets.get('project/demo/config')).secret);
  await assert.rejects(secrets.get('project/other/credentials'), (e) => e.statusCode === 403);
  const emptyScopes = createTemporaryCredentials({ ...emu.clients.root, expiry: fromNow('1 hour'), scopes: [] });
  const task = await new Queue(options(emptyScopes)).task(demo.decisionTaskId); // anonymous scopes still apply
  assert.equal(task.taskGroupId, demo.taskGroupId);
});

test('a signed link to a private artifact downloads its bytes', async () => {
  const queue = new Queue(options(emu.clients.limited));
  const { taskId, runId, name, content } = demo.privateArtifact;
  const link = queue.buildSignedUrl('getArtifact', taskId, runId, name, { expiration: 60 });
  const response = await fetch(link);
  assert.equal(response.status, 200);
  assert.equal(await response.text(), content);
  const unsigned = await fetch(queue.buildUrl('getArtifact', taskId, runId, name), { redirect: 'manual' });
  assert.equal(unsigned.status, 403);
});

test('the client corrects its clock when the deployment answers Stale timestamp', async () => {
  emu.clockOffsetSec = 3600;
  try {
    const queue = new Queue(options(emu.clients.root));
    const status = await queue.status(demo.decisionTaskId);
    assert.equal(status.status.taskId, demo.decisionTaskId);
    assert.ok(Math.abs(queue.clockOffset - 3600e3) < 60e3, String(queue.clockOffset));
  } finally {
    emu.clockOffsetSec = 0;
  }
});

test('server errors are retried until the deployment recovers', async () => {
  emu.faults.status500Count = 2;
  emu.faults.pathPrefix = '/api/queue';
  try {
    const queue = new Queue({ ...options(emu.clients.root), retries: 3, delayFactor: 1 });
    const task = await queue.task(demo.decisionTaskId);
    assert.equal(task.taskGroupId, demo.taskGroupId);
    assert.equal(emu.faults.status500Count, 0);
  } finally {
    delete emu.faults.pathPrefix;
  }
});
