// Turns measurements into the printed tables.
import { fmtBytes, fmtCostRatio, fmtMs, fmtOps, fmtSpeedRatio, renderTable } from './format.mjs';

const L = (title) => ({ title, align: 'left' });
const R = (title) => ({ title, align: 'right' });
const SKIPPED = 'skipped (not installed)';

/**
 * groups: [{ rows, results }] from the speed cases (Node or browser) -> one
 * [name, ours, theirs, ratio] row each; the printed and the Markdown tables share it.
 */
export function speedRows(groups) {
  const rows = [];
  for (const { rows: wanted, results } of groups) {
    for (const row of wanted) {
      const ours = results[row.ours];
      const theirs = results[row.official];
      if (!ours) continue;
      if (!theirs) {
        rows.push([row.name, fmtOps(ours.opsPerSec), '-', SKIPPED]);
        continue;
      }
      const r = ours.opsPerSec / theirs.opsPerSec;
      const ratio = row.baseline ? `${r.toFixed(2)}x of bare HMAC speed` : fmtSpeedRatio(r);
      rows.push([row.name, fmtOps(ours.opsPerSec), fmtOps(theirs.opsPerSec), ratio]);
    }
  }
  return rows;
}

export function speedTable(groups) {
  return renderTable([L('Benchmark (median ops/s)'), R('Ours'), R('Official'), L('Ours/Official')], speedRows(groups));
}

/** rows: [{ name, ours: id, official: id }] over measureImportTimes() results. */
export function importTable(importTimes, rows) {
  const { results, baseline } = importTimes;
  const body = rows.map((row) => {
    const ours = results[row.ours];
    const theirs = results[row.official];
    if (!theirs) return [row.name, fmtMs(ours.netMs), '-', SKIPPED, fmtMs(ours.netCpuMs), '-', ''];
    return [
      row.name,
      fmtMs(ours.netMs),
      fmtMs(theirs.netMs),
      fmtCostRatio(ours.netMs / theirs.netMs, ['faster', 'slower']),
      fmtMs(ours.netCpuMs),
      fmtMs(theirs.netCpuMs),
      fmtCostRatio(ours.netCpuMs / theirs.netCpuMs, ['less', 'more']),
    ];
  });
  body.push(["(process start-up, not counted above: bare node -e '')", fmtMs(baseline.processMs), '', '', '', '', '']);
  return renderTable(
    [L(`Import time (median of ${importTimes.rounds}, timed in a fresh process)`), R('Ours wall'), R('Off. wall'), L('Ours/Off. wall'), R('Ours CPU'), R('Off. CPU'), L('Ours/Off. CPU')],
    body,
  );
}

/** rows: [{ name, ours: {raw, gzip?}, official: {raw, gzip?} | null }]. */
export function sizeTable(rows) {
  const size = (s, key) => (s && s[key] !== undefined ? fmtBytes(s[key]) : '-');
  const body = rows.map(({ name, ours, official }) => {
    const key = ours.gzip !== undefined ? 'gzip' : 'raw';
    const ratio = official ? `${fmtCostRatio(ours[key] / official[key], ['smaller', 'larger'])} ${key}` : '';
    return [name, size(ours, 'raw'), size(ours, 'gzip'), size(official, 'raw'), size(official, 'gzip'), ratio];
  });
  return renderTable([L('Size'), R('Ours raw'), R('Ours gz'), R('Official raw'), R('Official gz'), L('Ours/Official')], body);
}
