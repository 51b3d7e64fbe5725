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
///
/// Built by hand rather than with `format!`: this runs on every request.
pub fn normalized_string(kind: MacKind, a: &Artifacts<'_>) -> String {
    let ext = a.ext.unwrap_or("");
    let mut out = String::with_capacity(64 + a.nonce.len() + a.resource.len() + a.host.len() + ext.len());
    out.push_str("hawk.1.");
    out.push_str(kind.label());
    out.push('\n');
    push_integer(&mut out, a.ts);
    out.push('\n');
    out.push_str(a.nonce);
    out.push('\n');
    push_ascii_case(&mut out, a.method, u8::is_ascii_lowercase, str::to_ascii_uppercase);
    out.push('\n');
    out.push_str(a.resource);
    out.push('\n');
    push_ascii_case(&mut out, a.host, u8::is_ascii_uppercase, str::to_ascii_lowercase);
    out.push('\n');
    push_integer(&mut out, i64::from(a.port));
    out.push('\n');
    out.push_str(a.hash.unwrap_or(""));
    out.push('\n');
    // Hawk escapes backslashes and newlines in ext so it stays one line.
    if ext.bytes().any(|b| b == b'\\' || b == b'\n') {
        out.push_str(&ext.replace('\\', "\\\\").replace('\n', "\\n"));
    } else {
        out.push_str(ext);
    }
    out.push('\n');
    out
}

/// Appends `value`, case-converted only when it has a byte to convert (rarely: methods
/// come upper-case, hosts lower-case).
fn push_ascii_case(out: &mut String, value: &str, needs: fn(&u8) -> bool, convert: fn(&str) -> String) {
    if value.bytes().any(|b| needs(&b)) {
        out.push_str(&convert(value));
    } else {
        out.push_str(value);
    }
}

/// Appends `value` in decimal (what `format!` would write, without its machinery).
pub fn push_integer(out: &mut String, value: i64) {
    if value < 0 {
        out.push('-');
    }
    let mut digits = [0u8; 20];
    let mut rest = value.unsigned_abs();
    let mut start = digits.len();
    loop {
        start -= 1;
        if let Some(slot) = digits.get_mut(start) {
            *slot = b'0' + (rest % 10) as u8;
        }
        rest /= 10;
        if rest == 0 || start == 0 {
            break;
        }
    }
    digits.iter().skip(start).for_each(|&d| out.push(char::from(d)));
}

/// base64(HMAC-SHA256(secret, normalized string)).
pub fn calculate(kind: MacKind, secret: &str, artifacts: &Artifacts<'_>) -> String {
    calculate_with(kind, &crypto::HmacKey::new(secret.as_bytes()), artifacts)
}

/// [`calculate`] with a prepared key.
pub fn calculate_with(kind: MacKind, key: &crypto::HmacKey, artifacts: &Artifacts<'_>) -> String {
    crypto::base64(&key.sign(&[normalized_string(kind, artifacts).as_bytes()]))
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
