//! Temporary credentials: a certificate signed with a permanent client's
//! accessToken, exactly as the auth service verifies it.

use super::credentials::Credentials;
use super::hawk::mac::push_integer;
use super::{Error, Result, crypto, json, scopes, slugid};

/// The auth service refuses certificates valid for longer than this.
pub const MAX_SPAN_MS: i64 = 31 * 24 * 60 * 60 * 1000;

/// What to issue, and who issues it.
pub struct Request<'a> {
    /// The issuer's permanent credentials (no certificate).
    pub issuer: &'a Credentials,
    /// A clientId for named temporary credentials; `None` for unnamed ones.
    pub name: Option<&'a str>,
    pub start_ms: i64,
    pub expiry_ms: i64,
    pub scopes: &'a [String],
    /// 44 URL-safe base64 characters; random when `None`.
    pub seed: Option<&'a str>,
}

/// Issues temporary credentials.
///
/// ```
/// use taskcluster_wasm::core::credentials::Credentials;
/// use taskcluster_wasm::core::temporary_credentials::{create, Request};
/// let issuer = Credentials::permanent("issuer", "issuer-token");
/// let temp = create(&Request { issuer: &issuer, name: None, start_ms: 0, expiry_ms: 60_000,
///                              scopes: &["queue:create-task:*".into()], seed: None }).unwrap();
/// assert_eq!(temp.client_id, "issuer");
/// assert!(temp.certificate.unwrap().starts_with(r#"{"version":1,"scopes":["queue:create-task:*"]"#));
/// ```
pub fn create(request: &Request<'_>) -> Result<Credentials> {
    create_with_key(request, &crypto::HmacKey::new(request.issuer.access_token.as_bytes()))
}

/// [`create`] with the issuer's accessToken already prepared as `key` (a signer
/// keeps one per issuer), which signs instead of `request.issuer.access_token`.
pub fn create_with_key(request: &Request<'_>, key: &crypto::HmacKey) -> Result<Credentials> {
    check(request)?;
    let seed = match request.seed {
        Some(seed) => seed.to_string(),
        None => {
            let mut seed = slugid::v4()?;
            seed.push_str(&slugid::v4()?);
            seed
        }
    };
    let issuer = &request.issuer.client_id;
    let signature = crypto::base64(&key.sign(&[signed_text(request, &seed).as_bytes()]));

    let mut certificate =
        String::with_capacity(256 + seed.len() + request.scopes.iter().map(|s| s.len() + 3).sum::<usize>());
    certificate.push_str("{\"version\":1,\"scopes\":");
    json::write_string_array(&mut certificate, request.scopes);
    certificate.push_str(",\"start\":");
    push_integer(&mut certificate, request.start_ms);
    certificate.push_str(",\"expiry\":");
    push_integer(&mut certificate, request.expiry_ms);
    certificate.push_str(",\"seed\":");
    json::write_string(&mut certificate, &seed);
    certificate.push_str(",\"signature\":");
    json::write_string(&mut certificate, &signature);
    if request.name.is_some() {
        certificate.push_str(",\"issuer\":");
        json::write_string(&mut certificate, issuer);
    }
    certificate.push('}');

    Ok(Credentials {
        client_id: request.name.unwrap_or(issuer).to_string(),
        access_token: crypto::base64url(&key.sign(&[seed.as_bytes()])),
        certificate: Some(certificate),
    })
}

/// The lines the signature covers, joined by `\n` with no trailing newline:
/// an empty scope list ends in `scopes:` (the official JS clients wrongly add `\n`).
pub fn signed_text(request: &Request<'_>, seed: &str) -> String {
    let mut text = String::with_capacity(128 + seed.len() + request.scopes.iter().map(|s| s.len() + 1).sum::<usize>());
    text.push_str("version:1");
    if let Some(name) = request.name {
        text.push_str("\nclientId:");
        text.push_str(name);
        text.push_str("\nissuer:");
        text.push_str(&request.issuer.client_id);
    }
    text.push_str("\nseed:");
    text.push_str(seed);
    text.push_str("\nstart:");
    push_integer(&mut text, request.start_ms);
    text.push_str("\nexpiry:");
    push_integer(&mut text, request.expiry_ms);
    text.push_str("\nscopes:");
    for scope in request.scopes {
        text.push('\n');
        text.push_str(scope);
    }
    text
}

fn check(request: &Request<'_>) -> Result<()> {
    if request.issuer.certificate.is_some() {
        return Err(Error::invalid(
            "temporary credentials cannot issue temporary credentials; use the permanent credentials that issued them",
        ));
    }
    if request.expiry_ms <= request.start_ms {
        return Err(Error::range("options.expiry must be after options.start"));
    }
    if request.expiry_ms.saturating_sub(request.start_ms) > MAX_SPAN_MS {
        return Err(Error::range(
            "temporary credentials cannot span more than 31 days (options.expiry - options.start)",
        ));
    }
    scopes::validate_scopes(request.scopes, "options.scopes").map_err(|e| Error::type_error(e.message))?;
    if let Some(name) = request.name {
        check_client_id(name, "options.name")?;
        if name == request.issuer.client_id {
            return Err(Error::invalid("options.name must differ from the issuer's clientId"));
        }
    }
    if let Some(seed) = request.seed {
        let url_safe = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        if seed.len() != 44 || !seed.bytes().all(url_safe) {
            return Err(Error::invalid("options.seed must be 44 URL-safe base64 characters"));
        }
    }
    Ok(())
}

/// The auth service's clientId rule: 1 to 256 of `A-Z a-z 0-9 ! @ / : . + | _ -`.
fn check_client_id(client_id: &str, what: &str) -> Result<()> {
    let allowed =
        |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'!' | b'@' | b'/' | b':' | b'.' | b'+' | b'|' | b'_' | b'-');
    if client_id.is_empty() || client_id.len() > 256 || !client_id.bytes().all(allowed) {
        return Err(Error::invalid(format!("{what} must be 1 to 256 characters of A-Z a-z 0-9 ! @ / : . + | _ -")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;

    const SEED: &str = "aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbb";

    fn issuer() -> Credentials {
        Credentials::permanent("issuer", "issuer-token")
    }

    fn request<'a>(issuer: &'a Credentials, scopes: &'a [String]) -> Request<'a> {
        Request { issuer, name: None, start_ms: 1_000, expiry_ms: 61_000, scopes, seed: Some(SEED) }
    }

    #[test]
    fn empty_scopes_sign_without_trailing_newline() {
        let issuer = issuer();
        let text = signed_text(&request(&issuer, &[]), SEED);
        assert_eq!(text, format!("version:1\nseed:{SEED}\nstart:1000\nexpiry:61000\nscopes:"));
    }

    #[test]
    fn named_credentials_sign_name_and_issuer() {
        let issuer = issuer();
        let scopes = ["a".to_string(), "b:*".to_string()];
        let named = Request { name: Some("my/temp"), ..request(&issuer, &scopes) };
        assert_eq!(
            signed_text(&named, SEED),
            format!(
                "version:1\nclientId:my/temp\nissuer:issuer\nseed:{SEED}\nstart:1000\nexpiry:61000\nscopes:\na\nb:*"
            )
        );
        let creds = create(&named).unwrap();
        assert_eq!(creds.client_id, "my/temp");
        assert!(creds.certificate.unwrap().ends_with(r#","issuer":"issuer"}"#));
    }

    #[test]
    fn certificate_and_token_are_hmacs_of_the_issuer_token() {
        let issuer = issuer();
        let scopes = ["a".to_string()];
        let creds = create(&request(&issuer, &scopes)).unwrap();
        let expected_sig = crypto::base64(&crypto::hmac_sha256(
            b"issuer-token",
            signed_text(&request(&issuer, &scopes), SEED).as_bytes(),
        ));
        assert_eq!(
            creds.certificate.unwrap(),
            format!(
                r#"{{"version":1,"scopes":["a"],"start":1000,"expiry":61000,"seed":"{SEED}","signature":"{expected_sig}"}}"#
            )
        );
        assert_eq!(creds.access_token, crypto::base64url(&crypto::hmac_sha256(b"issuer-token", SEED.as_bytes())));
    }

    #[test]
    fn random_seeds_differ() {
        let issuer = issuer();
        let unseeded = Request { seed: None, ..request(&issuer, &[]) };
        assert_ne!(create(&unseeded).unwrap().access_token, create(&unseeded).unwrap().access_token);
    }

    #[test]
    fn refuses_what_the_auth_service_refuses() {
        let issuer = issuer();
        let base = request(&issuer, &[]);
        let kind = |r: &Request<'_>| create(r).unwrap_err().kind;
        assert_eq!(kind(&Request { expiry_ms: 1_000, ..base }), ErrorKind::Range);
        assert_eq!(kind(&Request { expiry_ms: 1_000 + MAX_SPAN_MS + 1, ..request(&issuer, &[]) }), ErrorKind::Range);
        assert!(create(&Request { expiry_ms: 1_000 + MAX_SPAN_MS, ..request(&issuer, &[]) }).is_ok());
        let temporary = Credentials { certificate: Some("{}".into()), ..issuer.clone() };
        assert_eq!(kind(&request(&temporary, &[])), ErrorKind::Invalid);
        let bad_scope = ["tab\there".to_string()];
        assert_eq!(kind(&request(&issuer, &bad_scope)), ErrorKind::Type);
        assert_eq!(kind(&Request { name: Some("issuer"), ..request(&issuer, &[]) }), ErrorKind::Invalid);
        assert_eq!(kind(&Request { name: Some("sp ace"), ..request(&issuer, &[]) }), ErrorKind::Invalid);
        assert_eq!(kind(&Request { seed: Some("short"), ..request(&issuer, &[]) }), ErrorKind::Invalid);
    }

    #[test]
    fn errors_never_show_the_token() {
        let issuer = issuer();
        let err = create(&Request { expiry_ms: 0, ..request(&issuer, &[]) }).unwrap_err();
        assert!(!err.message.contains("issuer-token"));
    }
}
