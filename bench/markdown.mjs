// BENCHMARKS.md: the Node run (test-output/bench.json from bench/run.mjs) and the
// browser run (bench/browser/run.mjs) as Markdown tables.
import { fmtBytes, fmtCostRatio, fmtMs } from './format.mjs';
import { speedRows } from './report.mjs';

function table(headers, rows) {
  const esc = (cell) => String(cell).replace(/\|/g, '\\|');
  return [`| ${headers.join(' | ')} |`, `| ${headers.map((h, i) => (i ? '---:' : '---')).join(' | ')} |`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** groups: [{ rows, results }] as bench/timing.mjs and bench/browser/page-timing.mjs return them. */
export function speedMarkdown(groups) {
  return table(['Operation (median ops/s)', 'Ours', 'Anchor', 'Ours/Anchor'], speedRows(groups));
}

export function importMarkdown(importTimes, wanted) {
  const rows = wanted.filter((w) => importTimes.results[w.ours] && importTimes.results[w.official]).map((w) => {
    const ours = importTimes.results[w.ours];
    const theirs = importTimes.results[w.official];
    return [w.name, fmtMs(ours.netMs), fmtMs(theirs.netMs), fmtCostRatio(ours.netMs / theirs.netMs, ['faster', 'slower']), fmtMs(ours.netCpuMs), fmtMs(theirs.netCpuMs)];
  });
  return table([`Import (median of ${importTimes.rounds}, timed in a fresh process)`, 'Ours wall', 'Anchor wall', 'Ours/Anchor wall', 'Ours CPU', 'Anchor CPU'], rows);
}

/** rows: [{ name, ours: {raw, gzip?}, official: {raw, gzip?} | null }]. */
export function sizeMarkdown(rows) {
  const size = (s, key) => (s && s[key] !== undefined ? fmtBytes(s[key]) : '-');
  return table(['Size', 'Ours raw', 'Ours gzip', 'Anchor raw', 'Anchor gzip', 'Ours/Anchor'], rows.map(({ name, ours, official }) => {
    const key = ours.gzip !== undefined ? 'gzip' : 'raw';
    const ratio = official ? `${fmtCostRatio(ours[key] / official[key], ['smaller', 'larger'])} ${key}` : '';
    return [name, size(ours, 'raw'), size(ours, 'gzip'), size(official, 'raw'), size(official, 'gzip'), ratio];
  }));
}

export function coldMarkdown(cold) {
  const web = cold['cold-client-web'].ms;
  const floor = cold['cold-blank']?.ms;
  const row = (name, ours, theirs) => [name, fmtMs(ours), fmtMs(theirs), fmtCostRatio(ours / theirs, ['faster', 'slower'])];
  const rows = [row('Queue bundle, fresh browser context, served from 127.0.0.1', cold['cold-ours'].ms, web)];
  const preload = cold['cold-ours-preload']?.ms;
  if (preload !== undefined) rows.push(row('... ours with the wasm preloaded (`<link rel="preload">` in the page)', preload, web));
  if (floor !== undefined) {
    rows.push(row(`... minus the floor (${fmtMs(floor)}: a page running an empty module script)`, cold['cold-ours'].ms - floor, web - floor));
    if (preload !== undefined) rows.push(row('... preloaded, minus the floor', preload - floor, web - floor));
  }
  return table(['Cold page: navigation to first signed URL (median)', 'Ours', 'client-web + polyfills', 'Ours/client-web'], rows);
}
