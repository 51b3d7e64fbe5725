//! fromNow offsets: any spelling of the same offset parses to the same fields,
//! and offsets without months/years move a time by exactly their milliseconds.

use proptest::prelude::*;
use taskcluster_wasm::core::time::{Offset, from_now, parse_offset};

const SPELLINGS: [&[&str]; 7] = [
    &["y", "yr", "year", "years"],
    &["mo", "month", "months"],
    &["w", "wk", "week", "weeks"],
    &["d", "day", "days"],
    &["h", "hr", "hour", "hours"],
    &["m", "min", "minute", "minutes"],
    &["s", "sec", "second", "seconds"],
];
const UNIT_MS: [i64; 7] = [0, 0, 7 * 86_400_000, 86_400_000, 3_600_000, 60_000, 1000];

fn fields(offset: &Offset) -> [i64; 7] {
    [offset.years, offset.months, offset.weeks, offset.days, offset.hours, offset.minutes, offset.seconds]
}

/// Counts per unit (None: unit absent), a spelling and spacing for each, a sign.
fn offset_text() -> impl Strategy<Value = (String, [i64; 7], bool)> {
    (
        proptest::array::uniform7(proptest::option::of(0i64..100_000)),
        proptest::array::uniform7(0usize..4),
        proptest::array::uniform7(0usize..3),
        prop_oneof![Just(""), Just("-"), Just("+")],
        any::<bool>(),
    )
        .prop_map(|(counts, spelling, spaces, sign, upper)| {
            let mut text = sign.to_string();
            let mut expected = [0i64; 7];
            for (unit, count) in counts.iter().enumerate() {
                let Some(count) = count else { continue };
                let names = SPELLINGS[unit];
                let mut name = names[spelling[unit] % names.len()].to_string();
                if upper {
                    name = name.to_uppercase();
                }
                let gap = " ".repeat(spaces[unit]);
                text.push_str(&format!("{gap}{count}{gap}{name} "));
                expected[unit] = if sign == "-" { -count } else { *count };
            }
            (text, expected, sign == "-")
        })
}

proptest! {
    #[test]
    fn every_spelling_parses_to_its_fields((text, expected, _) in offset_text()) {
        let parsed = parse_offset(&text).map_err(|e| TestCaseError::fail(e.message))?;
        prop_assert_eq!(fields(&parsed), expected, "{:?}", text);
    }

    #[test]
    fn offsets_without_months_move_by_their_milliseconds(
        (text, expected, _) in offset_text(),
        reference in -1_000_000_000_000_000i64..1_000_000_000_000_000,
    ) {
        prop_assume!(expected[0] == 0 && expected[1] == 0);
        let ms: i64 = expected.iter().zip(UNIT_MS).map(|(count, unit)| count * unit).sum();
        let moved = from_now(&text, reference as f64);
        let target = reference + ms;
        if target.abs() <= 8_640_000_000_000_000 {
            prop_assert_eq!(moved.map_err(|e| TestCaseError::fail(e.message))?, target as f64);
        } else {
            prop_assert!(moved.is_err(), "{text:?} from {reference} should be out of range");
        }
    }

    #[test]
    fn any_text_parses_or_fails_cleanly(text in "\\PC{0,40}|[-+ 0-9a-zA-Z]{0,40}") {
        match from_now(&text, 0.0) {
            Ok(ms) => prop_assert!(ms.is_finite() && ms.abs() <= 8.64e15 && ms.fract() == 0.0),
            Err(e) => prop_assert!(!e.message.is_empty() && e.message.chars().count() < 300),
        }
    }
}
