export * from './node/taskcluster_wasm.js';
export * from './runtime.js';
export * from './objects.js';
export * from './oauth.js';
export * from './services/index.js';

/**
 * Resolves once the wasm is initialised and every export can be used. Already
 * settled in every entry except the `worker` one (Service Workers and other
 * workers bundled with the `worker` condition), where it must be awaited first.
 */
export declare const ready: Promise<void>;

import type { Credentials, ScopeExpression } from './node/taskcluster_wasm.js';
import type * as services from './services/index.js';
import type * as self from './index.js';

/** The package version. */
export declare const version: string;

/** A random v4 slug id that never starts with `-`, as the official clients' `slugid()`. */
export declare function slugid(): string;
export declare namespace slugid {
  /** A random v4 slug id: 22 URL-safe base64 characters. */
  function v4(): string;
  /** A v4 slug id that never starts with `-`. */
  function nice(): string;
}
/**
 * The time `offset` from now or from `reference`, e.g. `fromNow('2 days 3 hours')`;
 * any falsy offset (`undefined`, `null`, `''`, `0`, `false`) means now, as in the official clients.
 */
export declare function fromNow(offset?: string | null | 0 | false, reference?: Date | number | string): Date;
/** Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`: `fromNowJSON()` is now. */
export declare function fromNowJSON(offset?: string | null | 0 | false, reference?: Date | number | string): string;

/** taskcluster-client-web's `request` options: fetch's, plus signing and retries. */
export interface RequestOptions extends Omit<RequestInit, 'credentials' | 'redirect'> {
  /** Credentials to sign with (Hawk), or fetch's credentials mode (default `'omit'`). */
  credentials?: Credentials | RequestCredentials;
  /** A raw Hawk ext (base64 JSON), as client-web takes it; without it a certificate is sent from `credentials`. */
  extra?: string;
  /** Per attempt, in milliseconds (default 30000). */
  timeout?: number;
  retries?: number;
  delayFactor?: number;
  randomizationFactor?: number;
  maxDelay?: number;
}
/**
 * taskcluster-client-web's `request(url, options)`: fetch, Hawk-signed when `credentials`
 * is an object, retried on 5xx and network errors; resolves to the parsed JSON, or null
 * for other content. An error answer rejects with an Error (the server's message)
 * carrying `response` and `body`.
 */
export declare function request(url: string, options?: RequestOptions): Promise<any>;

/**
 * taskcluster-client's `agents`. Requests here go through `fetch`, whose connection
 * pool the runtime manages: these are placeholders whose `destroy()` does nothing.
 */
export declare const agents: {
  readonly http: { readonly protocol: 'http:'; destroy(): void };
  readonly https: { readonly protocol: 'https:'; destroy(): void };
};

/** A random v4 slug id (taskcluster-client-web's `v4`). */
export declare function v4(): string;
/** A v4 slug id that never starts with `-` (taskcluster-client-web's `nice`). */
export declare function nice(): string;

/** Options from TASKCLUSTER_ROOT_URL, TASKCLUSTER_CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN, TASKCLUSTER_CERTIFICATE. */
export interface EnvironmentOptions {
  rootUrl?: string;
  /** Only the variables that are set: a clientId without an accessToken stays incomplete. */
  credentials?: Partial<Credentials> & { certificate?: string };
}
/**
 * taskcluster-client's `fromEnvVars()`: the rootUrl and whatever credentials are
 * set (`process.env` by default; `{}` where there is none). Ignores TASKCLUSTER_PROXY_URL.
 */
export declare function fromEnvVars(env?: Record<string, string | undefined>): EnvironmentOptions;
/**
 * Like `fromEnvVars`; when TASKCLUSTER_PROXY_URL is set (inside a task with the proxy),
 * `{rootUrl: <proxy>}` without credentials: the proxy signs the requests.
 */
export declare function optionsFromEnvironment(env?: Record<string, string | undefined>): EnvironmentOptions;

/** What `credentialInformation` reports. */
export interface CredentialInformation {
  clientId: string;
  type: 'permanent' | 'temporary';
  /** False when the client is disabled, or the credentials are not yet or no longer valid. */
  active: boolean;
  /** Temporary credentials only: the certificate's start. */
  start?: Date;
  /** The earlier of the certificate's expiry and the issuing client's. */
  expiry: Date;
  /** The scopes the auth service grants these credentials (expanded). */
  scopes: string[];
}
/**
 * Asks the deployment's auth service about `credentials` (`auth.client` and
 * `auth.currentScopes`). taskcluster-client-web's order `(credentials, rootUrl)` works too.
 */
export declare function credentialInformation(rootUrl: string, credentials: Credentials): Promise<CredentialInformation>;
export declare function credentialInformation(credentials: Credentials, rootUrl: string): Promise<CredentialInformation>;

/** URL builders bound to one rootUrl (taskcluster-lib-urls' `Urls`). */
export declare class Urls {
  constructor(rootUrl: string);
  /** The rootUrl without trailing slashes. */
  readonly rootUrl: string;
  api(service: string, version: string, path: string): string;
  apiReference(service: string, version: string): string;
  exchangeReference(service: string, version: string): string;
  /** `schema` usually carries the version: `'v1/task.json'`. */
  schema(service: string, schema: string): string;
  apiReferenceSchema(version: string): string;
  exchangesReferenceSchema(version: string): string;
  apiManifestSchema(version: string): string;
  metadataMetaschema(): string;
  apiManifest(): string;
  docs(path: string): string;
  ui(path: string): string;
}
/** `new Urls(rootUrl)`. */
export declare function withRootUrl(rootUrl: string): Urls;
/** taskcluster-lib-urls' whole surface: each builder takes the rootUrl first. */
export declare const urls: {
  readonly api: (rootUrl: string, service: string, version: string, path: string) => string;
  readonly apiReference: (rootUrl: string, service: string, version: string) => string;
  readonly exchangeReference: (rootUrl: string, service: string, version: string) => string;
  readonly schema: (rootUrl: string, service: string, schema: string) => string;
  readonly apiReferenceSchema: (rootUrl: string, version: string) => string;
  readonly exchangesReferenceSchema: (rootUrl: string, version: string) => string;
  readonly apiManifestSchema: (rootUrl: string, version: string) => string;
  readonly metadataMetaschema: (rootUrl: string) => string;
  readonly apiManifest: (rootUrl: string) => string;
  readonly docs: (rootUrl: string, path: string) => string;
  readonly ui: (rootUrl: string, path: string) => string;
  readonly normalizeRootUrl: (rootUrl: string) => string;
  /** `https://tc-tests.example.com`. */
  readonly testRootUrl: () => string;
  readonly withRootUrl: typeof withRootUrl;
  readonly Urls: typeof Urls;
};

/** A scope expression simplified: nesting flattened, duplicates dropped, scopes sorted. */
export declare function simplifyScopeExpression(expression: ScopeExpression): ScopeExpression;
export declare namespace simplifyScopeExpression {
  function isScope(expression: ScopeExpression): expression is string;
  /** The `AnyOf` list, if any (truthy), as taskcluster-lib-scopes returns it. */
  function isAnyOf(expression: ScopeExpression): ScopeExpression[] | undefined;
  /** The `AllOf` list, if any (truthy). */
  function isAllOf(expression: ScopeExpression): ScopeExpression[] | undefined;
  /** Distinct scopes (sorted), AnyOf and AllOf subexpressions (first seen order). */
  function divideSubexpressions(subexpressions: ScopeExpression[]): {
    scopes: string[];
    anyOfs: { AnyOf: ScopeExpression[] }[];
    allOfs: { AllOf: ScopeExpression[] }[];
  };
}
/** taskcluster-lib-scopes' whole surface as one object. */
export declare const scopes: {
  readonly validScope: typeof self.validScope;
  readonly scopeIntersection: typeof self.scopeIntersection;
  readonly scopeUnion: typeof self.scopeUnion;
  readonly patternMatch: typeof self.patternMatch;
  readonly scopeCompare: typeof self.scopeCompare;
  readonly normalizeScopeSet: typeof self.normalizeScopeSet;
  readonly mergeScopeSets: typeof self.mergeScopeSets;
  readonly validExpression: typeof self.validExpression;
  readonly satisfiesExpression: typeof self.satisfiesExpression;
  readonly scopesSatisfying: typeof self.scopesSatisfying;
  readonly removeGivenScopes: typeof self.removeGivenScopes;
  readonly simplifyScopeExpression: typeof simplifyScopeExpression;
};

/** Every service and exchange class by name, like taskcluster-client's `clients`. */
export declare const clients: Readonly<typeof services>;

/** Every export in one object: `import taskcluster from 'taskcluster-wasm'`. */
declare const taskcluster: Readonly<Omit<typeof self, 'default'>>;
export default taskcluster;

