//! Hawk headers, bewits and URL targets: what is signed can be read back out of
//! the header or bewit, the MAC recomputed from the read-back parts matches, and
//! a URL's host, port and resource survive parsing.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use proptest::prelude::*;
use taskcluster_wasm::core::hawk::bewit::expires_at;
use taskcluster_wasm::core::hawk::mac::{Artifacts, MacKind, calculate};
use taskcluster_wasm::core::hawk::{BewitRequest, HeaderRequest, Key, Target, authorization_header, bewit};

fn target() -> impl Strategy<Value = (String, Target)> {
    (
        "[a-z][a-z0-9.-]{0,15}",
        prop::option::of(1u16..),
        "(/[A-Za-z0-9._~%!$&()*+,;=:@-]{0,8}){0,4}",
        prop::option::of("[A-Za-z0-9=&%._-]{0,12}"),
        any::<bool>(),
    )
        .prop_map(|(host, port, path, query, https)| {
            let scheme = if https { "https" } else { "http" };
            let port_text = port.map(|p| format!(":{p}")).unwrap_or_default();
            let resource = format!(
                "{}{}",
                if path.is_empty() { "/" } else { &path },
                query.map(|q| format!("?{q}")).unwrap_or_default()
            );
            let url = format!("{scheme}://{host}{port_text}{resource}#fragment");
            (url, Target { host, port: port.unwrap_or(if https { 443 } else { 80 }), resource })
        })
}

fn attributes(header: &str) -> Vec<(String, String)> {
    header
        .trim_start_matches("Hawk ")
        .split(", ")
        .filter_map(|pair| {
            let (name, value) = pair.split_once('=')?;
            Some((name.to_string(), value.trim_matches('"').to_string()))
        })
        .collect()
}

proptest! {
    #[test]
    fn urls_split_into_what_hawk_signs((url, expected) in target()) {
        prop_assert_eq!(Target::parse(&url, "url").map_err(|e| TestCaseError::fail(e.message))?, expected);
    }

    #[test]
    fn any_url_text_parses_or_fails_cleanly(url in "\\PC{0,40}|https?://[^/]{0,12}(/\\PC{0,12})?") {
        if let Ok(t) = Target::parse(&url, "url") {
            prop_assert!(t.resource.starts_with('/') && !t.resource.contains('#') && !t.host.is_empty());
        }
    }

    #[test]
    fn headers_carry_what_was_signed(
        (_, target) in target(), id in "[A-Za-z0-9/_:-]{1,20}", secret in "[ -~]{1,30}",
        ts in 0i64..4_000_000_000, nonce in "[A-Za-z0-9_-]{1,12}", ext in prop::option::of("[A-Za-z0-9+/=]{0,20}"),
        hash in prop::option::of("[A-Za-z0-9+/]{43}="), method in prop_oneof![Just("GET"), Just("POST"), Just("DELETE")],
    ) {
        let request = HeaderRequest { method, target: &target, ts, nonce: &nonce, payload_hash: hash.as_deref(), ext: ext.as_deref() };
        let header = authorization_header(Key { id: &id, secret: &secret }, &request).map_err(|e| TestCaseError::fail(e.message))?;
        let attrs = attributes(&header);
        let get = |name: &str| attrs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        prop_assert_eq!(get("id"), Some(id.clone()));
        prop_assert_eq!(get("ts"), Some(ts.to_string()));
        prop_assert_eq!(get("nonce"), Some(nonce.clone()));
        prop_assert_eq!(get("hash"), hash.clone());
        prop_assert_eq!(get("ext"), ext.clone().filter(|e| !e.is_empty()));
        let artifacts = Artifacts { ts, nonce: &nonce, method, resource: &target.resource, host: &target.host, port: target.port,
            hash: hash.as_deref(), ext: ext.as_deref() };
        prop_assert_eq!(get("mac"), Some(calculate(MacKind::Header, &secret, &artifacts)));
    }

    #[test]
    fn bewits_decode_to_what_was_signed(
        (_, target) in target(), id in "[A-Za-z0-9/_:-]{1,20}", secret in "[ -~]{1,30}",
        expires_at in -4_000_000_000i64..4_000_000_000, ext in prop::option::of("[A-Za-z0-9+/=]{0,20}"),
    ) {
        let value = bewit(Key { id: &id, secret: &secret }, &BewitRequest { target: &target, expires_at, ext: ext.as_deref() })
            .map_err(|e| TestCaseError::fail(e.message))?;
        let raw = String::from_utf8(URL_SAFE_NO_PAD.decode(&value).expect("base64url")).expect("UTF-8");
        let parts: Vec<&str> = raw.split('\\').collect();
        let ext_text = ext.as_deref().unwrap_or("");
        let artifacts = Artifacts { ts: expires_at, nonce: "", method: "GET", resource: &target.resource, host: &target.host,
            port: target.port, hash: None, ext: Some(ext_text) };
        let expires_text = expires_at.to_string();
        let mac = calculate(MacKind::Bewit, &secret, &artifacts);
        prop_assert_eq!(parts, vec![id.as_str(), expires_text.as_str(), mac.as_str(), ext_text]);
    }

    #[test]
    fn expiration_is_the_official_clients_rule(now in -4_000_000_000i64..4_000_000_000, expiration in prop::option::of(-1e7f64..1e7)) {
        // taskcluster-client: exp = now + (expiration || 900); we drop fractions of a second.
        let seconds = match expiration { None | Some(0.0) => 900, Some(e) => e.floor() as i64 };
        prop_assert_eq!(expires_at(now, expiration, 900), Ok(now + seconds));
    }
}
