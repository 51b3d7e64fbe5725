// The third-party login of a deployment (the web-server's /login/oauth/*):
//   GET  /login/oauth/authorize           -> consent page, or straight back for whitelisted clients
//   POST /login/oauth/authorize/decision  (the consent page's form) -> redirect with token/code or error
//   POST /login/oauth/token               code -> {access_token, token_type}
//   GET  /login/oauth/credentials         Bearer access token -> {credentials, expires}
// Every credentials fetch issues a new Taskcluster client with the consented
// scopes, valid for the consented lifetime from then: credentials expire unless
// renewed, and earlier ones stay valid until they expire.
import crypto from 'node:crypto';
import taskcluster from 'taskcluster-client';
import libScopes from 'taskcluster-lib-scopes';
import { send, sendJson } from '../responses.mjs';
import { consentPage, errorPage } from './consent-page.mjs';
import { REGISTERED_CLIENTS, USER_IDENTITY, USER_SCOPES, redirectAllowed } from './registrations.mjs';

const PREFIX = '/login/oauth/';
const CODE_LIFETIME_MS = 10 * 60_000;
const DEFAULT_EXPIRES = '3 days';
const random = () => crypto.randomBytes(24).toString('base64url');

export function createLoginEndpoints({ state, clock, accessTokenLifetimeMs = 60 * 60_000 }) {
  const registrations = new Map(REGISTERED_CLIENTS.map((r) => [r.clientId, { ...r, identity: USER_IDENTITY, disabled: false }]));
  const transactions = new Map(); // id -> {registration, redirectUri, responseType, scopes, lifetimeMs, state}
  const codes = new Map(); // code -> {grant, redirectUri, clientId, expiresAt}
  const tokens = new Map(); // access token -> {grant, expiresAt}
  const grants = []; // {registration, scopes, lifetimeMs, tcClientIds}

  const now = () => clock.now();

  function lifetimeOf(registration, requested) {
    const max = taskcluster.fromNow(registration.maxExpires, new Date(0)).getTime();
    if (requested === null) return Math.min(max, taskcluster.fromNow(DEFAULT_EXPIRES, new Date(0)).getTime());
    let wanted;
    try {
      wanted = taskcluster.fromNow(requested, new Date(0)).getTime();
    } catch {
      return max; // as the web-server: an unreadable expires falls back to the maximum
    }
    return Math.max(1000, Math.min(wanted, max));
  }

  /** Back to the app: the implicit flow answers in the fragment, the code flow in the query. */
  function redirectBack(res, req, { redirectUri, responseType, state: appState }, params) {
    const query = new URLSearchParams(params);
    if (appState !== null) query.set('state', appState);
    const location = responseType === 'token'
      ? `${redirectUri}#${query}`
      : `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}${query}`;
    send(req, res, 302, { Location: location, 'Cache-Control': 'no-store' }, '');
  }

  function refusePage(req, res, status, error, description) {
    send(req, res, status, { 'Content-Type': 'text/html; charset=utf-8' }, errorPage(status, error, description));
  }

  function grant(req, res, transaction) {
    const { registration } = transaction;
    const record = { registration, scopes: transaction.scopes, lifetimeMs: transaction.lifetimeMs, tcClientIds: [] };
    grants.push(record);
    if (transaction.responseType === 'token') {
      const accessToken = random();
      tokens.set(accessToken, { grant: record, expiresAt: now() + accessTokenLifetimeMs });
      redirectBack(res, req, transaction, { access_token: accessToken, token_type: 'Bearer' });
    } else {
      const code = random();
      codes.set(code, {
        grant: record,
        redirectUri: transaction.redirectUri,
        clientId: registration.clientId,
        codeChallenge: transaction.codeChallenge,
        expiresAt: now() + CODE_LIFETIME_MS,
      });
      redirectBack(res, req, transaction, { code });
    }
  }

  function authorize(req, res, query) {
    const registration = registrations.get(query.get('client_id') ?? '');
    const redirectUri = query.get('redirect_uri') ?? '';
    // Without a known client and an allowed redirect target there is nobody to answer to.
    if (!registration || registration.disabled) {
      return refusePage(req, res, 403, 'unauthorized_client', 'Unknown or disabled OAuth2 client');
    }
    if (!redirectAllowed(registration, redirectUri)) {
      return refusePage(req, res, 403, 'unauthorized_client', 'redirect_uri is not registered for this client');
    }
    const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
    const transaction = {
      registration,
      redirectUri,
      responseType: query.get('response_type'),
      scopes: libScopes.scopeIntersection(scopes, USER_SCOPES),
      lifetimeMs: lifetimeOf(registration, query.get('expires')),
      state: query.get('state'),
      codeChallenge: query.get('code_challenge'),
    };
    if (transaction.responseType !== registration.responseType) {
      return redirectBack(res, req, { ...transaction, responseType: registration.responseType },
        { error: 'unsupported_response_type', error_description: `This client uses response_type=${registration.responseType}` });
    }
    if (transaction.codeChallenge !== null && query.get('code_challenge_method') !== 'S256') {
      return redirectBack(res, req, transaction, { error: 'invalid_request', error_description: 'code_challenge_method must be S256' });
    }
    if (!scopes.every(libScopes.validScope) || scopes.length === 0) {
      return redirectBack(res, req, transaction, { error: 'invalid_scope', error_description: 'scope must list valid Taskcluster scopes' });
    }
    if (registration.whitelisted) {
      const same = [...scopes].sort().join(' ') === [...registration.scope].sort().join(' ');
      if (!same) return refusePage(req, res, 403, 'unauthorized_client', 'A whitelisted client must ask for exactly its registered scopes');
      transaction.scopes = scopes;
      return grant(req, res, transaction);
    }
    const transactionId = random();
    transactions.set(transactionId, transaction);
    send(req, res, 302, { Location: `${PREFIX}consent?transaction_id=${transactionId}` }, '');
  }

  function consent(req, res, query) {
    const transaction = transactions.get(query.get('transaction_id') ?? '');
    if (!transaction) return refusePage(req, res, 400, 'invalid_request', 'Unknown or finished sign-in');
    send(req, res, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }, consentPage({
      transactionId: query.get('transaction_id'),
      registration: transaction.registration,
      scopes: transaction.scopes,
      expires: new Date(now() + transaction.lifetimeMs).toJSON(),
    }));
  }

  function decision(req, res, form) {
    const id = form.get('transaction_id') ?? '';
    const transaction = transactions.get(id);
    if (!transaction) return refusePage(req, res, 400, 'invalid_request', 'Unknown or finished sign-in');
    transactions.delete(id);
    if (form.has('cancel')) return redirectBack(res, req, transaction, { error: 'access_denied', error_description: 'User denied access' });
    grant(req, res, transaction);
  }

  function token(req, res, form) {
    const fail = (status, error, description) => sendJson(req, res, status, { error, error_description: description }, { 'Cache-Control': 'no-store' });
    if (form.get('grant_type') !== 'authorization_code') return fail(400, 'unsupported_grant_type', 'Only authorization_code is supported');
    const code = form.get('code');
    if (!code) return fail(400, 'invalid_request', 'Missing required parameter: code');
    const entry = codes.get(code);
    codes.delete(code); // a code is good for one exchange
    if (!entry || entry.expiresAt < now() || entry.redirectUri !== form.get('redirect_uri') || entry.clientId !== form.get('client_id')) {
      return fail(403, 'invalid_grant', 'Invalid authorization code');
    }
    // PKCE (RFC 7636, S256): a code issued with a challenge needs its verifier.
    if (entry.codeChallenge !== null) {
      const verifier = form.get('code_verifier') ?? '';
      if (crypto.createHash('sha256').update(verifier).digest('base64url') !== entry.codeChallenge) {
        return fail(403, 'invalid_grant', 'Invalid PKCE code_verifier');
      }
    }
    if (entry.grant.registration.disabled) return fail(403, 'unauthorized_client', 'The client is disabled');
    const accessToken = random();
    tokens.set(accessToken, { grant: entry.grant, expiresAt: now() + accessTokenLifetimeMs });
    sendJson(req, res, 200, { access_token: accessToken, token_type: 'Bearer' }, { 'Cache-Control': 'no-store' });
  }

  function credentials(req, res) {
    const header = req.headers.authorization ?? '';
    const match = /^bearer\s+(\S+)$/i.exec(header);
    const entry = match ? tokens.get(match[1]) : undefined;
    if (!entry || entry.expiresAt < now()) {
      return send(req, res, 401, { 'WWW-Authenticate': 'Bearer realm="Users", error="invalid_token"', 'Content-Type': 'text/plain' }, 'Unauthorized');
    }
    const { grant: record } = entry;
    if (record.registration.disabled) {
      return sendJson(req, res, 400, { code: 'InputError', message: 'Could not generate credentials for this access token' });
    }
    const client = issueClient(record);
    sendJson(req, res, 200, {
      expires: client.expires,
      credentials: { clientId: client.clientId, accessToken: client.accessToken },
    }, { 'Cache-Control': 'no-store' });
  }

  /** A Taskcluster client with the grant's scopes, valid for the grant's lifetime from now. */
  function issueClient(record) {
    const { registration } = record;
    const clientId = `${registration.identity}/${registration.clientId}-${crypto.randomBytes(4).toString('hex')}`;
    const iso = new Date(now()).toJSON();
    const client = {
      clientId,
      accessToken: random(),
      scopes: record.scopes,
      description: `Client generated by ${registration.identity} for OAuth2 Client ${registration.clientId}`,
      expires: new Date(now() + record.lifetimeMs).toJSON(),
      disabled: false,
      deleteOnExpiration: true,
      created: iso, lastModified: iso, lastDateUsed: iso, lastRotated: iso,
    };
    state.clients.set(clientId, client);
    record.tcClientIds.push(clientId);
    return client;
  }

  return {
    registrations,
    /** The Taskcluster clients issued so far, newest last. */
    get grants() { return grants.map((g) => ({ oauthClientId: g.registration.clientId, scopes: g.scopes, clientIds: [...g.tcClientIds] })); },
    /** Revokes an OAuth2 client: no more sign-ins or credentials, and its Taskcluster clients are disabled. */
    disableClient(oauthClientId) {
      const registration = registrations.get(oauthClientId);
      if (!registration) throw new Error(`no registered OAuth2 client ${oauthClientId}`);
      registration.disabled = true;
      for (const g of grants.filter((each) => each.registration === registration)) {
        for (const id of g.tcClientIds) {
          const client = state.clients.get(id);
          if (client) client.disabled = true;
        }
      }
    },
    /** Answers /login/oauth/* requests; false for any other path. */
    handle(req, res, path, searchParams, rawBody) {
      if (!path.startsWith(PREFIX)) return false;
      const route = `${req.method} ${path.slice(PREFIX.length)}`;
      const form = () => new URLSearchParams(rawBody.toString('utf8'));
      switch (route) {
        case 'GET authorize': authorize(req, res, searchParams); break;
        case 'GET consent': consent(req, res, searchParams); break;
        case 'POST authorize/decision': decision(req, res, form()); break;
        case 'POST token': token(req, res, form()); break;
        case 'GET credentials': credentials(req, res); break;
        default: sendJson(req, res, 404, { code: 'ResourceNotFound', message: `Unknown path ${path}` });
      }
      return true;
    },
  };
}
