// fromNow and fromNowJSON. Plain offsets ('2 days 3 hours': ASCII, counts of up
// to 15 digits) are read here, with the units the wasm parser defines (its table
// is the one source of units, spellings and lengths), and the Date is built here:
// no crossing into wasm. Anything else (other offsets, a reference that is not a
// Date, results outside the range of dates) goes to the checked path: the arguments
// are checked here and wasm reads the offset with the full grammar, throwing the
// error that names the argument.
import { checkedNumber, checkedString, isAbsent } from './arguments.js';
import { typeName } from './read-options.js';
import { fromNowMs, isoTimeMs, offsetUnits, parseTimeOf } from './taskcluster_wasm.js';

// Counts of up to this many digits are exact numbers in JS, and so are their
// products with a unit's milliseconds whenever the result is a valid date.
const MAX_FAST_DIGITS = 15;

// Read from the wasm at the first call (it may not be initialised before).
/** Each spelling (lower case) -> the unit's position, years first. */
let unitOfSpelling;
/** Each unit's length in milliseconds, by position. */
let unitMilliseconds;

function readUnits() {
  const units = offsetUnits().split('\n').map((line) => line.split(' '));
  unitMilliseconds = units.map(([ms]) => Number(ms));
  unitOfSpelling = new Map(units.flatMap(([, ...spellings], position) => spellings.map((spelling) => [spelling, position])));
}

/** An ASCII space as JS `\s` has it (other spaces leave the offset to the checked path). */
const isSpace = (code) => code === 32 || (code >= 9 && code <= 13);
/** An ASCII letter (either case). */
const isLetter = (code) => (code | 32) >= 97 && (code | 32) <= 122;

/**
 * The milliseconds of `text` read as the wasm parser reads it (an optional sign,
 * then `<count> <unit>` pairs, each unit at most once, years down to seconds,
 * spaces anywhere between), or NaN for what the checked path must read.
 */
function parseOffset(text) {
  if (unitOfSpelling === undefined) readUnits();
  const end = text.length;
  let at = 0;
  while (at < end && isSpace(text.charCodeAt(at))) at++;
  const sign = text.charCodeAt(at);
  if (sign === 45 || sign === 43) at++; // '-' or '+'
  let ms = 0;
  let nextUnit = 0;
  for (;;) {
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    if (at === end) return sign === 45 ? -ms : ms;
    const digitsStart = at;
    let count = 0;
    for (let code = text.charCodeAt(at); code >= 48 && code <= 57; code = text.charCodeAt(++at)) count = count * 10 + (code - 48);
    if (at === digitsStart || at - digitsStart > MAX_FAST_DIGITS) return NaN;
    while (at < end && isSpace(text.charCodeAt(at))) at++;
    const wordStart = at;
    while (at < end && isLetter(text.charCodeAt(at))) at++;
    const unit = unitOfSpelling.get(text.slice(wordStart, at).toLowerCase());
    if (unit === undefined || unit < nextUnit) return NaN;
    nextUnit = unit + 1;
    ms += count * unitMilliseconds[unit];
  }
}

// Programs pass a handful of literal offsets ('1 day', '2 hours') again and
// again: the last few and their milliseconds are kept, the oldest replaced
// first. A few comparisons cost less than a Map's upkeep when every offset is new.
const RECENT_OFFSETS = 4;
const recentOffsets = new Array(RECENT_OFFSETS).fill(undefined);
const recentMilliseconds = new Array(RECENT_OFFSETS).fill(0);
let oldestRecent = 0;

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

/** `value instanceof Date`, false for a Proxy whose trap throws. */
function isDate(value) {
  try {
    return value instanceof Date;
  } catch {
    return false;
  }
}

/** An ISO 8601 date-time read strictly by the wasm; its error (same class) names `label` and `what`. */
function isoMs(text, label, what) {
  try {
    return isoTimeMs(text);
  } catch (error) {
    throw new error.constructor(`${label}: ${what}: ${error.message}`);
  }
}

/**
 * A point in time as epoch milliseconds, from a `Date`, a number of ms, or an ISO
 * 8601 string (read strictly in wasm); errors name `label` and `what`.
 */
export function checkedTimeMs(value, label, what) {
  let ms;
  if (isDate(value)) ms = value.getTime();
  else if (typeof value === 'number') ms = Math.trunc(checkedNumber(value, label, what));
  else if (typeof value === 'string') ms = isoMs(checkedString(value, label, what), label, what);
  else throw new TypeError(`${label}: ${what} must be a Date, a number of milliseconds or an ISO 8601 string, got ${typeName(value)}`);
  // A Date's time clip: whole milliseconds inside the range of dates, or NaN.
  const clipped = new Date(ms).getTime();
  if (Number.isNaN(clipped)) throw new RangeError(`${label}: ${what} is not a valid date`);
  return clipped;
}

/** The offset's text: absent (undefined, null) means none, as in taskcluster-client. */
const offsetText = (offset, label) => (isAbsent(offset) ? '' : checkedString(offset, label, 'offset'));

/** The checked path: milliseconds of `offset` from `reference`, or the error that names the argument. */
function checkedMs(offset, reference, json) {
  const label = json ? 'fromNowJSON' : 'fromNow';
  const text = offsetText(offset, label);
  const base = reference === undefined ? Date.now() : checkedTimeMs(reference, label, 'reference');
  return fromNowMs(text, base, json);
}

/** The fields of an offset, as taskcluster-client's `parseTime` returns them. */
export function parseTime(offset) {
  return parseTimeOf(offsetText(offset, 'parseTime'));
}

/**
 * The time `offset` (e.g. '2 days 3 hours', '-1 year') from now or from `reference`.
 * Any falsy offset (none, '', 0, false, null) means now, as in taskcluster-client.
 */
export function fromNow(offset, reference) {
  const text = offset || '';
  return fastDate(text, reference) ?? new Date(checkedMs(offset || undefined, reference, false));
}

/** Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`. */
export function fromNowJSON(offset, reference) {
  const text = offset || '';
  return (fastDate(text, reference) ?? new Date(checkedMs(offset || undefined, reference, true))).toISOString();
}
