//! The "Stale timestamp" challenge: a well-formed challenge parses back to its
//! attributes in any order and spacing, only an authentic tsm moves the clock,
//! and no header makes the parser fail other than by answering `None`.

use proptest::prelude::*;
use taskcluster_wasm::core::crypto;
use taskcluster_wasm::core::hawk::{Challenge, Key, clock_offset_ms};

const KEY: Key<'static> = Key { id: "client", secret: "a-secret-of-some-length" };

fn tsm(secret: &str, ts: i64) -> String {
    crypto::base64(&crypto::hmac_sha256(secret.as_bytes(), format!("hawk.1.ts\n{ts}\n").as_bytes()))
}

proptest! {
    #[test]
    fn challenges_parse_back(
        ts in -10_000_000_000i64..10_000_000_000, error in "[A-Za-z ]{0,20}", order in 0usize..6,
        gap in " {0,3}", scheme in prop_oneof![Just("Hawk"), Just("hawk"), Just("HAWK")],
    ) {
        let mac = tsm(KEY.secret, ts);
        let attrs = [format!(r#"ts="{ts}""#), format!(r#"tsm="{mac}""#), format!(r#"error="{error}""#)];
        let orders = [[0, 1, 2], [0, 2, 1], [1, 0, 2], [1, 2, 0], [2, 0, 1], [2, 1, 0]];
        let body: Vec<&str> = orders[order].iter().map(|&i| attrs[i].as_str()).collect();
        let header = format!("{scheme} {}", body.join(&format!(",{gap}")));
        let parsed = Challenge::parse(&header).ok_or_else(|| TestCaseError::fail(header.clone()))?;
        prop_assert_eq!(parsed, Challenge { ts, tsm: mac, error: Some(error.clone()) });
        let offset = clock_offset_ms(&header, KEY, 1_000_000.0);
        prop_assert_eq!(offset, (error == "Stale timestamp").then_some(ts as f64 * 1000.0 - 1_000_000.0));
    }

    #[test]
    fn only_an_authentic_tsm_moves_the_clock(ts in 0i64..4_000_000_000, secret in "[a-z]{1,12}", now in 0f64..4e12) {
        let header = format!(r#"Hawk ts="{ts}", tsm="{}", error="Stale timestamp""#, tsm(&secret, ts));
        let expected = (secret == KEY.secret).then_some(ts as f64 * 1000.0 - now);
        prop_assert_eq!(clock_offset_ms(&header, KEY, now), expected);
        let own = format!(r#"Hawk ts="{ts}", tsm="{}", error="Stale timestamp""#, tsm(KEY.secret, ts));
        prop_assert_eq!(clock_offset_ms(&own, KEY, now), Some(ts as f64 * 1000.0 - now));
    }

    #[test]
    fn any_header_is_parsed_or_refused(header in "\\PC{0,60}|(Hawk|hawk)[ a-z=\",0-9]{0,40}") {
        if let Some(challenge) = Challenge::parse(&header) {
            prop_assert!(header.trim_start().get(..4).is_some_and(|s| s.eq_ignore_ascii_case("hawk")));
            prop_assert!(header.contains(&challenge.ts.to_string()));
        }
        prop_assert_eq!(clock_offset_ms(&header, KEY, 0.0), None, "an unauthenticated header moved the clock");
    }
}
