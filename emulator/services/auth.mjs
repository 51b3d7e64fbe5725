// The auth service: clients, roles, scope expansion and the test endpoints
// that let client libraries check their signing against a known credential.
import crypto from 'node:crypto';
import libScopes from 'taskcluster-lib-scopes';
import { ApiError } from '../responses.mjs';
import { paginate } from '../paging.mjs';
import { withToken } from './queue-tasks.mjs';

// The fixed client of testAuthenticate / testAuthenticateGet.
const TESTER = { clientId: 'tester', accessToken: 'no-secret' };
const TEST_GET_SCOPES = ['test:*', 'auth:create-client:test:*'];
const REQUIRED_SCOPES_TEMPLATE = { AllOf: [{ for: 'scope', in: 'requiredScopes', each: '<scope>' }] };

const scopeList = (value, field) => {
  if (!Array.isArray(value) || !value.every(libScopes.validScope)) {
    throw new ApiError('InputValidationError', `${field} must be an array of valid scopes`);
  }
  return value;
};

// Authentication as the `tester` client, whose scopes the request chooses.
function testerAuthentication(scopes) {
  return {
    implicitScopes: [],
    loadClient: (clientId) => {
      if (clientId !== TESTER.clientId) {
        throw new ApiError('AuthenticationFailed', `Client with clientId '${clientId}' not found`);
      }
      return { ...TESTER, scopes };
    },
  };
}

export function createAuthHandlers({ state, clock, expand }) {
  const clientInfo = (c) => ({
    clientId: c.clientId,
    description: c.description,
    expires: c.expires,
    created: c.created,
    lastModified: c.lastModified,
    lastDateUsed: c.lastDateUsed,
    lastRotated: c.lastRotated,
    scopes: c.scopes,
    expandedScopes: expand(c.scopes),
    disabled: c.disabled,
    deleteOnExpiration: c.deleteOnExpiration,
  });
  const roleInfo = (r) => ({ ...r, expandedScopes: expand([`assume:${r.roleId}`]) });
  const requireClient = (clientId) => {
    const client = state.clients.get(clientId);
    if (!client) throw new ApiError('ResourceNotFound', `Client ${clientId} not found`);
    return client;
  };

  const testAuthenticate = (ctx) => {
    const requiredScopes = scopeList(ctx.body.requiredScopes ?? [], 'requiredScopes');
    ctx.authorizeWith(REQUIRED_SCOPES_TEMPLATE, { requiredScopes });
    return { clientId: ctx.identity.clientId, scopes: ctx.identity.scopes };
  };
  // Chosen before the request is authenticated (the body names the scopes).
  testAuthenticate.authentication = (body) => testerAuthentication(scopeList(body?.clientScopes, 'clientScopes'));

  const testAuthenticateGet = (ctx) => {
    ctx.authorizeWith(REQUIRED_SCOPES_TEMPLATE, { requiredScopes: ['test:authenticate-get'] });
    return { clientId: ctx.identity.clientId, scopes: ctx.identity.scopes };
  };
  testAuthenticateGet.authentication = () => testerAuthentication(TEST_GET_SCOPES);

  return {
    listClients: (ctx) => {
      const prefix = ctx.query.prefix ?? '';
      const clients = [...state.clients.values()].filter((c) => c.clientId.startsWith(prefix));
      const page = paginate(clients, ctx.query, (c) => c.clientId);
      return withToken({ clients: page.items.map(clientInfo) }, page);
    },
    client: (ctx) => clientInfo(requireClient(ctx.params.clientId)),
    createClient: (ctx) => {
      const { clientId } = ctx.params;
      const body = ctx.body;
      const scopes = scopeList(body.scopes ?? [], 'scopes');
      if (typeof body.expires !== 'string' || Number.isNaN(Date.parse(body.expires))) {
        throw new ApiError('InputValidationError', 'expires must be a date-time');
      }
      if (typeof body.description !== 'string') throw new ApiError('InputValidationError', 'description must be a string');
      ctx.authorize({ scopes });
      if (state.clients.has(clientId)) throw new ApiError('RequestConflict', `Client ${clientId} already exists`);
      const now = new Date(clock.now()).toJSON();
      const client = {
        clientId,
        accessToken: crypto.randomBytes(33).toString('base64url'),
        description: body.description,
        expires: new Date(body.expires).toJSON(),
        scopes,
        created: now,
        lastModified: now,
        lastDateUsed: now,
        lastRotated: now,
        disabled: false,
        deleteOnExpiration: Boolean(body.deleteOnExpiration),
      };
      state.clients.set(clientId, client);
      return { ...clientInfo(client), accessToken: client.accessToken };
    },
    deleteClient: (ctx) => {
      state.clients.delete(ctx.params.clientId);
      return {};
    },
    listRoles: () => [...state.roles.values()].map(roleInfo),
    listRoleIds: (ctx) => {
      const page = paginate([...state.roles.keys()], ctx.query, (id) => id);
      return withToken({ roleIds: page.items }, page);
    },
    listRoles2: (ctx) => {
      const page = paginate([...state.roles.values()], ctx.query, (r) => r.roleId);
      return withToken({ roles: page.items.map(roleInfo) }, page);
    },
    role: (ctx) => {
      const role = state.roles.get(ctx.params.roleId);
      if (!role) throw new ApiError('ResourceNotFound', `Role ${ctx.params.roleId} not found`);
      return roleInfo(role);
    },
    expandScopes: (ctx) => ({ scopes: expand(scopeList(ctx.body.scopes, 'scopes')) }),
    currentScopes: (ctx) => ({ scopes: ctx.identity.scopes }),
    testAuthenticate,
    testAuthenticateGet,
  };
}
