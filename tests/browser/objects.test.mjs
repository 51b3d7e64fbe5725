// upload, download and downloadArtifact in headless Chromium (the web build,
// served from one 127.0.0.1 origin) against the emulator on another origin:
// Blob/ArrayBuffer/ReadableStream in and out, both upload and both download
// methods, every artifact storage type, a hash mismatch, an interrupted
// download and a failed PUT, each retried.
// Run: node --test tests/browser/objects.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { FIXTURE_NAMES, createArtifactFixture } from '../support/artifact-fixture.mjs';

let h;
let emu;
let fixture;
before(async () => {
  emu = await startEmulator({ port: 0 });
  fixture = await createArtifactFixture(emu);
  h = await startBrowserPage();
});
after(async () => {
  await h?.close();
  await emu?.close();
});

const FAST = { delayFactor: 1, maxDelay: 5 };
const pageArgs = (extra) => ({ rootUrl: emu.rootUrl, credentials: emu.clients.root, fast: FAST, ...extra });

// Shared by every page function: deterministic bytes and their comparison.
const PAGE_HELPERS = `
  const bytesOf = (length, seed) => Uint8Array.from({ length }, (_, i) => (i * 13 + seed) & 0xff);
  const same = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  const object = new tc.Object({ rootUrl: args.rootUrl, credentials: args.credentials, retries: 0 });
  const expires = tc.fromNowJSON('1 hour');
`;
const inPage = (body, args) => h.inPage(`async (tc, args) => { ${PAGE_HELPERS} ${body} }`, args);

test('in Chromium: Blob, ArrayBuffer and ReadableStream up; ArrayBuffer, bytes, Blob and WritableStream down; both methods each', async () => {
  const result = await inPage(`
    const out = {};
    for (const [label, size, source] of [
      ['inline-bytes', 500, (d) => ({ data: d })],
      ['inline-blob', 8191, (d) => ({ data: new Blob([d], { type: 'text/x-blob' }) })],
      ['put-arraybuffer', 100000, (d) => ({ data: d.buffer })],
      ['put-stream', 70000, (d) => ({ streamFactory: () => new Blob([d]).stream(), contentLength: d.length })],
    ]) {
      const data = bytesOf(size, size % 251);
      const name = 'browser/' + label;
      await tc.upload({ projectId: 'proj', name, expires, object, ...source(data) });
      const asBuffer = await tc.download({ name, object });
      const asBlob = await tc.download({ name, object, as: 'blob' });
      const chunks = [];
      const contentType = await tc.download({ name, object, streamFactory: () => new WritableStream({ write: (c) => { chunks.push(c); } }) });
      const streamed = new Uint8Array(await new Blob(chunks).arrayBuffer());
      out[label] = {
        arrayBuffer: asBuffer.data instanceof ArrayBuffer && same(new Uint8Array(asBuffer.data), data),
        blob: asBlob.data instanceof Blob && asBlob.data.type === asBlob.contentType && same(new Uint8Array(await asBlob.data.arrayBuffer()), data),
        stream: same(streamed, data),
        contentType,
      };
    }
    return out;
  `, pageArgs());
  for (const [label, size] of [['inline-bytes', 500], ['inline-blob', 8191], ['put-arraybuffer', 100000], ['put-stream', 70000]]) {
    assert.deepEqual(result[label], { arrayBuffer: true, blob: true, stream: true, contentType: label === 'inline-blob' ? 'text/x-blob' : 'application/binary' }, label);
    const stored = emu.state.objects.get(`browser/${label}`);
    assert.equal(stored.contentLength === undefined, size < 8192, `${label}: ${size < 8192 ? 'dataInline' : 'putUrl'}`);
    assert.equal(stored.finished, true);
  }

  // The simple method (hashes from the object's metadata).
  emu.state.objectDownloadMethods = ['simple'];
  try {
    const simple = await inPage(`
      const { data } = await tc.download({ name: 'browser/put-arraybuffer', object, as: 'bytes' });
      return same(data, bytesOf(100000, 100000 % 251));
    `, pageArgs());
    assert.equal(simple, true);
  } finally {
    delete emu.state.objectDownloadMethods;
  }
});

test('in Chromium: a hash mismatch rejects with a clear Error; an interrupted download and a failed PUT are retried', async () => {
  const data = Buffer.alloc(60_000, 9);
  const name = 'browser/retries';
  emu.faults = { pathPrefix: '/__emulator/object-upload/', status500Count: 1 };
  const put = await inPage(`
    let opened = 0;
    await tc.upload({ projectId: 'proj', name: ${JSON.stringify(name)}, expires, object, contentLength: 60000,
      streamFactory: () => { opened += 1; return new Blob([new Uint8Array(60000).fill(9)]); }, ...args.fast });
    return opened;
  `, pageArgs());
  assert.equal(put, 2, 'one failed PUT, then a fresh source');
  assert.equal(emu.faults.status500Count, 0);
  assert.deepEqual(emu.state.objects.get(name).data, data);

  emu.faults = { pathPrefix: '/__emulator/object-data/', resetMidBodyCount: 1 };
  const interrupted = await inPage(`
    const { data } = await tc.download({ name: ${JSON.stringify(name)}, object, as: 'bytes', ...args.fast });
    return data.length === 60000 && data.every((b) => b === 9);
  `, pageArgs());
  assert.equal(interrupted, true);
  assert.equal(emu.faults.resetMidBodyCount, 0, 'the cut-off attempt happened');

  // as: 'stream' hands back a ReadableStream; a cut-off transfer resumes it where it stopped.
  emu.faults = { pathPrefix: '/__emulator/object-data/', resetMidBodyCount: 1 };
  const streamed = await inPage(`
    const { contentType, data } = await tc.download({ name: ${JSON.stringify(name)}, object, as: 'stream', ...args.fast });
    const bytes = new Uint8Array(await new Response(data).arrayBuffer());
    return { contentType, isStream: data instanceof ReadableStream, ok: bytes.length === 60000 && bytes.every((b) => b === 9) };
  `, pageArgs());
  assert.deepEqual(streamed, { contentType: 'application/binary', isStream: true, ok: true });
  assert.equal(emu.faults.resetMidBodyCount, 0);
  emu.faults = {};

  emu.state.objects.get(name).data = Buffer.alloc(60_000, 8);
  const mismatch = await inPage(`
    try {
      await tc.download({ name: ${JSON.stringify(name)}, object, ...args.fast });
      return 'resolved';
    } catch (e) {
      return { name: e.name, message: e.message };
    }
  `, pageArgs());
  assert.equal(mismatch.name, 'Error');
  const streamMismatch = await inPage(`
    const { data } = await tc.download({ name: ${JSON.stringify(name)}, object, as: 'stream' });
    const reader = data.getReader();
    try {
      while (!(await reader.read()).done);
      return 'read to the end';
    } catch (e) {
      return e.message;
    }
  `, pageArgs());
  assert.match(streamMismatch, /^download: sha256 of the data received/);
  assert.match(mismatch.message, /^download: sha256 of the data received \([0-9a-f]{16}\.\.\.\) does not match the object service's/);
});

test('in Chromium: downloadArtifact for every storage type, latest run and a given run', async () => {
  const result = await inPage(`
    const queue = new tc.Queue({ rootUrl: args.rootUrl, credentials: args.credentials, retries: 0 });
    const read = async (name, runId) => {
      try {
        const { contentType, data } = await tc.downloadArtifact({ taskId: args.taskId, runId, name, queue, as: 'bytes' });
        return { contentType, data: Array.from(data.subarray(0, 4)), length: data.length };
      } catch (e) {
        return { error: e.message, reason: e.reason };
      }
    };
    const out = {};
    for (const [type, name] of Object.entries(args.names)) out[type] = { latest: await read(name), run1: await read(name, 1) };
    out.run0 = await read(args.names.object, 0);
    return out;
  `, pageArgs({ taskId: fixture.taskId, names: FIXTURE_NAMES }));
  const expect = (bytes, contentType) => ({ contentType, data: Array.from(bytes.subarray(0, 4)), length: bytes.length });
  const { contents } = fixture;
  for (const form of ['latest', 'run1']) {
    assert.deepEqual(result.object[form], expect(contents.object, 'application/octet-stream'), form);
    assert.deepEqual(result.privateObject[form], expect(contents.privateObject, 'application/x-secret'), form);
    assert.deepEqual(result.s3[form], expect(contents.s3, 'text/plain'), form);
    assert.deepEqual(result.reference[form], expect(contents.reference, 'text/plain'), form);
    assert.equal(result.error[form].reason, 'file-missing-on-worker');
    assert.match(result.error[form].error, /^downloadArtifact: .*no such file: missing\.txt/);
  }
  assert.deepEqual(result.run0, expect(contents.run0Object, 'application/octet-stream'));
  assert.deepEqual(h.pageErrors.filter((e) => !/Failed to load resource/.test(e)), []);
});
