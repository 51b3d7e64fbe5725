// Task inspector: definition, status, runs and artifacts of one task. Links to
// non-public artifacts are signed here with queue.buildSignedUrl (a bewit).
import { $, h, fillFacts, fillTable, guarded, prettyJson, showError, stateBadge, when, relative } from '../lib/dom.js';

// A short relative time, the full date on hover.
const ago = (iso) => (iso ? h('span', { title: new Date(iso).toLocaleString() }, relative(Date.parse(iso) - Date.now())) : '');

const SLUGID = /^[A-Za-z0-9_-]{22}$/;

export function initTask(app) {
  const { tc, session, config } = app;
  const form = $('task-form');
  const input = $('task-id');
  const errorSlot = $('task-error');
  const artifactError = $('artifact-error');
  const runSelect = $('artifact-run');
  const expirationSelect = $('artifact-expiration');
  let current = null; // {taskId, task, status, artifacts: [...], runId}
  let listState = 'idle';

  // The demo group's tasks, to click.
  async function loadList() {
    const taskGroupId = config.demo?.taskGroupId;
    const list = $('task-list');
    if (!taskGroupId) {
      $('task-list-note').textContent = 'No demo task group configured.';
      return;
    }
    listState = 'loading';
    $('task-list-note').textContent = 'Loading…';
    try {
      const queue = session.client(tc.Queue);
      const items = [];
      for await (const item of queue.paginate('listTaskGroup', taskGroupId, { limit: 100 })) items.push(item);
      items.sort((a, b) => (a.status.taskId === taskGroupId ? -1 : b.status.taskId === taskGroupId ? 1 : 0));
      list.replaceChildren(...items.map(({ status, task }) => h('li', {},
        h('button', { type: 'button', title: status.taskId, dataset: { taskId: status.taskId },
          onclick: () => app.go('task', status.taskId) },
        h('span', { class: 'name' }, task.metadata?.name ?? status.taskId), stateBadge(status.state)))));
      $('task-list-note').textContent = `${items.length} tasks in group ${taskGroupId.slice(0, 8)}…; click one to inspect it.`;
      listState = 'loaded';
      markCurrent();
    } catch (error) {
      listState = 'idle';
      $('task-list-note').textContent = `Could not list the demo group: ${error.statusCode ?? ''} ${error.code ?? error.message}`;
    }
  }

  function markCurrent() {
    for (const button of $('task-list').querySelectorAll('button')) {
      button.setAttribute('aria-current', String(button.dataset.taskId === current?.taskId));
    }
  }

  async function inspect(taskId) {
    taskId = taskId.trim();
    input.value = taskId;
    await guarded(errorSlot, form.querySelector('button'), async () => {
      if (!SLUGID.test(taskId)) throw new TypeError(`Not a taskId (22 characters of A-Z a-z 0-9 _ -): ${JSON.stringify(taskId)}`);
      const queue = session.client(tc.Queue);
      const [task, { status }] = await Promise.all([queue.task(taskId), queue.status(taskId)]);
      current = { taskId, task, status, artifacts: [], runId: undefined };
      renderTask();
      markCurrent();
      const runs = status.runs ?? [];
      runSelect.replaceChildren(...runs.map((run) => h('option', { value: run.runId }, `run ${run.runId} (${run.state})`)));
      runSelect.disabled = runs.length === 0;
      if (runs.length) {
        runSelect.value = String(runs[runs.length - 1].runId);
        await loadArtifacts(runs[runs.length - 1].runId);
      } else {
        fillTable($('task-artifacts'), ['Name', 'Type', 'Content type', 'Link'], [], 'No runs yet, so no artifacts.');
      }
    });
  }

  function renderTask() {
    const { taskId, task, status } = current;
    $('task-result').hidden = false;
    $('task-name').textContent = task.metadata?.name ?? taskId;
    $('task-id-label').textContent = taskId;
    $('task-description').textContent = task.metadata?.description ?? '';
    $('task-state').replaceWith(Object.assign(stateBadge(status.state), { id: 'task-state' }));
    fillFacts($('task-facts'), [
      ['Task queue', task.taskQueueId ?? `${task.provisionerId}/${task.workerType}`],
      ['Task group', h('a', { href: `#group/${encodeURIComponent(task.taskGroupId)}` }, task.taskGroupId)],
      ['Scheduler / project', `${task.schedulerId} / ${task.projectId}`],
      ['Owner', task.metadata?.owner],
      ['Created', when(task.created)],
      ['Deadline', when(task.deadline)],
      ['Expires', when(task.expires)],
      ['Retries left', status.retriesLeft],
      ['Dependencies', (task.dependencies ?? []).length ? `${task.dependencies.length} (${task.requires ?? 'all-completed'})` : 'none'],
    ]);
    fillTable($('task-runs'), ['Run', 'State', 'Reason', 'Worker', 'Started', 'Resolved'],
      (status.runs ?? []).map((run) => [
        String(run.runId), stateBadge(run.state),
        run.reasonResolved ? `${run.reasonCreated} → ${run.reasonResolved}` : run.reasonCreated ?? '',
        run.workerId ? `${run.workerGroup}/${run.workerId}` : '', ago(run.started), ago(run.resolved),
      ]), 'No runs yet.');
    $('task-definition').textContent = prettyJson(task);
  }

  async function loadArtifacts(runId) {
    const { taskId } = current;
    showError(artifactError, null);
    fillTable($('task-artifacts'), ['Name', 'Type', 'Content type', 'Link'], [], 'Loading…');
    const queue = session.client(tc.Queue);
    const artifacts = [];
    for await (const artifact of queue.paginate('listArtifacts', taskId, Number(runId))) artifacts.push(artifact);
    if (current?.taskId !== taskId) return; // another task was opened meanwhile
    current.artifacts = artifacts;
    current.runId = Number(runId);
    renderArtifacts();
  }

  function renderArtifacts() {
    const { taskId, runId, artifacts } = current;
    const expiration = Number(expirationSelect.value);
    const queue = session.client(tc.Queue);
    const rows = artifacts.map((artifact) => {
      const isPublic = artifact.name.startsWith('public/');
      let link;
      if (isPublic) {
        const url = queue.buildUrl('getArtifact', taskId, runId, artifact.name);
        link = linkCell(url, artifact, 'open', h('span', { class: 'tag public' }, 'public'));
      } else if (session.signedIn) {
        const url = queue.buildSignedUrl('getArtifact', taskId, runId, artifact.name, { expiration });
        const expires = new Date(Date.now() + expiration * 1000);
        link = linkCell(url, artifact, 'open',
          h('span', { class: 'tag signed', title: `bewit valid until ${expires.toLocaleTimeString()}` }, `signed · ${expiration < 3600 ? `${expiration / 60} min` : `${expiration / 3600} h`}`));
      } else {
        link = h('span', { class: 'muted small' }, 'Sign in to get a signed link');
      }
      return [h('td', { class: 'mono nowrap' }, artifact.name), artifact.storageType,
        h('span', { class: 'small', title: artifact.contentType ?? '' }, (artifact.contentType ?? '').replace(/;.*$/, '')), link];
    });
    fillTable($('task-artifacts'), ['Name', 'Type', 'Content type', 'Link'], rows, 'No artifacts in this run.');
  }

  function linkCell(url, artifact, label, tag) {
    return h('div', { class: 'actions' },
      h('a', { href: url, target: '_blank', rel: 'noopener noreferrer', class: 'artifact-link', dataset: { name: artifact.name } }, label),
      tag,
      h('button', { type: 'button', class: 'small download-button', dataset: { name: artifact.name },
        onclick: (event) => download(url, artifact, event.currentTarget) }, 'Download'));
  }

  // Fetches the (signed) URL and saves the bytes under the artifact's file name.
  async function download(url, artifact, button) {
    await guarded(artifactError, button, async () => {
      const response = await fetch(url);
      if (!response.ok) {
        const text = await response.text();
        let body;
        try { body = JSON.parse(text); } catch { body = undefined; }
        throw new tc.TaskclusterError(body?.message ?? (text.trim() || response.statusText), {
          statusCode: response.status, code: body?.code ?? body?.reason ?? `HTTP${response.status}`, method: 'GET', url,
          functionName: 'Queue.getArtifact',
        });
      }
      const blob = await response.blob();
      const objectUrl = URL.createObjectURL(blob);
      const a = h('a', { href: objectUrl, download: artifact.name.split('/').pop() || 'artifact' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    app.go('task', input.value.trim());
  });
  runSelect.addEventListener('change', () => guarded(artifactError, null, () => loadArtifacts(runSelect.value)));
  const rerender = () => {
    if (current?.runId === undefined) return;
    try {
      showError(artifactError, null);
      renderArtifacts();
    } catch (error) {
      showError(artifactError, error);
    }
  };
  expirationSelect.addEventListener('change', rerender);
  session.onChange(() => {
    listState = 'idle'; // the rootUrl may have changed
    rerender();
  });

  return {
    show(taskId) {
      if (listState === 'idle') loadList();
      if (taskId && taskId !== current?.taskId) inspect(taskId);
      else if (!taskId && !current && config.demo?.decisionTaskId) input.placeholder = config.demo.decisionTaskId;
    },
  };
}
