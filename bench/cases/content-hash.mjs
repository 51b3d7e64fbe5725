// 7. Hashing object data: SHA-256 and SHA-512 of 1 MiB fed in 64 KiB chunks,
// as upload/download do, against node:crypto doing the same (what
// taskcluster-client's HashStream runs). One operation = 1 MiB, so ops/s = MiB/s.
import { createHash } from 'node:crypto';

const CHUNK = 64 * 1024;
const DATA = Uint8Array.from({ length: 1024 * 1024 }, (_, i) => (i * 2654435761) >>> 24);
const CHUNKS = Array.from({ length: DATA.length / CHUNK }, (_, i) => DATA.subarray(i * CHUNK, (i + 1) * CHUNK));

export function contentHashCase(ours) {
  const contenders = [
    {
      id: 'ours',
      label: 'ContentHasher (wasm) sha256+sha512, 1 MiB',
      fn: () => {
        const hasher = new ours.ContentHasher();
        for (const chunk of CHUNKS) hasher.update(chunk);
        return hasher.digest().sha512;
      },
    },
    {
      id: 'node',
      label: 'node:crypto sha256+sha512, 1 MiB (taskcluster-client HashStream)',
      fn: () => {
        const sha256 = createHash('sha256');
        const sha512 = createHash('sha512');
        for (const chunk of CHUNKS) {
          sha256.update(chunk);
          sha512.update(chunk);
        }
        sha256.digest('hex');
        return sha512.digest('hex');
      },
    },
  ];
  const warnings = contenders[0].fn() === contenders[1].fn() ? [] : ['content hash: ContentHasher disagrees with node:crypto'];
  return {
    warnings,
    title: 'object data hashing',
    contenders,
    rows: [{ name: 'sha256+sha512 of 1 MiB (MiB/s) vs node:crypto (native, Node only)', ours: 'ours', official: 'node' }],
  };
}
