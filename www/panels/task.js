// Task inspector: definition, status, runs and artifacts of one task, refreshed
// while it is on screen. Links to non-public artifacts are signed with
// queue.buildSignedUrl at the moment they are opened or copied, so a link never
// expires while the page shows it; Download uses downloadArtifact.
import { $, h, fillFacts, fillTable, guarded, prettyJson, showError, stateBadge, when, relative } from '../lib/dom.js';
import { createViewPoller } from '../lib/poller.js';
import { describeChange, statusKey } from '../lib/changes.js';

// A short relative time, the full date on hover.
const ago = (iso) => (iso ? h('span', { title: new Date(iso).toLocaleString() }, relative(Date.parse(iso) - Date.now())) : '');

// What reading an artifact takes (queue.getArtifact's scope).
const artifactScope = (name) => `queue:get-artifact:${name}`;
const ARTIFACT_HEADERS = ['Name', 'Type', 'Content type', 'Link'];
// Events after which the browser may use a link's href: sign it just before.
const LINK_EVENTS = ['pointerdown', 'mousedown', 'keydown', 'focus', 'mouseenter', 'contextmenu', 'dragstart', 'click', 'auxclick'];

export function initTask(app) {
  const { tc, session, config } = app;
  const form = $('task-form');
  const input = $('task-id');
  const errorSlot = $('task-error');
  const artifactError = $('artifact-error');
  const runSelect = $('artifact-run');
  const expirationSelect = $('artifact-expiration');
  let current = null; // {taskId, task, status, artifacts: [...], runId, changes: Map(key -> text)}
  let listState = 'idle';
  let listStatuses = new Map(); // taskId -> status, from the last look at the demo group
  let checkedAt = null;

  const poller = createViewPoller({
    config, panel: $('panel-task'), statusLine: $('task-live'), poll: refresh, checkedAt: () => checkedAt,
  });

  // The demo group's tasks, to click.
  async function loadList() {
    const taskGroupId = config.demo?.taskGroupId;
    if (!taskGroupId) {
      $('task-list-note').textContent = 'No demo task group configured.';
      return;
    }
    listState = 'loading';
    $('task-list-note').textContent = 'Loading…';
    try {
      await renderList(await listGroup(taskGroupId), false);
      listState = 'loaded';
    } catch (error) {
      listState = 'idle';
      $('task-list-note').textContent = `Could not list the demo group: ${error.statusCode ?? ''} ${error.code ?? error.message}`;
    }
  }

  async function listGroup(taskGroupId) {
    const items = [];
    for await (const item of session.client(tc.Queue).paginate('listTaskGroup', taskGroupId, { limit: 1000 })) items.push(item);
    items.sort((a, b) => (a.status.taskId === taskGroupId ? -1 : b.status.taskId === taskGroupId ? 1 : 0));
    return items;
  }

  // Draws the list; with `highlight`, marks the tasks whose status changed since the last
  // look, and leaves the list (and its highlights) as it is when nothing did.
  function renderList(items, highlight) {
    const taskGroupId = config.demo.taskGroupId;
    const changes = items.map(({ status }) => (highlight ? describeChange(listStatuses.get(status.taskId), status) : ''));
    const changed = changes.filter(Boolean).length;
    if (highlight && !changed && items.length === listStatuses.size) return 0;
    $('task-list').replaceChildren(...items.map(({ status, task }, i) => {
      const change = changes[i];
      return h('li', {},
        h('button', { type: 'button', title: change ? `${status.taskId}: ${change}` : status.taskId,
          class: change ? 'changed' : null, dataset: { taskId: status.taskId, state: status.state, changed: change ? 'true' : null },
          onclick: () => app.go('task', status.taskId) },
        h('span', { class: 'name' }, task.metadata?.name ?? status.taskId), stateBadge(status.state)));
    }));
    listStatuses = new Map(items.map(({ status }) => [status.taskId, status]));
    $('task-list-note').textContent = `${items.length} tasks in group ${taskGroupId.slice(0, 8)}…; click one to inspect it.`;
    markCurrent();
    return changed;
  }

  function markCurrent() {
    for (const button of $('task-list').querySelectorAll('button')) {
      button.setAttribute('aria-current', String(button.dataset.taskId === current?.taskId));
    }
  }

  // A failed inspection leaves nothing of the previous task on screen.
  function clearTask() {
    current = null;
    $('task-result').hidden = true;
    showError(artifactError, null);
    markCurrent();
  }

  async function inspect(taskId) {
    taskId = taskId.trim();
    input.value = taskId;
    $('task-result').setAttribute('aria-busy', 'true');
    await guarded(errorSlot, form.querySelector('button'), async () => {
      if (!taskId) throw new TypeError('Enter a task ID (or pick a task from the list)');
      const queue = session.client(tc.Queue);
      const [task, { status }] = await Promise.all([queue.task(taskId), queue.status(taskId)]);
      current = { taskId, task, status, artifacts: [], runId: undefined, changes: new Map() };
      renderTask();
      markCurrent();
      await showRuns(status);
    }, { action: 'Could not load the task', onError: clearTask });
    $('task-result').removeAttribute('aria-busy');
  }

  // The run picker and the latest run's artifacts.
  async function showRuns(status) {
    const runs = status.runs ?? [];
    runSelect.replaceChildren(...runs.map((run) => h('option', { value: run.runId }, `run ${run.runId} (${run.state})`)));
    runSelect.disabled = runs.length === 0;
    if (runs.length) {
      runSelect.value = String(runs[runs.length - 1].runId);
      await loadArtifacts(runs[runs.length - 1].runId);
    } else {
      fillTable($('task-artifacts'), ARTIFACT_HEADERS, [], 'No runs yet, so no artifacts.');
    }
  }

  // A look at the task (and the demo list) while it is on screen; true when anything changed.
  async function refresh() {
    const watched = current;
    const queue = session.client(tc.Queue);
    const [{ status }, items] = await Promise.all([
      watched ? queue.status(watched.taskId) : { status: null },
      listState === 'loaded' ? listGroup(config.demo.taskGroupId) : null,
    ]);
    checkedAt = new Date();
    const listChanged = items ? renderList(items, true) > 0 : false;
    if (!watched || current !== watched) return listChanged;
    if (statusKey(status) === statusKey(watched.status)) return listChanged;
    watched.changes = changedParts(watched.status, status);
    const latestBefore = watched.status.runs?.at(-1);
    watched.status = status;
    renderTask();
    const latest = status.runs?.at(-1);
    // A new run, or the shown run resolved: show the latest run's artifacts (logs appear, links change).
    if (latest && (latest.runId !== latestBefore?.runId || latest.state !== latestBefore?.state)) {
      await guarded(artifactError, null, () => showRuns(status));
    }
    return true;
  }

  // Which parts of the view changed: the state and each new or moved run.
  function changedParts(before, after) {
    const changes = new Map();
    if (before.state !== after.state) changes.set('state', `${before.state} → ${after.state}`);
    for (const run of after.runs ?? []) {
      const old = before.runs?.find((r) => r.runId === run.runId);
      if (!old) changes.set(`run-${run.runId}`, 'new run');
      else if (old.state !== run.state) changes.set(`run-${run.runId}`, `${old.state} → ${run.state}`);
    }
    changes.set('summary', describeChange(before, after));
    return changes;
  }

  function renderTask() {
    const { taskId, task, status, changes } = current;
    $('task-result').hidden = false;
    $('task-name').textContent = task.metadata?.name ?? taskId;
    $('task-id-label').textContent = taskId;
    $('task-description').textContent = task.metadata?.description ?? '';
    const badge = Object.assign(stateBadge(status.state), { id: 'task-state' });
    if (changes.has('state')) {
      badge.classList.add('changed');
      badge.title = `was ${changes.get('state').split(' → ')[0]}`;
    }
    $('task-state').replaceWith(badge);
    const summary = changes.get('summary');
    $('task-changes').hidden = !summary;
    $('task-changes').textContent = summary ? `Changed since the last look (${checkedAt?.toLocaleTimeString() ?? ''}): ${summary}` : '';
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
    const rows = $('task-runs').querySelectorAll('tbody tr');
    (status.runs ?? []).forEach((run, i) => {
      const change = changes.get(`run-${run.runId}`);
      if (change && rows[i]) Object.assign(rows[i], { className: 'changed', title: change });
    });
    $('task-definition').textContent = prettyJson(task);
  }

  async function loadArtifacts(runId) {
    const { taskId } = current;
    showError(artifactError, null);
    fillTable($('task-artifacts'), ARTIFACT_HEADERS, [], 'Loading…');
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
    const mine = session.scopes ? new tc.ScopeSet(session.scopes) : null;
    const rows = artifacts.map((artifact) => {
      const { name } = artifact;
      let link;
      if (name.startsWith('public/')) {
        link = linkCell(artifact, () => session.client(tc.Queue).buildUrl('getArtifact', taskId, runId, name),
          h('span', { class: 'tag public' }, 'public'));
      } else if (!session.signedIn) {
        link = h('span', { class: 'muted small' }, 'Sign in to get a signed link');
      } else if (mine && !mine.satisfies(artifactScope(name))) {
        link = h('span', { class: 'tag denied', title: `Your scopes do not include ${artifactScope(name)}` },
          'no access', h('span', { class: 'needs' }, ` · needs ${artifactScope(name)}`));
      } else {
        const sign = () => session.client(tc.Queue).buildSignedUrl('getArtifact', taskId, runId, name,
          { expiration: Number(expirationSelect.value) });
        link = linkCell(artifact, sign, h('span', { class: 'tag signed', title: 'Signed in this page when you open it' }, 'signed on open'));
      }
      return [h('td', { class: 'mono nowrap' }, name), artifact.storageType,
        h('span', { class: 'small', title: artifact.contentType ?? '' }, (artifact.contentType ?? '').replace(/;.*$/, '')), link];
    });
    fillTable($('task-artifacts'), ARTIFACT_HEADERS, rows, 'No artifacts in this run.');
  }

  // "open" (a link whose href is made by urlFor() just before the browser uses it) and Download.
  function linkCell(artifact, urlFor, tag) {
    const a = h('a', { href: urlFor(), target: '_blank', rel: 'noopener noreferrer', class: 'artifact-link', dataset: { name: artifact.name } }, 'open');
    const refresh = () => {
      try {
        a.href = urlFor();
      } catch (error) {
        showError(artifactError, error, { action: 'Could not sign the link' });
      }
    };
    for (const type of LINK_EVENTS) a.addEventListener(type, refresh);
    return h('div', { class: 'actions' }, a, tag,
      h('button', { type: 'button', class: 'small download-button', dataset: { name: artifact.name },
        onclick: (event) => download(artifact, event.currentTarget) }, 'Download'));
  }

  // Fetches the artifact with downloadArtifact (whatever its storage type; an object
  // artifact's hashes are checked as it arrives) and saves it under its file name.
  async function download(artifact, button) {
    const { taskId, runId } = current;
    await guarded(artifactError, button, async () => {
      const queue = session.client(tc.Queue);
      const { data } = await tc.downloadArtifact({ taskId, runId, name: artifact.name, queue, as: 'blob' });
      const objectUrl = URL.createObjectURL(data);
      const a = h('a', { href: objectUrl, download: artifact.name.split('/').pop() || 'artifact' });
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(objectUrl), 60_000);
    }, { action: 'Could not download the artifact' });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const taskId = input.value.trim();
    if (taskId === current?.taskId || location.hash === `#task/${encodeURIComponent(taskId)}`) inspect(taskId);
    else app.go('task', taskId);
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
  session.onChange(() => {
    listState = 'idle'; // the rootUrl may have changed
    rerender();
  });

  return {
    show(taskId) {
      if (listState === 'idle') loadList();
      if (taskId && taskId !== current?.taskId) inspect(taskId);
      else if (!taskId && !current && config.demo?.decisionTaskId) input.placeholder = config.demo.decisionTaskId;
      if (poller.running) poller.resume();
      else poller.start();
    },
  };
}
