// ContentHasher: SHA-256 and SHA-512 of data as it streams, for the object
// service's uploads (hashes to send) and downloads (hashes to check). The bytes
// are hashed in wasm; reading chunks and comparing digests happen here.
import { Sha2Hasher } from './taskcluster_wasm.js';
import { object, text, typeOf } from './arguments.js';
import { readingOptions } from './read-options.js';

// Chunks cross into wasm this much at a time, so a huge chunk never grows the
// module's memory (which never shrinks).
const COPY_SIZE = 64 * 1024;
// The hashes the object service accepts (and checks on download).
const ACCEPTED_ALGORITHMS = ['sha256', 'sha512'];
const SHOWN_HEX = 16;
// wasm hands both digests over as one string: SHA-256's 64 hex digits, then SHA-512's 128.
const SHA256_HEX_DIGITS = 64;

/** The bytes of a chunk as a Uint8Array view (no copy), or a TypeError. */
function byteView(chunk) {
  if (chunk instanceof Uint8Array) return chunk;
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  throw new TypeError(`ContentHasher.update: chunk must be a Uint8Array, an ArrayBuffer or an ArrayBufferView, got ${typeOf(chunk)}`);
}

/** `{sha256, sha512, bytes}` of a wasm hasher, which this frees. */
function digestOf(hasher) {
  const bytes = hasher.bytes;
  const hex = hasher.digest();
  return { sha256: hex.slice(0, SHA256_HEX_DIGITS), sha512: hex.slice(SHA256_HEX_DIGITS), bytes };
}

/**
 * Hashes bytes chunk by chunk: `update(chunk)` as data streams, then `digest()`
 * (or `verify(expected)`), which frees the hasher. Call `free()` to drop an unfinished one.
 */
export class ContentHasher {
  #hasher = new Sha2Hasher();

  #live(label) {
    if (this.#hasher === null) throw new Error(`${label}: the hasher is finished (digest, verify or free was called)`);
    return this.#hasher;
  }

  /** The wasm hasher, handed over: this one is finished. */
  #take(label) {
    const hasher = this.#live(label);
    this.#hasher = null;
    return hasher;
  }

  /** Adds a chunk: a `Uint8Array` (a Node `Buffer` is one), another typed array, a `DataView` or an `ArrayBuffer`. */
  update(chunk) {
    const bytes = byteView(chunk);
    const hasher = this.#live('ContentHasher.update');
    for (let offset = 0; offset < bytes.length; offset += COPY_SIZE) hasher.update(bytes.subarray(offset, offset + COPY_SIZE));
  }

  /** Bytes hashed so far. */
  get bytes() {
    return this.#live('ContentHasher.bytes').bytes;
  }

  /** The digests of everything hashed (lowercase hex) and the byte count; frees the hasher. */
  digest() {
    return digestOf(this.#take('ContentHasher.digest'));
  }

  /**
   * Checks the digests against the object service's `hashes` (`{sha256?, sha512?, ...}`):
   * every one this client can compute must match, and at least one must be of an
   * accepted algorithm (others are skipped: the service may add some). Throws when
   * one differs or none can be checked; frees the hasher either way.
   */
  verify(expected) {
    const label = 'ContentHasher.verify';
    const hasher = this.#take(label);
    let hashes;
    try {
      const wanted = readingOptions(label, () => Object.entries(object(expected, label, 'expected')), 'expected');
      for (const [algorithm, want] of wanted) text(want, label, `expected.${algorithm}`);
      hashes = digestOf(hasher);
      const checkable = wanted.filter(([algorithm]) => ACCEPTED_ALGORITHMS.includes(algorithm));
      for (const [algorithm, want] of checkable) {
        const got = hashes[algorithm];
        if (got !== want.replace(/[A-F]/g, (c) => c.toLowerCase())) {
          throw new Error(`${label}: ${algorithm} of the data received (${got.slice(0, SHOWN_HEX)}...) does not match the object service's (${want.slice(0, SHOWN_HEX)}...): the data is corrupt`);
        }
      }
      if (checkable.length === 0) throw new Error(`${label}: the object service recorded no hash this client can check (accepted: ${ACCEPTED_ALGORITHMS.join(', ')})`);
    } finally {
      if (hashes === undefined) hasher.free();
    }
    return hashes;
  }

  /** Drops an unfinished hasher (a finished one is already freed). */
  free() {
    this.#hasher?.free();
    this.#hasher = null;
  }
}
