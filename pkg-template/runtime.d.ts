import type { ClientOptions, Credentials } from './node/taskcluster_wasm.js';

export type { ClientOptions, Credentials };

/** Any JSON object (payloads and results). */
export type JsonObject = { [key: string]: unknown };

/** A routing-key entry of an exchange, as in the API reference. */
export interface RoutingKeyEntry {
  name: string;
  constant?: string;
  required: boolean;
  multipleWords: boolean;
}

/** What an exchange method returns: where to bind and with which pattern. */
export interface ExchangeBinding {
  exchange: string;
  routingKeyPattern: string;
  routingKeyReference: RoutingKeyEntry[];
}

export interface FunctionReference {
  name: string; method: string; route: string; args: string[]; query: string[]; input: boolean; output: boolean;
}
export interface ServiceReference { name: string; serviceName: string; apiVersion: string; functions: FunctionReference[] }
export interface ExchangesReference {
  name: string; serviceName: string; apiVersion: string; exchangePrefix: string;
  exchanges: { name: string; exchange: string; routingKey: RoutingKeyEntry[] }[];
}

/** The error a failed request rejects with. */
export declare class TaskclusterError extends Error {
  name: 'TaskclusterError';
  /** The service's error code (e.g. `ResourceNotFound`), `RequestTimeout`, `NetworkError` or `HTTP<status>`. */
  code: string;
  statusCode?: number;
  /** The response body: parsed JSON, or the text. */
  body?: unknown;
  /** The HTTP method. */
  method: string;
  url: string;
  /** E.g. `Queue.task`. */
  functionName: string;
  retries: number;
}

/** A method of the client (`queue.getArtifact`) or its name (`'getArtifact'`). */
export type MethodReference = string | ((...args: any[]) => unknown);

/** What `fakeCalls[method]` records per call: the route arguments by name, then `payload` and `query` when given. */
export type FakeCall = { [arg: string]: unknown; payload?: unknown; query?: Record<string, unknown> };

export declare class BaseClient {
  constructor(options: ClientOptions);
  static readonly reference: ServiceReference;
  /** Client classes for every service listed in `<rootUrl>/references/manifest.json`. */
  static fromManifest(rootUrl: string): Promise<Record<string, typeof BaseClient | typeof BaseExchanges>>;
  /** taskcluster-client-web's `Client.create(reference)`: a class for a reference. */
  static create(reference: object): typeof BaseClient | typeof BaseExchanges;
  /** In fake mode (`options.fake`): the calls of each method, in order. */
  fakeCalls?: Record<string, FakeCall[]>;
  /** A new client with these options changed; it shares no state with this one. */
  use(options: Partial<ClientOptions>): this;
  /** taskcluster-client's per-request hook: `use({traceId})`. */
  taskclusterPerRequestInstance(request: { requestId?: string; traceId?: string }): this;
  request(name: string, call?: {
    params?: Record<string, string | number>; payload?: JsonObject; query?: Record<string, unknown>;
    paginationHandler?: (page: JsonObject) => unknown;
  }): Promise<any>;
  buildUrl(method: MethodReference, ...args: unknown[]): string;
  /** buildUrl with the deployment's rootUrl, also under `serviceDiscoveryScheme: 'k8s-dns'`. */
  externalBuildUrl(method: MethodReference, ...args: unknown[]): string;
  /** A string; a Promise of one when the client has the `credentialAgent` option (as in taskcluster-client-web). */
  buildSignedUrl(method: MethodReference, ...args: unknown[]): string;
  /** taskcluster-client-web's name for the synchronous form. */
  buildSignedUrlSync(method: MethodReference, ...args: unknown[]): string;
  buildSignedUrlAsync(method: MethodReference, ...args: unknown[]): Promise<string>;
  externalBuildSignedUrl(method: MethodReference, ...args: unknown[]): string;
  pages(name: string, ...args: unknown[]): AsyncGenerator<JsonObject, void, undefined>;
  paginate<T = any>(name: string, ...args: unknown[]): AsyncGenerator<T, void, undefined>;
  readonly clockOffset: number;
}
export { BaseClient as Client };

export declare class BaseExchanges {
  /** Takes a service client's options too (as taskcluster-client's events classes do); only exchangePrefix matters. */
  constructor(options?: Partial<ClientOptions>);
  static readonly reference: ExchangesReference;
  /** A new instance with these options changed (e.g. `exchangePrefix`); it shares no state with this one. */
  use(options: Partial<ClientOptions>): this;
  /** taskcluster-client's per-request hook: `use({traceId})`. */
  taskclusterPerRequestInstance(request: { requestId?: string; traceId?: string }): this;
}

/** What `makeRequest` resolves to: the shape of the `got` response taskcluster-client's resolves to. */
export interface MakeRequestResponse {
  statusCode: number;
  statusMessage: string;
  /** Lower-case names. */
  headers: Record<string, string>;
  url: string;
  /** Parsed JSON when the answer is `application/json`, else the text. */
  body: any;
}
/**
 * taskcluster-client's `makeRequest`: one request to `url`, signed with `client`'s
 * credentials (certificate, authorizedScopes), with its traceId and timeout; no
 * retries, and a redirect is answered rather than followed (followed in browsers).
 * Rejects for answers other than 2xx/3xx with an Error carrying `statusCode`,
 * `code`, `body` and `response`; a timeout rejects with `code: 'ECONNABORTED'`.
 */
export declare function makeRequest(
  client: BaseClient, method: string, url: string, payload?: unknown, query?: Record<string, unknown> | null,
): Promise<MakeRequestResponse>;

/**
 * taskcluster-client's `config(options)`: defaults for every client made afterwards
 * (its own options win) and the issuer credentials of `createTemporaryCredentials`.
 * Process-wide: prefer passing options, or `client.use(options)`.
 */
export declare function config(options: Partial<ClientOptions>): void;

export declare function serviceClass(reference: ServiceReference): typeof BaseClient;
export declare function exchangeClass(reference: ExchangesReference): typeof BaseExchanges;
export declare function createClient(reference: object, name?: string): typeof BaseClient | typeof BaseExchanges;
/** taskcluster-client's process-wide switch: `config({serviceDiscoveryScheme: scheme})`. */
export declare function setServiceDiscoveryScheme(scheme: 'default' | 'k8s-dns'): void;
