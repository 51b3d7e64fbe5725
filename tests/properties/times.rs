//! ISO 8601 times: every time a JS Date can hold prints and parses back to itself,
//! and agrees with a simple calendar model (days from the civil date).

use proptest::prelude::*;
use taskcluster_wasm::core::time::{parse_iso_string, to_iso_string};

const MAX_MS: i64 = 8_640_000_000_000_000;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn days_in_month(year: i64, month: i64) -> i64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][(month - 1) as usize]
}

proptest! {
    #[test]
    fn prints_and_parses_back(ms in -MAX_MS..=MAX_MS) {
        let text = to_iso_string(ms as f64).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(parse_iso_string(&text).map_err(|e| TestCaseError::fail(e.message))?, ms as f64, "{}", text);
    }

    #[test]
    fn agrees_with_the_calendar_model(
        year in 0i64..=9999, month in 1i64..=12, day_seed in 0i64..31,
        hour in 0i64..24, minute in 0i64..60, second in 0i64..60, milli in 0i64..1000,
    ) {
        let day = 1 + day_seed % days_in_month(year, month);
        let text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}.{milli:03}Z");
        let expected = days_from_civil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        prop_assert_eq!(parse_iso_string(&text).map_err(|e| TestCaseError::fail(e.message))?, expected as f64);
        prop_assert_eq!(to_iso_string(expected as f64).map_err(|e| TestCaseError::fail(e.message))?, text);
    }

    #[test]
    fn impossible_days_are_refused(year in 0i64..=9999, month in 1i64..=12) {
        let day = days_in_month(year, month) + 1;
        let text = format!("{year:04}-{month:02}-{day:02}T00:00:00Z");
        prop_assert!(parse_iso_string(&text).is_err(), "{} was accepted", text);
    }

    #[test]
    fn any_text_parses_to_a_valid_time_or_fails(text in "\\PC{0,32}|[-+:.TZ0-9]{0,32}") {
        if let Ok(ms) = parse_iso_string(&text) {
            prop_assert!(ms.is_finite() && ms.abs() <= 8.64e15 && ms.fract() == 0.0);
            let again = to_iso_string(ms).map_err(|e| TestCaseError::fail(e.message))?;
            prop_assert_eq!(parse_iso_string(&again).ok(), Some(ms));
        }
    }
}
