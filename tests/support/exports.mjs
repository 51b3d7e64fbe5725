// The names the contract (docs/js-api.md) says every entry exports.
export const FUNCTIONS = [
  'hawkHeader', 'bewit', 'signUrl', 'hawkClockOffset',
  'createTemporaryCredentials',
  'scopeMatch', 'satisfiesExpression', 'removeGivenScopes', 'scopeIntersection',
  'scopeUnion', 'normalizeScopeSet', 'mergeScopeSets', 'scopeCompare', 'patternMatch',
  'scopesSatisfying', 'simplifyScopeExpression', 'validScope', 'validExpression',
  'fromNow', 'fromNowJSON', 'parseTime',
  'slugid', 'nice', 'v4',
  'credentialInformation', 'fromEnvVars', 'optionsFromEnvironment', 'withRootUrl', 'Urls',
  'startSignIn', 'signInWithPopup', 'finishSignIn',
  'oauthAuthorizeUrl', 'oauthNewState', 'oauthEndpoint', 'oauthParseRedirect',
  'oauthTokenRequestBody', 'oauthTokenAnswer', 'oauthCredentialsAnswer', 'oauthPkcePair',
  'upload', 'download', 'downloadArtifact',
];
export const OTHERS = ['ScopeSet', 'urls', 'scopes', 'clients', 'version', 'OAuthCredentialAgent', 'OAuthError', 'ContentHasher', 'TransferError'];
export const ALL_NAMES = [...FUNCTIONS, ...OTHERS];

export const URL_FUNCTIONS = [
  'api', 'apiReference', 'exchangeReference', 'schema', 'apiManifest',
  'apiReferenceSchema', 'exchangesReferenceSchema', 'apiManifestSchema',
  'metadataMetaschema', 'docs', 'ui', 'normalizeRootUrl', 'testRootUrl',
];
export const SLUGID_FUNCTIONS = ['v4', 'nice'];

export const SLUG_RE = /^[A-Za-z0-9_-]{22}$/;
