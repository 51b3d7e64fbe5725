// Micro-benchmark timing: calibrate a fixed iteration count per contender during
// a warm-up, then run interleaved rounds of that count and report the median.
// A measurement only: nothing here asserts anything about speed.

export const DEFAULTS = {
  rounds: 9,            // >= 5 rounds, median reported
  roundMs: 100,         // target duration of one round
  warmupMs: 500,        // minimum warm-up per contender (includes calibration; lets wasm tier up)
};

const now = () => process.hrtime.bigint();
const msSince = (start) => Number(now() - start) / 1e6;

// Keeps results reachable so the engine cannot drop the calls as dead code.
let sink;

function runBatch(fn, iterations) {
  let last;
  const start = now();
  for (let i = 0; i < iterations; i++) last = fn();
  const ms = msSince(start);
  sink = last;
  return ms;
}

// Doubles the batch size until a batch takes >= 20 ms, keeps warming up until
// warmupMs has passed, and returns the iteration count for a round of ~roundMs.
function calibrate(fn, { roundMs, warmupMs }) {
  const start = now();
  let n = 1;
  let ms = runBatch(fn, n);
  while (ms < 20) {
    n *= 2;
    ms = runBatch(fn, n);
  }
  while (msSince(start) < warmupMs) ms = runBatch(fn, n);
  return Math.max(1, Math.round((n * roundMs) / ms));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Measures a group of contenders in the same process, interleaving their
 * rounds (order reversed every other round) so slow drifts hit all alike.
 * contenders: [{ id, label, fn }], fn does one operation and returns its result.
 * Returns { [id]: { label, opsPerSec, iterations, rounds: [ops/s...] } }.
 */
export function measureGroup(contenders, options = {}) {
  const opts = { ...DEFAULTS, ...options };
  const state = contenders.map((c) => {
    if (c.fn() === undefined) throw new Error(`${c.id}: benchmark function returned nothing`);
    return { ...c, iterations: calibrate(c.fn, opts), samples: [] };
  });
  for (let r = 0; r < opts.rounds; r++) {
    const order = r % 2 ? [...state].reverse() : state;
    for (const c of order) {
      const ms = runBatch(c.fn, c.iterations);
      c.samples.push((c.iterations * 1000) / ms);
    }
  }
  const results = {};
  for (const c of state) {
    results[c.id] = {
      label: c.label,
      opsPerSec: median(c.samples),
      iterations: c.iterations,
      rounds: c.samples.map((s) => Math.round(s)),
    };
  }
  return results;
}

export function lastResult() {
  return sink;
}
