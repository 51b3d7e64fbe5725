// The Node side of the probe (probe.mjs): the emulator it runs against, and the
// checks every runtime's report must pass.
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from '../../support/assert.mjs';
import { startEmulator } from '../../../emulator/index.mjs';

export const DIST = realpathSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist'));
const VERSION = JSON.parse(readFileSync(join(DIST, 'package.json'), 'utf8')).version;
const SLUGID = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;

/** The emulator with its demo data, and the probe's configuration for it. */
export async function startProbeTarget() {
  const emulator = await startEmulator({ seed: true });
  const config = { rootUrl: emulator.rootUrl, credentials: emulator.clients.root, taskId: emulator.state.demo.decisionTaskId, artifact: 'private/report.html' };
  return { emulator, config, close: () => emulator.close() };
}

/** A signed link to the private artifact: accepted as signed, refused without its bewit. */
export async function checkSignedLink(link) {
  assert.match(link, /[?&]bewit=[\w-]+$/);
  const response = await fetch(link);
  assert.equal(response.status, 200, 'the signed artifact link is accepted');
  assert.match(await response.text(), /Demo build report/);
  assert.equal((await fetch(link.replace(/[?&]bewit=.*$/, ''))).status, 403);
}

export async function checkProbe(report) {
  assert.equal(report.version, VERSION);
  assert.equal(report.taskName, 'decision', 'a Hawk-signed call to queue.task');
  assert.equal(report.artifactStatus, 200, 'the signed artifact link, fetched in the runtime');
  assert.match(report.artifactText, /Demo build report/);
  assert.deepEqual(report.missing, { isTaskclusterError: true, statusCode: 404, code: 'ResourceNotFound' });
  assert.match(report.slugid, SLUGID);
  assert.equal(report.satisfies, true);
  assert.equal(report.fromNow, '1970-01-01T01:00:00.000Z');
  await checkSignedLink(report.link);
}
