// Refreshes a live view: calls poll() every minMs while things change, backing
// off (x1.5 when nothing changed, x2 after a failure) up to maxMs. Paused while
// the tab is hidden or the view is not shown; checks at once when it comes back.
// stop() clears its timer and listener, so a stopped poller holds nothing.

/**
 * poll(): resolves true when something changed (back to minMs), false when not;
 * a rejection counts as a failure. active(): whether the view is on screen.
 * onState({state: 'waiting' | 'polling' | 'paused' | 'stopped', delayMs, failed}): for a status line.
 */
export function createPoller({ poll, minMs, maxMs, active = () => true, onState = () => {} }) {
  let timer = null;
  let delayMs = minMs;
  let stopped = true;
  let inFlight = false;
  let failed = false;

  const report = (state) => onState({ state, delayMs, failed });
  const paused = () => document.hidden || !active();

  function schedule(ms) {
    clearTimeout(timer);
    timer = setTimeout(tick, ms);
    report('waiting');
  }

  async function tick() {
    timer = null;
    if (stopped) return;
    if (paused()) return report('paused'); // resume() restarts it
    inFlight = true;
    report('polling');
    let changed = false;
    try {
      changed = Boolean(await poll());
      failed = false;
    } catch {
      failed = true;
    } finally {
      inFlight = false;
    }
    if (stopped) return;
    delayMs = changed ? minMs : Math.min(maxMs, Math.round(delayMs * (failed ? 2 : 1.5)));
    schedule(delayMs);
  }

  function onVisibility() {
    if (stopped) return;
    if (document.hidden) {
      clearTimeout(timer);
      timer = null;
      report('paused');
    } else {
      poller.resume();
    }
  }

  const poller = {
    /** Starts polling (the first check after minMs). */
    start() {
      if (!stopped) return;
      stopped = false;
      delayMs = minMs;
      document.addEventListener('visibilitychange', onVisibility);
      schedule(minMs);
    },
    /** Checks now and continues at the fastest pace (when the view is shown again). */
    resume() {
      if (stopped || inFlight) return;
      delayMs = minMs;
      schedule(0);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = null;
      document.removeEventListener('visibilitychange', onVisibility);
      report('stopped');
    },
    get delayMs() { return delayMs; },
    get running() { return !stopped; },
  };
  return poller;
}

/** "live · checked 12:01:03 · next in 4 s" for a poller's status line. */
export function liveText({ state, delayMs, failed }, checkedAt) {
  const checked = checkedAt ? ` · checked ${checkedAt.toLocaleTimeString()}` : '';
  if (state === 'paused') return `live updates paused${checked}`;
  if (state === 'stopped') return '';
  if (state === 'polling') return `checking…${checked}`;
  const next = delayMs >= 1000 ? `${Math.round(delayMs / 1000)} s` : `${delayMs} ms`;
  return `${failed ? 'refresh failed, retrying' : 'live'}${checked} · next check in ${next}`;
}

/**
 * The poller of a dashboard view: the intervals from /config.json (config.poll),
 * active while `panel` is shown, its state in `statusLine` (data-state too);
 * checkedAt() is when the view last looked.
 */
export function createViewPoller({ config, panel, statusLine, poll, checkedAt }) {
  return createPoller({
    poll,
    minMs: config.poll?.minMs ?? 2000,
    maxMs: config.poll?.maxMs ?? 30_000,
    active: () => !panel.hidden,
    onState: (state) => {
      statusLine.textContent = liveText(state, checkedAt());
      statusLine.dataset.state = state.state;
    },
  });
}
