// The third-party login's pre-defined OAuth2 clients (a real deployment lists
// them in the web-server's configuration) and the emulated signed-in user.

// Any page served on this machine may be the redirect target, on any port
// (tests and demos listen on ephemeral ports).
const LOOPBACK_PAGE = /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//;

export const USER_IDENTITY = 'emulator/demo-user';

// What the user could grant: a consent's scopes are the intersection of these
// and the scopes asked for.
export const USER_SCOPES = [
  'auth:current-scopes',
  'assume:demo-role:viewer',
  'queue:get-task:*',
  'queue:get-artifact:private/*',
  'secrets:get:project/demo/*',
];

export const REGISTERED_CLIENTS = [
  {
    clientId: 'emulator-implicit',
    responseType: 'token',
    redirectUri: [LOOPBACK_PAGE],
    maxExpires: '1 day',
    whitelisted: false,
    description: 'An app using the implicit flow (consent asked every time)',
  },
  {
    clientId: 'emulator-code',
    responseType: 'code',
    redirectUri: [LOOPBACK_PAGE],
    maxExpires: '1 day',
    whitelisted: false,
    description: 'An app using the authorization-code flow (consent asked every time)',
  },
  {
    clientId: 'emulator-whitelisted',
    responseType: 'code',
    redirectUri: [LOOPBACK_PAGE],
    maxExpires: '1 day',
    whitelisted: true,
    // Whitelisted clients must ask for exactly these scopes.
    scope: ['auth:current-scopes', 'secrets:get:project/demo/*'],
    description: 'A trusted app: no consent page when it asks for its scopes',
  },
];

export function redirectAllowed(registration, uri) {
  return registration.redirectUri.some((allowed) => (allowed instanceof RegExp ? allowed.test(uri) : allowed === uri));
}
