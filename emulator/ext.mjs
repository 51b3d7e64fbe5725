// The Hawk `ext` attribute as Taskcluster uses it: base64 of a JSON object that
// may carry `certificate` (temporary credentials) and `authorizedScopes`.
import hawk from 'hawk';
import { ApiError } from './responses.mjs';

const fail = (message) => { throw new ApiError('AuthenticationFailed', message); };

// The raw ext of a request before it is verified (the key depends on it).
export function rawExtOf(req) {
  if (req.headers.authorization !== undefined) {
    try {
      return hawk.utils.parseAuthorizationHeader(req.headers.authorization).ext;
    } catch {
      return undefined; // hawk reports the malformed header itself
    }
  }
  const bewit = /[?&]bewit=([^&$]*)/.exec(req.url);
  if (!bewit) return undefined;
  try {
    const parts = Buffer.from(bewit[1], 'base64url').toString('utf8').split('\\');
    return parts.length === 4 ? parts[3] : undefined;
  } catch {
    return undefined;
  }
}

// -> {} for no ext, else the decoded object.
export function decodeExt(ext) {
  if (ext === undefined || ext === '') return {};
  let decoded;
  try {
    decoded = JSON.parse(Buffer.from(ext, 'base64').toString('utf8'));
  } catch {
    fail('Failed to parse ext');
  }
  if (decoded === null || typeof decoded !== 'object' || Array.isArray(decoded)) fail('ext must be a JSON object');
  return decoded;
}
