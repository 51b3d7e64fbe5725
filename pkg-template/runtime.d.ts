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

export declare class BaseClient {
  constructor(options: ClientOptions);
  static readonly reference: ServiceReference;
  /** Client classes for every service listed in `<rootUrl>/references/manifest.json`. */
  static fromManifest(rootUrl: string): Promise<Record<string, typeof BaseClient | typeof BaseExchanges>>;
  request(name: string, call?: {
    params?: Record<string, string | number>; payload?: JsonObject; query?: Record<string, unknown>;
    paginationHandler?: (page: JsonObject) => unknown;
  }): Promise<any>;
  buildUrl(name: string, ...args: unknown[]): string;
  buildSignedUrl(name: string, ...args: unknown[]): string;
  buildSignedUrlAsync(name: string, ...args: unknown[]): Promise<string>;
  pages(name: string, ...args: unknown[]): AsyncGenerator<JsonObject, void, undefined>;
  paginate<T = any>(name: string, ...args: unknown[]): AsyncGenerator<T, void, undefined>;
  readonly clockOffset: number;
}
export { BaseClient as Client };

export declare class BaseExchanges {
  constructor(options?: { rootUrl?: string; exchangePrefix?: string });
  static readonly reference: ExchangesReference;
}

export declare function serviceClass(reference: ServiceReference): typeof BaseClient;
export declare function exchangeClass(reference: ExchangesReference): typeof BaseExchanges;
export declare function createClient(reference: object, name?: string): typeof BaseClient | typeof BaseExchanges;
