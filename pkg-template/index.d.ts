export * from './node/taskcluster_wasm.js';
export * from './runtime.js';
export * from './oauth.js';
export * from './services/index.js';

/**
 * Resolves once the wasm is initialised and every export can be used. Already
 * settled in every entry except the `worker` one (Service Workers and other
 * workers bundled with the `worker` condition), where it must be awaited first.
 */
export declare const ready: Promise<void>;

/** The package version. */
export declare const version: string;

/** A random v4 slug id: 22 URL-safe base64 characters. */
export declare function slugid(): string;
export declare namespace slugid {
  /** A random v4 slug id. */
  function v4(): string;
  /** A v4 slug id that never starts with `-`. */
  function nice(): string;
}
