//! The normalized string Hawk signs, and its MAC.

use crate::core::crypto;

/// Which Hawk MAC is being computed; it is the first line of the normalized string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MacKind {
    Header,
    Bewit,
}

impl MacKind {
    fn label(self) -> &'static str {
        match self {
            MacKind::Header => "header",
            MacKind::Bewit => "bewit",
        }
    }
}

/// Everything a Hawk MAC covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Artifacts<'a> {
    pub ts: i64,
    pub nonce: &'a str,
    pub method: &'a str,
    /// Path and query string, e.g. `/resource/1?b=1&a=2`.
    pub resource: &'a str,
    pub host: &'a str,
    pub port: u16,
    pub hash: Option<&'a str>,
    pub ext: Option<&'a str>,
}

/// The string Hawk signs:
/// `hawk.1.<kind>\n{ts}\n{nonce}\n{METHOD}\n{resource}\n{host}\n{port}\n{hash}\n{ext}\n`.
pub fn normalized_string(kind: MacKind, a: &Artifacts<'_>) -> String {
    let mut out =
        String::with_capacity(64 + a.nonce.len() + a.resource.len() + a.host.len() + a.ext.map_or(0, str::len));
    let mut digits = [0; MAX_INTEGER_LENGTH];
    let ts = integer_text(a.ts, &mut digits);
    write_normalized(kind, a, ts, &mut |piece| out.push_str(piece));
    out
}

/// Hands the normalized string to `out` piece by piece, so the MAC is computed
/// without building it (this runs on every request); `ts` is `a.ts` in decimal.
fn write_normalized(kind: MacKind, a: &Artifacts<'_>, ts: &str, out: &mut impl FnMut(&str)) {
    let mut digits = [0; MAX_INTEGER_LENGTH];
    out("hawk.1.");
    out(kind.label());
    out("\n");
    out(ts);
    out("\n");
    out(a.nonce);
    out("\n");
    write_ascii_case(out, a.method, u8::is_ascii_lowercase, str::to_ascii_uppercase);
    out("\n");
    out(a.resource);
    out("\n");
    write_ascii_case(out, a.host, u8::is_ascii_uppercase, str::to_ascii_lowercase);
    out("\n");
    out(integer_text(i64::from(a.port), &mut digits));
    out("\n");
    out(a.hash.unwrap_or(""));
    out("\n");
    // Hawk escapes backslashes and newlines in ext so it stays one line.
    let ext = a.ext.unwrap_or("");
    if ext.bytes().any(|b| b == b'\\' || b == b'\n') {
        out(&ext.replace('\\', "\\\\").replace('\n', "\\n"));
    } else {
        out(ext);
    }
    out("\n");
}

/// Hands over `value`, case-converted only when it has a byte to convert (rarely:
/// methods come upper-case, hosts lower-case).
// Generic, not fn pointers: the test runs for every byte and must inline.
fn write_ascii_case(
    out: &mut impl FnMut(&str),
    value: &str,
    needs: impl Fn(&u8) -> bool,
    convert: impl FnOnce(&str) -> String,
) {
    if value.bytes().any(|b| needs(&b)) {
        out(&convert(value));
    } else {
        out(value);
    }
}

/// `i64::MIN` in decimal.
pub(super) const MAX_INTEGER_LENGTH: usize = 20;

/// `value` in decimal (what `format!` would write, without its machinery), written into `buffer`.
pub(super) fn integer_text(value: i64, buffer: &mut [u8; MAX_INTEGER_LENGTH]) -> &str {
    let mut rest = value.unsigned_abs();
    let mut start = buffer.len();
    for slot in buffer.iter_mut().rev() {
        *slot = b'0' + (rest % 10) as u8;
        start -= 1;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    if value < 0 {
        start -= 1;
        if let Some(slot) = buffer.get_mut(start) {
            *slot = b'-';
        }
    }
    std::str::from_utf8(buffer.get(start..).unwrap_or_default()).unwrap_or_default()
}

/// Appends `value` in decimal.
pub fn push_integer(out: &mut String, value: i64) {
    out.push_str(integer_text(value, &mut [0; MAX_INTEGER_LENGTH]));
}

/// base64(HMAC-SHA256(secret, normalized string)).
pub fn calculate(kind: MacKind, secret: &str, artifacts: &Artifacts<'_>) -> String {
    calculate_with(kind, &crypto::HmacKey::new(secret.as_bytes()), artifacts)
}

/// [`calculate`] with a prepared key.
pub fn calculate_with(kind: MacKind, key: &crypto::HmacKey, artifacts: &Artifacts<'_>) -> String {
    crypto::base64(&mac_with(kind, key, artifacts))
}

/// The raw MAC, with a prepared key.
pub fn mac_with(kind: MacKind, key: &crypto::HmacKey, artifacts: &Artifacts<'_>) -> [u8; 32] {
    mac_with_ts(kind, key, artifacts, integer_text(artifacts.ts, &mut [0; MAX_INTEGER_LENGTH]))
}

/// [`mac_with`] given `artifacts.ts` in decimal (a header writes it again: worked out once).
pub(super) fn mac_with_ts(kind: MacKind, key: &crypto::HmacKey, artifacts: &Artifacts<'_>, ts: &str) -> [u8; 32] {
    let mut run = key.start();
    write_normalized(kind, artifacts, ts, &mut |piece| run.update(piece.as_bytes()));
    run.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example from the Hawk specification (README of the reference implementation).
    pub(crate) const SPEC_KEY: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

    fn spec_artifacts() -> Artifacts<'static> {
        Artifacts {
            ts: 1353832234,
            nonce: "j4h3g2",
            method: "GET",
            resource: "/resource/1?b=1&a=2",
            host: "example.com",
            port: 8000,
            hash: None,
            ext: Some("some-app-ext-data"),
        }
    }

    #[test]
    fn spec_normalized_string() {
        assert_eq!(
            normalized_string(MacKind::Header, &spec_artifacts()),
            "hawk.1.header\n1353832234\nj4h3g2\nGET\n/resource/1?b=1&a=2\nexample.com\n8000\n\nsome-app-ext-data\n"
        );
    }

    #[test]
    fn spec_header_mac() {
        assert_eq!(
            calculate(MacKind::Header, SPEC_KEY, &spec_artifacts()),
            "6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE="
        );
    }

    #[test]
    fn spec_header_mac_with_payload_hash() {
        // The spec's second example: POST with a payload hash.
        let artifacts = Artifacts {
            method: "POST",
            hash: Some("Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY="),
            ..spec_artifacts()
        };
        assert_eq!(calculate(MacKind::Header, SPEC_KEY, &artifacts), "aSe1DERmZuRl3pI36/9BdZmnErTw3sNzOOAUlfeKjVw=");
    }

    #[test]
    fn method_and_host_are_case_normalized() {
        let lower = Artifacts { method: "get", host: "EXAMPLE.com", ..spec_artifacts() };
        assert_eq!(
            calculate(MacKind::Header, SPEC_KEY, &lower),
            calculate(MacKind::Header, SPEC_KEY, &spec_artifacts())
        );
    }

    #[test]
    fn integers_are_written_as_format_writes_them() {
        for value in [0, 7, 10, 1353832234, -1, -90, i64::MAX, i64::MIN] {
            let mut out = String::new();
            push_integer(&mut out, value);
            assert_eq!(out, value.to_string());
        }
    }

    #[test]
    fn ext_newlines_and_backslashes_are_escaped() {
        let a = Artifacts { ext: Some("a\\b\nc"), ..spec_artifacts() };
        assert!(normalized_string(MacKind::Header, &a).ends_with("\na\\\\b\\nc\n"));
    }
}
