//! Time as taskcluster-client handles it: relative offsets such as
//! `"2 days 3 hours"` (`fromNow`), and JS-compatible ISO 8601 timestamps.
//!
//! Times are milliseconds since the epoch as `f64`, like a JS `Date`, and must
//! lie within the JS date range of ±8.64e15 ms (±100,000,000 days).

use super::error::excerpt;
use super::{Error, Result};

const MS_PER_SECOND: i64 = 1000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// The largest time value a JS `Date` can hold, in either direction.
const MAX_TIME_MS: f64 = 8.64e15;

/// A parsed offset such as `"2 days 3 hours"`. A leading `-` negates every
/// field, so `"-1 day 2 hours"` is 26 hours into the past.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Offset {
    pub years: i64,
    pub months: i64,
    pub weeks: i64,
    pub days: i64,
    pub hours: i64,
    pub minutes: i64,
    pub seconds: i64,
}

/// Every unit in the order it must appear, with all accepted spellings.
const UNITS: [(&str, &[&str]); 7] = [
    ("years", &["y", "yr", "year", "years"]),
    ("months", &["mo", "month", "months"]),
    ("weeks", &["w", "wk", "week", "weeks"]),
    ("days", &["d", "day", "days"]),
    ("hours", &["h", "hr", "hour", "hours"]),
    ("minutes", &["m", "min", "minute", "minutes"]),
    ("seconds", &["s", "sec", "second", "seconds"]),
];

/// Parses an offset with taskcluster-client's grammar: an optional `-` or `+`,
/// then `<number> <unit>` pairs from years down to seconds, each unit at most
/// once. Units are case-insensitive, whitespace between the parts is ignored,
/// and the empty string is a zero offset.
///
/// Units: `y`/`yr`/`year(s)`, `mo`/`month(s)`, `w`/`wk`/`week(s)`, `d`/`day(s)`,
/// `h`/`hr`/`hour(s)`, `m`/`min`/`minute(s)`, `s`/`sec`/`second(s)`.
///
/// ```
/// use taskcluster_wasm::core::time::{Offset, parse_offset};
/// assert_eq!(parse_offset("-2 days 3h").unwrap(), Offset { days: -2, hours: -3, ..Offset::default() });
/// assert_eq!(
///     parse_offset("2 dayz").unwrap_err().message,
///     "offset \"2 dayz\" is not a time expression: unexpected \"dayz\""
/// );
/// ```
pub fn parse_offset(text: &str) -> Result<Offset> {
    let not_an_offset =
        |why: String| Error::invalid(format!("offset {} is not a time expression: {why}", excerpt(text)));
    let unexpected = |rest: &str| not_an_offset(format!("unexpected {}", excerpt(first_word(rest))));

    let mut rest = text.trim_start_matches(is_js_space);
    let negative = rest.starts_with('-');
    if let Some(unsigned) = rest.strip_prefix(['-', '+']) {
        rest = unsigned;
    }
    let mut values = [0i64; UNITS.len()];
    let mut previous_unit: Option<(usize, &str)> = None;
    let mut too_large = None;
    loop {
        rest = rest.trim_start_matches(is_js_space);
        if rest.is_empty() {
            break;
        }
        let (digits, after_digits) = split_leading(rest, |c| c.is_ascii_digit());
        if digits.is_empty() {
            return Err(unexpected(rest));
        }
        let (word, after_word) =
            split_leading(after_digits.trim_start_matches(is_js_space), |c| c.is_ascii_alphabetic());
        if word.is_empty() {
            return Err(if after_word.is_empty() {
                not_an_offset(format!("{} has no unit", excerpt(digits)))
            } else {
                unexpected(after_word)
            });
        }
        let Some((unit, name)) = find_unit(word) else {
            return Err(unexpected(word));
        };
        if let Some((previous, previous_name)) = previous_unit.filter(|(previous, _)| unit <= *previous) {
            return Err(not_an_offset(if unit == previous {
                format!("{name} given twice")
            } else {
                format!("{name} must come before {previous_name}")
            }));
        }
        previous_unit = Some((unit, name));
        // In range: `unit` is a position in UNITS. No overflow: count >= 0.
        match parse_count(digits) {
            Some(count) => values[unit] = if negative { -count } else { count },
            // A syntax error later on takes precedence, as in taskcluster-client.
            None => too_large = too_large.or(Some(digits)),
        }
        rest = after_word;
    }
    if let Some(digits) = too_large {
        return Err(Error::range(format!(
            "offset {} is out of range: {} is too large",
            excerpt(text),
            excerpt(digits)
        )));
    }
    let [years, months, weeks, days, hours, minutes, seconds] = values;
    Ok(Offset { years, months, weeks, days, hours, minutes, seconds })
}

/// The position in [`UNITS`] and the name of the unit spelled `word`.
fn find_unit(word: &str) -> Option<(usize, &'static str)> {
    UNITS.iter().enumerate().find_map(|(position, (name, spellings))| {
        spellings.iter().any(|s| s.eq_ignore_ascii_case(word)).then_some((position, *name))
    })
}

impl Offset {
    /// The offset in milliseconds, as taskcluster-client's `fromNow` counts it:
    /// a month is 30 days and a year 365 days.
    ///
    /// `Error::range` if the offset is longer than the whole JS date range
    /// (200,000,000 days), so that no reference could give a valid date.
    pub fn milliseconds(&self) -> Result<f64> {
        // i128 cannot overflow here: every term is below 2^63 * 2^35.
        let days = i128::from(self.days) + 30 * i128::from(self.months) + 365 * i128::from(self.years);
        let ms = i128::from(self.weeks) * 7 * i128::from(MS_PER_DAY)
            + days * i128::from(MS_PER_DAY)
            + i128::from(self.hours) * i128::from(MS_PER_HOUR)
            + i128::from(self.minutes) * i128::from(MS_PER_MINUTE)
            + i128::from(self.seconds) * i128::from(MS_PER_SECOND);
        let max_span = 2 * MAX_TIME_MS as u128;
        if ms.unsigned_abs() > max_span {
            return Err(Error::range("offset is longer than 200000000 days, the whole range of JS dates"));
        }
        // Exact: a multiple of 1000 below 2^55.
        Ok(ms as f64)
    }
}

/// `reference_ms` moved by `offset` (see [`parse_offset`]), in ms since the epoch.
///
/// `Error::range` if the reference or the result is outside the JS date range,
/// where taskcluster-client would return an invalid `Date`.
///
/// ```
/// use taskcluster_wasm::core::time::{from_now, to_iso_string};
/// let reference = 1484843240974.0; // 2017-01-19T16:27:20.974Z
/// let then = from_now("2 days 3 hours", reference).unwrap();
/// assert_eq!(to_iso_string(then).unwrap(), "2017-01-21T19:27:20.974Z");
/// ```
pub fn from_now(offset: &str, reference_ms: f64) -> Result<f64> {
    let reference = time_clip(reference_ms).ok_or_else(|| {
        // The value itself is not shown: formatting floats is large in wasm.
        Error::range("reference is not a valid date (must be finite and within ±8.64e15 ms)")
    })?;
    let offset_ms = parse_offset(offset)?.milliseconds();
    offset_ms.ok().and_then(|ms| time_clip(reference + ms)).ok_or_else(|| {
        Error::range(format!(
            "offset {} from {} is outside the range of JS dates (±8.64e15 ms)",
            excerpt(offset),
            to_iso_string(reference).unwrap_or_default()
        ))
    })
}

/// Formats a time like JS `Date.prototype.toISOString`: `2017-01-21T17:09:23.240Z`,
/// or `+275760-09-13T00:00:00.000Z` / `-000001-...` for years outside 0 to 9999.
/// Fractions of a millisecond are truncated, as `new Date(ms)` does.
///
/// `Error::range` for NaN, infinities and times outside ±8.64e15 ms.
pub fn to_iso_string(ms: f64) -> Result<String> {
    let clipped = time_clip(ms)
        .ok_or_else(|| Error::range("time value is not a valid date (must be finite and within ±8.64e15 ms)"))?;
    // Exact: an integer within ±8.64e15.
    let ms = clipped as i64;
    let (year, month, day) = civil_from_days(ms.div_euclid(MS_PER_DAY));
    let ms_of_day = ms.rem_euclid(MS_PER_DAY);
    let year = match year {
        0..=9999 => format!("{year:04}"),
        ..0 => format!("-{:06}", year.unsigned_abs()),
        _ => format!("+{year:06}"),
    };
    Ok(format!(
        "{year}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        ms_of_day / MS_PER_HOUR,
        ms_of_day % MS_PER_HOUR / MS_PER_MINUTE,
        ms_of_day % MS_PER_MINUTE / MS_PER_SECOND,
        ms_of_day % MS_PER_SECOND
    ))
}

/// Parses an ISO 8601 timestamp into ms since the epoch: everything
/// [`to_iso_string`] produces, and the usual forms `Date.parse` accepts:
/// `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (UTC) and `YYYY-MM-DDTHH:MM[:SS[.fff]]`
/// followed by `Z` or `±HH:MM`. Fractions beyond milliseconds are truncated.
///
/// Unlike `Date.parse`, a date-time without a time zone is an error (JS would
/// read it as local time) and so is a day that does not exist (`2017-02-30`).
///
/// ```
/// use taskcluster_wasm::core::time::parse_iso_string;
/// assert_eq!(parse_iso_string("2017-01-19T16:27:20.974Z").unwrap(), 1484843240974.0);
/// assert_eq!(parse_iso_string("2017-01-19T17:27:20.974+01:00").unwrap(), 1484843240974.0);
/// assert_eq!(parse_iso_string("2017-01-19").unwrap(), 1484784000000.0);
/// ```
pub fn parse_iso_string(text: &str) -> Result<f64> {
    let fields = IsoFields::parse(text)?;
    let ms = fields.epoch_ms(text)?;
    if ms.unsigned_abs() > MAX_TIME_MS as u64 {
        return Err(Error::range(format!(
            "date {} is outside the range of JS dates (-271821-04-20 to +275760-09-13)",
            excerpt(text)
        )));
    }
    // Exact: an integer within ±8.64e15.
    Ok(ms as f64)
}

/// The fields of an ISO 8601 timestamp, as written (not yet range-checked).
#[derive(Default)]
struct IsoFields {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millisecond: i64,
    /// East of UTC is positive.
    zone_minutes: i64,
}

impl IsoFields {
    fn parse(text: &str) -> Result<IsoFields> {
        let syntax = || {
            Error::invalid(format!(
                "date {} is not an ISO 8601 date (expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SS.sssZ)",
                excerpt(text)
            ))
        };
        let mut input = IsoCursor { rest: text.as_bytes() };
        let mut fields = IsoFields { month: 1, day: 1, ..IsoFields::default() };
        fields.year = match input.sign() {
            Some(sign) => {
                let year = input.digits(6).ok_or_else(syntax)?;
                if sign < 0 && year == 0 {
                    return Err(Error::invalid(format!("date {}: year -000000 is not allowed", excerpt(text))));
                }
                sign * year
            }
            None => input.digits(4).ok_or_else(syntax)?,
        };
        if input.eat(b"-") {
            fields.month = input.digits(2).ok_or_else(syntax)?;
            if input.eat(b"-") {
                fields.day = input.digits(2).ok_or_else(syntax)?;
            }
        }
        if input.eat(b"Tt") {
            fields.hour = input.digits(2).ok_or_else(syntax)?;
            if !input.eat(b":") {
                return Err(syntax());
            }
            fields.minute = input.digits(2).ok_or_else(syntax)?;
            if input.eat(b":") {
                fields.second = input.digits(2).ok_or_else(syntax)?;
                if input.eat(b".") {
                    fields.millisecond = input.fraction_ms().ok_or_else(syntax)?;
                }
            }
            fields.zone_minutes = if input.eat(b"Zz") {
                0
            } else if let Some(sign) = input.sign() {
                let hours = input.digits(2).ok_or_else(syntax)?;
                input.eat(b":");
                let minutes = input.digits(2).ok_or_else(syntax)?;
                if hours > 23 || minutes > 59 {
                    return Err(Error::invalid(format!("date {}: time zone offset is out of range", excerpt(text))));
                }
                sign * (hours * 60 + minutes)
            } else if input.rest.is_empty() {
                return Err(Error::invalid(format!(
                    "date {} has no time zone (add \"Z\" for UTC or an offset like \"+01:00\")",
                    excerpt(text)
                )));
            } else {
                return Err(syntax());
            };
        }
        if !input.rest.is_empty() {
            return Err(syntax());
        }
        Ok(fields)
    }

    fn epoch_ms(&self, text: &str) -> Result<i64> {
        let out_of_range = |field: &str, value: i64| {
            Error::invalid(format!("date {}: {field} {value} is out of range", excerpt(text)))
        };
        if !(1..=12).contains(&self.month) {
            return Err(out_of_range("month", self.month));
        }
        if !(1..=days_in_month(self.year, self.month)).contains(&self.day) {
            return Err(out_of_range("day", self.day));
        }
        let end_of_day = self.hour == 24 && self.minute == 0 && self.second == 0 && self.millisecond == 0;
        if self.hour > 23 && !end_of_day {
            return Err(out_of_range("hour", self.hour));
        }
        if self.minute > 59 {
            return Err(out_of_range("minute", self.minute));
        }
        if self.second > 59 {
            return Err(out_of_range("second", self.second));
        }
        // No overflow: |year| < 10^6, so every term is below 2^56.
        Ok(days_from_civil(self.year, self.month, self.day) * MS_PER_DAY
            + self.hour * MS_PER_HOUR
            + (self.minute - self.zone_minutes) * MS_PER_MINUTE
            + self.second * MS_PER_SECOND
            + self.millisecond)
    }
}

/// Reads an ISO 8601 string byte by byte; it is ASCII wherever valid.
struct IsoCursor<'a> {
    rest: &'a [u8],
}

impl IsoCursor<'_> {
    /// Consumes the next byte if it is one of `any`.
    fn eat(&mut self, any: &[u8]) -> bool {
        match self.rest.split_first() {
            Some((first, rest)) if any.contains(first) => {
                self.rest = rest;
                true
            }
            _ => false,
        }
    }

    /// `+1` or `-1` for a leading `+` or `-`.
    fn sign(&mut self) -> Option<i64> {
        if self.eat(b"+") {
            Some(1)
        } else if self.eat(b"-") {
            Some(-1)
        } else {
            None
        }
    }

    /// Exactly `count` decimal digits (at most 6, so no overflow).
    fn digits(&mut self, count: usize) -> Option<i64> {
        let (digits, rest) = self.rest.split_at_checked(count)?;
        let value =
            digits.iter().try_fold(0i64, |value, b| b.is_ascii_digit().then(|| value * 10 + i64::from(b - b'0')))?;
        self.rest = rest;
        Some(value)
    }

    /// One or more digits of a decimal fraction of a second, as whole milliseconds.
    fn fraction_ms(&mut self) -> Option<i64> {
        let count = self.rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let (digits, rest) = self.rest.split_at_checked(count)?;
        if digits.is_empty() {
            return None;
        }
        self.rest = rest;
        Some(digits.iter().chain(b"00").take(3).fold(0, |ms, b| ms * 10 + i64::from(b - b'0')))
    }
}

/// A time value as a JS `Date` stores it (spec: TimeClip): whole milliseconds,
/// `None` outside the JS date range.
fn time_clip(ms: f64) -> Option<f64> {
    // `+ 0.0` turns -0 into +0, as TimeClip does.
    (ms.is_finite() && ms.abs() <= MAX_TIME_MS).then(|| ms.trunc() + 0.0)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1 to 12).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    // Counting years from March puts the leap day at the end of the year.
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year.rem_euclid(400);
    let day_of_year = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The proleptic Gregorian (year, month, day) of a count of days since 1970-01-01.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let march_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * march_month + 2) / 5 + 1;
    let month = if march_month < 10 { march_month + 3 } else { march_month - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// JS `\s` outside U+2000..=U+200A; Rust's `char::is_whitespace` differs
/// (it has U+0085, lacks U+FEFF).
const JS_SPACES: &[char] = &[
    '\t', '\n', '\u{b}', '\u{c}', '\r', ' ', '\u{a0}', '\u{1680}', '\u{2028}', '\u{2029}', '\u{202f}', '\u{205f}',
    '\u{3000}', '\u{feff}',
];

fn is_js_space(c: char) -> bool {
    ('\u{2000}'..='\u{200a}').contains(&c) || JS_SPACES.contains(&c)
}

/// Splits `text` after its longest prefix of characters matching `pred`.
fn split_leading(text: &str, pred: impl Fn(char) -> bool) -> (&str, &str) {
    text.find(|c| !pred(c)).and_then(|end| text.split_at_checked(end)).unwrap_or((text, ""))
}

/// The text up to the next whitespace, to show what could not be parsed.
fn first_word(text: &str) -> &str {
    split_leading(text, |c| !is_js_space(c)).0
}

/// A decimal count; `None` if it does not fit in an `i64` (or is not decimal).
fn parse_count(digits: &str) -> Option<i64> {
    digits.chars().try_fold(0i64, |n, c| n.checked_mul(10)?.checked_add(c.to_digit(10)?.into()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

    /// 2017-01-19T16:27:20.974Z, the reference for all expected values below.
    const REFERENCE: f64 = 1484843240974.0;

    #[test]
    fn from_now_matches_taskcluster_client() {
        // node: fromNow(offset, new Date('2017-01-19T16:27:20.974Z')).getTime()
        let cases: &[(&str, f64)] = &[
            ("", 1484843240974.0),
            (" ", 1484843240974.0),
            ("-", 1484843240974.0),
            ("+", 1484843240974.0),
            ("1 year", 1516379240974.0),
            ("2 years", 1547915240974.0),
            ("1y", 1516379240974.0),
            ("1 yr", 1516379240974.0),
            ("1 mo", 1487435240974.0),
            ("2 months", 1490027240974.0),
            ("1 month", 1487435240974.0),
            ("1w", 1485448040974.0),
            ("1 wk", 1485448040974.0),
            ("1 week", 1485448040974.0),
            ("3 weeks", 1486657640974.0),
            ("1d", 1484929640974.0),
            ("1 day", 1484929640974.0),
            ("5 days", 1485275240974.0),
            ("1h", 1484846840974.0),
            ("1 hr", 1484846840974.0),
            ("1 hour", 1484846840974.0),
            ("2 hours", 1484850440974.0),
            ("1m", 1484843300974.0),
            ("1 min", 1484843300974.0),
            ("1 minute", 1484843300974.0),
            ("45 minutes", 1484845940974.0),
            ("1s", 1484843241974.0),
            ("1 sec", 1484843241974.0),
            ("1 second", 1484843241974.0),
            ("30 seconds", 1484843270974.0),
            ("2 days 3 hours", 1485026840974.0),
            ("-2 days 3 hours", 1484659640974.0),
            ("- 1 d", 1484756840974.0),
            (" -1d", 1484756840974.0),
            ("+1d", 1484929640974.0),
            ("+ 1 d", 1484929640974.0),
            ("1Y 2MO 3W 4D 5H 6M 7S", 1523741607974.0),
            ("1 YEAR 1 MONTH", 1518971240974.0),
            ("2DAYS", 1485016040974.0),
            ("3 Hours 5 MiNuTeS", 1484854340974.0),
            ("1y2mo3w4d5h6m7s", 1523741607974.0),
            ("-1y2mo3w4d5h6m7s", 1445944873974.0),
            ("  1 d  ", 1484929640974.0),
            ("\t1\nd\r", 1484929640974.0),
            ("\u{a0}1d\u{3000}", 1484929640974.0),
            ("\u{feff}1d", 1484929640974.0),
            ("\u{2028}1 d\u{2029}", 1484929640974.0),
            ("1\u{a0}\u{a0}day", 1484929640974.0),
            ("0001d", 1484929640974.0),
            ("0 days", 1484843240974.0),
            ("-0 days", 1484843240974.0),
            ("1 yr 1 mo", 1518971240974.0),
            ("10 years", 1800203240974.0),
            ("-10 years", 1169483240974.0),
            ("100 years", 4638443240974.0),
            ("1000 years", 33020843240974.0),
            ("-1000 years", -30051156759026.0),
            ("273790 years", 8635726283240974.0),
            ("-273790 years", -8632756596759026.0),
            ("-99999999 days", -8638515070359026.0),
            ("99999 years 11 mo 51 weeks", 3155112664040974.0),
            ("1 d 2 h 3 m 4 s", 1484937024974.0),
            ("365 days", 1516379240974.0),
            ("52 weeks", 1516292840974.0),
        ];
        for (offset, expected) in cases {
            assert_eq!(from_now(offset, REFERENCE), Ok(*expected), "{offset:?}");
        }
    }

    #[test]
    fn from_now_rejects_what_taskcluster_client_rejects() {
        // node: each of these throws "isn't a time expression"
        let cases = [
            "Years",
            "1 yrs",
            "5 mon",
            "1ms",
            "1h 2d",
            "1d 1d",
            "2 dayz",
            "1 \u{17f}ec",
            "1 \u{212a}w",
            "5",
            "d",
            "--1d",
            "-+1d",
            "1.5d",
            "1 d,",
            "1 minute 1 mins",
            "1 secs",
            "1 hrs",
            "1 wks",
            "1 mos",
            "1 days 2",
            "in 2 days",
            "2 days ago",
            "1d -2h",
            "1 d 1 mo",
            "\u{85}1d",
        ];
        for offset in cases {
            let err = from_now(offset, REFERENCE).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Invalid, "{offset:?}");
        }
    }

    #[test]
    fn from_now_outside_the_date_range_is_a_range_error() {
        // node: fromNow gives an invalid Date for all of these.
        for offset in [
            "100000000 days",
            "99999999 days",
            "999999999999999999999 days",
            "9007199254740993 seconds",
            "300000 years",
        ] {
            let err = from_now(offset, REFERENCE).unwrap_err();
            assert_eq!(err.kind, ErrorKind::Range, "{offset:?}");
        }
        let err = from_now("100000000 days", REFERENCE).unwrap_err();
        assert_eq!(
            err.message,
            "offset \"100000000 days\" from 2017-01-19T16:27:20.974Z is outside the range of JS dates (±8.64e15 ms)"
        );
    }

    #[test]
    fn from_now_reaches_exactly_the_ends_of_the_range() {
        assert_eq!(from_now("100000000 days", 0.0), Ok(8.64e15));
        assert_eq!(from_now("-100000000 days", 0.0), Ok(-8.64e15));
        assert_eq!(from_now("-200000000 days", 8.64e15), Ok(-8.64e15));
        assert_eq!(from_now("1 s", 8.64e15).unwrap_err().kind, ErrorKind::Range);
    }

    #[test]
    fn from_now_checks_the_reference() {
        for reference in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 8.64e15 + 1.0] {
            assert_eq!(from_now("1d", reference).unwrap_err().kind, ErrorKind::Range, "{reference}");
        }
        assert_eq!(from_now("", 1.9), Ok(1.0));
        assert_eq!(from_now("", -0.5).map(f64::is_sign_positive), Ok(true));
    }

    #[test]
    fn parse_offset_fields() {
        assert_eq!(parse_offset(""), Ok(Offset::default()));
        assert_eq!(
            parse_offset("1Y 2MO 3W 4D 5H 6M 7S"),
            Ok(Offset { years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 })
        );
        assert_eq!(parse_offset(" - 1 year 7 seconds"), Ok(Offset { years: -1, seconds: -7, ..Offset::default() }));
        assert_eq!(parse_offset("9223372036854775807s").map(|o| o.seconds), Ok(i64::MAX));
    }

    #[test]
    fn parse_offset_error_messages() {
        let message = |text: &str| parse_offset(text).unwrap_err().message;
        assert_eq!(message("2 dayz"), "offset \"2 dayz\" is not a time expression: unexpected \"dayz\"");
        assert_eq!(message("5 mon"), "offset \"5 mon\" is not a time expression: unexpected \"mon\"");
        assert_eq!(message("1.5d"), "offset \"1.5d\" is not a time expression: unexpected \".5d\"");
        assert_eq!(message("2 days ago"), "offset \"2 days ago\" is not a time expression: unexpected \"ago\"");
        assert_eq!(message("--1d"), "offset \"--1d\" is not a time expression: unexpected \"-1d\"");
        assert_eq!(message("1d -2h"), "offset \"1d -2h\" is not a time expression: unexpected \"-2h\"");
        assert_eq!(message("5"), "offset \"5\" is not a time expression: \"5\" has no unit");
        assert_eq!(message("1h 2d"), "offset \"1h 2d\" is not a time expression: days must come before hours");
        assert_eq!(message("1d 1 day"), "offset \"1d 1 day\" is not a time expression: days given twice");
        assert_eq!(message("1 \u{17f}ec"), "offset \"1 \u{17f}ec\" is not a time expression: unexpected \"\u{17f}ec\"");
        assert_eq!(message("1\nx"), "offset \"1\\nx\" is not a time expression: unexpected \"x\"");
        let long = format!("{}x", "1d ".repeat(30));
        assert_eq!(
            message(&long),
            format!("offset \"{}...\" is not a time expression: days given twice", "1d ".repeat(20))
        );
    }

    #[test]
    fn parse_offset_too_large_is_a_range_error() {
        let err = parse_offset("999999999999999999999 days").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Range);
        assert_eq!(
            err.message,
            "offset \"999999999999999999999 days\" is out of range: \"999999999999999999999\" is too large"
        );
    }

    #[test]
    fn parse_offset_syntax_errors_take_precedence_over_range_errors() {
        // taskcluster-client throws for these rather than returning an invalid Date.
        for text in ["99999999999999999999 days x", "99999999999999999999 days 1 year"] {
            assert_eq!(parse_offset(text).unwrap_err().kind, ErrorKind::Invalid, "{text:?}");
        }
    }

    #[test]
    fn milliseconds_counts_months_as_30_days_and_years_as_365() {
        let offset = Offset { years: 1, months: 1, weeks: 1, days: 1, hours: 1, minutes: 1, seconds: 1 };
        assert_eq!(offset.milliseconds(), Ok((403.0 * 86400.0 + 3661.0) * 1000.0));
        assert_eq!(Offset { days: -200_000_000, ..Offset::default() }.milliseconds(), Ok(-1.728e16));
        let huge = Offset { years: i64::MAX, months: i64::MAX, weeks: i64::MAX, ..Offset::default() };
        assert_eq!(huge.milliseconds().unwrap_err().kind, ErrorKind::Range);
        let huge = Offset { seconds: i64::MIN, ..Offset::default() };
        assert_eq!(huge.milliseconds().unwrap_err().kind, ErrorKind::Range);
    }

    #[test]
    fn to_iso_string_matches_js() {
        // node: new Date(ms).toISOString()
        let cases: &[(f64, &str)] = &[
            (0.0, "1970-01-01T00:00:00.000Z"),
            (-1.0, "1969-12-31T23:59:59.999Z"),
            (1.7, "1970-01-01T00:00:00.001Z"),
            (-0.5, "1970-01-01T00:00:00.000Z"),
            (1484843240974.0, "2017-01-19T16:27:20.974Z"),
            (1485018563240.0, "2017-01-21T17:09:23.240Z"),
            (951782400000.0, "2000-02-29T00:00:00.000Z"),
            (8.64e15, "+275760-09-13T00:00:00.000Z"),
            (-8.64e15, "-271821-04-20T00:00:00.000Z"),
            (-62198755200000.0, "-000001-01-01T00:00:00.000Z"),
            (-62198755200001.0, "-000002-12-31T23:59:59.999Z"),
            (-62167219200000.0, "0000-01-01T00:00:00.000Z"),
            (253402300799999.0, "9999-12-31T23:59:59.999Z"),
            (253402300800000.0, "+010000-01-01T00:00:00.000Z"),
        ];
        for (ms, expected) in cases {
            assert_eq!(to_iso_string(*ms).as_deref(), Ok(*expected), "{ms}");
        }
    }

    #[test]
    fn to_iso_string_rejects_invalid_dates() {
        for ms in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 8.64e15 + 1.0, -8.64e15 - 1.0, f64::MAX] {
            assert_eq!(to_iso_string(ms).unwrap_err().kind, ErrorKind::Range, "{ms}");
        }
        assert_eq!(
            to_iso_string(f64::NAN).unwrap_err().message,
            "time value is not a valid date (must be finite and within ±8.64e15 ms)"
        );
    }

    #[test]
    fn parse_iso_string_matches_date_parse() {
        // node: Date.parse(text)
        let cases: &[(&str, f64)] = &[
            ("2017-01-19", 1484784000000.0),
            ("2017-01", 1483228800000.0),
            ("2017", 1483228800000.0),
            ("2017-01-19T16:27:20.974Z", 1484843240974.0),
            ("2017-01-19T16:27Z", 1484843220000.0),
            ("2017-01-19T16:27:20Z", 1484843240000.0),
            ("2017-01-19T16:27:20.9Z", 1484843240900.0),
            ("2017-01-19T16:27:20.97456Z", 1484843240974.0),
            ("2017-01-19T16:27:20.974+01:00", 1484839640974.0),
            ("2017-01-19T16:27:20.974-0130", 1484848640974.0),
            ("2017-01-19T16:27:20.974+23:59", 1484756900974.0),
            ("2017-01-19t16:27:20.974z", 1484843240974.0),
            ("2017-02-28T00:00Z", 1488240000000.0),
            ("2016-02-29T00:00Z", 1456704000000.0),
            ("2017-01-19T24:00Z", 1484870400000.0),
            ("+275760-09-13T00:00:00.000Z", 8.64e15),
            ("-271821-04-20T00:00:00.000Z", -8.64e15),
            ("-000001-01-01T00:00Z", -62198755200000.0),
            ("+002017-01-19", 1484784000000.0),
            ("0000-01-01T00:00Z", -62167219200000.0),
            ("2017-01-19T00:00:00.000+00:00", 1484784000000.0),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_iso_string(text), Ok(*expected), "{text:?}");
        }
    }

    #[test]
    fn parse_iso_string_round_trips_to_iso_string() {
        for ms in [0.0, -1.0, 1484843240974.0, 8.64e15, -8.64e15, -62198755200001.0, 253402300800000.0, 123456789.0] {
            let text = to_iso_string(ms).unwrap();
            assert_eq!(parse_iso_string(&text), Ok(ms), "{text}");
        }
        let mut ms = -8.64e15;
        while ms < 8.64e15 {
            assert_eq!(parse_iso_string(&to_iso_string(ms).unwrap()), Ok(ms));
            ms += 86_399_999.0 * 997.0;
        }
    }

    #[test]
    fn parse_iso_string_rejects_malformed_dates() {
        let cases = [
            "",
            "x",
            "17-01-19",
            "2017-1-19",
            "2017-01-19 16:27:20Z",
            " 2017-01-19",
            "2017-01-19 ",
            "2017-01-19T16Z",
            "2017-01-19T16:27:20.Z",
            "2017-01-19T16:27:20.974ZZ",
            "2017-01-19Z",
            "-000000-01-01T00:00Z",
            "2017-01-19T16:27+1",
            "2017-01-19T16:27:20.974+0",
            "\u{ff12}017-01-19",
            "2017-01-19T16:27:20.974\u{e9}",
        ];
        for text in cases {
            assert_eq!(parse_iso_string(text).unwrap_err().kind, ErrorKind::Invalid, "{text:?}");
        }
    }

    #[test]
    fn parse_iso_string_rejects_fields_out_of_range() {
        let cases = [
            "2017-00-01",
            "2017-13-01",
            "2017-01-32",
            "2017-02-29",
            "2100-02-29T00:00Z",
            "2017-04-31",
            "2017-01-00",
            "2017-01-19T24:00:01Z",
            "2017-01-19T25:00Z",
            "2017-01-19T23:60Z",
            "2017-01-19T23:59:60Z",
            "2017-01-19T16:27:20.974+24:00",
            "2017-01-19T16:27:20.974+01:60",
        ];
        for text in cases {
            assert_eq!(parse_iso_string(text).unwrap_err().kind, ErrorKind::Invalid, "{text:?}");
        }
        assert_eq!(parse_iso_string("2017-02-30").unwrap_err().message, "date \"2017-02-30\": day 30 is out of range");
    }

    #[test]
    fn parse_iso_string_requires_a_time_zone_with_a_time() {
        let err = parse_iso_string("2017-01-19T16:27:20.974").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Invalid);
        assert_eq!(
            err.message,
            "date \"2017-01-19T16:27:20.974\" has no time zone (add \"Z\" for UTC or an offset like \"+01:00\")"
        );
    }

    #[test]
    fn parse_iso_string_outside_the_date_range_is_a_range_error() {
        for text in [
            "+275760-09-13T00:00:00.001Z",
            "-271821-04-19T23:59:59.999Z",
            "+999999-12-31T23:59:59.999Z",
            "-999999-01-01",
        ] {
            assert_eq!(parse_iso_string(text).unwrap_err().kind, ErrorKind::Range, "{text:?}");
        }
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in (-100_000_000..=100_000_000).step_by(9_973) {
            let (year, month, day) = civil_from_days(days);
            assert!((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day));
            assert_eq!(days_from_civil(year, month, day), days);
        }
    }
}
