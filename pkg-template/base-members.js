// The members of the runtime's base classes. A generated API method must not
// shadow one: such a function stays in the reference (so `client.request(name,
// ...)` reaches it) but gets no method. Read by runtime.js and by
// scripts/gen-clients.mjs (which leaves those methods out of the typings).
export const BASE_CLIENT_MEMBERS = Object.freeze([
  'constructor', 'request', 'buildUrl', 'externalBuildUrl', 'buildSignedUrl', 'buildSignedUrlSync',
  'buildSignedUrlAsync', 'externalBuildSignedUrl', 'pages', 'paginate', 'clockOffset', 'use',
  'taskclusterPerRequestInstance', 'fakeCalls',
]);

export const BASE_EXCHANGES_MEMBERS = Object.freeze(['constructor', 'use', 'taskclusterPerRequestInstance']);
