//! Taskcluster credentials and the Hawk `ext` that carries a certificate and
//! authorized scopes to the server.

use std::fmt;

use super::hawk::Key;
use super::{crypto, json};

/// Permanent (`certificate` is `None`) or temporary credentials.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    pub client_id: String,
    pub access_token: String,
    /// The certificate of temporary credentials, as compact JSON text.
    pub certificate: Option<String>,
}

impl Credentials {
    pub fn permanent(client_id: impl Into<String>, access_token: impl Into<String>) -> Self {
        Credentials { client_id: client_id.into(), access_token: access_token.into(), certificate: None }
    }

    pub fn key(&self) -> Key<'_> {
        Key { id: &self.client_id, secret: &self.access_token }
    }

    /// The Hawk ext for requests made with these credentials, if any.
    pub fn ext(&self, authorized_scopes: Option<&[String]>) -> Option<String> {
        ext(self.certificate.as_deref(), authorized_scopes)
    }
}

// Debug output must never show the access token.
impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("access_token", &"<hidden>")
            .field("temporary", &self.certificate.is_some())
            .finish()
    }
}

/// base64(JSON `{certificate?, authorizedScopes?}`), or `None` when both are absent.
///
/// An empty `authorized_scopes` is kept: it restricts the request to no scopes.
///
/// ```
/// use taskcluster_wasm::core::credentials::ext;
/// assert_eq!(ext(None, None), None);
/// assert_eq!(ext(None, Some(&["a".to_string()])).as_deref(), Some("eyJhdXRob3JpemVkU2NvcGVzIjpbImEiXX0="));
/// ```
pub fn ext(certificate_json: Option<&str>, authorized_scopes: Option<&[String]>) -> Option<String> {
    if certificate_json.is_none() && authorized_scopes.is_none() {
        return None;
    }
    let mut doc = String::from("{");
    if let Some(certificate) = certificate_json {
        doc.push_str("\"certificate\":");
        doc.push_str(certificate);
    }
    if let Some(scopes) = authorized_scopes {
        if certificate_json.is_some() {
            doc.push(',');
        }
        doc.push_str("\"authorizedScopes\":");
        json::write_string_array(&mut doc, scopes);
    }
    doc.push('}');
    Some(crypto::base64(doc.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(ext: &str) -> String {
        use base64::Engine;
        String::from_utf8(base64::engine::general_purpose::STANDARD.decode(ext).unwrap()).unwrap()
    }

    #[test]
    fn ext_carries_certificate_and_scopes() {
        let creds = Credentials { certificate: Some(r#"{"version":1}"#.into()), ..Credentials::permanent("c", "t") };
        assert_eq!(decoded(&creds.ext(None).unwrap()), r#"{"certificate":{"version":1}}"#);
        assert_eq!(
            decoded(&creds.ext(Some(&["q:*".into()])).unwrap()),
            r#"{"certificate":{"version":1},"authorizedScopes":["q:*"]}"#
        );
        assert_eq!(decoded(&ext(None, Some(&[])).unwrap()), r#"{"authorizedScopes":[]}"#);
    }

    #[test]
    fn debug_hides_the_access_token() {
        let shown = format!("{:?}", Credentials::permanent("me", "SECRET-TOKEN"));
        assert!(shown.contains("me") && !shown.contains("SECRET-TOKEN"));
    }
}
