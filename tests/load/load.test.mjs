// Load: 10,000 signed calls with 256 in flight against the emulator (strict
// Hawk, scopes), from a child process (node --expose-gc): every call succeeds,
// and the heap, the wasm memory and the externref table are flat afterwards.
// TC_SOAK=1 runs five times as many calls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { SOAK, describeGrowth, runScenarios } from './support/run-child.mjs';

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu?.close(); });

test('10,000 calls, 256 in flight, against the emulator: all succeed, memory flat', async () => {
  const [r] = await runScenarios([{
    name: 'emulator load', kind: 'calls', calls: 10_000 * SOAK, inFlight: 256,
    rootUrl: emu.rootUrl, credentials: emu.clients.root, taskId: emu.state.demo.decisionTaskId,
  }]);
  process.stderr.write(`# ${describeGrowth(r)} (${Math.round(r.calls / (r.ms / 1000))} calls/s)\n`);
  assert.equal(r.failed, 0, r.firstError);
  assert.equal(r.unhandled, 0);
  assert.ok(r.growth.heapBytes < (1 << 20) + 100 * r.calls, describeGrowth(r));
  assert.ok(r.growth.memoryBytes <= 65_536, describeGrowth(r));
  assert.ok(r.growth.tableSlots <= 32, describeGrowth(r));
});
