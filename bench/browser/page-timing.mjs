// The page side of the browser benchmark: the same method as bench/timing.mjs
// (calibrated fixed iteration count, warm-up, interleaved rounds, median), for
// synchronous and asynchronous contenders. A measurement only: nothing asserts speed.
import { median } from '../timing.mjs';

let sink;

async function runBatch(c, iterations) {
  let last;
  const start = performance.now();
  if (c.async) {
    for (let i = 0; i < iterations; i++) last = await c.fn();
  } else {
    for (let i = 0; i < iterations; i++) last = c.fn();
  }
  sink = last;
  return Math.max(performance.now() - start, 0.001);
}

async function calibrate(c, { roundMs, warmupMs }) {
  const start = performance.now();
  let n = 1;
  let ms = await runBatch(c, n);
  while (ms < 20) {
    n *= 2;
    ms = await runBatch(c, n);
  }
  while (performance.now() - start < warmupMs) ms = await runBatch(c, n);
  return Math.max(1, Math.round((n * roundMs) / ms));
}

/** contenders: [{ id, label, fn, async? }]; returns { [id]: { label, opsPerSec, iterations, rounds } }. */
export async function measureGroup(contenders, timing) {
  const state = [];
  for (const c of contenders) {
    if ((await c.fn()) === undefined) throw new Error(`${c.id}: benchmark function returned nothing`);
    state.push({ ...c, iterations: await calibrate(c, timing), samples: [] });
  }
  for (let r = 0; r < timing.rounds; r++) {
    const order = r % 2 ? [...state].reverse() : state;
    for (const c of order) c.samples.push((c.iterations * 1000) / (await runBatch(c, c.iterations)));
  }
  return Object.fromEntries(state.map((c) => [c.id, {
    label: c.label, opsPerSec: median(c.samples), iterations: c.iterations, rounds: c.samples.map((s) => Math.round(s)),
  }]));
}

export const lastResult = () => sink;
