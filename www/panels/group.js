// Task group: streams every task of a group with queue.paginate (an async
// iterator that follows continuationToken), updating the table and the count
// as each page arrives; then keeps the table live, highlighting the tasks that
// changed since the last look.
import { $, h, showError, stateBadge } from '../lib/dom.js';
import { createViewPoller } from '../lib/poller.js';
import { describeChange, statusKey } from '../lib/changes.js';

const STATE_ORDER = ['completed', 'failed', 'exception', 'running', 'pending', 'unscheduled'];
const HEADERS = ['#', 'Task ID', 'Name', 'State', 'Runs'];

export function initGroup(app) {
  const { tc, session, config } = app;
  const form = $('group-form');
  const input = $('group-id');
  const limitSelect = $('group-limit');
  const stopButton = $('group-stop');
  const loadButton = $('group-load');
  const errorSlot = $('group-error');
  const result = $('group-result');
  const tbody = $('group-table').querySelector('tbody');
  let run = null;
  let loadedGroup = null;
  let shown = new Map(); // taskId -> {status, row}: what the table shows
  let checkedAt = null;

  input.value = config.demo?.taskGroupId ?? '';

  const poller = createViewPoller({
    config, panel: $('panel-group'), statusLine: $('group-live'), poll: refresh, checkedAt: () => checkedAt,
  });

  function renderStates() {
    const counts = {};
    for (const { status } of shown.values()) counts[status.state] = (counts[status.state] ?? 0) + 1;
    const states = Object.keys(counts).sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b));
    $('group-states').replaceChildren(...states.map((state) => h('li', {}, stateBadge(state), ` ${counts[state]}`)));
    $('group-count').textContent = String(shown.size);
  }

  const cell = (label, attrs, ...children) => h('td', { ...attrs, dataset: { label } }, ...children);

  function rowFor(index, { task, status }, change) {
    return h('tr', { class: change ? 'changed' : null, title: change || null, dataset: { taskId: status.taskId, changed: change ? 'true' : null } },
      cell(HEADERS[0], { class: 'muted' }, String(index)),
      cell(HEADERS[1], { class: 'mono' }, h('a', { href: `#task/${encodeURIComponent(status.taskId)}` }, status.taskId)),
      cell(HEADERS[2], {}, task.metadata?.name ?? ''),
      cell(HEADERS[3], {}, stateBadge(status.state), change ? h('span', { class: 'change-note' }, change) : null),
      cell(HEADERS[4], {}, String(status.runs?.length ?? 0)));
  }

  // Nothing of an earlier group stays on screen after a failure.
  function clearResult() {
    poller.stop();
    shown = new Map();
    tbody.replaceChildren();
    result.hidden = true;
    $('group-changes').hidden = true;
  }

  async function load(taskGroupId) {
    run?.stop();
    poller.stop();
    const current = { stopped: false, stop() { this.stopped = true; } };
    run = current;
    loadedGroup = taskGroupId;
    input.value = taskGroupId;
    showError(errorSlot, null);
    if (!taskGroupId) {
      clearResult();
      showError(errorSlot, new TypeError('Enter a task group ID'));
      return;
    }
    const limit = Number(limitSelect.value);
    clearResult();
    result.hidden = false;
    result.dataset.done = 'false';
    $('group-progress').textContent = `loading (pages of ${limit})…`;
    renderStates();
    stopButton.disabled = false;
    loadButton.disabled = true;
    const started = performance.now();
    try {
      const queue = session.client(tc.Queue);
      for await (const item of queue.paginate('listTaskGroup', taskGroupId, { limit })) {
        if (current.stopped) break;
        const row = rowFor(shown.size + 1, item, '');
        tbody.append(row);
        shown.set(item.status.taskId, { status: item.status, row });
        renderStates();
      }
      if (run === current) {
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        $('group-progress').textContent = current.stopped ? `stopped after ${shown.size}` : `all loaded in ${seconds} s`;
        result.dataset.done = 'true';
        if (!current.stopped) poller.start();
      }
    } catch (error) {
      if (run === current) {
        if (!shown.size) clearResult();
        else $('group-progress').textContent = `failed after ${shown.size}`;
        showError(errorSlot, error, { action: 'Could not load the task group' });
      }
    } finally {
      if (run === current) {
        stopButton.disabled = true;
        loadButton.disabled = false;
      }
    }
  }

  // A look at the whole group; updates changed rows in place. True when anything changed.
  async function refresh() {
    const taskGroupId = loadedGroup;
    const items = [];
    for await (const item of session.client(tc.Queue).paginate('listTaskGroup', taskGroupId, { limit: 1000 })) items.push(item);
    if (taskGroupId !== loadedGroup || result.dataset.done !== 'true') return false;
    checkedAt = new Date();
    const changes = [];
    const next = new Map();
    for (const item of items) {
      const before = shown.get(item.status.taskId);
      const change = before && statusKey(before.status) === statusKey(item.status) ? '' : describeChange(before?.status, item.status);
      if (change) changes.push(`${item.task.metadata?.name ?? item.status.taskId}: ${change}`);
      next.set(item.status.taskId, { status: item.status, change, item });
    }
    if (!changes.length) {
      // Highlights stay until the next change: they mark what changed at the last look that saw any.
      return false;
    }
    const rows = [...next.values()].map((entry, i) => {
      const row = rowFor(i + 1, entry.item, entry.change);
      return [entry.status.taskId, { status: entry.status, row }];
    });
    shown = new Map(rows);
    tbody.replaceChildren(...rows.map(([, entry]) => entry.row));
    renderStates();
    $('group-changes').hidden = false;
    $('group-changes').textContent = `Changed since the last look (${checkedAt.toLocaleTimeString()}): ${changes.join('; ')}`;
    return true;
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = input.value.trim();
    if (id === loadedGroup) load(id);
    else app.go('group', id);
  });
  stopButton.addEventListener('click', () => run?.stop());

  return {
    show(taskGroupId) {
      if (taskGroupId && taskGroupId !== loadedGroup) load(taskGroupId);
      else if (poller.running) poller.resume();
    },
  };
}
