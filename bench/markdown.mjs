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
  return table(['Import (median of 5, minus bare node)', 'Ours wall', 'Anchor wall', 'Ours/Anchor wall', 'Ours CPU', 'Anchor CPU'], rows);
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
  const ours = cold['cold-ours'];
  const web = cold['cold-client-web'];
  return table(['Cold page: navigation to first signed URL (median)', 'Ours', 'client-web + polyfills', 'Ours/client-web'], [
    ['Queue bundle, fresh browser context, served from 127.0.0.1', fmtMs(ours.ms), fmtMs(web.ms), fmtCostRatio(ours.ms / web.ms, ['faster', 'slower'])],
  ]);
}
