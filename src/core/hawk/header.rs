//! The `Authorization: Hawk ...` request header.

use super::mac::{self, Artifacts, MacKind};
use super::{Key, Target};
use crate::core::error::excerpt;
use crate::core::{Error, Result, crypto, random};

/// One request to sign.
pub struct HeaderRequest<'a> {
    pub method: &'a str,
    pub target: &'a Target,
    /// Seconds since the epoch, already corrected for any known clock offset.
    pub ts: i64,
    pub nonce: &'a str,
    /// From [`super::payload::hash`], when the payload is to be covered.
    pub payload_hash: Option<&'a str>,
    pub ext: Option<&'a str>,
}

/// Builds `Hawk id="..", ts="..", nonce="..", [hash="..", ][ext="..", ]mac=".."`.
///
/// ```
/// use taskcluster_wasm::core::hawk::{HeaderRequest, Key, Target, authorization_header};
/// let target = Target::parse("http://example.com:8000/resource/1?b=1&a=2", "url").unwrap();
/// let header = authorization_header(
///     Key { id: "dh37fgj492je", secret: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" },
///     &HeaderRequest { method: "GET", target: &target, ts: 1353832234, nonce: "j4h3g2",
///                      payload_hash: None, ext: Some("some-app-ext-data") },
/// ).unwrap();
/// assert!(header.ends_with(r#"mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#));
/// ```
pub fn authorization_header(key: Key<'_>, request: &HeaderRequest<'_>) -> Result<String> {
    signed_header(key.id, &crypto::HmacKey::new(key.secret.as_bytes()), request)
}

/// [`authorization_header`] for the Hawk `id` and a prepared key.
pub(super) fn signed_header(id: &str, key: &crypto::HmacKey, request: &HeaderRequest<'_>) -> Result<String> {
    signed_header_for(
        id,
        key,
        &Artifacts {
            ts: request.ts,
            nonce: request.nonce,
            method: request.method,
            resource: &request.target.resource,
            host: &request.target.host,
            port: request.target.port,
            hash: request.payload_hash,
            ext: request.ext,
        },
    )
}

/// The header for everything its MAC covers.
pub(super) fn signed_header_for(id: &str, key: &crypto::HmacKey, artifacts: &Artifacts<'_>) -> Result<String> {
    let mut header = String::with_capacity(96 + id.len() + artifacts.ext.map_or(0, str::len));
    write_signed_header(id, key, artifacts, &mut |piece| header.push_str(piece))?;
    Ok(header)
}

/// [`signed_header_for`], handed to `out` piece by piece (the fast path writes it
/// straight into the memory JS reads it from).
pub(super) fn write_signed_header(
    id: &str,
    key: &crypto::HmacKey,
    artifacts: &Artifacts<'_>,
    // Not generic: one copy of this code for both its callers.
    out: &mut dyn FnMut(&str),
) -> Result<()> {
    check_method(artifacts.method)?;
    check_attribute(id, "credentials.clientId")?;
    check_attribute(artifacts.nonce, "nonce")?;
    if let Some(ext) = artifacts.ext {
        check_attribute(ext, "ext")?;
    }
    let mut digits = [0; mac::MAX_INTEGER_LENGTH];
    let ts = mac::integer_text(artifacts.ts, &mut digits);
    let mac = mac::mac_with_ts(MacKind::Header, key, artifacts, ts);
    out(r#"Hawk id=""#);
    out(id);
    out(r#"", ts=""#);
    out(ts);
    out(r#"", nonce=""#);
    out(artifacts.nonce);
    if let Some(hash) = artifacts.hash {
        out(r#"", hash=""#);
        out(hash);
    }
    if let Some(ext) = artifacts.ext.filter(|e| !e.is_empty()) {
        out(r#"", ext=""#);
        out(ext);
    }
    out(r#"", mac=""#);
    out(crypto::digest_base64(&mac, &mut [0; crypto::DIGEST_BASE64_LENGTH]));
    out("\"");
    Ok(())
}

/// The length of a [`random_nonce`].
pub const NONCE_LENGTH: usize = 8;

/// A fresh nonce: 6 random bytes, URL-safe base64 (8 characters).
pub fn random_nonce() -> Result<String> {
    random_nonce_in(&mut [0; NONCE_LENGTH]).map(String::from)
}

/// [`random_nonce`], written into `buffer`.
pub fn random_nonce_in(buffer: &mut [u8; NONCE_LENGTH]) -> Result<&str> {
    Ok(crypto::base64url_in(&random::bytes::<6>()?, buffer))
}

fn check_method(method: &str) -> Result<()> {
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Err(Error::invalid(format!("method must be an HTTP method name such as GET, got {}", excerpt(method))));
    }
    Ok(())
}

/// Hawk servers accept only these characters inside a quoted header attribute.
#[inline(always)]
fn allowed_in_attribute(byte: u8) -> bool {
    (byte.is_ascii_graphic() && byte != b'"' && byte != b'\\') || byte == b' '
}

/// Checks that `value` fits in a quoted header attribute; `what` names it in errors.
pub(crate) fn check_attribute(value: &str, what: &str) -> Result<()> {
    if value.is_empty() && what != "ext" {
        return Err(Error::invalid(format!("{what} must not be empty")));
    }
    // Byte by byte on every signature; characters are decoded only to name a bad one.
    if value.bytes().all(allowed_in_attribute) {
        return Ok(());
    }
    if let Some(bad) = value.chars().find(|&c| !u8::try_from(c).is_ok_and(allowed_in_attribute)) {
        return Err(Error::invalid(format!(
            "{what} contains {}, which a Hawk header cannot carry (printable ASCII except '\"' and '\\')",
            excerpt(bad.encode_utf8(&mut [0; 4]))
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key<'static> = Key { id: "dh37fgj492je", secret: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" };

    fn spec_target() -> Target {
        Target::parse("http://example.com:8000/resource/1?b=1&a=2", "url").unwrap()
    }

    #[test]
    fn spec_header() {
        let target = spec_target();
        let header = authorization_header(
            KEY,
            &HeaderRequest {
                method: "GET",
                target: &target,
                ts: 1353832234,
                nonce: "j4h3g2",
                payload_hash: None,
                ext: Some("some-app-ext-data"),
            },
        )
        .unwrap();
        assert_eq!(
            header,
            r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#
        );
    }

    #[test]
    fn header_with_hash_and_no_ext() {
        let target = spec_target();
        let header = authorization_header(
            KEY,
            &HeaderRequest { method: "POST", target: &target, ts: 1, nonce: "n", payload_hash: Some("h="), ext: None },
        )
        .unwrap();
        assert!(header.starts_with(r#"Hawk id="dh37fgj492je", ts="1", nonce="n", hash="h=", mac=""#), "{header}");
    }

    #[test]
    fn rejects_unsignable_values() {
        let target = spec_target();
        let request =
            |method, nonce, ext| HeaderRequest { method, target: &target, ts: 1, nonce, payload_hash: None, ext };
        assert!(authorization_header(KEY, &request("G T", "n", None)).is_err());
        assert!(authorization_header(KEY, &request("GET", "n\"", None)).is_err());
        assert!(authorization_header(KEY, &request("GET", "n", Some("é"))).is_err());
        let bad_id = Key { id: "a\"b", ..KEY };
        let err = authorization_header(bad_id, &request("GET", "n", None)).unwrap_err();
        assert!(err.message.contains("credentials.clientId"));
    }

    #[test]
    fn nonces_are_fresh() {
        let a = random_nonce().unwrap();
        assert_eq!(a.len(), 8);
        assert_ne!(a, random_nonce().unwrap());
    }
}
