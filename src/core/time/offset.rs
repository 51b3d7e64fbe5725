//! Offsets such as `"2 days 3 hours"`: taskcluster-client's grammar, and the
//! milliseconds they stand for.

use super::{MAX_TIME_MS, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND};
use crate::core::error::excerpt;
use crate::core::{Error, Result};

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

/// Every unit in the order it must appear: its name, its length in milliseconds
/// (as taskcluster-client's `fromNow` counts: a month is 30 days, a year 365)
/// and all accepted spellings.
const UNITS: [(&str, i64, &[&str]); 7] = [
    ("years", 365 * MS_PER_DAY, &["y", "yr", "year", "years"]),
    ("months", 30 * MS_PER_DAY, &["mo", "month", "months"]),
    ("weeks", 7 * MS_PER_DAY, &["w", "wk", "week", "weeks"]),
    ("days", MS_PER_DAY, &["d", "day", "days"]),
    ("hours", MS_PER_HOUR, &["h", "hr", "hour", "hours"]),
    ("minutes", MS_PER_MINUTE, &["m", "min", "minute", "minutes"]),
    ("seconds", MS_PER_SECOND, &["s", "sec", "second", "seconds"]),
];

/// The units as JS builds its fast-path reading of offsets from them
/// (pkg-template/time.js): one line per unit, in order, its milliseconds then
/// its spellings, separated by spaces.
///
/// ```
/// let units = taskcluster_wasm::core::time::offset_units();
/// assert_eq!(units.lines().next(), Some("31536000000 y yr year years"));
/// assert_eq!(units.lines().count(), 7);
/// ```
pub fn offset_units() -> String {
    let mut text = String::new();
    for (_, ms, spellings) in UNITS {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(&ms.to_string());
        for spelling in spellings {
            text.push(' ');
            text.push_str(spelling);
        }
    }
    text
}

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

    let mut rest = trim_spaces(text);
    let negative = rest.starts_with('-');
    if let Some(unsigned) = rest.strip_prefix(['-', '+']) {
        rest = unsigned;
    }
    let mut values = [0i64; UNITS.len()];
    let mut previous_unit: Option<(usize, &str)> = None;
    let mut too_large = None;
    loop {
        rest = trim_spaces(rest);
        if rest.is_empty() {
            break;
        }
        let (digits, after_digits) = split_ascii(rest, u8::is_ascii_digit);
        if digits.is_empty() {
            return Err(unexpected(rest));
        }
        let (word, after_word) = split_ascii(trim_spaces(after_digits), u8::is_ascii_alphabetic);
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
        // `unit` is a position in UNITS, so the slot exists. No overflow: count >= 0.
        match (parse_count(digits), values.get_mut(unit)) {
            (Some(count), Some(slot)) => *slot = if negative { -count } else { count },
            // A syntax error later on takes precedence, as in taskcluster-client.
            (None, _) => too_large = too_large.or(Some(digits)),
            (Some(_), None) => return Err(unexpected(word)),
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
    UNITS.iter().enumerate().find_map(|(position, (name, _, spellings))| {
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
        let fields = [self.years, self.months, self.weeks, self.days, self.hours, self.minutes, self.seconds];
        // i128 cannot overflow here: every term is below 2^63 * 2^35.
        let mut ms: i128 = 0;
        for ((_, unit_ms, _), count) in UNITS.iter().zip(fields) {
            ms += i128::from(count) * i128::from(*unit_ms);
        }
        let max_span = 2 * MAX_TIME_MS as u128;
        if ms.unsigned_abs() > max_span {
            return Err(Error::range("offset is longer than 200000000 days, the whole range of JS dates"));
        }
        // Exact: a multiple of 1000 below 2^55.
        Ok(ms as f64)
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

/// `text` without its leading JS whitespace. Byte by byte while it is ASCII:
/// offsets are parsed on every uncached `fromNow`, and decoding chars costs
/// more than the parse in a size-optimized build.
fn trim_spaces(text: &str) -> &str {
    let mut at = 0;
    while let Some(&byte) = text.as_bytes().get(at) {
        let space = if byte.is_ascii() {
            matches!(byte, b' ' | b'\t'..=b'\r')
        } else {
            text.get(at..).and_then(|rest| rest.chars().next()).is_some_and(is_js_space)
        };
        if !space {
            break;
        }
        // A non-ASCII space is 2 or 3 bytes; skipping its continuation bytes one by one
        // lands on the next char (they are never ASCII).
        at += 1;
        while text.as_bytes().get(at).is_some_and(|b| b & 0xc0 == 0x80) {
            at += 1;
        }
    }
    text.get(at..).unwrap_or("")
}

/// Splits `text` after its longest prefix of ASCII bytes matching `pred`.
fn split_ascii(text: &str, pred: fn(&u8) -> bool) -> (&str, &str) {
    let mut end = 0;
    while text.as_bytes().get(end).is_some_and(pred) {
        end += 1;
    }
    text.split_at_checked(end).unwrap_or((text, ""))
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
}
