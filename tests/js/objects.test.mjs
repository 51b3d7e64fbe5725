// upload, download and downloadArtifact in Node against the emulator's object
// service and queue, with taskcluster-client's helpers as the oracle on both
// sides (its download checks our hashes; our download reads its uploads).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import official from 'taskcluster-client';
import { ContentHasher, Object as ObjectClient, Queue, TransferError, download, downloadArtifact, fromNowJSON, upload } from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';
import { FIXTURE_NAMES, createArtifactFixture } from '../support/artifact-fixture.mjs';

let emu;
let fixture;
let tmp;
before(async () => {
  emu = await startEmulator({ port: 0 });
  fixture = await createArtifactFixture(emu);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tc-objects-'));
});
after(async () => {
  await emu?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const FAST = { delayFactor: 1, maxDelay: 5 };
const objectClient = () => new ObjectClient({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 0 });
const officialObject = () => new official.Object({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 0 });
const randomBytes = (n) => new Uint8Array(crypto.randomBytes(n));
let counter = 0;
const uniqueName = (label) => `tests/${label}/${process.pid}-${counter++}`;
const uploadOptions = (name, extra) => ({ projectId: 'proj', name, expires: fromNowJSON('1 hour'), object: objectClient(), ...extra });

/** A Writable that keeps what it is given (for the official client's streamFactory). */
function collector() {
  const chunks = [];
  const stream = new Writable({ write(chunk, _enc, cb) { chunks.push(chunk); cb(); } });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

test('ContentHasher agrees with node:crypto however the data is chunked, and frees itself when finished', () => {
  for (const size of [0, 1, 63, 64, 65, 1000, 70_000, 200_001]) {
    const data = crypto.randomBytes(size);
    const hasher = new ContentHasher();
    let offset = 0;
    while (offset < size) {
      const end = Math.min(size, offset + 1 + crypto.randomInt(90_000));
      // Every accepted shape: Buffer, ArrayBuffer, DataView, another typed array.
      const piece = data.subarray(offset, end);
      const shapes = [piece, piece.buffer.slice(piece.byteOffset, piece.byteOffset + piece.length), new DataView(piece.buffer, piece.byteOffset, piece.length)];
      hasher.update(shapes[offset % 3]);
      offset = end;
    }
    assert.equal(hasher.bytes, size);
    const hashes = hasher.digest();
    assert.deepEqual(hashes, {
      sha256: crypto.createHash('sha256').update(data).digest('hex'),
      sha512: crypto.createHash('sha512').update(data).digest('hex'),
      bytes: size,
    });
    assert.throws(() => hasher.update(new Uint8Array(1)), Error, 'a finished hasher cannot be fed');
  }
  const odd = new ContentHasher();
  odd.update(new Uint16Array([0x6261, 0x63])); // "abc\0" little-endian
  assert.equal(odd.digest().sha256, crypto.createHash('sha256').update(Buffer.from('abc\0')).digest('hex'));
});

test('ContentHasher refuses bad input with a TypeError and keeps working', () => {
  const hasher = new ContentHasher();
  for (const bad of ['text', 42, null, undefined, {}, [1, 2]]) {
    assert.throws(() => hasher.update(bad), (e) => e instanceof TypeError && /^ContentHasher\.update: chunk must be/.test(e.message), String(bad));
  }
  hasher.update(Buffer.from('abc'));
  assert.throws(() => new ContentHasher().verify('nope'), TypeError);
  assert.throws(() => new ContentHasher().verify({ sha256: 5 }), TypeError);
  const result = hasher.verify({ sha256: crypto.createHash('sha256').update('abc').digest('hex'), md5: 'ignored' });
  assert.equal(result.bytes, 3);
  const wrong = new ContentHasher();
  wrong.update(Buffer.from('abd'));
  assert.throws(() => wrong.verify({ sha256: result.sha256 }), /sha256 of the data received .* does not match/);
});

test('upload then download, dataInline (small) and putUrl (large), each checked by the official download', async () => {
  for (const size of [0, 100, 8191, 8192, 300_000]) {
    const name = uniqueName('roundtrip');
    const data = randomBytes(size);
    await upload(uploadOptions(name, { data, contentType: 'application/x-test' }));
    const stored = emu.state.objects.get(name);
    assert.equal(stored.contentLength === undefined, size < 8192, `size ${size}: dataInline below 8 KiB, putUrl from there`);

    const ours = await download({ name, object: objectClient(), as: 'bytes' });
    assert.equal(ours.contentType, 'application/x-test');
    assert.deepEqual(ours.data, data);

    const sink = collector();
    const contentType = await official.download({ name, object: officialObject(), streamFactory: () => sink.stream });
    assert.equal(contentType, 'application/x-test');
    assert.deepEqual(new Uint8Array(sink.bytes()), data, `size ${size}: the official client verified our hashes and got the bytes`);
  }
});

test('upload takes Node streams (contentLength required), Buffers, Blobs and file paths; download writes Writables and files', async () => {
  const data = randomBytes(40_000);
  const file = path.join(tmp, 'input.bin');
  fs.writeFileSync(file, data);
  let opened = 0;
  const sources = {
    stream: { streamFactory: () => { opened += 1; return Readable.from([data.subarray(0, 1000), data.subarray(1000)]); }, contentLength: data.length },
    webStream: { streamFactory: () => new Blob([data]).stream(), contentLength: data.length },
    buffer: { data: Buffer.from(data) },
    blob: { data: new Blob([data], { type: 'application/x-blob' }) },
    file: { file },
  };
  for (const [label, source] of Object.entries(sources)) {
    const name = uniqueName(label);
    await upload(uploadOptions(name, source));
    const out = path.join(tmp, `${label}.out`);
    const contentType = await download({ name, object: objectClient(), file: out });
    assert.equal(contentType, label === 'blob' ? 'application/x-blob' : 'application/binary', label);
    assert.deepEqual(new Uint8Array(fs.readFileSync(out)), data, label);
    const sink = collector();
    assert.equal(typeof await download({ name, object: objectClient(), streamFactory: () => sink.stream }), 'string');
    assert.deepEqual(new Uint8Array(sink.bytes()), data, label);
  }
  assert.equal(opened, 1);
  await assert.rejects(upload(uploadOptions(uniqueName('nolength'), { streamFactory: () => Readable.from([data]) })),
    (e) => e instanceof TypeError && /contentLength is required/.test(e.message));
  for (const [contentLength, pattern] of [[data.length + 1, /the data has 40000 bytes but contentLength is 40001/], [100_000, /has 40000 bytes/],
    [data.length - 1, /the data has more than that many bytes but contentLength is 39999/], [10, /more than that many bytes but contentLength is 10$/]]) {
    let attempts = 0;
    await assert.rejects(upload(uploadOptions(uniqueName('length'), { streamFactory: () => { attempts += 1; return Readable.from([data]); }, contentLength, ...FAST })),
      (e) => e instanceof RangeError && pattern.test(e.message) && /^upload: /.test(e.message), String(contentLength));
    assert.equal(attempts, 1, 'a wrong length is not retried');
  }
});

test('the official upload (streams, its own hashes) is read by our download, getUrl and simple', async () => {
  const name = uniqueName('official');
  const data = crypto.randomBytes(123_456);
  await official.upload({
    projectId: 'proj', name, expires: new Date(Date.now() + 3600_000), contentType: 'text/x-official', contentLength: data.length,
    object: officialObject(), streamFactory: () => Readable.from([data]),
  });
  for (const methods of [['getUrl'], ['simple']]) {
    emu.state.objectDownloadMethods = methods;
    try {
      const { contentType, data: got } = await download({ name, object: objectClient() });
      assert.equal(contentType, 'text/x-official');
      assert.ok(got instanceof ArrayBuffer);
      assert.deepEqual(Buffer.from(got), data, methods[0]);
    } finally {
      delete emu.state.objectDownloadMethods;
    }
  }
});

async function readAll(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return new Uint8Array(Buffer.concat(chunks));
}

test('as: \'stream\' resolves to a ReadableStream while the data arrives; a retry resumes it, a mismatch errors it', async () => {
  const name = uniqueName('stream');
  const data = randomBytes(300_000);
  await upload(uploadOptions(name, { data }));
  const plain = await download({ name, object: objectClient(), as: 'stream' });
  assert.equal(plain.contentType, 'application/binary');
  assert.ok(plain.data instanceof ReadableStream);
  assert.deepEqual(await readAll(plain.data), data);

  // Cut off halfway: the stream goes on from where it stopped, nothing repeated or lost.
  emu.faults = { pathPrefix: '/__emulator/object-data/', resetMidBodyCount: 2 };
  const resumed = await download({ name, object: objectClient(), as: 'stream', ...FAST });
  assert.deepEqual(await readAll(resumed.data), data);
  assert.equal(emu.faults.resetMidBodyCount, 0);
  emu.faults = {};

  const stored = emu.state.objects.get(name);
  stored.data = Buffer.from(stored.data);
  stored.data[299_999] ^= 1;
  const corrupt = await download({ name, object: objectClient(), as: 'stream' });
  await assert.rejects(readAll(corrupt.data), /^Error: download: sha256 of the data received|download: sha256 of the data received/);
});

test('a hash mismatch rejects with a clear error, is not retried, and aborts the output', async () => {
  const name = uniqueName('tampered');
  await upload(uploadOptions(name, { data: randomBytes(20_000) }));
  const stored = emu.state.objects.get(name);
  stored.data = Buffer.from(stored.data);
  stored.data[100] ^= 1;
  for (const methods of [['getUrl'], ['simple']]) {
    emu.state.objectDownloadMethods = methods;
    let opened = 0;
    const sink = collector();
    try {
      await assert.rejects(
        download({ name, object: objectClient(), streamFactory: () => { opened += 1; return sink.stream; }, ...FAST }),
        (e) => /^download: sha256 of the data received \([0-9a-f]{16}\.\.\.\) does not match the object service's/.test(e.message),
      );
    } finally {
      delete emu.state.objectDownloadMethods;
    }
    assert.equal(opened, 1, 'corrupt data is not fetched again');
    assert.ok(sink.stream.destroyed, 'the output stream is destroyed, never finished');
  }
});

test('an interrupted download is retried from the start; without retries it fails as interrupted', async () => {
  const name = uniqueName('interrupted');
  const data = randomBytes(200_000);
  await upload(uploadOptions(name, { data }));
  emu.faults = { pathPrefix: '/__emulator/object-data/', resetMidBodyCount: 2 };
  let opened = 0;
  const sink = () => { opened += 1; return collector(); };
  let last;
  const result = await download({ name, object: objectClient(), streamFactory: () => (last = sink()).stream, ...FAST });
  assert.equal(result, 'application/binary');
  assert.equal(opened, 3, 'two cut-off attempts, then a whole one');
  assert.deepEqual(new Uint8Array(last.bytes()), data);
  assert.equal(emu.faults.resetMidBodyCount, 0);

  emu.faults = { pathPrefix: '/__emulator/object-data/', resetMidBodyCount: 1 };
  await assert.rejects(download({ name, object: objectClient(), retries: 0 }),
    (e) => e instanceof TransferError && e.transient && /download: the download from .* was interrupted/.test(e.message) && !/signature=/.test(e.message));
  emu.faults = {};
});

test('an upload whose PUT fails is retried with a fresh stream; 4xx answers are not retried', async () => {
  const name = uniqueName('put-retry');
  const data = randomBytes(50_000);
  emu.faults = { pathPrefix: '/__emulator/object-upload/', status500Count: 2 };
  let opened = 0;
  await upload(uploadOptions(name, { streamFactory: () => { opened += 1; return Readable.from([data]); }, contentLength: data.length, ...FAST }));
  emu.faults = {};
  assert.equal(opened, 3);
  assert.deepEqual(new Uint8Array((await download({ name, object: objectClient(), as: 'bytes' })).data), data);

  emu.faults = { pathPrefix: '/__emulator/object-upload/', status500Count: 5 };
  await assert.rejects(upload(uploadOptions(uniqueName('put-fail'), { data, retries: 1, ...FAST })),
    (e) => e instanceof TransferError && e.statusCode === 500 && /upload: PUT .* answered HTTP 500/.test(e.message) && !/signature=/.test(e.message));
  emu.faults = {};

  // A content type the pre-signed URL was not made for: 403, at once.
  opened = 0;
  const wrongType = uploadOptions(uniqueName('put-403'), { streamFactory: () => { opened += 1; return Readable.from([data]); }, contentLength: data.length });
  const { object } = wrongType;
  const proxy = { createUpload: async (n, body) => {
    const answer = await object.createUpload(n, body);
    answer.uploadMethod.putUrl.headers['Content-Type'] = 'text/wrong';
    return answer;
  }, finishUpload: (...a) => object.finishUpload(...a) };
  await assert.rejects(upload({ ...wrongType, object: proxy }), (e) => e.statusCode === 403);
  assert.equal(opened, 1);
});

test('downloadArtifact reads every storage type, latest run and a given run; error artifacts reject with their reason', async () => {
  const queue = new Queue({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 0 });
  const { taskId, contents } = fixture;
  for (const type of ['object', 's3', 'reference', 'privateObject']) {
    const { data } = await downloadArtifact({ taskId, name: FIXTURE_NAMES[type], queue, as: 'bytes' });
    assert.deepEqual(data, contents[type], type);
    const { data: again } = await downloadArtifact({ taskId, runId: 1, name: FIXTURE_NAMES[type], queue, as: 'bytes' });
    assert.deepEqual(again, contents[type], `${type}, runId 1`);
  }
  const run0 = await downloadArtifact({ taskId, runId: 0, name: FIXTURE_NAMES.object, queue, as: 'bytes' });
  assert.deepEqual(run0.data, contents.run0Object);

  const sink = collector();
  assert.equal(await downloadArtifact({ taskId, name: FIXTURE_NAMES.s3, queue, streamFactory: () => sink.stream }), 'text/plain');
  assert.deepEqual(new Uint8Array(sink.bytes()), contents.s3);

  for (const runId of [undefined, 1]) {
    await assert.rejects(downloadArtifact({ taskId, runId, name: FIXTURE_NAMES.error, queue }),
      (e) => e.reason === 'file-missing-on-worker' && /no such file: missing\.txt/.test(e.message) && /^downloadArtifact: /.test(e.message));
  }
});

test('the official downloadArtifact reads the emulator\'s object artifacts (the queue answers as the real one does)', async () => {
  const queue = new official.Queue({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 0 });
  const sink = collector();
  await official.downloadArtifact({ taskId: fixture.taskId, name: FIXTURE_NAMES.object, queue, streamFactory: () => sink.stream });
  assert.deepEqual(new Uint8Array(sink.bytes()), fixture.contents.object);
});

test('object artifacts: a createArtifact with contentLength makes finishArtifact fail, as deployments v97-v106 do', async () => {
  const queue = new Queue({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 0 });
  const name = 'public/with-length.bin';
  const expires = fromNowJSON('1 hour');
  const created = await queue.createArtifact(fixture.taskId, 1, name, { storageType: 'object', expires, contentType: 'text/plain', contentLength: 3 });
  const object = new ObjectClient({ rootUrl: emu.rootUrl, credentials: created.credentials, retries: 0 });
  await upload({ projectId: created.projectId, name: created.name, uploadId: created.uploadId, expires, object, data: new TextEncoder().encode('abc') });
  await assert.rejects(queue.finishArtifact(fixture.taskId, 1, name, { uploadId: created.uploadId }), (e) => e.statusCode === 500);
});

test('the object service checks the hashes given to finishUpload against the data', async () => {
  const object = objectClient();
  const name = uniqueName('bad-hash');
  const body = { projectId: 'proj', uploadId: 'u1', expires: fromNowJSON('1 hour') };
  await object.createUpload(name, { ...body, proposedUploadMethods: { dataInline: { contentType: 'text/plain', objectData: btoa('abc') } } });
  await assert.rejects(object.finishUpload(name, { projectId: 'proj', uploadId: 'u1', hashes: { sha256: 'a'.repeat(64) } }),
    (e) => e.statusCode === 400 && /sha256 does not match/.test(e.body?.message ?? e.message));
});

test('bad options are refused with errors naming the function and option; unknown options too', async () => {
  const object = objectClient();
  const queue = new Queue({ rootUrl: emu.rootUrl });
  const existing = uniqueName('options');
  await upload(uploadOptions(existing, { data: new Uint8Array(3) }));
  const cases = [
    [() => upload(), TypeError, /^upload: options must be an object/],
    [() => upload({ ...uploadOptions('x', { data: new Uint8Array(1) }), bogus: 1 }), TypeError, /^upload: unknown option bogus/],
    [() => upload(uploadOptions('x', {})), TypeError, /^upload: give exactly one of options\.streamFactory, options\.data or options\.file/],
    [() => upload(uploadOptions('x', { data: 'text' })), TypeError, /^upload: options\.data must be/],
    [() => upload(uploadOptions('x', { data: new Uint8Array(2), contentLength: 3 })), RangeError, /contentLength is 3 but options\.data has 2 bytes/],
    [() => upload({ ...uploadOptions('x', { data: new Uint8Array(1) }), object: {} }), TypeError, /^upload: options\.object must be a Object client/],
    [() => download({ name: 'x', object, as: 'json' }), RangeError, /^download: options\.as must be one of arrayBuffer, bytes, blob, stream/],
    [() => download({ name: 'x', object, as: 'blob', file: 'f' }), TypeError, /at most one of/],
    [() => download({ name: 'x', object, retries: -1 }), RangeError, /^download: options\.retries must not be negative/],
    [() => download({ name: existing, object, streamFactory: () => 'not a stream' }), TypeError, /^download: the stream from streamFactory must be a WritableStream or a Node Writable/],
    [() => downloadArtifact({ taskId: 't', name: 'n', queue, runId: -1 }), RangeError, /^downloadArtifact: options\.runId/],
    [() => downloadArtifact({ taskId: 't', name: 'n', queue: {} }), TypeError, /^downloadArtifact: options\.queue must be a Queue client/],
    [() => downloadArtifact({ taskId: 't', name: 'n', queue, maxDelay: 'soon' }), TypeError, /^downloadArtifact: options\.maxDelay must be a number/],
  ];
  for (const [run, type, pattern] of cases) {
    await assert.rejects(run(), (e) => e instanceof type && pattern.test(e.message), String(pattern));
  }
});
