// 7. Import time: each variant's code run in a fresh `node -e` child process and
// timed inside it, from just before the code to when its result (a promise, for
// import()) settles: wall time and the child's CPU time (user + system) over that
// span. Timing inside the child leaves out Node's own start-up, which is the same
// for every variant but varies by tens of milliseconds on a busy machine: the
// difference of two whole-process times was mostly that noise. The whole-process
// wall time minus a bare `node -e ''` is kept beside it (processMs, netProcessMs).
// Runs are interleaved across variants; medians are reported.
import { spawnSync } from 'node:child_process';
import { median } from './timing.mjs';
import { ROOT } from './paths.mjs';

const ROUNDS = 9;
const MARK = 'IMPORT_TIME';

/** `code` timed inside the child: run by a direct eval, so `require` and a trailing import() work as written. */
const timed = (code) =>
  `const c0=process.cpuUsage(),t0=process.hrtime.bigint();Promise.resolve(eval(${JSON.stringify(code)})).then(()=>{` +
  `const ms=Number(process.hrtime.bigint()-t0)/1e6,c=process.cpuUsage(c0);process.stdout.write('\\n${MARK} '+ms+' '+(c.user+c.system)/1000)})`;

function timeChild(code) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, ['-e', timed(code)], { cwd: ROOT, encoding: 'utf8' });
  const processMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`node -e ${JSON.stringify(code)} failed: ${child.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const found = new RegExp(`${MARK} ([\\d.]+) ([\\d.]+)\\s*$`).exec(child.stdout);
  if (!found) throw new Error(`node -e ${JSON.stringify(code)} printed no timing`);
  return { wallMs: Number(found[1]), cpuMs: Number(found[2]), processMs };
}

function summarize(samples) {
  return {
    ms: median(samples.map((s) => s.wallMs)),
    cpuMs: median(samples.map((s) => s.cpuMs)),
    processMs: median(samples.map((s) => s.processMs)),
    runs: samples.map((s) => +s.wallMs.toFixed(1)),
    cpuRuns: samples.map((s) => +s.cpuMs.toFixed(1)),
  };
}

/**
 * variants: [{ id, label, code }]. Returns { rounds, baseline: {ms, cpuMs, processMs, runs, cpuRuns},
 * results: { [id]: { label, ms, netMs, cpuMs, netCpuMs, processMs, netProcessMs, runs, cpuRuns } } }.
 * netMs and netCpuMs are the times inside the child (the baseline, an empty
 * statement, times to about zero); netProcessMs is the whole process minus `node -e ''`.
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
    results[v.id] = { label: v.label, ...s, netMs: s.ms, netCpuMs: s.cpuMs, netProcessMs: s.processMs - baseline.processMs };
  }
  return { rounds, baseline, results };
}
