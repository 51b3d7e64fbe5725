// Demo data for the dashboard and the end-to-end tests: one task group of 25
// tasks in every state, artifacts (a public text log, a private HTML report,
// error and reference artifacts), index entries, secrets and two hooks.
// Ids come from a fixed seed, so they are the same on every start.
import { createRandom } from './seeded-random.mjs';
import { normalizeTaskDefinition } from './task-definition.mjs';
import { addPendingRun, artifactsOfRun, createTaskRecord, resolveRun, startRun } from './queue-model.mjs';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const SCHEDULER_ID = 'demo-ci';

// name, outcome: completed | failed | exception:<reason> | running | pending | unscheduled | retried
const TASKS = [
  ['build-linux64', 'completed'], ['build-win64', 'completed'], ['build-macos', 'completed'],
  ['lint', 'completed'], ['docs', 'completed'], ['coverage', 'completed'],
  ['test-linux64-unit-1', 'completed'], ['test-linux64-unit-2', 'completed'], ['test-linux64-unit-3', 'retried'],
  ['test-linux64-unit-4', 'failed'], ['test-win64-unit-1', 'completed'], ['test-win64-unit-2', 'failed'],
  ['test-macos-unit-1', 'failed'], ['test-macos-unit-2', 'pending'],
  ['test-linux64-integration-1', 'running'], ['test-linux64-integration-2', 'running'],
  ['test-linux64-integration-3', 'exception:canceled'], ['package-linux64', 'completed'],
  ['package-win64', 'exception:malformed-payload'], ['signing-linux64', 'running'], ['signing-win64', 'pending'],
  ['upload-symbols', 'completed'], ['release-notes', 'pending'], ['notify', 'unscheduled'],
];

// What happens next to the tasks still in flight, one outcome per run (see
// scheduler.mjs): a retry after a worker shutdown, a failure, and notify, which
// runs once everything else has resolved.
const PROGRESSION = {
  'test-macos-unit-2': ['completed'],
  'test-linux64-integration-1': ['exception:worker-shutdown', 'completed'],
  'test-linux64-integration-2': ['failed'],
  'signing-linux64': ['completed'],
  'signing-win64': ['completed'],
  'release-notes': ['completed'],
  notify: ['completed'],
};

export const PUBLIC_LOG = 'public/logs/live.log';
export const PRIVATE_REPORT = 'private/report.html';

function logText(taskId, name, outcome, runId = 0) {
  return [
    `[taskcluster 2024-05-01T12:00:00.000Z] Task ID: ${taskId}`,
    `[taskcluster 2024-05-01T12:00:00.000Z] Run ID: ${runId}`,
    `[taskcluster 2024-05-01T12:00:00.000Z] Worker: emulator/emulated-worker`,
    `$ ./mach ${name}`,
    ...Array.from({ length: 5 }, (_, i) => `step ${i + 1}/5 of ${name}: ok`),
    `[taskcluster 2024-05-01T12:05:00.000Z] === Task ${outcome} ===`,
    '',
  ].join('\n');
}

const REPORT_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>Demo report</title></head>
<body><h1>Demo build report</h1>
<p>This private artifact needs <code>queue:get-artifact:private/report.html</code>.</p>
<ul><li>tests: 1234 passed, 3 failed</li><li>coverage: 87.5%</li></ul>
</body></html>
`;

export function installDemoData(state, { now, rootUrl }) {
  const random = createRandom(0x7c5eed);
  const iso = (offset) => new Date(now + offset).toJSON();
  const taskGroupId = random.slugid();
  const records = [];

  const define = (taskId, name, dependencies, requires = 'all-completed') => {
    const task = normalizeTaskDefinition(taskId, {
      taskQueueId: name.startsWith('build') ? 'proj-demo/ci-large' : 'proj-demo/ci',
      schedulerId: SCHEDULER_ID,
      projectId: 'demo',
      taskGroupId,
      dependencies,
      requires,
      routes: name.startsWith('build') ? [`index.project.demo.builds.${name.slice(6)}.latest`] : [],
      priority: 'low',
      created: iso(-2 * HOUR),
      deadline: iso(DAY - 2 * HOUR),
      expires: iso(365 * DAY),
      scopes: [],
      payload: { command: ['./mach', name], maxRunTime: 3600 },
      metadata: {
        name,
        description: `Demo task ${name}`,
        owner: 'demo@example.com',
        source: 'https://github.com/example/demo/blob/main/.taskcluster.yml',
      },
      tags: { kind: name.split('-')[0] },
    }, now);
    const record = createTaskRecord(taskId, task);
    state.tasks.set(taskId, record);
    records.push(record);
    return record;
  };

  const putArtifact = (record, runId, name, contentType, content, extra = {}) => {
    artifactsOfRun(record, runId).set(name, {
      storageType: 's3', name, contentType, expires: record.task.expires, created: iso(-HOUR),
      content: content === undefined ? null : Buffer.from(content), ...extra,
    });
  };

  // The decision task: its id is the group id, as in Gecko's CI.
  const decision = define(taskGroupId, 'decision', []);
  resolveRun(addPendingRun(decision, iso(-2 * HOUR)), 'completed', 'completed', iso(-110 * 60 * 1000));
  putArtifact(decision, 0, PUBLIC_LOG, 'text/plain; charset=utf-8', logText(taskGroupId, 'decision', 'completed'));
  putArtifact(decision, 0, PRIVATE_REPORT, 'text/html; charset=utf-8', REPORT_HTML);
  putArtifact(decision, 0, 'public/task-graph.json', 'application/json', JSON.stringify({ tasks: TASKS.length + 1 }));
  artifactsOfRun(decision, 0).set('public/manifest.json', {
    storageType: 'reference', name: 'public/manifest.json', contentType: 'application/json',
    expires: decision.task.expires, created: iso(-HOUR), url: `${rootUrl}/references/manifest.json`,
  });
  state.taskGroups.set(taskGroupId, { taskGroupId, schedulerId: SCHEDULER_ID, expires: decision.task.expires });

  const byName = { decision: taskGroupId };
  for (const [name, outcome] of TASKS) {
    const taskId = random.slugid();
    byName[name] = taskId;
    const record = name === 'notify'
      ? define(taskId, name, [taskGroupId, ...Object.values(byName).slice(1, -1)], 'all-resolved')
      : define(taskId, name, [taskGroupId]);
    if (outcome === 'unscheduled') continue;
    const run = addPendingRun(record, iso(-100 * 60 * 1000));
    if (outcome === 'pending') continue;
    if (outcome === 'running') {
      startRun(run, iso(-30 * 60 * 1000));
      run.takenUntil = iso(20 * 60 * 1000);
      putArtifact(record, 0, PUBLIC_LOG, 'text/plain; charset=utf-8', logText(taskId, name, 'running'));
      continue;
    }
    if (outcome === 'retried') {
      resolveRun(run, 'exception', 'worker-shutdown', iso(-90 * 60 * 1000));
      putArtifact(record, 0, PUBLIC_LOG, 'text/plain; charset=utf-8', logText(taskId, name, 'exception', 0));
      const retry = addPendingRun(record, iso(-90 * 60 * 1000), 'retry');
      resolveRun(retry, 'completed', 'completed', iso(-60 * 60 * 1000));
      putArtifact(record, 1, PUBLIC_LOG, 'text/plain; charset=utf-8', logText(taskId, name, 'completed', 1));
      continue;
    }
    const [state_, reason] = outcome.split(':');
    resolveRun(run, state_, reason ?? state_, iso(-80 * 60 * 1000));
    if (reason === 'canceled') continue;
    putArtifact(record, 0, PUBLIC_LOG, 'text/plain; charset=utf-8', logText(taskId, name, state_));
    if (name === 'test-linux64-unit-4') {
      artifactsOfRun(record, 0).set('public/test-results.xml', {
        storageType: 'error', name: 'public/test-results.xml', contentType: 'application/json',
        expires: record.task.expires, created: iso(-HOUR), reason: 'file-missing-on-worker',
        message: 'test-results.xml was not found on the worker',
      });
    }
    if (name === 'build-linux64') {
      putArtifact(record, 0, 'public/build/target.tar.gz', 'application/gzip', Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3]));
      putArtifact(record, 0, 'private/build/config.json', 'application/json', JSON.stringify({ signing: 'dep' }));
    }
  }

  installIndex(state, { iso, random, byName });
  installSecrets(state, { iso, rootUrl });
  installHooks(state);

  state.demo = {
    taskGroupId,
    decisionTaskId: taskGroupId,
    taskIds: records.map((r) => r.taskId),
    taskIdsByName: byName,
    publicArtifact: { taskId: taskGroupId, runId: 0, name: PUBLIC_LOG, contentType: 'text/plain; charset=utf-8', content: logText(taskGroupId, 'decision', 'completed') },
    privateArtifact: { taskId: taskGroupId, runId: 0, name: PRIVATE_REPORT, contentType: 'text/html; charset=utf-8', content: REPORT_HTML },
    indexPath: 'project.demo.latest.decision',
    secretNames: [...state.secrets.keys()],
    hooks: [...state.hooks.keys()],
  };
}

/**
 * The scheduler options that move the demo group forward (see scheduler.mjs):
 * the plan by taskId, and a log artifact written as each run starts and ends.
 */
export function demoProgression(state) {
  const byName = state.demo.taskIdsByName;
  const writeLog = (record, run) => {
    artifactsOfRun(record, run.runId).set(PUBLIC_LOG, {
      storageType: 's3', name: PUBLIC_LOG, contentType: 'text/plain; charset=utf-8', expires: record.task.expires,
      created: run.started, content: Buffer.from(logText(record.taskId, record.task.metadata.name, run.state, run.runId)),
    });
  };
  return {
    tasks: state.tasks,
    plan: new Map(Object.entries(PROGRESSION).map(([name, outcomes]) => [byName[name], outcomes])),
    seed: 0x9e11,
    onStart: writeLog,
    onResolve: writeLog,
  };
}

function installIndex(state, { iso, random, byName }) {
  const insert = (namespace, taskId, rank, data) => {
    state.indexEntries.set(namespace, { namespace, taskId, rank, data, expires: iso(365 * 24 * HOUR) });
  };
  insert('project.demo.latest.decision', byName.decision, 100, { purpose: 'latest decision task' });
  for (const platform of ['linux64', 'win64', 'macos']) {
    insert(`project.demo.builds.${platform}.latest`, byName[`build-${platform}`], 100, { platform });
  }
  // enough revisions to page through with a small limit
  for (let i = 0; i < 12; i++) {
    const revision = random.hex(40);
    insert(`project.demo.revisions.${revision}.decision`, byName.decision, i, { revision });
  }
}

function installSecrets(state, { iso, rootUrl }) {
  const year = 365 * 24 * HOUR;
  state.secrets.set('project/demo/api-key', { secret: { token: 'demo-token-not-really-secret' }, expires: iso(year) });
  state.secrets.set('project/demo/config', { secret: { endpoint: rootUrl, retries: 3 }, expires: iso(year) });
  state.secrets.set('project/demo/expired', { secret: { token: 'too-late' }, expires: iso(-24 * HOUR) });
  state.secrets.set('project/other/credentials', { secret: { user: 'other', password: 'not-a-real-password' }, expires: iso(year) });
}

function installHooks(state) {
  const task = (hookId, command) => ({
    taskQueueId: 'proj-demo/ci',
    routes: [`index.project.demo.hooks.${hookId}`],
    created: { $fromNow: '0 seconds' },
    deadline: { $fromNow: '1 hour' },
    expires: { $fromNow: '30 days' },
    payload: { command },
    metadata: {
      name: `hook ${hookId}`,
      description: `Task created by hook project-demo/${hookId}`,
      owner: 'demo@example.com',
      source: 'https://github.com/example/demo/blob/main/hooks.yml',
    },
  });
  const hook = (hookId, description, schedule, taskTemplate, triggerSchema) => {
    state.hooks.set(`project-demo/${hookId}`, {
      definition: {
        hookGroupId: 'project-demo',
        hookId,
        metadata: { name: hookId, description, owner: 'demo@example.com', emailOnError: false },
        schedule,
        task: taskTemplate,
        triggerSchema,
        bindings: [],
      },
      lastFires: [],
    });
  };
  hook('nightly-build', 'Builds every night', ['0 0 3 * * *'], task('nightly-build', ['./mach', 'build']),
    { type: 'object', properties: {}, additionalProperties: true });
  hook('on-demand', 'Echoes the trigger payload message', [], task('on-demand', ['echo', '${payload.message}']),
    { type: 'object', properties: { message: { type: 'string' } }, additionalProperties: false });
}
