// 7. Import time: fresh `node -e` child processes, median of 5 runs, minus the
// median of a bare `node -e ''`. Runs are interleaved across variants.
// Wall time is what a user waits; the child's own CPU time (user + system, read
// at exit) is reported too because it holds up better on a busy machine.
import { spawnSync } from 'node:child_process';
import { median } from './timing.mjs';
import { ROOT } from './paths.mjs';

const ROUNDS = 5;
const CPU_PROBE = ";process.on('exit',()=>{const u=process.cpuUsage();process.stdout.write('\\nCPU_US '+(u.user+u.system))})";

function timeChild(code) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', code + CPU_PROBE], { cwd: ROOT, encoding: 'utf8' });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node -e ${JSON.stringify(code)} failed: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const cpu = /CPU_US (\d+)\s*$/.exec(child.stdout);
  return { wallMs, cpuMs: cpu ? Number(cpu[1]) / 1000 : NaN };
}

function summarize(samples) {
  return {
    ms: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    runs: samples.map((s) => +s.wallMs.toFixed(1)),
    cpuRuns: samples.map((s) => +s.cpuMs.toFixed(1)),
  };
}

/**
 * variants: [{ id, label, code }]. Returns { baseline: {ms, cpuMs, runs, cpuRuns},
 * results: { [id]: { label, ms, netMs, cpuMs, netCpuMs, runs, cpuRuns } } }.
 */
export function measureImportTimes(variants, rounds = ROUNDS) {
  const all = [{ id: 'baseline', label: "node -e ''", code: '' }, ...variants];
  const samples = Object.fromEntries(all.map((v) => [v.id, []]));
  if (rounds > 1) for (const v of all) timeChild(v.code); // warm the file system cache
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? [...all].reverse() : all;
    for (const v of order) samples[v.id].push(timeChild(v.code));
  }
  const baseline = summarize(samples.baseline);
  const results = {};
  for (const v of variants) {
    const s = summarize(samples[v.id]);
    results[v.id] = { label: v.label, ...s, netMs: s.ms - baseline.ms, netCpuMs: s.cpuMs - baseline.cpuMs };
  }
  return { rounds, baseline, results };
}
