// URLs the emulator hands out in place of S3's: pre-signed upload URLs for s3
// artifacts and signed, expiring download URLs for their content. They are
// authenticated by their own signature, never by Hawk, like S3 URLs.
import crypto from 'node:crypto';

export const CONTENT_PATH = '/__emulator/artifact-content/';
export const UPLOAD_PATH = '/__emulator/artifact-upload/';
const TTL_SEC = 30 * 60;

export function createUrlSigner({ rootUrl }) {
  const secret = crypto.randomBytes(32);
  const sign = (text) => crypto.createHmac('sha256', secret).update(text).digest('base64url');
  const contentText = (taskId, runId, name, expires) => `${taskId}\n${runId}\n${name}\n${expires}`;

  return {
    contentUrl(taskId, runId, name) {
      const expires = Math.floor(Date.now() / 1000) + TTL_SEC;
      const signature = sign(contentText(taskId, runId, name, expires));
      return `${rootUrl()}${CONTENT_PATH}${taskId}/${runId}/${encodeURIComponent(name)}`
        + `?expires=${expires}&signature=${signature}`;
    },
    // -> undefined when valid, else why not (S3 error code).
    checkContentSignature(taskId, runId, name, expires, signature) {
      if (!/^\d+$/.test(expires ?? '') || typeof signature !== 'string') return 'AccessDenied';
      if (Number(expires) * 1000 < Date.now()) return 'AccessDenied';
      const expected = Buffer.from(sign(contentText(taskId, runId, name, expires)));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'SignatureDoesNotMatch';
      return undefined;
    },
    // Any emulator path (already percent-encoded), signed like a pre-signed S3
    // URL: ?expires=<s>&signature=<HMAC of path and expiry>.
    signPath(path) {
      const expires = Math.floor(Date.now() / 1000) + TTL_SEC;
      return { url: `${rootUrl()}${path}?expires=${expires}&signature=${sign(`${path}\n${expires}`)}`, expires: new Date(expires * 1000).toJSON() };
    },
    // -> undefined when `path` carries a valid, unexpired signature, else why not (S3 error code).
    checkPath(path, searchParams) {
      const expires = searchParams.get('expires') ?? '';
      const signature = searchParams.get('signature');
      if (!/^\d+$/.test(expires) || typeof signature !== 'string') return 'AccessDenied';
      if (Number(expires) * 1000 < Date.now()) return 'AccessDenied';
      const expected = Buffer.from(sign(`${path}\n${expires}`));
      const given = Buffer.from(signature);
      if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return 'SignatureDoesNotMatch';
      return undefined;
    },
    newUpload() {
      const id = crypto.randomBytes(24).toString('base64url');
      return { id, url: `${rootUrl()}${UPLOAD_PATH}${id}`, expires: new Date(Date.now() + TTL_SEC * 1000).toJSON() };
    },
  };
}
