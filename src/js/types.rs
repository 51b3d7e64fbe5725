//! TypeScript declarations for the shapes the exported functions take and return.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** Taskcluster credentials; `certificate` makes them temporary credentials. */
export interface Credentials {
  clientId: string;
  accessToken: string;
  /** The certificate of temporary credentials, as JSON text or as an object. */
  certificate?: string | Certificate | null;
}

/** The certificate of temporary credentials. */
export interface Certificate {
  version: 1;
  scopes: string[];
  /** Milliseconds since the epoch. */
  start: number;
  /** Milliseconds since the epoch. */
  expiry: number;
  seed: string;
  signature: string;
  /** The issuer's clientId, for named temporary credentials. */
  issuer?: string;
}

/** A scope, or a combination of scope expressions. */
export type ScopeExpression = string | { AnyOf: ScopeExpression[] } | { AllOf: ScopeExpression[] };

interface SigningOptions {
  /** An absolute http: or https: URL; the path and query string are signed. */
  url: string;
  credentials: Credentials;
  /** Restrict the request to these scopes (sent in the Hawk ext). */
  authorizedScopes?: string[];
  /** Seconds since the epoch to use as "now" (default: the clock plus localtimeOffsetMsec). */
  timestamp?: number;
  /** Milliseconds to add to the local clock, e.g. from `hawkClockOffset`. */
  localtimeOffsetMsec?: number;
  /** A raw Hawk ext; not allowed together with a certificate or authorizedScopes. */
  ext?: string;
}

export interface HawkHeaderOptions extends SigningOptions {
  /** The HTTP method, in any case. */
  method: string;
  /** The request body to cover with a payload hash. */
  payload?: string;
  /** The payload's content type (default `application/json`). */
  contentType?: string;
  /** Default: 6 random bytes, base64url. */
  nonce?: string;
}

export interface BewitOptions extends SigningOptions {
  /**
   * Seconds the signature stays valid, as in the official clients: absent or 0 means
   * 900 (15 minutes); a negative value makes a link that has already expired.
   */
  expiration?: number;
}

export interface TemporaryCredentialsOptions {
  /** The issuer's clientId (permanent credentials). */
  clientId?: string;
  /** The issuer's accessToken. */
  accessToken?: string;
  /** taskcluster-client's form: the issuer's credentials (then `clientId` is the name). */
  credentials?: Credentials;
  /** When the credentials become valid (default: now). */
  start?: Date | number | string;
  /** When they expire; at most 31 days after start. */
  expiry: Date | number | string;
  /** The scopes the credentials carry (default: none, `[]`). */
  scopes?: string[];
  /** A clientId for named temporary credentials (needs `auth:create-client:<name>`). */
  name?: string;
  /** 44 URL-safe base64 characters; random by default. Only for reproducible tests. */
  seed?: string;
}

/** An object that supplies credentials per request (e.g. rotating credentials in a dashboard). */
export interface CredentialsAgent {
  getCredentials(): Promise<Credentials> | Credentials;
}

/** Options of every service class. */
export interface ClientOptions {
  /** The deployment, e.g. `https://tc.example.com` (`https://taskcluster.net` uses the legacy hosts). */
  rootUrl?: string;
  /** Send requests to `<baseUrl><route>` instead (e.g. a proxy); overrides rootUrl. */
  baseUrl?: string;
  /** `{}` (or no clientId and accessToken) means anonymous. */
  credentials?: Credentials | CredentialsAgent | Record<string, never>;
  /** taskcluster-client-web's option: credentials asked for before each request (and signed URL). */
  credentialAgent?: CredentialsAgent;
  /** Restrict requests to these scopes. */
  authorizedScopes?: string[];
  /** Retries of 5xx, network errors and timeouts (default 5; 4xx are never retried). */
  retries?: number;
  /** Base of the exponential backoff in ms (default 100). */
  delayFactor?: number;
  /** Jitter, 0 to 1 (default 0.25). */
  randomizationFactor?: number;
  /** Longest wait between retries in ms (default 30000). */
  maxDelay?: number;
  /** Per-attempt timeout in ms (default 30000). */
  timeout?: number;
  /** Sent with every request as the `x-taskcluster-trace-id` header. */
  traceId?: string;
  /** Seconds a signed URL stays valid unless the call gives `{expiration}` (default 900). */
  signedUrlExpiration?: number;
  /** `'k8s-dns'`: requests go to `http://taskcluster-<service>` inside a Kubernetes cluster; externalBuildUrl keeps rootUrl. */
  serviceDiscoveryScheme?: 'default' | 'k8s-dns';
  /** Fake mode: methods call these implementations and record their calls in `client.fakeCalls`. */
  fake?: Record<string, (...args: any[]) => unknown> | null;
  /** Accepted for taskcluster-client-web and the events classes; no effect on a service class. */
  exchangePrefix?: string;
  /** Accepted for taskcluster-client; no effect (fetch manages its own connections). */
  agent?: unknown;
  /** Accepted when it matches the class (taskcluster-client-web passes it). */
  serviceName?: string;
  /** Accepted when it matches the class (taskcluster-client-web passes it). */
  serviceVersion?: string;
  /** Accepted for taskcluster-client-web; no effect (a class has its reference). */
  reference?: unknown;
}

// Implemented in JS (pkg-template/), hence `declare`: the package's list of wasm
// exports (scripts/assemble-package.mjs) takes only `export function`.

/**
 * The time `offset` from now or from `reference`, e.g. `fromNow('2 days 3 hours')`,
 * `fromNow('-1 year', deadline)`; no offset (or `''`) means now. Units: y/yr/year(s),
 * mo/month(s), w/wk/week(s), d/day(s), h/hr/hour(s), m/min/minute(s), s/sec/second(s);
 * high to low. A year is 365 days and a month 30, as in taskcluster-client.
 */
export declare function fromNow(offset?: string | null, reference?: Date | number | string): Date;

/** Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`: `fromNowJSON()` is now. */
export declare function fromNowJSON(offset?: string | null, reference?: Date | number | string): string;

/** The fields of an offset; a leading `-` negates them all. */
export interface ParsedTime {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

/** Parses an offset such as `'-2 days 3h'` the way `fromNow` reads it. Throws on anything else. */
export declare function parseTime(offset?: string | null): ParsedTime;

/**
 * Milliseconds to add to the local clock, from an authentic Hawk "Stale timestamp"
 * challenge (a 401's `WWW-Authenticate` header); `null` for anything else.
 */
export declare function hawkClockOffset(wwwAuthenticate: string, credentials: Credentials, nowMs?: number): number | null;

/** Builds a Hawk `Authorization` header for one request. */
export declare function hawkHeader(options: HawkHeaderOptions): string;

/** The bewit for a URL: a signature a GET request carries in its query. */
export declare function bewit(options: BewitOptions): string;

/** The URL with `bewit=...` appended: a link that works without headers until it expires. */
export declare function signUrl(options: BewitOptions): string;

/** Issues temporary credentials signed with the issuer's permanent credentials. */
export declare function createTemporaryCredentials(options: TemporaryCredentialsOptions): TemporaryCredentials;

/**
 * The seed's `scopeMatch`: does `assumed` satisfy any of the scope sets in
 * `requiredScopeSets` (disjunctive normal form)? A `*` expands only in assumed scopes.
 */
export declare function scopeMatch(assumed: string[], requiredScopeSets: string[][]): boolean;

/** Does the array of scopes `scopeset` satisfy `expression`? */
export declare function satisfiesExpression(scopeset: string[], expression: ScopeExpression): boolean;

/** The assumed scopes that satisfy `expression`, or `undefined` when it is not satisfied. */
export declare function scopesSatisfying(scopeset: string[], expression: ScopeExpression): string[] | undefined;

/** What remains of `expression` once `scopes` are given; `null` when nothing remains. */
export declare function removeGivenScopes(scopes: string[], expression: ScopeExpression): ScopeExpression | null;

/** `{AnyOf: [...]}` and `{AllOf: [...]}` simplified: duplicates and nesting removed, scopes sorted. */
export declare function simplifyScopeExpression(expression: ScopeExpression): ScopeExpression;

/** The scopes satisfied by both `a` and `b`, normalized. */
export declare function scopeIntersection(a: string[], b: string[]): string[];

/** The scopes satisfied by `a` or `b`, normalized. */
export declare function scopeUnion(a: string[], b: string[]): string[];

/** Merges two already-normalized scope sets into one normalized set. */
export declare function mergeScopeSets(a: string[], b: string[]): string[];

/** Sorted, with every scope that another scope's `*` covers removed. */
export declare function normalizeScopeSet(scopes: string[]): string[];

/** The order `normalizeScopeSet` sorts by (`a*` before `a`-prefixed scopes). */
export declare function scopeCompare(a: string, b: string): number;

/** Does the assumed `pattern` (possibly ending in `*`) satisfy `scope`? */
export declare function patternMatch(pattern: string, scope: string): boolean;

/** Is `scope` a string of printable ASCII? Never throws. */
export declare function validScope(scope: unknown): boolean;

/** Is `expression` a valid scope expression? Never throws. */
export declare function validExpression(expression: unknown): boolean;

export interface TemporaryCredentials {
  clientId: string;
  accessToken: string;
  /** The certificate, as JSON text. */
  certificate: string;
}
"#;
