//! PKCE (RFC 7636) for the code flow: the code is useless to anyone who lacks
//! the verifier this browser kept. Servers that do not know PKCE ignore it.

use crate::core::crypto::{base64url, sha256};
use crate::core::{Result, random};

/// A code verifier: 256 random bits in 43 URL-safe characters (the RFC's minimum length).
pub fn new_verifier() -> Result<String> {
    random::url_safe_token()
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
    fn a_verifier_has_a_challenge_of_its_own() {
        let (a, b) = (new_verifier().unwrap(), new_verifier().unwrap());
        assert_ne!(pkce_challenge(&a), pkce_challenge(&b));
        assert_eq!(pkce_challenge(&a), pkce_challenge(&a));
    }
}
