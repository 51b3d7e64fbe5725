// Task group: streams every task of a group with queue.paginate (an async
// iterator that follows continuationToken), updating the table and the count
// as each page arrives.
import { $, h, showError, stateBadge } from '../lib/dom.js';

const SLUGID = /^[A-Za-z0-9_-]{22}$/;
const STATE_ORDER = ['completed', 'failed', 'exception', 'running', 'pending', 'unscheduled'];

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

  input.value = config.demo?.taskGroupId ?? '';

  function renderStates(counts) {
    const states = Object.keys(counts).sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b));
    $('group-states').replaceChildren(...states.map((state) => h('li', {}, stateBadge(state), ` ${counts[state]}`)));
  }

  async function load(taskGroupId) {
    run?.stop();
    const current = { stopped: false, stop() { this.stopped = true; } };
    run = current;
    loadedGroup = taskGroupId;
    input.value = taskGroupId;
    showError(errorSlot, null);
    if (!SLUGID.test(taskGroupId)) {
      showError(errorSlot, new TypeError(`Not a taskGroupId (22 characters of A-Z a-z 0-9 _ -): ${JSON.stringify(taskGroupId)}`));
      return;
    }
    const limit = Number(limitSelect.value);
    tbody.replaceChildren();
    result.hidden = false;
    result.dataset.done = 'false';
    $('group-count').textContent = '0';
    $('group-progress').textContent = `loading (pages of ${limit})…`;
    renderStates({});
    stopButton.disabled = false;
    loadButton.disabled = true;
    const counts = {};
    let count = 0;
    const started = performance.now();
    try {
      const queue = session.client(tc.Queue);
      for await (const { task, status } of queue.paginate('listTaskGroup', taskGroupId, { limit })) {
        if (current.stopped) break;
        count += 1;
        counts[status.state] = (counts[status.state] ?? 0) + 1;
        tbody.append(h('tr', {},
          h('td', { class: 'muted' }, String(count)),
          h('td', { class: 'mono' }, h('a', { href: `#task/${encodeURIComponent(status.taskId)}` }, status.taskId)),
          h('td', {}, task.metadata?.name ?? ''),
          h('td', {}, stateBadge(status.state)),
          h('td', {}, String(status.runs?.length ?? 0))));
        $('group-count').textContent = String(count);
        renderStates(counts);
      }
      if (run === current) {
        const seconds = ((performance.now() - started) / 1000).toFixed(2);
        $('group-progress').textContent = current.stopped ? `stopped after ${count}` : `all loaded in ${seconds} s`;
        result.dataset.done = 'true';
      }
    } catch (error) {
      if (run === current) {
        showError(errorSlot, error);
        $('group-progress').textContent = `failed after ${count}`;
      }
    } finally {
      if (run === current) {
        stopButton.disabled = true;
        loadButton.disabled = false;
      }
    }
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
    },
  };
}
