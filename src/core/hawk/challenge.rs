//! The server's `WWW-Authenticate: Hawk ts="..", tsm="..", error="Stale timestamp"`
//! challenge, from which a client learns how far its clock is off.

use super::Key;
use crate::core::crypto;

/// The attributes of a Hawk challenge that clock correction needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Challenge {
    /// The server's time, seconds since the epoch.
    pub ts: i64,
    /// base64(HMAC(secret, "hawk.1.ts\n{ts}\n")): proves the server knows the secret.
    pub tsm: String,
    pub error: Option<String>,
}

impl Challenge {
    /// Parses a `WWW-Authenticate` header; `None` unless it is a Hawk challenge
    /// carrying both `ts` and `tsm`.
    pub fn parse(header: &str) -> Option<Challenge> {
        let rest = header.trim_start();
        let scheme = rest.get(..4)?;
        if !scheme.eq_ignore_ascii_case("hawk") {
            return None;
        }
        let mut ts = None;
        let mut tsm = None;
        let mut error = None;
        for (name, value) in attributes(rest.get(4..)?) {
            match name {
                "ts" => ts = value.parse::<i64>().ok(),
                "tsm" => tsm = Some(value.to_string()),
                "error" => error = Some(value.to_string()),
                _ => {}
            }
        }
        Some(Challenge { ts: ts?, tsm: tsm?, error })
    }

    /// Whether `tsm` was made with this key (so the `ts` can be trusted).
    pub fn is_authentic(&self, key: Key<'_>) -> bool {
        let expected =
            crypto::base64(&crypto::hmac_sha256(key.secret.as_bytes(), format!("hawk.1.ts\n{}\n", self.ts).as_bytes()));
        crypto::constant_time_eq(&expected, &self.tsm)
    }
}

/// Milliseconds to add to the local clock (`now_ms`) to agree with the server,
/// when `header` is an authentic Hawk "Stale timestamp" challenge; `None` otherwise.
pub fn clock_offset_ms(header: &str, key: Key<'_>, now_ms: f64) -> Option<f64> {
    let challenge = Challenge::parse(header)?;
    if challenge.error.as_deref() != Some("Stale timestamp") || !challenge.is_authentic(key) {
        return None;
    }
    Some(challenge.ts as f64 * 1000.0 - now_ms)
}

/// `name="value"` pairs separated by commas; quoted values may hold spaces.
fn attributes(text: &str) -> Vec<(&str, &str)> {
    let mut pairs = Vec::new();
    let mut rest = text;
    while let Some((name, after)) = split_at_quoted_value(rest) {
        let Some((value, tail)) = after.split_once('"') else { break };
        pairs.push((name.trim().trim_start_matches(',').trim(), value));
        rest = tail;
    }
    pairs
}

/// `text` around its first `="`. A byte search: a `&str` pattern would bring the
/// generic string searcher and its panic formatting into the wasm (about 9 KB).
fn split_at_quoted_value(text: &str) -> Option<(&str, &str)> {
    let at = text.as_bytes().windows(2).position(|pair| pair == b"=\"")?;
    Some((text.get(..at)?, text.get(at + 2..)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key<'static> = Key { id: "id", secret: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" };

    fn tsm(ts: i64) -> String {
        crypto::base64(&crypto::hmac_sha256(KEY.secret.as_bytes(), format!("hawk.1.ts\n{ts}\n").as_bytes()))
    }

    #[test]
    fn parses_a_stale_timestamp_challenge() {
        let header = format!(r#"Hawk ts="1353832234", tsm="{}", error="Stale timestamp""#, tsm(1353832234));
        let challenge = Challenge::parse(&header).unwrap();
        assert_eq!(challenge.ts, 1353832234);
        assert_eq!(challenge.error.as_deref(), Some("Stale timestamp"));
        assert!(challenge.is_authentic(KEY));
        assert_eq!(clock_offset_ms(&header, KEY, 1353832000000.0), Some(234000.0));
    }

    #[test]
    fn rejects_forged_or_incomplete_challenges() {
        let forged = r#"Hawk ts="1353832234", tsm="AAAA", error="Stale timestamp""#;
        assert_eq!(clock_offset_ms(forged, KEY, 0.0), None);
        assert_eq!(Challenge::parse(r#"Hawk error="Bad mac""#), None);
        let other_error = format!(r#"Hawk ts="1353832234", tsm="{}", error="Bad mac""#, tsm(1353832234));
        assert_eq!(clock_offset_ms(&other_error, KEY, 0.0), None);
        assert_eq!(Challenge::parse(r#"Basic realm="x""#), None);
        assert_eq!(Challenge::parse(""), None);
        assert_eq!(Challenge::parse("Ha"), None);
        assert_eq!(Challenge::parse(r#"Hawk ts="x", tsm="y""#), None);
    }
}
