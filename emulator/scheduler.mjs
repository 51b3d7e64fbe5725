// Moves a task group forward the way a deployment does: pending runs are
// claimed by a worker, running runs resolve as the plan says, a retrying
// exception gets a new run, and dependents are scheduled once their
// dependencies resolve.
//
// Time is virtual: advance(ms) moves it (deterministic, for tests), start()
// drives it from the wall clock at `timeScale` times real speed. How long each
// run waits and runs is drawn from a seeded generator when the run enters that
// state, and events apply in (due time, taskId) order, so the same plan gives
// the same history however time is advanced.
import { createRandom } from './seeded-random.mjs';
import { resolveRunWithRetry, scheduleReadyDependents, startRun } from './queue-model.mjs';

const OUTCOME = /^(completed|failed|exception:[a-z-]+)$/;

/**
 * plan: Map taskId -> outcomes, one per run still to resolve ('completed',
 * 'failed' or 'exception:<reason>'); tasks not in the plan are left alone.
 * now(): the deployment's clock in ms (for the runs' timestamps).
 * onStart(record, run) / onResolve(record, run): e.g. to write the run's log.
 */
export function createScheduler({
  tasks, plan, now = Date.now, seed = 1, pendingMs = [5_000, 20_000], runningMs = [20_000, 90_000],
  onStart = () => {}, onResolve = () => {}, log = () => {},
}) {
  const outcomes = new Map();
  for (const [taskId, list] of plan) {
    for (const outcome of list) {
      if (!OUTCOME.test(outcome)) throw new TypeError(`createScheduler: bad outcome ${JSON.stringify(outcome)} for ${taskId}`);
    }
    outcomes.set(taskId, [...list]);
  }
  const random = createRandom(seed);
  const between = ([min, max]) => Math.round(min + random.next() * (max - min));
  let virtualMs = 0;
  const events = []; // {at, taskId, runId, action: 'start' | 'resolve'}
  let timer = null;
  const history = [];

  const nowIso = () => new Date(now()).toJSON();
  const latestRun = (record) => record.runs[record.runs.length - 1];

  function expect(record, run) {
    if (!outcomes.has(record.taskId) || !run) return;
    if (run.state === 'pending') events.push({ at: virtualMs + between(pendingMs), taskId: record.taskId, runId: run.runId, action: 'start' });
    else if (run.state === 'running') events.push({ at: virtualMs + between(runningMs), taskId: record.taskId, runId: run.runId, action: 'resolve' });
  }

  function apply({ taskId, runId, action }) {
    const record = tasks.get(taskId);
    const run = record && latestRun(record);
    // Someone else (an API call) may have moved the task meanwhile: then this event is void.
    if (!run || run.runId !== runId || run.state !== (action === 'start' ? 'pending' : 'running')) return;
    if (action === 'start') {
      startRun(run, nowIso());
      onStart(record, run);
      note(record, run);
      expect(record, run);
      return;
    }
    const outcome = outcomes.get(taskId).shift() ?? 'completed';
    const [state, reason = state] = outcome.split(':');
    const retry = resolveRunWithRetry(record, run, state, reason, nowIso());
    onResolve(record, run);
    note(record, run);
    if (retry) note(record, retry);
    expect(record, retry);
    for (const dependent of scheduleReadyDependents(tasks, record, nowIso())) {
      note(dependent, latestRun(dependent));
      expect(dependent, latestRun(dependent));
    }
  }

  function note(record, run) {
    const entry = { atMs: virtualMs, taskId: record.taskId, name: record.task.metadata?.name, runId: run.runId, state: run.state };
    history.push(entry);
    log(`scheduler: ${entry.name ?? entry.taskId} run ${entry.runId} ${entry.state}${run.reasonResolved && run.reasonResolved !== run.state ? ` (${run.reasonResolved})` : ''}`);
  }

  for (const taskId of outcomes.keys()) {
    const record = tasks.get(taskId);
    if (!record) throw new Error(`createScheduler: no task ${taskId}`);
    expect(record, latestRun(record));
  }

  const scheduler = {
    /** Moves virtual time forward by ms, applying every event due by then. Returns the changes. */
    advance(ms) {
      if (!(Number.isFinite(ms) && ms >= 0)) throw new RangeError(`scheduler.advance: ms must be a number >= 0, got ${ms}`);
      const target = virtualMs + ms;
      const from = history.length;
      for (;;) {
        events.sort((a, b) => a.at - b.at || (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0));
        if (!events.length || events[0].at > target) break;
        const event = events.shift();
        virtualMs = Math.max(virtualMs, event.at);
        apply(event);
      }
      virtualMs = target;
      return history.slice(from);
    },
    /** Runs until nothing is left to happen (or maxMs of virtual time). */
    runToEnd(maxMs = 24 * 3600_000) {
      const changes = [];
      while (events.length && virtualMs < maxMs) changes.push(...scheduler.advance(Math.max(0, Math.min(...events.map((e) => e.at)) - virtualMs)));
      return changes;
    },
    /** Drives virtual time from the wall clock, timeScale times faster. */
    start({ timeScale = 1, tickMs = 250 } = {}) {
      if (!(Number.isFinite(timeScale) && timeScale > 0)) throw new RangeError(`scheduler.start: timeScale must be > 0, got ${timeScale}`);
      scheduler.stop();
      let last = Date.now();
      timer = setInterval(() => {
        const real = Date.now();
        scheduler.advance((real - last) * timeScale);
        last = real;
      }, tickMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get running() { return timer !== null; },
    get done() { return events.length === 0; },
    get virtualMs() { return virtualMs; },
    /** Every change so far: {atMs, taskId, name, runId, state}. */
    get history() { return history.map((entry) => ({ ...entry })); },
  };
  return scheduler;
}
