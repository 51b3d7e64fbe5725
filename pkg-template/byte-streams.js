// What callers hand to uploads and downloads, in Node and in browsers: bytes
// (Uint8Array/Buffer, ArrayBuffer, views), Blobs, WHATWG streams, Node streams
// and, in Node, file paths. Everything becomes chunks of Uint8Array.

const kindOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'object' ? (value.constructor?.name ?? 'an object') : typeof value);

const isBlob = (value) => typeof Blob !== 'undefined' && value instanceof Blob;

export const isBytes = (value) => value instanceof ArrayBuffer || ArrayBuffer.isView(value);

function asUint8Array(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

/** The length of data given whole (bytes or a Blob), else undefined. */
export function byteLengthOf(data) {
  if (isBlob(data)) return data.size;
  if (isBytes(data)) return data.byteLength;
  return undefined;
}

/** Whether `data` can be given to upload as `data` (it can be read again on a retry). */
export const isWholeData = (data) => isBlob(data) || isBytes(data);

/**
 * The chunks of an upload source: bytes, a Blob, a ReadableStream, or a Node
 * Readable (any async iterable of bytes or strings).
 */
export async function* sourceChunks(source, what) {
  if (isBytes(source)) {
    yield asUint8Array(source);
    return;
  }
  const stream = isBlob(source) ? source.stream() : source;
  if (typeof stream?.getReader === 'function') {
    const reader = stream.getReader();
    try {
      for (let step = await reader.read(); !step.done; step = await reader.read()) yield chunkOf(step.value, what);
    } finally {
      reader.cancel().catch(() => {});
      reader.releaseLock();
    }
    return;
  }
  if (typeof stream?.[Symbol.asyncIterator] === 'function') {
    for await (const chunk of stream) yield chunkOf(chunk, what);
    return;
  }
  throw new TypeError(`${what} must be a Uint8Array, ArrayBuffer, Blob, ReadableStream or Node Readable stream, got ${kindOf(source)}`);
}

const encoder = new TextEncoder();

function chunkOf(chunk, what) {
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (isBytes(chunk)) return asUint8Array(chunk);
  throw new TypeError(`${what} produced a chunk that is not bytes (${kindOf(chunk)})`);
}

/** Resolves on `event`, rejects on 'error' (a Node EventEmitter). */
function once(emitter, event) {
  return new Promise((resolve, reject) => {
    const done = (error) => {
      emitter.off(event, onEvent);
      emitter.off('error', onError);
      if (error) reject(error); else resolve();
    };
    const onEvent = () => done();
    const onError = (error) => done(error ?? new Error('stream error'));
    emitter.on(event, onEvent);
    emitter.on('error', onError);
  });
}

/**
 * Where one download attempt writes: a WritableStream or a Node Writable.
 * -> {write(chunk), close(), abort(error)}
 */
export function sinkOf(destination, what) {
  if (typeof destination?.getWriter === 'function') {
    const writer = destination.getWriter();
    return {
      write: (chunk) => writer.write(chunk),
      close: () => writer.close(),
      abort: (error) => writer.abort(error).catch(() => {}),
    };
  }
  if (typeof destination?.write === 'function' && typeof destination.end === 'function' && typeof destination.on === 'function') {
    return {
      async write(chunk) {
        if (destination.destroyed) throw new Error(`${what} was destroyed while the download was written to it`);
        if (!destination.write(chunk)) await once(destination, 'drain');
      },
      async close() {
        const finished = once(destination, 'finish');
        destination.end();
        await finished;
      },
      // Destroying without an error: an 'error' event nobody listens to would crash the process.
      abort: () => destination.destroy?.(),
    };
  }
  throw new TypeError(`${what} must be a WritableStream or a Node Writable stream, got ${kindOf(destination)}`);
}

/** How a download without a streamFactory hands back its bytes (`as`). */
export const OUTPUT_TYPES = ['arrayBuffer', 'bytes', 'blob', 'stream'];

/** A sink that keeps the chunks of one attempt; `result(as, contentType)` assembles them. */
export function collectingSink() {
  const chunks = [];
  return {
    write: async (chunk) => { chunks.push(chunk); },
    close: async () => {},
    abort: () => { chunks.length = 0; },
    result(as, contentType) {
      if (as === 'blob') return new Blob(chunks, { type: contentType });
      const bytes = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0));
      let offset = 0;
      for (const chunk of chunks) {
        bytes.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return as === 'bytes' ? bytes : bytes.buffer;
    },
  };
}

/**
 * A download handed back as a ReadableStream while it runs. `deliver`
 * resolves when the first response arrives; a retry resumes the stream where
 * it stopped (the data is fetched and hashed again from the start, the bytes
 * already delivered are skipped); a failure, a hash mismatch included, errors
 * the stream instead of closing it. Cancelling the stream stops the transfer.
 */
export function streamingOutput(label) {
  let controller;
  let wake;
  let cancelled = false;
  let delivered = 0;
  let announce;
  const stream = new ReadableStream({
    start(c) { controller = c; },
    pull() { wake?.(); },
    cancel() { cancelled = true; wake?.(); },
  });
  const room = () => (controller.desiredSize > 0 || cancelled ? undefined : new Promise((resolve) => { wake = () => { wake = undefined; resolve(); }; }));
  return {
    async open() {
      let position = 0;
      return {
        started: (contentType) => announce?.(contentType),
        async write(chunk) {
          if (cancelled) throw new Error(`${label}: the stream was cancelled`);
          const skip = Math.min(chunk.byteLength, Math.max(0, delivered - position));
          position += chunk.byteLength;
          if (skip === chunk.byteLength) return;
          controller.enqueue(chunk.subarray(skip));
          delivered = position;
          await room();
        },
        close: async () => controller.close(),
        abort: () => {}, // the transfer may be retried; `deliver` reports the final failure
      };
    },
    deliver(transfer) {
      return new Promise((resolve, reject) => {
        announce = (contentType) => {
          announce = undefined;
          resolve({ contentType, data: stream });
        };
        transfer().catch((error) => {
          if (announce) reject(error);
          else if (!cancelled) controller.error(error);
        });
      });
    },
  };
}

/** Node's fs module, where the runtime has one (Node >= 20.16, Deno, Bun). */
export function nodeFs(what) {
  const fs = globalThis.process?.getBuiltinModule?.('node:fs');
  if (!fs) throw new TypeError(`${what}: file paths need Node (20.16 or later); elsewhere pass data or a streamFactory`);
  return fs;
}
