// Verifies a request's Hawk header or bewit with the `hawk` package, with the
// same settings as Taskcluster: host and port from the Host header, 15 minutes
// of clock skew, and the payload hash checked whenever the header carries one.
import hawk from 'hawk';
import { ApiError } from './responses.mjs';

const TIMESTAMP_SKEW_SEC = 15 * 60;

export function hasHawkAuthentication(req) {
  return req.headers.authorization !== undefined || /[?&]bewit=/.test(req.url);
}

// credentialsFor(id) -> {key, algorithm} or throws ApiError; its own errors
// win over hawk's wrapping of them. -> the verified Hawk id.
export async function verifyHawk(req, { rawBody, credentialsFor, localtimeOffsetMsec }) {
  let ownFailure;
  const lookup = async (id) => {
    try {
      return await credentialsFor(id);
    } catch (err) {
      ownFailure = err;
      throw err;
    }
  };
  try {
    if (req.headers.authorization !== undefined) {
      const options = { timestampSkewSec: TIMESTAMP_SKEW_SEC, localtimeOffsetMsec };
      if (headerHasHash(req.headers.authorization)) options.payload = rawBody.toString('utf8');
      const { credentials } = await hawk.server.authenticate(req, lookup, options);
      return credentials.id;
    }
    const { credentials } = await hawk.server.authenticateBewit(req, lookup, { localtimeOffsetMsec });
    return credentials.id;
  } catch (err) {
    if (ownFailure) throw ownFailure;
    throw hawkFailure(err);
  }
}

function headerHasHash(header) {
  try {
    return Boolean(hawk.utils.parseAuthorizationHeader(header).hash);
  } catch {
    return false;
  }
}

// Hawk's errors become 401 AuthenticationFailed, keeping hawk's own
// WWW-Authenticate challenge (e.g. the Stale timestamp one with ts and tsm).
function hawkFailure(err) {
  const challenge = err?.output?.headers?.['WWW-Authenticate'];
  const message = err?.message && err.message !== 'Unauthorized'
    ? err.message
    : 'Authorization header is not a valid Hawk header';
  return new ApiError('AuthenticationFailed', message, challenge ? { headers: { 'WWW-Authenticate': challenge } } : {});
}
