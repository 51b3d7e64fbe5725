import type { Object as ObjectClient } from './services/Object.js';
import type { Queue } from './services/Queue.js';

/** What a finished `ContentHasher` reports: lowercase hex digests and the byte count. */
export interface ContentHashes {
  sha256: string;
  sha512: string;
  bytes: number;
}

/**
 * Hashes bytes chunk by chunk: `update(chunk)` as data streams, then `digest()`
 * (or `verify(expected)`), which frees the hasher. Call `free()` to drop an unfinished one.
 */
export declare class ContentHasher {
  constructor();
  /** Adds a chunk: a `Uint8Array` (a Node `Buffer` is one), another typed array, a `DataView` or an `ArrayBuffer`. */
  update(chunk: Uint8Array | ArrayBuffer | ArrayBufferView): void;
  /** Bytes hashed so far. */
  readonly bytes: number;
  /** The digests of everything hashed; frees the hasher. */
  digest(): ContentHashes;
  /**
   * Checks the digests against the object service's `hashes` (`{sha256?, sha512?, ...}`):
   * throws when one differs or none can be checked; frees the hasher either way.
   */
  verify(expected: Record<string, string>): ContentHashes;
  /** Drops an unfinished hasher. */
  free(): void;
}

/** Retries of the data transfer (API calls use the client's own options). Defaults as for clients. */
export interface TransferRetryOptions {
  /** Retries after the first attempt (default 5). */
  retries?: number;
  /** Milliseconds; the n-th retry waits about 2^(n-1) x delayFactor (default 100). */
  delayFactor?: number;
  /** Jitter, 0 to 1 (default 0.25). */
  randomizationFactor?: number;
  /** Milliseconds (default 30000). */
  maxDelay?: number;
}

/** A failed data transfer (to or from the URLs the object service hands out). */
export declare class TransferError extends Error {
  name: 'TransferError';
  /** The HTTP status, when there was an answer. */
  statusCode?: number;
  /** The URL without its query (pre-signed URLs carry credentials there). */
  url?: string;
  /** Whether it was worth retrying (5xx, network error, interrupted body). */
  transient: boolean;
}

/** Whole data: read again on every attempt. */
export type UploadData = Uint8Array | ArrayBuffer | ArrayBufferView | Blob;
/** What a `streamFactory` may return for an upload: whole data, a ReadableStream or a Node Readable. */
export type UploadSource = UploadData | ReadableStream<Uint8Array> | AsyncIterable<Uint8Array | string>;

/** A Node Writable stream, as far as downloads use one. */
export interface NodeWritableLike {
  write(chunk: Uint8Array): boolean;
  end(): unknown;
  on(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  destroy?(): unknown;
  readonly destroyed?: boolean;
}
/** Where a download may write: a WritableStream or a Node Writable. */
export type DownloadSink = WritableStream<Uint8Array> | NodeWritableLike;

interface UploadBase extends TransferRetryOptions {
  projectId: string;
  name: string;
  /** When the object expires: a Date or an ISO 8601 string. */
  expires: Date | string;
  /** Default: a random slugid. */
  uploadId?: string;
  /** Default: a Blob's type, else `application/binary`. */
  contentType?: string;
  /** An Object client with credentials for `object:upload:<projectId>:<name>`. */
  object: ObjectClient;
}

/** `upload` options: the data comes from exactly one of `streamFactory`, `data` or `file`. */
export type UploadOptions = UploadBase & (
  | { streamFactory: () => UploadSource | Promise<UploadSource>; contentLength: number; data?: never; file?: never }
  | { data: UploadData; contentLength?: number; streamFactory?: never; file?: never }
  /** Node only: a file path. */
  | { file: string; contentLength?: number; streamFactory?: never; data?: never }
);

/** How the bytes come back when no streamFactory or file is given. */
export interface DownloadOutputTypes {
  arrayBuffer: ArrayBuffer;
  bytes: Uint8Array;
  blob: Blob;
  /** Resolved as soon as the data starts to arrive; errors (instead of closing) on a hash mismatch. */
  stream: ReadableStream<Uint8Array>;
}
export type DownloadOutput = keyof DownloadOutputTypes;

export interface DownloadedData<T> {
  contentType: string;
  data: T;
}

interface DownloadBase extends TransferRetryOptions {
  name: string;
  /** An Object client with credentials for `object:download:<name>`. */
  object: ObjectClient;
}

interface ArtifactBase extends TransferRetryOptions {
  taskId: string;
  /** Default: the latest run. */
  runId?: number;
  name: string;
  /** A Queue client with credentials for `queue:get-artifact:<name>` (it hands out the object credentials). */
  queue: Queue;
}

type ToStream = { streamFactory: () => DownloadSink | Promise<DownloadSink>; file?: never; as?: never };
/** Node only: a file path, written again from the start on each retry. */
type ToFile = { file: string; streamFactory?: never; as?: never };
type ToMemory<K extends DownloadOutput> = { as?: K; streamFactory?: never; file?: never };

/**
 * Uploads an object through the object service: `dataInline` under 8 KiB, else
 * a PUT to a pre-signed URL (retried with a fresh source), then finishUpload
 * with the SHA-256 and SHA-512 computed while the data streamed.
 */
export declare function upload(options: UploadOptions): Promise<void>;

/**
 * Downloads an object (`getUrl` or `simple`), its hashes checked as it streams
 * (a mismatch rejects, without retrying); an interrupted transfer is retried.
 * Resolves to the content type when writing to `streamFactory`/`file`, else to
 * `{contentType, data}` (`as`: `arrayBuffer` by default, `bytes`, `blob` or `stream`).
 */
export declare function download(options: DownloadBase & (ToStream | ToFile)): Promise<string>;
export declare function download<K extends DownloadOutput = 'arrayBuffer'>(options: DownloadBase & ToMemory<K>): Promise<DownloadedData<DownloadOutputTypes[K]>>;

/**
 * Downloads an artifact of any storage type (`s3`, `reference`, `object`;
 * `error` artifacts reject with an Error carrying `reason`), from the given run
 * or the latest one. Resolves like `download`.
 */
export declare function downloadArtifact(options: ArtifactBase & (ToStream | ToFile)): Promise<string>;
export declare function downloadArtifact<K extends DownloadOutput = 'arrayBuffer'>(options: ArtifactBase & ToMemory<K>): Promise<DownloadedData<DownloadOutputTypes[K]>>;
