// The deployment's fixed clients and roles (present with or without demo data).
// Access tokens are random per start; startEmulator returns them.
import crypto from 'node:crypto';

// Read-only access for everybody (and, implicitly, every client).
export const ANONYMOUS_SCOPES = [
  'auth:current-scopes',
  'auth:expand-scopes',
  'auth:get-client:*',
  'auth:get-role:*',
  'auth:list-clients',
  'auth:list-roles',
  'hooks:get:*',
  'hooks:list-hooks:*',
  'hooks:list-last-fires:*',
  'hooks:status:*',
  'index:find-task:*',
  'index:list-namespaces:*',
  'index:list-tasks:*',
  'queue:get-artifact:public/*',
  'queue:get-task-queue:*',
  'queue:get-task:*',
  'queue:list-artifacts:*',
  'queue:list-dependent-tasks:*',
  'queue:list-task-group:*',
  'queue:list-task-queues',
  'queue:pending-count:*',
  'queue:status:*',
  'secrets:list-secrets',
];

export const ROOT_CLIENT_ID = 'static/taskcluster/root';
export const LIMITED_CLIENT_ID = 'demo/limited';

// The limited client: private artifacts and the demo project's secrets
// (the latter through a role), nothing that creates or changes anything.
export const LIMITED_SCOPES = [
  'assume:demo-role:viewer',
  'queue:get-artifact:private/*',
];

export const ROLES = [
  { roleId: 'anonymous', scopes: ANONYMOUS_SCOPES, description: 'Scopes of every request, signed or not' },
  { roleId: 'demo-role:viewer', scopes: ['secrets:get:project/demo/*'], description: 'Reads the demo project secrets' },
  {
    roleId: 'project-admin:*',
    scopes: ['secrets:get:project/<..>/*', 'secrets:set:project/<..>/*', 'index:insert-task:project.<..>.*', 'assume:hook-id:project-<..>/*'],
    description: 'Parameterized: assume:project-admin:NAME administers project NAME',
  },
  {
    roleId: 'hook-id:project-demo/*',
    scopes: ['queue:create-task:lowest:proj-demo/*', 'queue:scheduler-id:-', 'queue:create-task:project:none', 'queue:route:index.project.demo.*'],
    description: 'What tasks created by the demo hooks may do',
  },
];

export function installDeploymentConfig(state, nowIso) {
  const timestamps = { created: nowIso, lastModified: nowIso, lastDateUsed: nowIso, lastRotated: nowIso };
  const client = (clientId, scopes, description) => ({
    clientId,
    accessToken: crypto.randomBytes(33).toString('base64url'),
    scopes,
    description,
    expires: '3000-01-01T00:00:00.000Z',
    disabled: false,
    deleteOnExpiration: false,
    ...timestamps,
  });
  state.clients.set(ROOT_CLIENT_ID, client(ROOT_CLIENT_ID, ['*'], 'Root client of the emulated deployment'));
  state.clients.set(LIMITED_CLIENT_ID, client(LIMITED_CLIENT_ID, LIMITED_SCOPES, 'Demo client with read-only scopes'));
  for (const role of ROLES) {
    state.roles.set(role.roleId, { ...role, created: nowIso, lastModified: nowIso });
  }
}
