// Continuation-token paging over listings sorted by a unique key. A token is
// opaque to clients (base64url of the last key served) and names a position,
// not an offset, so entries added during a walk neither repeat nor shift pages.
import { ApiError } from './responses.mjs';

const MAX_LIMIT = 1000;

function decodeToken(token) {
  try {
    const decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (decoded && typeof decoded.after === 'string') return decoded.after;
  } catch {
    // fall through
  }
  throw new ApiError('InvalidRequestArguments', `Invalid continuationToken: ${JSON.stringify(token)}`);
}

// items: array (any order); keyOf(item) -> unique string.
// -> {items, continuationToken?}; continuationToken only when more remain.
export function paginate(items, query, keyOf) {
  const limit = Math.min(MAX_LIMIT, Number.parseInt(query.limit ?? '', 10) || MAX_LIMIT);
  const sorted = [...items].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const after = query.continuationToken !== undefined ? decodeToken(query.continuationToken) : undefined;
  const rest = after === undefined ? sorted : sorted.filter((item) => keyOf(item) > after);
  const page = rest.slice(0, limit);
  const result = { items: page };
  if (rest.length > limit) {
    result.continuationToken = Buffer.from(JSON.stringify({ after: keyOf(page[page.length - 1]) })).toString('base64url');
  }
  return result;
}
