// Index, secrets and hooks emulation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { api, hawkFetch, newTaskId } from './helpers.mjs';

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.close(); });

const later = (ms = 86400_000) => new Date(Date.now() + ms).toJSON();

test('index: findTask, listNamespaces, listTasks with paging, insertTask', async () => {
  const found = await (await fetch(api(emu, 'index', '/task/project.demo.latest.decision'))).json();
  assert.equal(found.taskId, emu.state.demo.decisionTaskId);
  assert.equal((await fetch(api(emu, 'index', '/task/project.demo.nothing'))).status, 404);

  const roots = await (await fetch(api(emu, 'index', '/namespaces/'))).json();
  assert.deepEqual(roots.namespaces.map((n) => n.namespace), ['project']);
  const demo = await (await fetch(api(emu, 'index', '/namespaces/project.demo'))).json();
  assert.deepEqual(demo.namespaces.map((n) => n.name), ['builds', 'latest', 'revisions']);

  const names = [];
  let token;
  do {
    const query = new URLSearchParams({ limit: '5', ...(token ? { continuationToken: token } : {}) });
    const page = await (await fetch(api(emu, 'index', `/namespaces/project.demo.revisions?${query}`))).json();
    names.push(...page.namespaces.map((n) => n.namespace));
    token = page.continuationToken;
  } while (token);
  assert.equal(names.length, 12);
  assert.equal(new Set(names).size, 12);

  const builds = await (await fetch(api(emu, 'index', '/tasks/project.demo.builds.linux64'))).json();
  assert.equal(builds.tasks.length, 1);

  const taskId = newTaskId();
  const body = { taskId, rank: 5, data: { x: 1 }, expires: later() };
  const anonymous = await fetch(api(emu, 'index', '/task/project.test.one'), { method: 'PUT', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
  assert.equal(anonymous.status, 403);
  const inserted = await hawkFetch(api(emu, 'index', '/task/project.test.one'), emu.clients.root, { method: 'PUT', body });
  assert.equal(inserted.status, 200);
  // a lower rank does not replace it
  await hawkFetch(api(emu, 'index', '/task/project.test.one'), emu.clients.root, { method: 'PUT', body: { ...body, taskId: newTaskId(), rank: 1 } });
  assert.equal((await (await fetch(api(emu, 'index', '/task/project.test.one'))).json()).taskId, taskId);
});

test('index: findArtifactFromTask serves the indexed task\'s artifact', async () => {
  const res = await fetch(api(emu, 'index', '/task/project.demo.latest.decision/artifacts/public%2Flogs%2Flive.log'));
  assert.equal(res.status, 200);
  assert.equal(await res.text(), emu.state.demo.publicArtifact.content);
});

test('secrets: set, get, list with paging, remove; expired secrets answer 410', async () => {
  const root = emu.clients.root;
  const url = api(emu, 'secrets', '/secret/project%2Ftest%2Fone');
  assert.equal((await hawkFetch(url, root, { method: 'PUT', body: { secret: { a: 1 }, expires: later() } })).status, 200);
  assert.deepEqual((await (await hawkFetch(url, root)).json()).secret, { a: 1 });
  const badSet = await hawkFetch(url, root, { method: 'PUT', body: { secret: 'string', expires: later() } });
  assert.equal(badSet.status, 400);
  const badSetBody = await badSet.json();
  assert.equal(badSetBody.requestInfo.payload.secret, '(OMITTED)');

  const expired = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fdemo%2Fexpired'), root);
  assert.equal(expired.status, 410);
  assert.equal((await expired.json()).code, 'ResourceExpired');

  const names = [];
  let token;
  do {
    const page = await (await fetch(api(emu, 'secrets', `/secrets?limit=2${token ? `&continuationToken=${token}` : ''}`))).json();
    names.push(...page.secrets);
    token = page.continuationToken;
  } while (token);
  assert.ok(names.includes('project/test/one'));
  assert.ok(names.includes('project/demo/api-key'));

  assert.equal((await hawkFetch(url, root, { method: 'DELETE' })).status, 200);
  assert.equal((await hawkFetch(url, root)).status, 404);
});

test('hooks: list groups and hooks, read one, trigger one (creates a task)', async () => {
  const root = emu.clients.root;
  const groups = await (await fetch(api(emu, 'hooks', '/hooks'))).json();
  assert.deepEqual(groups.groups, ['project-demo']);
  const hooks = await (await fetch(api(emu, 'hooks', '/hooks/project-demo'))).json();
  assert.deepEqual(hooks.hooks.map((h) => h.hookId).sort(), ['nightly-build', 'on-demand']);
  const hook = await (await fetch(api(emu, 'hooks', '/hooks/project-demo/on-demand'))).json();
  assert.equal(hook.hookGroupId, 'project-demo');

  const denied = await hawkFetch(api(emu, 'hooks', '/hooks/project-demo/on-demand/trigger'), emu.clients.limited, { method: 'POST', body: { message: 'x' } });
  assert.equal(denied.status, 403);
  const res = await hawkFetch(api(emu, 'hooks', '/hooks/project-demo/on-demand/trigger'), root, { method: 'POST', body: { message: 'hello hooks' } });
  assert.equal(res.status, 200);
  const { status } = await res.json();
  assert.equal(status.state, 'pending');
  const task = await (await fetch(api(emu, 'queue', `/task/${status.taskId}`))).json();
  assert.deepEqual(task.payload.command, ['echo', 'hello hooks']);
  const hookStatus = await (await fetch(api(emu, 'hooks', '/hooks/project-demo/on-demand/status'))).json();
  assert.equal(hookStatus.lastFire.taskId, status.taskId);
});

test('auth: clients and roles can be listed and read', async () => {
  const clients = await (await fetch(api(emu, 'auth', '/clients/?prefix=demo%2F'))).json();
  assert.deepEqual(clients.clients.map((c) => c.clientId), ['demo/limited']);
  assert.equal('accessToken' in clients.clients[0], false);
  const roles = await (await fetch(api(emu, 'auth', '/roles/'))).json();
  assert.ok(roles.some((r) => r.roleId === 'anonymous'));
  const role = await (await fetch(api(emu, 'auth', '/roles/demo-role%3Aviewer'))).json();
  assert.deepEqual(role.scopes, ['secrets:get:project/demo/*']);
});

test('without seed there is no demo data, but the clients exist', async () => {
  const bare = await startEmulator({ seed: false });
  try {
    assert.equal(bare.state.tasks.size, 0);
    const res = await hawkFetch(api(bare, 'auth', '/scopes/current'), bare.clients.root);
    assert.deepEqual((await res.json()).scopes, ['*']);
  } finally {
    await bare.close();
  }
});
