// The browser benchmark's comparisons, run inside the page. `libs` holds the
// bundles: ours (taskcluster-wasm), web (taskcluster-client-web with polyfills,
// plus the hawk it uses), scopes (taskcluster-lib-scopes) and wc (Web Crypto).
import {
  ARTIFACT, ASSUMED_SCOPES, CREDENTIALS, FROM_NOW_OFFSET, FROM_NOW_REFERENCE, HAWK_CREDENTIALS, REQUEST_URL, ROOT_URL, RUN_ID,
  SCOPE_EXPRESSION, TASK_ID, TEMP_EXPIRY, TEMP_SCOPES, TEMP_START,
} from '../fixtures.mjs';

const FIXED = { timestamp: 1893456000, nonce: 'Ab3dEf' };

export async function browserCases({ ours, web, scopes, wc }) {
  const hawkOptions = { method: 'GET', url: REQUEST_URL, credentials: CREDENTIALS };
  const options = { rootUrl: ROOT_URL, credentials: CREDENTIALS };
  const oursQueue = new ours.Queue(options);
  const webQueue = new web.Queue(options);
  const prepared = new ours.ScopeSet(ASSUMED_SCOPES);
  const tempOptions = { credentials: CREDENTIALS, start: TEMP_START, expiry: TEMP_EXPIRY, scopes: TEMP_SCOPES };

  const warnings = [];
  const fixedOurs = ours.hawkHeader({ ...hawkOptions, ...FIXED });
  if (fixedOurs !== (await wc.hawkHeader({ ...hawkOptions, ...FIXED }))) warnings.push('hawk: hawkHeader and the Web Crypto header disagree for a fixed ts and nonce');
  const fixedWeb = web.hawk.client.header(REQUEST_URL, 'GET', { credentials: HAWK_CREDENTIALS, ...FIXED }).header;
  if (fixedOurs !== fixedWeb) warnings.push("hawk: hawkHeader and client-web's hawk disagree for a fixed ts and nonce");
  const signed = { url: REQUEST_URL, credentials: CREDENTIALS, timestamp: FIXED.timestamp };
  if (ours.signUrl(signed) !== (await wc.signUrl(signed))) warnings.push('signUrl and the Web Crypto signed URL disagree for a fixed time');

  return { warnings, groups: [
    {
      title: 'Hawk Authorization header',
      contenders: [
        { id: 'ours', label: 'hawkHeader', fn: () => ours.hawkHeader(hawkOptions) },
        { id: 'web', label: "client-web's hawk client.header", fn: () => web.hawk.client.header(REQUEST_URL, 'GET', { credentials: HAWK_CREDENTIALS }).header },
        { id: 'wc', label: 'Web Crypto', async: true, fn: () => wc.hawkHeader(hawkOptions) },
      ],
      rows: [
        { name: 'Hawk header: hawkHeader vs client-web (hawk + polyfills)', ours: 'ours', official: 'web' },
        { name: 'Hawk header: hawkHeader vs Web Crypto', ours: 'ours', official: 'wc' },
      ],
    },
    {
      title: 'Signed URL',
      contenders: [
        { id: 'oursQueue', label: 'Queue.buildSignedUrl', fn: () => oursQueue.buildSignedUrl('getArtifact', TASK_ID, RUN_ID, ARTIFACT) },
        { id: 'oursSignUrl', label: 'signUrl', fn: () => ours.signUrl({ url: REQUEST_URL, credentials: CREDENTIALS }) },
        { id: 'web', label: 'client-web Queue.buildSignedUrl', async: true, fn: () => webQueue.buildSignedUrl(webQueue.getArtifact, TASK_ID, RUN_ID, ARTIFACT) },
        { id: 'wc', label: 'Web Crypto', async: true, fn: () => wc.signUrl({ url: REQUEST_URL, credentials: CREDENTIALS }) },
      ],
      rows: [
        { name: 'Signed URL: Queue.buildSignedUrl vs client-web', ours: 'oursQueue', official: 'web' },
        { name: 'Signed URL: signUrl vs Web Crypto', ours: 'oursSignUrl', official: 'wc' },
      ],
    },
    {
      title: 'Temporary credentials',
      contenders: [
        { id: 'ours', label: 'createTemporaryCredentials', fn: () => ours.createTemporaryCredentials({ ...CREDENTIALS, start: TEMP_START, expiry: TEMP_EXPIRY, scopes: TEMP_SCOPES }) },
        { id: 'web', label: 'client-web', fn: () => web.createTemporaryCredentials(tempOptions) },
        { id: 'wc', label: 'Web Crypto', async: true, fn: () => wc.createTemporaryCredentials(tempOptions) },
      ],
      rows: [
        { name: 'createTemporaryCredentials vs client-web', ours: 'ours', official: 'web' },
        { name: 'createTemporaryCredentials vs Web Crypto', ours: 'ours', official: 'wc' },
      ],
    },
    {
      title: 'fromNow',
      contenders: [
        { id: 'ours', label: 'fromNow', fn: () => ours.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
        { id: 'web', label: 'client-web fromNow', fn: () => web.fromNow(FROM_NOW_OFFSET, FROM_NOW_REFERENCE) },
      ],
      rows: [{ name: "fromNow('2 days 3 hours') vs client-web", ours: 'ours', official: 'web' }],
    },
    {
      title: 'Scope check',
      contenders: [
        { id: 'ours', label: 'satisfiesExpression', fn: () => ours.satisfiesExpression(ASSUMED_SCOPES, SCOPE_EXPRESSION) },
        { id: 'oursPrepared', label: 'ScopeSet#satisfies', fn: () => prepared.satisfies(SCOPE_EXPRESSION) },
        { id: 'libScopes', label: 'taskcluster-lib-scopes (bundled)', fn: () => scopes.satisfiesExpression(ASSUMED_SCOPES, SCOPE_EXPRESSION) },
      ],
      rows: [
        { name: 'Scopes: satisfiesExpression vs taskcluster-lib-scopes', ours: 'ours', official: 'libScopes' },
        { name: 'Scopes: prepared ScopeSet vs taskcluster-lib-scopes', ours: 'oursPrepared', official: 'libScopes' },
      ],
    },
  ] };
}
