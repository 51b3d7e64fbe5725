//! PKCE (RFC 7636) for the code flow: the code is useless to anyone who lacks
//! the verifier this browser kept. Servers that do not know PKCE ignore it.

use crate::core::crypto::{base64url, sha256};
use crate::core::{Result, random};

/// A code verifier: 32 random bytes, base64url (43 characters, the RFC's minimum length).
pub fn new_verifier() -> Result<String> {
    Ok(base64url(&random::bytes::<32>()?))
}

/// The `S256` code challenge of a verifier.
///
/// ```
/// // RFC 7636, appendix B
/// use taskcluster_wasm::core::oauth::pkce_challenge;
/// assert_eq!(pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"), "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
/// ```
pub fn pkce_challenge(verifier: &str) -> String {
    base64url(&sha256(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifiers_are_fresh_and_in_the_rfc_alphabet() {
        let (a, b) = (new_verifier().unwrap(), new_verifier().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
        assert_eq!(pkce_challenge(&a).len(), 43);
    }
}
