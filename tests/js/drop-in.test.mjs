// A program written for taskcluster-client runs unchanged on this package (only
// the import differs) against the local emulator, and prints the same results:
// a dashboard-like flow (tasks, a task group page by page, signed artifact links
// in the method-reference form, a 303 artifact answer, an error) and a Node
// script's use of createTask, use() and fake.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as official from 'taskcluster-client';
import * as ours from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';
import { taskDefinition } from '../emulator/helpers.mjs';

let emu;
before(async () => {
  emu = await startEmulator({ port: 0 });
});
after(() => emu?.close());

/** Written against taskcluster-client's documented API; `taskcluster` is the imported module. */
async function program(taskcluster, { rootUrl, credentials, demo }) {
  const out = {};
  const queue = new taskcluster.Queue({ rootUrl, credentials });

  // Dashboard: a task, its status, its group page by page.
  const task = await queue.task(demo.decisionTaskId);
  out.taskName = task.metadata.name;
  out.state = (await queue.status(demo.decisionTaskId)).status.state;
  const ids = [];
  let continuationToken;
  do {
    const page = await queue.listTaskGroup(demo.taskGroupId, continuationToken ? { continuationToken, limit: 5 } : { limit: 5 });
    ids.push(...page.tasks.map((entry) => entry.status.taskId));
    continuationToken = page.continuationToken;
  } while (continuationToken);
  out.groupTaskIds = ids.sort();

  // Artifact links: signed with the method itself; one followed by fetch, one answered as a 303.
  const { taskId, runId, name } = demo.privateArtifact;
  const link = queue.buildSignedUrl(queue.getArtifact, taskId, runId, name);
  out.privateArtifact = await (await fetch(link)).text();
  const answer = await queue.getArtifact(taskId, runId, name);
  out.redirectAnswer = { keys: Object.keys(answer), content: await (await fetch(answer.url)).text() };
  const pub = demo.publicArtifact;
  out.publicUrl = queue.buildUrl(queue.getLatestArtifact, pub.taskId, pub.name);

  // use(): a client restricted to public artifacts cannot sign a working private link.
  const limited = queue.use({ authorizedScopes: ['queue:get-artifact:public/*'] });
  out.limitedStatus = (await fetch(limited.buildSignedUrl(limited.getArtifact, taskId, runId, name))).status;

  // Node script: create a task and read it back; an error carries code and status.
  const newTaskId = taskcluster.slugid();
  await queue.createTask(newTaskId, taskDefinition({ metadata: { name: 'drop-in', description: 'd', owner: 'o@example.com', source: 'https://example.com' } }));
  out.created = (await queue.task(newTaskId)).metadata.name;
  try {
    await queue.task('fN1SbArXTPSVFNUvaOlinQ');
  } catch (error) {
    out.error = { code: error.code, statusCode: error.statusCode };
  }

  // A user's own test double: fake mode.
  const fake = new taskcluster.Queue({ rootUrl, fake: { task: async (id) => ({ taskId: id }) } });
  out.faked = await fake.task('abc');
  out.fakeCalls = fake.fakeCalls.task;
  return out;
}

test('a taskcluster-client program runs unchanged on taskcluster-wasm against the emulator, with the same results', async () => {
  const context = { rootUrl: emu.rootUrl, credentials: emu.clients.root, demo: emu.state.demo };
  // `import taskcluster from '...'`: the default export (ours: the namespace until a default export exists).
  const expected = await program(official.default, context);
  const actual = await program(ours.default ?? ours, context);
  assert.deepEqual(actual, expected);
  // The results mean something: the private artifact came back, the restricted link did not work.
  assert.equal(actual.privateArtifact, emu.state.demo.privateArtifact.content);
  assert.equal(actual.limitedStatus, 403);
  assert.deepEqual(actual.error, { code: 'ResourceNotFound', statusCode: 404 });
});
