//! Bewits: a Hawk signature carried in a URL's query (`?bewit=...`) so a plain
//! GET, such as a link in a page, is authenticated until it expires.

use super::header::check_attribute;
use super::mac::{self, Artifacts, MacKind};
use super::target::Parts;
use super::{Key, Target};
use crate::core::{Error, Result, crypto};

/// Fifteen minutes, as the official clients default to.
pub const DEFAULT_EXPIRATION_SECONDS: i64 = 15 * 60;

/// When a signed URL made at `now_seconds` stops being valid, for a caller's
/// `expiration` in seconds: the one rule for every function that signs a URL,
/// and the official clients' rule (`expiration || default`). Absent or zero means
/// `default_seconds` (15 minutes unless a client sets its own); a negative
/// expiration is accepted and makes a link that has already expired (tests use
/// it). Fractions of a second are dropped.
///
/// ```
/// use taskcluster_wasm::core::hawk::bewit::{DEFAULT_EXPIRATION_SECONDS, expires_at};
/// assert_eq!(expires_at(1000, None, DEFAULT_EXPIRATION_SECONDS), Ok(1900));
/// assert_eq!(expires_at(1000, Some(0.0), 30), Ok(1030));
/// assert_eq!(expires_at(1000, Some(60.9), 30), Ok(1060));
/// assert_eq!(expires_at(1000, Some(-60.0), 30), Ok(940));
/// ```
pub fn expires_at(now_seconds: i64, expiration_seconds: Option<f64>, default_seconds: i64) -> Result<i64> {
    let seconds = match expiration_seconds {
        None | Some(0.0) => default_seconds,
        Some(s) if !s.is_finite() => return Err(Error::range("options.expiration must be a finite number of seconds")),
        // `as` saturates, and so does the addition: no overflow for any input.
        Some(s) => s.floor() as i64,
    };
    Ok(now_seconds.saturating_add(seconds))
}

/// One URL to sign.
pub struct BewitRequest<'a> {
    pub target: &'a Target,
    /// Seconds since the epoch when the bewit stops being valid.
    pub expires_at: i64,
    pub ext: Option<&'a str>,
}

/// The bewit value: base64url(`id\exp\mac\ext`), no padding; the MAC is over a GET
/// of the resource with an empty nonce and no payload hash.
pub fn bewit(key: Key<'_>, request: &BewitRequest<'_>) -> Result<String> {
    prepared_bewit(key.id, &crypto::HmacKey::new(key.secret.as_bytes()), request)
}

/// [`bewit`] for the Hawk `id` and a prepared key.
pub(super) fn prepared_bewit(id: &str, key: &crypto::HmacKey, request: &BewitRequest<'_>) -> Result<String> {
    bewit_for(id, key, request.target.parts(), request.expires_at, request.ext)
}

/// The bewit for a URL's parts.
pub(super) fn bewit_for(
    id: &str,
    key: &crypto::HmacKey,
    target: Parts<'_>,
    expires_at: i64,
    ext: Option<&str>,
) -> Result<String> {
    check_attribute(id, "credentials.clientId")?;
    let ext = ext.unwrap_or("");
    let artifacts = Artifacts {
        ts: expires_at,
        nonce: "",
        method: "GET",
        resource: target.resource,
        host: target.host,
        port: target.port,
        hash: None,
        ext: Some(ext),
    };
    let mac = mac::mac_with(MacKind::Bewit, key, &artifacts);
    let mut raw = String::with_capacity(id.len() + ext.len() + 72);
    raw.push_str(id);
    raw.push('\\');
    mac::push_integer(&mut raw, expires_at);
    raw.push('\\');
    crypto::push_base64(&mut raw, &mac);
    raw.push('\\');
    raw.push_str(ext);
    Ok(crypto::base64url(raw.as_bytes()))
}

/// `url` with `bewit=<value>` appended as the last query parameter, where
/// Hawk servers look for it.
pub fn signed_url(url: &str, key: Key<'_>, request: &BewitRequest<'_>) -> Result<String> {
    with_bewit(url, &bewit(key, request)?)
}

/// `url` with the bewit `value` appended.
pub fn with_bewit(url: &str, value: &str) -> Result<String> {
    // The fragment, if any, is not sent to the server: keep it after the query.
    let (base, fragment) = match url.split_once('#') {
        Some((base, fragment)) => (base, Some(fragment)),
        None => (url, None),
    };
    let separator = if base.bytes().any(|b| b == b'?') { '&' } else { '?' };
    let mut signed = String::with_capacity(url.len() + value.len() + 7);
    signed.push_str(base);
    signed.push(separator);
    signed.push_str("bewit=");
    signed.push_str(value);
    if let Some(fragment) = fragment {
        signed.push('#');
        signed.push_str(fragment);
    }
    Ok(signed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::Engine;

    const KEY: Key<'static> = Key { id: "123456", secret: "2983d45yun89q" };

    #[test]
    fn bewit_layout_and_mac() {
        let target = Target::parse("https://example.com/somewhere/over/the/rainbow", "url").unwrap();
        let value = bewit(KEY, &BewitRequest { target: &target, expires_at: 1356420407 + 300, ext: Some("xandyandz") })
            .unwrap();
        let raw = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&value).unwrap();
        let raw = String::from_utf8(raw).unwrap();
        let parts: Vec<&str> = raw.split('\\').collect();
        assert_eq!(parts[0], "123456");
        assert_eq!(parts[1], "1356420707");
        assert_eq!(parts[3], "xandyandz");
        let expected_mac = mac::calculate(
            MacKind::Bewit,
            KEY.secret,
            &Artifacts {
                ts: 1356420707,
                nonce: "",
                method: "GET",
                resource: "/somewhere/over/the/rainbow",
                host: "example.com",
                port: 443,
                hash: None,
                ext: Some("xandyandz"),
            },
        );
        assert_eq!(parts[2], expected_mac);
        // The hawk reference implementation's test vector for these inputs.
        assert_eq!(
            value,
            "MTIzNDU2XDEzNTY0MjA3MDdca3NjeHdOUjJ0SnBQMVQxekRMTlBiQjVVaUtJVTl0T1NKWFRVZEc3WDloOD1ceGFuZHlhbmR6"
        );
    }

    #[test]
    fn expiration_follows_the_official_clients() {
        let default = DEFAULT_EXPIRATION_SECONDS;
        assert_eq!(expires_at(100, Some(-1.5), default), Ok(98));
        assert_eq!(expires_at(i64::MAX, Some(1e300), default), Ok(i64::MAX));
        assert_eq!(expires_at(i64::MIN, Some(-1e300), default), Ok(i64::MIN));
        assert!(expires_at(0, Some(f64::NAN), default).is_err());
        assert!(expires_at(0, Some(f64::INFINITY), default).is_err());
    }

    #[test]
    fn signed_url_appends_last_and_keeps_fragment() {
        let target = Target::parse("https://h/p?a=1", "url").unwrap();
        let request = BewitRequest { target: &target, expires_at: 10, ext: None };
        let url = signed_url("https://h/p?a=1#top", KEY, &request).unwrap();
        assert!(url.starts_with("https://h/p?a=1&bewit="));
        assert!(url.ends_with("#top"));
        let plain = signed_url("https://h/p", KEY, &request).unwrap();
        assert!(plain.starts_with("https://h/p?bewit="));
    }
}
