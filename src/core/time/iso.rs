//! ISO 8601 timestamps, written exactly as JS `Date.prototype.toISOString`
//! writes them, and parsed strictly.

use super::calendar::{civil_from_days, days_from_civil, days_in_month};
use super::{MAX_TIME_MS, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, time_clip};
use crate::core::error::excerpt;
use crate::core::{Error, Result};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

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
}
