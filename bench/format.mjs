// Number formatting and plain-text tables for the report.

export function fmtOps(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M/s`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k/s`;
  return `${n.toFixed(0)}/s`;
}

export const fmtMs = (ms) => `${ms.toFixed(1)} ms`;

export function fmtBytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} KB`;
  return `${n} B`;
}

/** Speed ratio, ours / theirs in ops/s: higher is better. */
export function fmtSpeedRatio(r) {
  return r >= 1 ? `${r.toFixed(2)}x faster` : `${r.toFixed(2)}x (${(1 / r).toFixed(1)}x slower)`;
}

/** Cost ratio, ours / theirs in ms or bytes: lower is better. */
export function fmtCostRatio(r, [better, worse]) {
  return r <= 1 ? `${r.toFixed(2)}x (${(1 / r).toFixed(1)}x ${better})` : `${r.toFixed(2)}x (${r.toFixed(1)}x ${worse})`;
}

/** headers: [{ title, align: 'left' | 'right' }], rows: arrays of strings. */
export function renderTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.title.length, ...rows.map((r) => String(r[i]).length)));
  const cell = (text, i) => (headers[i].align === 'right' ? String(text).padStart(widths[i]) : String(text).padEnd(widths[i]));
  const line = (cells) => cells.map(cell).join('  ').trimEnd();
  return [line(headers.map((h) => h.title)), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
