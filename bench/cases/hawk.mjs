// 1. Hawk Authorization header, plain and with authorizedScopes (ext); 6. the
// bare HMAC-SHA256 baseline is measured in the same group.
import { AUTHORIZED_SCOPES, AUTHORIZED_SCOPES_EXT, CREDENTIALS, HAWK_CREDENTIALS, REQUEST_URL } from '../fixtures.mjs';
import { hmacBaseline } from './baseline.mjs';

const FIXED_TS = 1893456000;
const FIXED_NONCE = 'Ab3dEf';

export function hawkCase(ours, official) {
  const header = (lib, options) => () => lib.client.header(REQUEST_URL, 'GET', { credentials: HAWK_CREDENTIALS, ...options }).header;
  const contenders = [
    { id: 'ours', label: 'hawkHeader', fn: () => ours.hawkHeader({ method: 'GET', url: REQUEST_URL, credentials: CREDENTIALS }) },
    { id: 'hapi', label: '@hapi/hawk 8 client.header', fn: header(official.hapiHawk) },
    { id: 'hawk9', label: 'hawk 9 client.header', fn: header(official.hawk) },
    {
      id: 'oursScopes',
      label: 'hawkHeader + authorizedScopes',
      fn: () => ours.hawkHeader({ method: 'GET', url: REQUEST_URL, credentials: CREDENTIALS, authorizedScopes: AUTHORIZED_SCOPES }),
    },
    // taskcluster-client encodes ext once per client, so the official side gets it precomputed.
    { id: 'hapiExt', label: '@hapi/hawk 8 + precomputed ext', fn: header(official.hapiHawk, { ext: AUTHORIZED_SCOPES_EXT }) },
    { id: 'hawk9Ext', label: 'hawk 9 + precomputed ext', fn: header(official.hawk, { ext: AUTHORIZED_SCOPES_EXT }) },
    // Fixed timestamp and nonce on both sides: signing alone, without clock and RNG.
    {
      id: 'oursFixed',
      label: 'hawkHeader (fixed ts, nonce)',
      fn: () => ours.hawkHeader({ method: 'GET', url: REQUEST_URL, credentials: CREDENTIALS, timestamp: FIXED_TS, nonce: FIXED_NONCE }),
    },
    { id: 'hapiFixed', label: '@hapi/hawk 8 (fixed ts, nonce)', fn: header(official.hapiHawk, { timestamp: FIXED_TS, nonce: FIXED_NONCE }) },
    { id: 'hmac', label: 'node:crypto HMAC-SHA256', fn: hmacBaseline() },
  ];
  const byId = Object.fromEntries(contenders.map((c) => [c.id, c]));
  const warnings = byId.oursFixed.fn() === byId.hapiFixed.fn() ? [] : ['hawk: hawkHeader and @hapi/hawk disagree for a fixed ts and nonce'];
  return {
    title: 'Hawk Authorization header',
    contenders,
    warnings,
    rows: [
      { name: 'Hawk header: hawkHeader vs @hapi/hawk 8', ours: 'ours', official: 'hapi' },
      { name: 'Hawk header: hawkHeader vs hawk 9', ours: 'ours', official: 'hawk9' },
      { name: 'Hawk header + authorizedScopes vs @hapi/hawk 8 (ext)', ours: 'oursScopes', official: 'hapiExt' },
      { name: 'Hawk header + authorizedScopes vs hawk 9 (ext)', ours: 'oursScopes', official: 'hawk9Ext' },
      { name: 'Hawk header, fixed ts+nonce vs @hapi/hawk 8', ours: 'oursFixed', official: 'hapiFixed' },
      { name: 'Baseline: hawkHeader vs bare node:crypto HMAC', ours: 'ours', official: 'hmac', baseline: true },
    ],
  };
}
