// 6. Baseline: one bare node:crypto HMAC-SHA256 over a Hawk normalized string,
// the unavoidable core of every Hawk header.
import { createHmac } from 'node:crypto';
import { CREDENTIALS } from '../fixtures.mjs';

export function hawkNormalizedString(ts = 1893456000, nonce = 'Ab3dEf') {
  return ['hawk.1.header', ts, nonce, 'GET', '/api/queue/v1/task/fN1SbArXTPSVFNUvaOlinQ/runs/0/artifacts/public%2Flogs%2Flive_backing.log', 'tc.example.com', 443, '', '', ''].join('\n');
}

export function hmacBaseline() {
  const normalized = hawkNormalizedString();
  return () => createHmac('sha256', CREDENTIALS.accessToken).update(normalized).digest('base64');
}
