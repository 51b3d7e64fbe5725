import type { Credentials, TemporaryCredentials } from './node/taskcluster_wasm.js';

/** The parameters of `<rootUrl>/login/oauth/authorize`. */
export interface OAuthAuthorizeOptions {
  rootUrl: string;
  /** The OAuth2 client registered with the deployment (not a Taskcluster clientId). */
  clientId: string;
  redirectUri: string;
  /** "token" (implicit flow) or "code" (authorization-code flow); the registered client decides. */
  responseType: 'token' | 'code';
  /** Taskcluster scopes the credentials should carry (`*` allowed at the end). */
  scopes: string[];
  /** The credentials' lifetime in `fromNow` form, e.g. "1 hour" (the deployment caps it). */
  expires?: string;
  state: string;
  /** PKCE: the S256 challenge of a verifier from `oauthPkcePair()` (code flow). */
  codeChallenge?: string;
}

/** What a redirect back from the deployment says. */
export type OAuthRedirect =
  | { kind: 'token'; accessToken: string }
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; description?: string }
  | { kind: 'stateMismatch'; message: string };

/** A `/login/oauth/credentials` answer, checked. */
export interface OAuthCredentialsAnswer {
  credentials: Credentials;
  /** When the credentials expire (ms since the epoch). */
  expires: number;
  /** When to fetch fresh ones (ms since the epoch). */
  renewAt: number;
}

/** The URL of the deployment's authorize endpoint for one sign-in; every part is checked first. */
export declare function oauthAuthorizeUrl(options: OAuthAuthorizeOptions): string;

/** `<rootUrl>/login/oauth/<name>`. */
export declare function oauthEndpoint(rootUrl: string, name: 'authorize' | 'token' | 'credentials'): string;

/** Reads the URL the deployment redirected to and checks its `state`. */
export declare function oauthParseRedirect(url: string, responseType: 'token' | 'code', expectedState: string): OAuthRedirect;

/** The body of the code-for-token request (RFC 6749 4.1.3), with PKCE's verifier when given. */
export declare function oauthTokenRequestBody(code: string, redirectUri: string, clientId: string, codeVerifier?: string): string;

/** The access token of a token endpoint answer `{access_token, token_type}` (token_type must be Bearer). */
export declare function oauthTokenAnswer(answer: unknown): string;

/** Checks a `/login/oauth/credentials` answer `{credentials, expires}` and says when to renew it. */
export declare function oauthCredentialsAnswer(answer: unknown, nowMs: number): OAuthCredentialsAnswer;

/** Where an agent keeps its OAuth2 access token. */
export type OAuthStorage = 'memory' | 'session' | 'local';

export interface SignInOptions {
  /** The deployment, e.g. `https://tc.example.com`. */
  rootUrl: string;
  /** The OAuth2 client registered with the deployment (not a Taskcluster clientId). */
  clientId: string;
  /** The page that calls `finishSignIn()`; must be registered for the client. */
  redirectUri: string;
  /** "token" (implicit flow, the default) or "code" (authorization-code flow): whichever the client is registered for. */
  responseType?: 'token' | 'code';
  /** Taskcluster scopes to ask for (`*` allowed at the end). */
  scopes: string[];
  /** The credentials' lifetime in `fromNow` form, e.g. "1 hour" (the deployment caps it). */
  expires?: string;
  /** Where the agent keeps the access token: memory (default), sessionStorage or localStorage. */
  storage?: OAuthStorage;
}

/**
 * Why a sign-in or a credentials fetch failed. `code` is the deployment's OAuth2
 * error (`access_denied`, `invalid_scope`, `unauthorized_client`, `invalid_grant`, ...)
 * or one of ours: `state_mismatch`, `no_pending_sign_in`, `invalid_token` (expired or
 * revoked: sign in again), `credentials_refused`, `not_supported` (no third-party
 * login on this deployment), `signed_out`, `network`, `bad_answer`,
 * `popup_blocked`, `popup_closed`. Never contains a token.
 */
export declare class OAuthError extends Error {
  name: 'OAuthError';
  code: string;
  statusCode?: number;
}

/** Sends this page to the deployment's sign-in; returns the authorize URL. */
export declare function startSignIn(options: SignInOptions): string;

/** Signs in in a popup (call from a click handler); resolves with the agent. */
export declare function signInWithPopup(options: SignInOptions): Promise<OAuthCredentialAgent>;

/**
 * On the redirect page: checks the answer and resolves with the agent (null in a
 * sign-in popup, which hands the answer to its opener and closes).
 */
export declare function finishSignIn(options?: { url?: string }): Promise<OAuthCredentialAgent | null>;

/** Credentials that renew themselves; pass it as `credentials` to any client. */
export declare class OAuthCredentialAgent extends EventTarget {
  constructor(options: { rootUrl: string; accessToken: string; storage?: OAuthStorage });
  /** The agent of an earlier sign-in kept in session (default) or local storage, or null. */
  static restore(options?: { storage?: 'session' | 'local' }): OAuthCredentialAgent | null;
  readonly rootUrl: string;
  readonly credentialsUrl: string;
  readonly signedIn: boolean;
  /** The clientId of the current credentials (undefined before the first fetch). */
  readonly clientId: string | undefined;
  /** When the current credentials expire (null before the first fetch). */
  readonly expires: Date | null;
  /** Current credentials; fetched on first use and again shortly before they expire. */
  getCredentials(): Promise<Credentials>;
  /** Fetches fresh credentials now. */
  renew(): Promise<{ credentials: Credentials; expires: Date }>;
  /** Service clients call this after a 401; the next getCredentials fetches fresh ones. */
  credentialsRejected(): Promise<void>;
  /** Temporary credentials restricted to `scopes` (for a Worker or iframe), expiring with the current credentials or at `expiry`. */
  createTemporaryCredentials(options: { scopes: string[]; expiry?: Date | number | string }): Promise<TemporaryCredentials>;
  /** Forgets the token and credentials, in memory and storage. */
  signOut(): void;
  toJSON(): { rootUrl: string; clientId: string | undefined; expires: Date | null };
}
