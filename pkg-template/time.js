// fromNow and fromNowJSON. Plain offsets ('2 days 3 hours') are read here, with
// one regular expression built from the units the wasm parser defines (its table
// is the one source of the grammar), and the Date is built here: no crossing into
// wasm. Anything else (offsets that expression does not take, a reference that is
// not a Date, results outside the range of dates) goes to the checked wasm
// functions, which throw the error that names the argument.
import { fromNow as checkedFromNow, fromNowJSON as checkedFromNowJSON, offsetUnits } from './taskcluster_wasm.js';

// Counts of up to this many digits are exact numbers in JS, and so are their
// products with a unit's milliseconds whenever the result is a valid date.
const MAX_FAST_DIGITS = 15;

// Built at the first call (the wasm may not be initialised before).
let offsetPattern;
let unitMilliseconds;

/**
 * The expression for the wasm parser's grammar: JS whitespace anywhere between
 * the parts, an optional sign, then each unit in order, at most once, as a
 * count and one of its spellings (in any case). A unit spelling must be
 * followed by a count or the end, so a longer word never passes for a unit.
 */
function buildOffsetPattern() {
  const units = offsetUnits().split('\n').map((line) => line.split(' '));
  unitMilliseconds = units.map(([ms]) => Number(ms));
  // Longest spelling first: fewer steps back when a shorter one is the start of a longer.
  const alternatives = (spellings) => spellings.sort((a, b) => b.length - a.length).join('|');
  const unit = ([, ...spellings]) => `(?:(\\d{1,${MAX_FAST_DIGITS}})\\s*(?:${alternatives(spellings)})\\s*)?`;
  offsetPattern = new RegExp(`^\\s*([-+]?)\\s*${units.map(unit).join('')}$`, 'i');
}

// Programs pass a handful of literal offsets ('1 day', '2 hours') again and
// again: the last few and their milliseconds are kept, the oldest replaced
// first. A few comparisons cost less than a Map's upkeep when every offset is new.
const RECENT_OFFSETS = 4;
const recentOffsets = new Array(RECENT_OFFSETS).fill(undefined);
const recentMilliseconds = new Array(RECENT_OFFSETS).fill(0);
let oldestRecent = 0;

/** The milliseconds of `offset`, or NaN for what the checked path must read. */
function parseOffset(offset) {
  if (offsetPattern === undefined) buildOffsetPattern();
  const match = offsetPattern.exec(offset);
  if (match === null) return NaN;
  let ms = 0;
  for (let unit = 0; unit < unitMilliseconds.length; unit++) {
    const digits = match[unit + 2];
    if (digits !== undefined) ms += Number(digits) * unitMilliseconds[unit];
  }
  return match[1] === '-' ? -ms : ms;
}

function offsetMilliseconds(offset) {
  for (let i = 0; i < RECENT_OFFSETS; i++) if (recentOffsets[i] === offset) return recentMilliseconds[i];
  const ms = parseOffset(offset);
  if (!Number.isNaN(ms)) {
    recentOffsets[oldestRecent] = offset;
    recentMilliseconds[oldestRecent] = ms;
    oldestRecent = (oldestRecent + 1) % RECENT_OFFSETS;
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
