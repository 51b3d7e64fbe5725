// ContentHasher's JS side: chunks cross into wasm 64 KiB at a time (memory stays
// flat), a finished hasher refuses more work by name, and verify compares as the
// object service records hashes. Agreement with node:crypto is in objects.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { installWasmProbe } from '../load/support/wasm-probe.mjs';

const probe = installWasmProbe();
const { ContentHasher } = await import('taskcluster-wasm');

test('a large chunk and many hashers leave the wasm memory as it was', () => {
  const warm = new ContentHasher();
  warm.update(new Uint8Array(100_000));
  warm.digest();
  const before = probe.sample().memoryBytes;
  const large = new ContentHasher();
  large.update(new Uint8Array(8 << 20));
  assert.equal(large.digest().bytes, 8 << 20);
  for (let i = 0; i < 1000; i++) {
    const hasher = new ContentHasher();
    hasher.update(new Uint8Array(100));
    hasher.digest();
  }
  assert.equal(probe.sample().memoryBytes, before, 'wasm memory grew');
});

test('a finished hasher says so by name; verify compares in any case and frees the hasher either way', () => {
  const abc = { sha256: crypto.createHash('sha256').update('abc').digest('hex'), sha512: crypto.createHash('sha512').update('abc').digest('hex') };
  const hasher = new ContentHasher();
  hasher.update(Buffer.from('abc'));
  assert.deepEqual(hasher.verify({ sha512: abc.sha512.toUpperCase(), md5: 'skipped' }), { ...abc, bytes: 3 });
  for (const use of [(h) => h.update(new Uint8Array(1)), (h) => h.bytes, (h) => h.digest(), (h) => h.verify(abc)]) {
    assert.throws(() => use(hasher), /^Error: ContentHasher\.\w+: the hasher is finished/);
  }
  hasher.free(); // harmless when finished
  const refused = new ContentHasher();
  assert.throws(() => refused.verify({ sha256: 5 }), (e) => e instanceof TypeError && /expected\.sha256 must be a string/.test(e.message));
  assert.throws(() => refused.digest(), /finished/);
  const none = new ContentHasher();
  assert.throws(() => none.verify({ md5: 'x' }), /no hash this client can check \(accepted: sha256, sha512\)/);
  const wrong = new ContentHasher();
  wrong.update(Buffer.from('abd'));
  assert.throws(() => wrong.verify({ sha256: abc.sha256, sha512: abc.sha512 }), (e) => e.message.startsWith(`ContentHasher.verify: sha256 of the data received (`)
    && e.message.includes(`does not match the object service's (${abc.sha256.slice(0, 16)}...)`));
  assert.throws(() => new ContentHasher().verify({ get sha256() { throw new Error('boom'); } }), (e) => e instanceof TypeError && /expected could not be read/.test(e.message));
});
