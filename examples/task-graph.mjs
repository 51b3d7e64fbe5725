// A small task graph with taskcluster-wasm, against the Taskcluster emulator:
// a decision task and three tasks depending on it, in one task group. Each
// task gets an artifact (createArtifact + PUT to its upload URL) and is marked
// completed with reportCompleted (the emulator needs no worker claim); the
// script waits by polling `status`, lists the artifacts and prints signed
// links (bewits) to them, which it checks before exiting.
//
//   node examples/task-graph.mjs
//     starts its own emulator on 127.0.0.1 and stops it at the end (the links die with it);
//   TASKCLUSTER_ROOT_URL=... TASKCLUSTER_CLIENT_ID=... TASKCLUSTER_ACCESS_TOKEN=... node examples/task-graph.mjs
//     uses a running emulator (`node emulator/cli.mjs` or `node scripts/serve-demo.mjs`),
//     via optionsFromEnvironment(); the printed links stay valid for 10 minutes.
//
// Exits 0 when every task completed and every signed link served its artifact.
import { Queue, TaskclusterError, fromNowJSON, optionsFromEnvironment, slugid } from 'taskcluster-wasm';

const TASK_QUEUE = 'proj-demo/ci';
const SCHEDULER = 'taskcluster-wasm-example';
const ARTIFACT = 'private/output.json';
const LINK_SECONDS = 600;
// Tasks and their artifacts expire together (an artifact may not outlive its task).
const EXPIRES = fromNowJSON('1 day');

async function connect() {
  if (process.env.TASKCLUSTER_ROOT_URL) {
    const options = optionsFromEnvironment();
    if (!options.credentials) {
      throw new Error('TASKCLUSTER_ROOT_URL is set but TASKCLUSTER_CLIENT_ID / TASKCLUSTER_ACCESS_TOKEN are not');
    }
    return { options, close: async () => {} };
  }
  const { startEmulator } = await import('../emulator/index.mjs');
  const emulator = await startEmulator({ port: 0, seed: false });
  console.log(`Started an emulator at ${emulator.rootUrl} (stopped when this script ends)`);
  return { options: { rootUrl: emulator.rootUrl, credentials: emulator.clients.root }, close: () => emulator.close() };
}

function definition(taskGroupId, name, command, dependencies = []) {
  return {
    taskQueueId: TASK_QUEUE,
    schedulerId: SCHEDULER,
    taskGroupId,
    dependencies,
    created: fromNowJSON('0 seconds'),
    deadline: fromNowJSON('1 hour'),
    expires: EXPIRES,
    payload: { command, maxRunTime: 600 },
    metadata: {
      name,
      description: `${name}: part of the taskcluster-wasm task-graph example`,
      owner: 'example@taskcluster-wasm.invalid',
      source: 'https://github.com/taskcluster/taskcluster-wasm/blob/main/examples/task-graph.mjs',
    },
    tags: { example: 'task-graph' },
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls queue.status until `done(status)` holds; returns the status. */
async function waitFor(queue, taskId, label, done, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 1000)) {
    const { status } = await queue.status(taskId);
    if (done(status)) return status;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${label} (state ${status.state})`);
    await sleep(delay);
  }
}

/** The worker's part: upload an artifact to the latest run, then report it completed. */
async function runTask(queue, taskId, name) {
  const status = await waitFor(queue, taskId, `${name} to be pending`, (s) => s.state === 'pending' || s.state === 'running');
  const runId = status.runs.at(-1).runId;
  const body = JSON.stringify({ task: name, taskId, runId, result: 'ok', at: new Date().toJSON() }, null, 2);
  const contentType = 'application/json';
  const upload = await queue.createArtifact(taskId, runId, ARTIFACT, { storageType: 's3', contentType, expires: EXPIRES });
  const put = await fetch(upload.putUrl, { method: 'PUT', headers: { 'Content-Type': contentType }, body });
  if (!put.ok) throw new Error(`uploading ${ARTIFACT} of ${name}: HTTP ${put.status} ${await put.text()}`);
  await queue.reportCompleted(taskId, runId);
  return { runId, body };
}

async function main() {
  const { options, close } = await connect();
  try {
    const queue = new Queue({ ...options, retries: 2 });
    const rootUrl = options.rootUrl;
    const taskGroupId = slugid(); // the decision task's id is the group's id
    const tasks = [{ name: 'decision', taskId: taskGroupId }];
    console.log(`Task group ${taskGroupId} on ${rootUrl}`);

    // 1. The decision task.
    await queue.createTask(taskGroupId, definition(taskGroupId, 'decision', ['./decide']));
    console.log(`  created   decision  ${taskGroupId}`);
    Object.assign(tasks[0], await runTask(queue, taskGroupId, 'decision'));
    console.log('  completed decision');

    // 2. Its work: three tasks depending on it. (The emulator schedules a task
    //    when it is created and does not revisit dependents when a dependency
    //    resolves, so they are created once the decision task has completed.)
    for (const name of ['build', 'test', 'lint']) {
      const taskId = slugid();
      const { status } = await queue.createTask(taskId, definition(taskGroupId, name, ['./mach', name], [taskGroupId]));
      tasks.push({ name, taskId });
      console.log(`  created   ${name.padEnd(8)}  ${taskId}  (${status.state})`);
    }
    for (const task of tasks.slice(1)) Object.assign(task, await runTask(queue, task.taskId, task.name));

    // 3. Wait for every task to be completed, by polling status.
    for (const task of tasks) {
      const status = await waitFor(queue, task.taskId, `${task.name} to complete`, (s) => ['completed', 'failed', 'exception'].includes(s.state));
      if (status.state !== 'completed') throw new Error(`${task.name} ended ${status.state}`);
    }
    let count = 0;
    for await (const _ of queue.paginate('listTaskGroup', taskGroupId, { limit: 2 })) count += 1;
    console.log(`All ${tasks.length} tasks completed (listTaskGroup: ${count} tasks)`);

    // 4. Artifacts and signed links.
    console.log(`\nArtifacts (signed links valid ${LINK_SECONDS / 60} minutes):`);
    let ok = true;
    for (const task of tasks) {
      const { artifacts } = await queue.listArtifacts(task.taskId, task.runId);
      const url = queue.buildSignedUrl('getArtifact', task.taskId, task.runId, ARTIFACT, { expiration: LINK_SECONDS });
      console.log(`  ${task.name.padEnd(8)}  ${artifacts.map((a) => `${a.name} (${a.storageType}, ${a.contentType})`).join(', ')}`);
      console.log(`            ${url}`);
      // Check the link: it must serve exactly what was uploaded.
      const response = await fetch(url);
      const text = await response.text();
      if (!response.ok || text !== task.body) {
        ok = false;
        console.error(`  the signed link of ${task.name} answered HTTP ${response.status}, ${text === task.body ? 'same' : 'different'} bytes`);
      }
    }
    // Without the bewit the private artifact is refused (the anonymous role only reads public/*).
    const unsigned = await fetch(queue.buildUrl('getArtifact', taskGroupId, 0, ARTIFACT), { redirect: 'manual' });
    console.log(`\nThe same URL without the bewit: HTTP ${unsigned.status}`);
    if (unsigned.status !== 403) ok = false;
    if (!ok) throw new Error('a signed link did not work');
    console.log('OK');
  } finally {
    await close();
  }
}

try {
  await main();
} catch (error) {
  if (error instanceof TaskclusterError) {
    console.error(`task-graph: ${error.functionName ?? 'request'} failed: ${error.statusCode ?? ''} ${error.code}\n${error.message}`);
  } else {
    console.error(`task-graph: ${error?.stack ?? error}`);
  }
  process.exitCode = 1;
}
