//! Time as taskcluster-client handles it: relative offsets such as
//! `"2 days 3 hours"` (`fromNow`), and JS-compatible ISO 8601 timestamps.
//!
//! Times are milliseconds since the epoch as `f64`, like a JS `Date`, and must
//! lie within the JS date range of ±8.64e15 ms (±100,000,000 days).

mod calendar;
mod http_date;
mod iso;
mod offset;

pub use http_date::parse_http_date;
pub use iso::{parse_iso_string, to_iso_string};
pub use offset::{Offset, offset_units, parse_offset};

use super::error::excerpt;
use super::{Error, Result};

const MS_PER_SECOND: i64 = 1000;
const MS_PER_MINUTE: i64 = 60 * MS_PER_SECOND;
const MS_PER_HOUR: i64 = 60 * MS_PER_MINUTE;
const MS_PER_DAY: i64 = 24 * MS_PER_HOUR;

/// The largest time value a JS `Date` can hold, in either direction.
const MAX_TIME_MS: f64 = 8.64e15;

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

/// A time value as a JS `Date` stores it (spec: TimeClip): whole milliseconds,
/// `None` outside the JS date range.
pub fn time_clip(ms: f64) -> Option<f64> {
    // `+ 0.0` turns -0 into +0, as TimeClip does.
    (ms.is_finite() && ms.abs() <= MAX_TIME_MS).then(|| ms.trunc() + 0.0)
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
}
