// CI smoke of the benchmark: `node bench/report-all.mjs --quick` runs the Node and
// browser benchmarks with tiny iteration counts and writes the report. Figures
// are never asserted (speed is measured by the benchmark, not by tests); this
// only proves that every section still runs and the report has its tables.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('bench/report-all.mjs --quick runs every section and writes the report', () => {
  const out = path.join(ROOT, 'test-output', 'BENCHMARKS.smoke.md');
  const child = spawnSync(process.execPath, ['bench/report-all.mjs', '--quick', '--out', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(child.status, 0, `exit ${child.status}\n${child.stderr.slice(-3000)}`);
  const report = readFileSync(out, 'utf8');
  for (const heading of ['## Node', '## Browser (headless Chromium)', '## Sizes']) assert.ok(report.includes(heading), heading);
  for (const row of ['Hawk header: hawkHeader vs client-web', 'Signed URL: signUrl vs Web Crypto', 'createTemporaryCredentials vs Web Crypto',
    "fromNow('2 days 3 hours') vs client-web", 'Scopes: prepared ScopeSet', 'Cold page', 'vs client-web + polyfills']) {
    assert.ok(report.includes(row), `report lacks the row "${row}"`);
  }
  assert.ok(!report.includes('## Errors'), 'a section crashed');
  assert.ok(!report.includes('WARNING'), 'a contender disagrees with the others');
});
