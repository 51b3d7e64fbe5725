// `upload` and `download`: the object service's negotiation (createUpload and
// finishUpload; startDownload) with the data moved over plain HTTP and hashed
// in wasm (SHA-256 and SHA-512) while it streams. Same names, options and
// results as taskcluster-client's helpers.
import { slugidNice } from './taskcluster_wasm.js';
import { ContentHasher } from './content-hasher.js';
import { OUTPUT_TYPES, byteLengthOf, collectingSink, isWholeData, nodeFs, sinkOf, sourceChunks, streamingOutput } from './byte-streams.js';
import { fetchOk, responseChunks, withRetries } from './transfer.js';
import { RETRY_OPTIONS, readingOptions, retrySettings } from './read-options.js';
import { typeOf as describe } from './arguments.js';

/** Uploads smaller than this are also proposed inline (base64 in createUpload), as the official client does. */
export const DATA_INLINE_MAX_SIZE = 8192;
/** The content type of a download whose server names none. */
export const DEFAULT_CONTENT_TYPE = 'application/binary';
/** The data transfer's retry options; API calls use the client's own. */
export { RETRY_OPTIONS };
/** Where a download may go: one of these, or nothing (the bytes are returned, as `as` says). */
export const OUTPUT_OPTIONS = ['streamFactory', 'file', 'as'];

const UPLOAD_OPTIONS = ['projectId', 'name', 'expires', 'uploadId', 'contentType', 'contentLength', 'object',
  'streamFactory', 'data', 'file', ...RETRY_OPTIONS];
const DOWNLOAD_OPTIONS = ['name', 'object', ...OUTPUT_OPTIONS, ...RETRY_OPTIONS];

// Node, Deno and Bun send a request body as it streams; browsers only over
// HTTP/2, so there the body is assembled into a Blob first.
const STREAMS_REQUEST_BODIES = typeof globalThis.process?.versions?.node === 'string';

/** Refuses a non-object and unknown keys. */
export function checkOptions(label, options, allowed) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${label}: options must be an object, got ${describe(options)}`);
  }
  const unknown = Object.keys(options).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw new TypeError(`${label}: unknown option${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}; expected ${allowed.join(', ')}`);
  }
}

export function requireString(label, options, key) {
  if (typeof options[key] !== 'string' || options[key] === '') {
    throw new TypeError(`${label}: options.${key} must be a non-empty string, got ${describe(options[key])}`);
  }
  return options[key];
}

function requireClient(label, client, key, service, methods) {
  if (!methods.every((method) => typeof client?.[method] === 'function')) {
    throw new TypeError(`${label}: options.${key} must be a ${service} client (new ${service}({rootUrl, credentials})), got ${describe(client)}`);
  }
  return client;
}

/** The transfer's retry options, checked now rather than after the first failure. */
export function retryOptionsOf(label, options) {
  return retrySettings(options, label);
}

/**
 * The source's chunks, hashed as they pass and held to exactly `contentLength`
 * bytes; `problem.error` keeps a length error, which no retry can mend.
 */
function hashedSource(label, source, hasher, contentLength) {
  const problem = {};
  const wrongLength = (what) => (problem.error = new RangeError(`${label}: the data has ${what} bytes but contentLength is ${contentLength}`));
  async function* chunks() {
    for await (const chunk of sourceChunks(source, `${label}: the data`)) {
      hasher.update(chunk);
      if (hasher.bytes > contentLength) throw wrongLength('more than that many');
      yield chunk;
    }
    if (hasher.bytes !== contentLength) throw wrongLength(String(hasher.bytes));
  }
  return { chunks: chunks(), problem };
}

// Hashers already finished (digest() and verify() free them); withHasher frees the rest.
const finished = new WeakSet();

/** The digests for finishUpload. Frees the hasher. */
function digestOf(hasher) {
  finished.add(hasher);
  const { sha256, sha512 } = hasher.digest();
  return { sha256, sha512 };
}

/** Runs `body(hasher)` with a fresh hasher that is freed unless `body` finished it. */
async function withHasher(body) {
  const hasher = new ContentHasher();
  try {
    return await body(hasher);
  } finally {
    if (!finished.has(hasher)) hasher.free();
  }
}

/** -> {open(): source, contentLength} from streamFactory, data or file. */
function sourceOf(label, options) {
  const given = ['streamFactory', 'data', 'file'].filter((key) => options[key] !== undefined);
  if (given.length !== 1) {
    throw new TypeError(`${label}: give exactly one of options.streamFactory, options.data or options.file${given.length ? ` (got ${given.join(', ')})` : ''}`);
  }
  let { contentLength } = options;
  if (contentLength !== undefined && !(Number.isSafeInteger(contentLength) && contentLength >= 0)) {
    throw new RangeError(`${label}: options.contentLength must be a non-negative integer, got ${contentLength}`);
  }
  if (options.data !== undefined) {
    const { data } = options;
    if (!isWholeData(data)) throw new TypeError(`${label}: options.data must be a Uint8Array, Buffer, ArrayBuffer or Blob, got ${describe(data)}`);
    const length = byteLengthOf(data);
    if (contentLength !== undefined && contentLength !== length) {
      throw new RangeError(`${label}: options.contentLength is ${contentLength} but options.data has ${length} bytes`);
    }
    return { open: () => data, contentLength: length };
  }
  if (options.file !== undefined) {
    const path = requireString(label, options, 'file');
    const fs = nodeFs(`${label}: options.file`);
    return { open: () => fs.createReadStream(path), contentLength: contentLength ?? fs.statSync(path).size };
  }
  if (typeof options.streamFactory !== 'function') {
    throw new TypeError(`${label}: options.streamFactory must be a function returning the data, got ${describe(options.streamFactory)}`);
  }
  if (contentLength === undefined) throw new TypeError(`${label}: options.contentLength is required with options.streamFactory`);
  return { open: options.streamFactory, contentLength };
}

async function readWhole(label, open, contentLength) {
  return withHasher(async (hasher) => {
    const parts = [];
    for await (const chunk of hashedSource(label, await open(), hasher, contentLength).chunks) parts.push(chunk);
    return { bytes: await new Blob(parts).arrayBuffer(), hashes: digestOf(hasher) };
  });
}

function base64(buffer) {
  const bytes = new Uint8Array(buffer);
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return btoa(text);
}

/** A request body that streams `chunks`. */
function streamOf(chunks) {
  const iterator = chunks[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      const { done, value } = await iterator.next();
      if (done) controller.close(); else controller.enqueue(value);
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** PUTs the data to a pre-signed URL, a fresh source per attempt; -> the hashes of what was sent. */
function putToUrl(label, { url, headers = {} }, open, contentLength, retryOptions) {
  return withRetries(label, retryOptions, () => withHasher(async (hasher) => {
    const { chunks, problem } = hashedSource(label, await open(), hasher, contentLength);
    const init = { method: 'PUT', headers: { ...headers } };
    if (STREAMS_REQUEST_BODIES) {
      init.body = streamOf(chunks);
      init.duplex = 'half';
    } else {
      const parts = [];
      for await (const chunk of chunks) parts.push(chunk);
      init.body = new Blob(parts);
      // Browsers set Content-Length themselves (and refuse to be told).
      for (const key of Object.keys(init.headers)) if (key.toLowerCase() === 'content-length') delete init.headers[key];
    }
    try {
      await fetchOk(label, url, init);
    } catch (error) {
      // A streamed body that broke its promised length fails the request; say why, and do not retry.
      throw problem.error ?? error;
    }
    return digestOf(hasher);
  }));
}

/**
 * Uploads an object: proposes `dataInline` (under 8 KiB) and `putUrl` to
 * `object.createUpload`, sends the data the chosen way (a failed PUT is
 * retried with a fresh source), then `object.finishUpload` with its SHA-256
 * and SHA-512.
 */
export async function upload(options) {
  const label = 'upload';
  const { name, projectId, object, open, contentLength, contentType, uploadId, retryOptions } = readingOptions(label, () => {
    checkOptions(label, options, UPLOAD_OPTIONS);
    if (options.expires === undefined) throw new TypeError(`${label}: options.expires is required (a Date or an ISO 8601 string)`);
    return {
      name: requireString(label, options, 'name'),
      projectId: requireString(label, options, 'projectId'),
      object: requireClient(label, options.object, 'object', 'Object', ['createUpload', 'finishUpload']),
      ...sourceOf(label, options),
      contentType: options.contentType ?? (options.data?.type || DEFAULT_CONTENT_TYPE),
      uploadId: options.uploadId ?? slugidNice(),
      retryOptions: retryOptionsOf(label, options),
    };
  });

  const proposedUploadMethods = {};
  let inline;
  if (contentLength < DATA_INLINE_MAX_SIZE) {
    inline = await readWhole(label, open, contentLength);
    proposedUploadMethods.dataInline = { contentType, objectData: base64(inline.bytes) };
  }
  proposedUploadMethods.putUrl = { contentType, contentLength };

  const { uploadMethod = {} } = await object.createUpload(name, { expires: options.expires, projectId, uploadId, proposedUploadMethods });
  let hashes;
  if (uploadMethod.dataInline && inline) {
    hashes = inline.hashes;
  } else if (uploadMethod.putUrl) {
    hashes = await putToUrl(label, uploadMethod.putUrl, open, contentLength, retryOptions);
  } else {
    throw new Error(`${label}: the object service accepted none of the proposed upload methods (${Object.keys(proposedUploadMethods).join(', ')})`);
  }
  await object.finishUpload(name, { projectId, uploadId, hashes });
}

/**
 * -> {open(): sink, deliver(transfer)} for a download's output options:
 * `deliver` runs the transfer (which resolves to the content type) and
 * resolves to what the download resolves to.
 */
export function outputOf(label, options) {
  const given = ['streamFactory', 'file', 'as'].filter((key) => options[key] !== undefined);
  if (given.length > 1) throw new TypeError(`${label}: give at most one of options.streamFactory, options.file or options.as (got ${given.join(', ')})`);
  if (options.streamFactory !== undefined || options.file !== undefined) {
    let factory = options.streamFactory;
    if (options.file !== undefined) {
      const path = requireString(label, options, 'file');
      const fs = nodeFs(`${label}: options.file`);
      factory = () => fs.createWriteStream(path);
    } else if (typeof factory !== 'function') {
      throw new TypeError(`${label}: options.streamFactory must be a function returning a writable stream, got ${describe(factory)}`);
    }
    return { open: async () => sinkOf(await factory(), `${label}: the stream from streamFactory`), deliver: (transfer) => transfer() };
  }
  const as = options.as ?? 'arrayBuffer';
  if (!OUTPUT_TYPES.includes(as)) throw new RangeError(`${label}: options.as must be one of ${OUTPUT_TYPES.join(', ')}, got ${JSON.stringify(as)}`);
  if (as === 'stream') return streamingOutput(label);
  let collected;
  return {
    open: async () => (collected = collectingSink()),
    deliver: async (transfer) => {
      const contentType = await transfer();
      return { contentType, data: collected.result(as, contentType) };
    },
  };
}

/**
 * Fetches `url` into a fresh sink per attempt, checking the hashes (when
 * `expectedHashes` is given) before the sink is closed. -> the content type.
 */
export function fetchInto(label, { url, expectedHashes, renew }, output, retryOptions) {
  let current = url;
  return withRetries(label, retryOptions, async (attempt) => {
    if (attempt > 1 && renew) current = (await renew()) ?? current;
    const sink = await output.open();
    try {
      const response = await fetchOk(label, current);
      const contentType = response.headers.get('content-type') || DEFAULT_CONTENT_TYPE;
      sink.started?.(contentType);
      await withHasher(async (hasher) => {
        for await (const chunk of responseChunks(label, response, current)) {
          hasher.update(chunk);
          await sink.write(chunk);
        }
        if (expectedHashes !== undefined) verify(label, hasher, expectedHashes);
      });
      await sink.close();
      return contentType;
    } catch (error) {
      await sink.abort(error);
      throw error;
    }
  });
}

function verify(label, hasher, expected) {
  finished.add(hasher);
  try {
    hasher.verify(expected ?? {});
  } catch (error) {
    // The hasher's message says what differs; the caller's function is what failed.
    throw new Error(`${label}: ${String(error.message).replace(/^ContentHasher\.verify: /, '')}`, { cause: error });
  }
}

/**
 * Downloads an object: `object.startDownload` offering `getUrl` and `simple`,
 * then the data, retried from the start when interrupted, its hashes checked
 * as it streams. Resolves to the content type when writing to `streamFactory` or
 * `file`, else to `{contentType, data}` with `data` as `as` asks.
 */
export async function download(options) {
  const label = 'download';
  readingOptions(label, () => checkOptions(label, options, DOWNLOAD_OPTIONS));
  return downloadObject(label, options);
}

export async function downloadObject(label, options) {
  const { name, object, output, retryOptions } = readingOptions(label, () => ({
    name: requireString(label, options, 'name'),
    object: requireClient(label, options.object, 'object', 'Object', ['startDownload', 'object']),
    output: outputOf(label, options),
    retryOptions: retryOptionsOf(label, options),
  }));
  const start = await object.startDownload(name, { acceptDownloadMethods: { getUrl: true, simple: true } });
  if (start.method === 'getUrl') {
    let latest = start;
    // A getUrl URL expires; a retry after that asks for a fresh one.
    const renew = async () => {
      if (!(Date.parse(latest.expires) < Date.now())) return undefined;
      latest = await object.startDownload(name, { acceptDownloadMethods: { getUrl: true } });
      return latest.url;
    };
    return output.deliver(() => fetchInto(label, { url: start.url, expectedHashes: start.hashes, renew }, output, retryOptions));
  }
  if (start.method === 'simple') {
    // A simple download names no hashes; the object's metadata has them.
    const { hashes } = await object.object(name);
    return output.deliver(() => fetchInto(label, { url: start.url, expectedHashes: hashes }, output, retryOptions));
  }
  throw new Error(`${label}: the object service offered no download method this client supports (got ${JSON.stringify(start.method)})`);
}
