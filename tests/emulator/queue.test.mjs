// Queue emulation: tasks, task groups with paging, runs and artifacts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { api, bewitUrl, hawkFetch, newTaskId, taskDefinition } from './helpers.mjs';

let emu;
let root;
before(async () => {
  emu = await startEmulator();
  root = emu.clients.root;
});
after(async () => { await emu.close(); });

test('a signed createTask, then task and status', async () => {
  const taskId = newTaskId();
  const definition = taskDefinition({ routes: ['index.project.demo.test'], scopes: ['secrets:get:project/demo/config'] });
  const res = await hawkFetch(api(emu, 'queue', `/task/${taskId}`), root, { method: 'PUT', body: definition, payloadHash: true });
  assert.equal(res.status, 200, await res.clone().text());
  const { status } = await res.json();
  assert.equal(status.taskId, taskId);
  assert.equal(status.state, 'pending');
  assert.equal(status.taskGroupId, taskId);
  assert.equal(status.runs.length, 1);

  const task = await (await fetch(api(emu, 'queue', `/task/${taskId}`))).json();
  assert.equal(task.metadata.name, 'emulator test');
  assert.equal(task.provisionerId, 'proj-demo');
  assert.equal(task.workerType, 'ci');
  assert.equal(task.priority, 'lowest');
  assert.equal(task.schedulerId, '-');
  const statusRes = await (await fetch(api(emu, 'queue', `/task/${taskId}/status`))).json();
  assert.equal(statusRes.status.state, 'pending');

  // the same definition again is fine (client retries); a different one conflicts
  const again = await hawkFetch(api(emu, 'queue', `/task/${taskId}`), root, { method: 'PUT', body: definition });
  assert.equal(again.status, 200);
  const other = await hawkFetch(api(emu, 'queue', `/task/${taskId}`), root, { method: 'PUT', body: { ...definition, retries: 1 } });
  assert.equal(other.status, 409);
  assert.equal((await other.json()).code, 'RequestConflict');
});

test('createTask validates the definition', async () => {
  const put = (body) => hawkFetch(api(emu, 'queue', `/task/${newTaskId()}`), root, { method: 'PUT', body });
  const noQueue = await put(taskDefinition({ taskQueueId: undefined }));
  assert.equal(noQueue.status, 400);
  assert.equal((await noQueue.json()).code, 'InputValidationError');
  const unknown = await put(taskDefinition({ surprise: true }));
  assert.equal(unknown.status, 400);
  const noMetadata = await put(taskDefinition({ metadata: { name: 'x' } }));
  assert.equal(noMetadata.status, 400);
  const backwards = await put(taskDefinition({ deadline: new Date(Date.now() - 1000).toJSON() }));
  assert.equal(backwards.status, 400);
  assert.equal((await backwards.json()).code, 'InputError');
});

test('listTaskGroup pages with limit=10: the token chain visits every task once', async () => {
  const { taskGroupId, taskIds } = emu.state.demo;
  assert.equal(taskIds.length, 25);
  const seen = [];
  let token;
  let pages = 0;
  do {
    const query = new URLSearchParams({ limit: '10', ...(token ? { continuationToken: token } : {}) });
    const res = await hawkFetch(api(emu, 'queue', `/task-group/${taskGroupId}/list?${query}`), root);
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.equal(body.taskGroupId, taskGroupId);
    assert.ok(body.tasks.length <= 10);
    for (const { status, task } of body.tasks) {
      assert.equal(task.taskGroupId, taskGroupId);
      seen.push(status.taskId);
    }
    token = body.continuationToken;
    pages++;
  } while (token);
  assert.equal(pages, 3);
  assert.equal(seen.length, 25);
  assert.deepEqual([...seen].sort(), [...taskIds].sort());
  // without a limit, one page of everything
  const all = await (await fetch(api(emu, 'queue', `/task-group/${taskGroupId}/list`))).json();
  assert.equal(all.tasks.length, 25);
  assert.equal(all.continuationToken, undefined);
  // the seeded group has tasks in every state
  const states = new Set(all.tasks.map((t) => t.status.state));
  for (const state of ['completed', 'failed', 'exception', 'running', 'pending', 'unscheduled']) assert.ok(states.has(state), state);
});

test('reportCompleted and cancelTask resolve runs', async () => {
  const taskId = newTaskId();
  await hawkFetch(api(emu, 'queue', `/task/${taskId}`), root, { method: 'PUT', body: taskDefinition() });
  const done = await hawkFetch(api(emu, 'queue', `/task/${taskId}/runs/0/completed`), root, { method: 'POST' });
  assert.equal(done.status, 200);
  const { status } = await done.json();
  assert.equal(status.state, 'completed');
  assert.equal(status.runs[0].reasonResolved, 'completed');
  const failedAfter = await hawkFetch(api(emu, 'queue', `/task/${taskId}/runs/0/failed`), root, { method: 'POST' });
  assert.equal(failedAfter.status, 409);
  const noRun = await hawkFetch(api(emu, 'queue', `/task/${taskId}/runs/5/completed`), root, { method: 'POST' });
  assert.equal(noRun.status, 404);

  const other = newTaskId();
  await hawkFetch(api(emu, 'queue', `/task/${other}`), root, { method: 'PUT', body: taskDefinition() });
  const canceled = await (await hawkFetch(api(emu, 'queue', `/task/${other}/cancel`), root, { method: 'POST' })).json();
  assert.equal(canceled.status.state, 'exception');
  assert.equal(canceled.status.runs[0].reasonResolved, 'canceled');
  const anonymous = await fetch(api(emu, 'queue', `/task/${other}/cancel`), { method: 'POST' });
  assert.equal(anonymous.status, 403);
});

test('public artifacts are served directly, with their content type', async () => {
  const { publicArtifact: a } = emu.state.demo;
  const res = await fetch(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifacts/${encodeURIComponent(a.name)}`));
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), a.contentType);
  assert.equal(await res.text(), a.content);
  const latest = await fetch(api(emu, 'queue', `/task/${a.taskId}/artifacts/${encodeURIComponent(a.name)}`));
  assert.equal(await latest.text(), a.content);
});

test('a bewit-signed getArtifact of a private artifact: 303, then the content', async () => {
  const { privateArtifact: a } = emu.state.demo;
  const url = api(emu, 'queue', `/task/${a.taskId}/runs/0/artifacts/${encodeURIComponent(a.name)}`);
  const anonymous = await fetch(url, { redirect: 'manual' });
  assert.equal(anonymous.status, 403);
  assert.match((await anonymous.json()).message, /queue:get-artifact:private\/report\.html/);

  const signed = bewitUrl(url, emu.clients.limited);
  const redirect = await fetch(signed, { redirect: 'manual' });
  assert.equal(redirect.status, 303);
  const location = redirect.headers.get('location');
  assert.ok(location.startsWith(emu.rootUrl));
  const content = await fetch(location);
  assert.equal(content.status, 200);
  assert.equal(content.headers.get('content-type'), a.contentType);
  assert.equal(await content.text(), a.content);

  // fetch following the redirect gets the bytes directly
  const followed = await fetch(signed);
  assert.equal(followed.status, 200);
  assert.equal(await followed.text(), a.content);
  // a tampered content URL is refused the way S3 refuses it
  const tampered = await fetch(location.replace(/signature=[^&]+/, 'signature=AAAA'));
  assert.equal(tampered.status, 403);
  // a bewit for another path is refused
  const otherPath = bewitUrl(api(emu, 'queue', `/task/${a.taskId}/status`), emu.clients.limited);
  const swapped = `${url}?${otherPath.split('?')[1]}`;
  assert.equal((await fetch(swapped, { redirect: 'manual' })).status, 401);
});

test('artifact (content location), artifactInfo, error and reference artifacts', async () => {
  const { privateArtifact: a, taskIdsByName } = emu.state.demo;
  const located = await (await hawkFetch(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifact-content/${encodeURIComponent(a.name)}`), root)).json();
  assert.equal(located.storageType, 's3');
  assert.equal(await (await fetch(located.url)).text(), a.content);
  const info = await (await fetch(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifact-info/${encodeURIComponent(a.name)}`))).json();
  assert.equal(info.contentType, a.contentType);
  const error = await fetch(api(emu, 'queue', `/task/${taskIdsByName['test-linux64-unit-4']}/runs/0/artifacts/public%2Ftest-results.xml`));
  assert.equal(error.status, 424);
  assert.equal((await error.json()).reason, 'file-missing-on-worker');
  const reference = await fetch(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifacts/public%2Fmanifest.json`), { redirect: 'manual' });
  assert.equal(reference.status, 303);
  assert.equal(reference.headers.get('location'), `${emu.rootUrl}/references/manifest.json`);
  // the retried task's latest artifact comes from run 1
  const retried = taskIdsByName['test-linux64-unit-3'];
  assert.match(await (await fetch(api(emu, 'queue', `/task/${retried}/artifacts/public%2Flogs%2Flive.log`))).text(), /Run ID: 1/);
});

test('createArtifact (s3) returns a putUrl; the uploaded bytes are served back', async () => {
  const taskId = newTaskId();
  await hawkFetch(api(emu, 'queue', `/task/${taskId}`), root, { method: 'PUT', body: taskDefinition() });
  const expires = new Date(Date.now() + 86400_000).toJSON();
  const create = async (name, contentType) => {
    const res = await hawkFetch(api(emu, 'queue', `/task/${taskId}/runs/0/artifacts/${encodeURIComponent(name)}`), root, {
      method: 'POST', body: { storageType: 's3', expires, contentType },
    });
    assert.equal(res.status, 200);
    return res.json();
  };
  const pub = await create('public/result.txt', 'text/plain');
  assert.equal(pub.storageType, 's3');
  // a content type other than the one signed is refused, as S3 would
  const wrongType = await fetch(pub.putUrl, { method: 'PUT', body: 'hello', headers: { 'Content-Type': 'application/json' } });
  assert.equal(wrongType.status, 403);
  const put = await fetch(pub.putUrl, { method: 'PUT', body: 'hello artifact', headers: { 'Content-Type': 'text/plain' } });
  assert.equal(put.status, 200);
  const got = await fetch(api(emu, 'queue', `/task/${taskId}/runs/0/artifacts/public%2Fresult.txt`));
  assert.equal(await got.text(), 'hello artifact');

  const priv = await create('private/secret.bin', 'application/octet-stream');
  await fetch(priv.putUrl, { method: 'PUT', body: Buffer.from([0, 1, 2, 255]), headers: { 'Content-Type': 'application/octet-stream' } });
  const bytes = await hawkFetch(api(emu, 'queue', `/task/${taskId}/runs/0/artifacts/private%2Fsecret.bin`), root, { redirect: 'follow' });
  assert.deepEqual([...new Uint8Array(await bytes.arrayBuffer())], [0, 1, 2, 255]);

  // listArtifacts pages like every listing
  const page1 = await (await fetch(api(emu, 'queue', `/task/${taskId}/runs/0/artifacts?limit=1`))).json();
  assert.equal(page1.artifacts.length, 1);
  const page2 = await (await fetch(api(emu, 'queue', `/task/${taskId}/runs/0/artifacts?limit=1&continuationToken=${page1.continuationToken}`))).json();
  assert.equal(page2.artifacts.length, 1);
  assert.equal(page2.continuationToken, undefined);
  assert.deepEqual([page1.artifacts[0].name, page2.artifacts[0].name], ['private/secret.bin', 'public/result.txt']);
});
