// Runs tests/load/leak-child.mjs in a child process with --expose-gc (so the
// heap can be measured after GC without exposing gc to the test runner) and
// returns its results, one per scenario.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('../leak-child.mjs', import.meta.url));
export const PACKAGE_ENTRY = fileURLToPath(new URL('../../../dist/node/index.mjs', import.meta.url));

export async function runScenarios(scenarios, { entry = PACKAGE_ENTRY } = {}) {
  const child = spawn(process.execPath, ['--expose-gc', CHILD, JSON.stringify({ entry, scenarios })], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => { stdout += chunk; });
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const code = await new Promise((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`leak-child exited with ${code}: ${stderr}`);
  return stdout.trim().split('\n').map((line) => JSON.parse(line));
}

/** Soak runs (TC_SOAK=1) multiply every count by this. */
export const SOAK = process.env.TC_SOAK === '1' ? 5 : 1;

export const describeGrowth = (r) => `${r.name}: ${r.calls} calls (${r.inFlight} in flight) in ${r.ms} ms; heap ${r.before.heapBytes} -> ${r.after.heapBytes}, `
  + `wasm memory ${r.before.memoryBytes} -> ${r.after.memoryBytes}, externref table ${r.before.tableSlots} -> ${r.after.tableSlots}`;
