// A task with two runs and an artifact of every storage type in its latest run
// (plus an object artifact in run 0 with other content), made through our
// client against the emulator: what the downloadArtifact tests read.
import { Object as ObjectClient, Queue, fromNowJSON, slugid, upload } from 'taskcluster-wasm';
import { taskDefinition } from '../emulator/helpers.mjs';

export const FIXTURE_NAMES = {
  object: 'public/build/data.bin',
  s3: 'public/logs/live.log',
  reference: 'public/reference.txt',
  error: 'public/missing.txt',
  privateObject: 'private/secret.bin',
};

const bytesOf = (length, seed) => Uint8Array.from({ length }, (_, i) => (i * 31 + seed * 7 + (i >> 8)) & 0xff);

async function putObjectArtifact(queue, rootUrl, taskId, runId, name, data, contentType) {
  const expires = fromNowJSON('2 hours');
  const created = await queue.createArtifact(taskId, runId, name, { storageType: 'object', expires, contentType });
  const object = new ObjectClient({ rootUrl, credentials: created.credentials, retries: 0 });
  await upload({ projectId: created.projectId, name: created.name, uploadId: created.uploadId, expires, object, data, contentType });
  await queue.finishArtifact(taskId, runId, name, { uploadId: created.uploadId });
}

export async function createArtifactFixture(emu) {
  const { rootUrl } = emu;
  const queue = new Queue({ rootUrl, credentials: emu.clients.root, retries: 0 });
  const taskId = slugid();
  await queue.createTask(taskId, taskDefinition({ expires: fromNowJSON('1 day') }));
  const contents = {
    run0Object: bytesOf(20_000, 1),
    object: bytesOf(50_000, 2),
    s3: new TextEncoder().encode('a log line\n'.repeat(500)),
    privateObject: bytesOf(3000, 3),
  };
  await putObjectArtifact(queue, rootUrl, taskId, 0, FIXTURE_NAMES.object, contents.run0Object, 'application/octet-stream');
  await queue.reportException(taskId, 0, { reason: 'worker-shutdown' });

  await putObjectArtifact(queue, rootUrl, taskId, 1, FIXTURE_NAMES.object, contents.object, 'application/octet-stream');
  await putObjectArtifact(queue, rootUrl, taskId, 1, FIXTURE_NAMES.privateObject, contents.privateObject, 'application/x-secret');
  const expires = fromNowJSON('2 hours');
  const s3 = await queue.createArtifact(taskId, 1, FIXTURE_NAMES.s3, { storageType: 's3', expires, contentType: 'text/plain' });
  const put = await fetch(s3.putUrl, { method: 'PUT', headers: { 'Content-Type': 'text/plain' }, body: contents.s3 });
  if (!put.ok) throw new Error(`fixture: s3 PUT answered ${put.status}`);
  // A reference to the s3 artifact's public URL (200 with its bytes).
  const referenceUrl = queue.buildUrl('getArtifact', taskId, 1, FIXTURE_NAMES.s3);
  await queue.createArtifact(taskId, 1, FIXTURE_NAMES.reference, { storageType: 'reference', expires, url: referenceUrl, contentType: 'text/plain' });
  await queue.createArtifact(taskId, 1, FIXTURE_NAMES.error, { storageType: 'error', expires, reason: 'file-missing-on-worker', message: 'no such file: missing.txt' });
  return { taskId, contents: { ...contents, reference: contents.s3 } };
}
