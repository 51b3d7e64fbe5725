// Object artifacts with taskcluster-wasm: a task gets an artifact stored in
// the object service (createArtifact -> upload with the credentials the queue
// hands out -> finishArtifact), which is then read back with downloadArtifact
// (hashes checked as it streams) and written to a file.
//
//   node examples/artifacts.mjs
//     starts its own emulator on 127.0.0.1 and stops it at the end;
//   TASKCLUSTER_ROOT_URL=... TASKCLUSTER_CLIENT_ID=... TASKCLUSTER_ACCESS_TOKEN=... node examples/artifacts.mjs
//     uses a running deployment or emulator, via optionsFromEnvironment().
//
// Exits 0 when the downloaded file is byte for byte what was uploaded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Object as ObjectClient, Queue, downloadArtifact, fromNowJSON, optionsFromEnvironment, slugid, upload } from 'taskcluster-wasm';

const ARTIFACT = 'public/build/report.txt';
const EXPIRES = fromNowJSON('1 day');

async function connect() {
  if (process.env.TASKCLUSTER_ROOT_URL) return { options: optionsFromEnvironment(), close: async () => {} };
  const { startEmulator } = await import('../emulator/index.mjs');
  const emulator = await startEmulator({ port: 0, seed: false });
  console.log(`Started an emulator at ${emulator.rootUrl} (stopped when this script ends)`);
  return { options: { rootUrl: emulator.rootUrl, credentials: emulator.clients.root }, close: () => emulator.close() };
}

const { options, close } = await connect();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-artifacts-'));
try {
  const queue = new Queue(options);
  const taskId = slugid();
  await queue.createTask(taskId, {
    taskQueueId: 'proj-demo/ci',
    created: fromNowJSON('0 seconds'),
    deadline: fromNowJSON('1 hour'),
    expires: EXPIRES,
    payload: {},
    metadata: { name: 'artifacts example', description: 'an object artifact', owner: 'me@example.com', source: 'https://example.com' },
  });

  // Upload: the queue answers with an object name, an uploadId and credentials for the object service.
  const input = path.join(dir, 'report.txt');
  fs.writeFileSync(input, 'line of the report\n'.repeat(2000));
  const artifact = await queue.createArtifact(taskId, 0, ARTIFACT, { storageType: 'object', contentType: 'text/plain', expires: EXPIRES });
  const object = new ObjectClient({ rootUrl: options.rootUrl, credentials: artifact.credentials });
  await upload({
    projectId: artifact.projectId, name: artifact.name, uploadId: artifact.uploadId, expires: EXPIRES,
    contentType: 'text/plain', object, file: input,
  });
  await queue.finishArtifact(taskId, 0, ARTIFACT, { uploadId: artifact.uploadId });
  console.log(`Uploaded ${ARTIFACT} of task ${taskId} (${fs.statSync(input).size} bytes)`);

  // Download: from the latest run, whatever the storage type; into a file.
  const output = path.join(dir, 'downloaded.txt');
  const contentType = await downloadArtifact({ taskId, name: ARTIFACT, queue, file: output });
  const same = fs.readFileSync(output).equals(fs.readFileSync(input));
  console.log(`Downloaded ${ARTIFACT} (${contentType}): ${same ? 'identical' : 'DIFFERENT'}`);
  if (!same) process.exitCode = 1;
  else console.log('OK');
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
  await close();
}
