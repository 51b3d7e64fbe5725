//! The documents the core writes itself (the Hawk ext, certificates) parse with
//! serde_json to exactly the values put in, and certificates carry a signature and
//! an accessToken that a model of the auth service's checks accepts.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use proptest::prelude::*;
use serde_json::{Value, json};
use taskcluster_wasm::core::credentials::{Credentials, ext};
use taskcluster_wasm::core::crypto;
use taskcluster_wasm::core::temporary_credentials::{MAX_SPAN_MS, Request, create};

fn decode_ext(ext: &str) -> Value {
    serde_json::from_slice(&STANDARD.decode(ext).expect("ext is base64")).expect("ext is JSON")
}

fn printable_scopes() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[ -~]{0,16}", 0..5)
}

proptest! {
    #[test]
    fn ext_is_the_json_of_its_parts(scopes in prop::option::of(prop::collection::vec("\\PC{0,12}", 0..4)), with_cert in any::<bool>()) {
        let certificate = with_cert.then_some(r#"{"version":1,"scopes":["a\"b"]}"#);
        let written = ext(certificate, scopes.as_deref());
        if certificate.is_none() && scopes.is_none() {
            prop_assert_eq!(written, None);
            return Ok(());
        }
        let doc = decode_ext(&written.expect("some ext"));
        let mut expected = serde_json::Map::new();
        if with_cert {
            expected.insert("certificate".into(), json!({"version": 1, "scopes": ["a\"b"]}));
        }
        if let Some(scopes) = scopes {
            expected.insert("authorizedScopes".into(), json!(scopes));
        }
        prop_assert_eq!(doc, Value::Object(expected));
    }

    #[test]
    fn certificates_verify_as_the_auth_service_checks_them(
        issuer in "[A-Za-z0-9/_-]{1,20}", secret in "[A-Za-z0-9_-]{10,44}", name in prop::option::of("[A-Za-z0-9/_-]{1,20}"),
        start in 0i64..4_000_000_000_000, span in 1i64..MAX_SPAN_MS, scopes in printable_scopes(),
        seed in "[A-Za-z0-9_-]{44}",
    ) {
        prop_assume!(name.as_deref() != Some(issuer.as_str()));
        let permanent = Credentials::permanent(issuer.clone(), secret.clone());
        let request = Request { issuer: &permanent, name: name.as_deref(), start_ms: start, expiry_ms: start + span,
            scopes: &scopes, seed: Some(&seed) };
        let temp = create(&request).map_err(|e| TestCaseError::fail(e.message))?;
        let cert: Value = serde_json::from_str(temp.certificate.as_deref().expect("a certificate")).expect("JSON");
        prop_assert_eq!(&cert["version"], &json!(1));
        prop_assert_eq!(&cert["scopes"], &json!(scopes));
        prop_assert_eq!(&cert["start"], &json!(start));
        prop_assert_eq!(&cert["expiry"], &json!(start + span));
        prop_assert_eq!(&cert["seed"], &json!(seed));
        let expected_issuer = name.as_ref().map(|_| json!(issuer));
        prop_assert_eq!(cert.get("issuer"), expected_issuer.as_ref());
        prop_assert_eq!(&temp.client_id, name.as_ref().unwrap_or(&issuer));

        // The auth service's check: HMAC over these lines, joined by "\n".
        let mut lines = vec!["version:1".to_string()];
        if let Some(name) = &name {
            lines.push(format!("clientId:{name}"));
            lines.push(format!("issuer:{issuer}"));
        }
        lines.extend([format!("seed:{seed}"), format!("start:{start}"), format!("expiry:{}", start + span), "scopes:".to_string()]);
        let text = format!("{}{}", lines.join("\n"), scopes.iter().map(|s| format!("\n{s}")).collect::<String>());
        let signature = STANDARD.encode(crypto::hmac_sha256(secret.as_bytes(), text.as_bytes()));
        prop_assert_eq!(&cert["signature"], &json!(signature));
        prop_assert_eq!(temp.access_token, URL_SAFE_NO_PAD.encode(crypto::hmac_sha256(secret.as_bytes(), seed.as_bytes())));
    }

    #[test]
    fn spans_beyond_31_days_or_backwards_are_refused(start in 0i64..4_000_000_000_000, extra in 1i64..1_000_000_000) {
        let permanent = Credentials::permanent("issuer", "secret");
        let too_long = Request { issuer: &permanent, name: None, start_ms: start, expiry_ms: start + MAX_SPAN_MS + extra, scopes: &[], seed: None };
        prop_assert!(create(&too_long).is_err());
        let backwards = Request { expiry_ms: start - extra, ..too_long };
        prop_assert!(create(&backwards).is_err());
    }
}
