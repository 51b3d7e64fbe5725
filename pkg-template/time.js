// fromNow and fromNowJSON, with the offset's milliseconds computed in wasm from
// the string alone and the Date built here. Anything else (bad offsets, a
// reference that is not a Date, results outside the range of dates) goes to
// the checked wasm functions, which throw the error that names the argument.
import { fromNow as checkedFromNow, fromNowJSON as checkedFromNowJSON, offsetMs } from './taskcluster_wasm.js';

// Programs pass a handful of literal offsets ('1 day', '2 hours') again and
// again: their milliseconds are kept, the least recently added dropped first.
const MAX_CACHED_OFFSETS = 32;
// Only offsets of a literal's length are kept, so the cache stays small.
const MAX_CACHED_LENGTH = 64;
const cachedOffsets = new Map();

function offsetMilliseconds(offset) {
  let ms = cachedOffsets.get(offset);
  if (ms === undefined) {
    ms = offsetMs(offset);
    if (Number.isNaN(ms) || offset.length > MAX_CACHED_LENGTH) return ms;
    if (cachedOffsets.size >= MAX_CACHED_OFFSETS) cachedOffsets.delete(cachedOffsets.keys().next().value);
    cachedOffsets.set(offset, ms);
  }
  return ms;
}

/** The Date `offset` from `reference` (default now), or undefined when the checked path must decide. */
function fastDate(offset, reference) {
  if (typeof offset !== 'string') return undefined;
  let base = NaN;
  try {
    base = reference === undefined ? Date.now() : reference instanceof Date ? reference.getTime() : NaN;
  } catch {
    // A Proxy that throws: the checked path reports it.
  }
  const ms = base + offsetMilliseconds(offset);
  const date = new Date(ms);
  // Equal only for a whole number of milliseconds inside the range of dates.
  return date.getTime() === ms ? date : undefined;
}

/**
 * The time `offset` (e.g. '2 days 3 hours', '-1 year') from now or from `reference`.
 * Any falsy offset (none, '', 0, false, null) means now, as in taskcluster-client.
 */
export function fromNow(offset, reference) {
  const text = offset || '';
  return fastDate(text, reference) ?? checkedFromNow(offset || undefined, reference);
}

/** Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`. */
export function fromNowJSON(offset, reference) {
  const text = offset || '';
  return fastDate(text, reference)?.toISOString() ?? checkedFromNowJSON(offset || undefined, reference);
}
