//! A Hawk signer for one set of credentials: the HMAC key is prepared once and
//! reused for every header, bewit and signed URL, as a client signs many
//! requests with the same credentials.

use super::Key;
use super::bewit::{BewitRequest, bewit_for, prepared_bewit, with_bewit};
use super::header::{HeaderRequest, signed_header, write_signed_header};
use super::mac::Artifacts;
use super::target::Parts;
use crate::core::Result;
use crate::core::crypto::HmacKey;

pub struct Signer {
    id: String,
    key: HmacKey,
}

impl Signer {
    pub fn new(key: Key<'_>) -> Signer {
        Signer { id: key.id.to_string(), key: HmacKey::new(key.secret.as_bytes()) }
    }

    /// The Hawk `id` (Taskcluster clientId) this signer signs as.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The prepared key of the signer's accessToken.
    pub fn key(&self) -> &HmacKey {
        &self.key
    }

    /// As [`super::authorization_header`].
    pub fn header(&self, request: &HeaderRequest<'_>) -> Result<String> {
        signed_header(&self.id, &self.key, request)
    }

    /// As [`Signer::header`], for everything the MAC covers given as borrowed parts,
    /// handed to `out` piece by piece.
    pub fn write_header_for(&self, artifacts: &Artifacts<'_>, out: &mut dyn FnMut(&str)) -> Result<()> {
        write_signed_header(&self.id, &self.key, artifacts, out)
    }

    /// As [`Signer::bewit`], for a URL's borrowed parts.
    pub fn bewit_for(&self, target: Parts<'_>, expires_at: i64, ext: Option<&str>) -> Result<String> {
        bewit_for(&self.id, &self.key, target, expires_at, ext)
    }

    /// As [`Signer::signed_url`], for `url` already in normalized form and its borrowed parts.
    pub fn signed_url_for(&self, url: &str, target: Parts<'_>, expires_at: i64, ext: Option<&str>) -> Result<String> {
        with_bewit(url, &self.bewit_for(target, expires_at, ext)?)
    }

    /// As [`super::bewit`].
    pub fn bewit(&self, request: &BewitRequest<'_>) -> Result<String> {
        prepared_bewit(&self.id, &self.key, request)
    }

    /// As [`super::signed_url`].
    pub fn signed_url(&self, url: &str, request: &BewitRequest<'_>) -> Result<String> {
        with_bewit(url, &self.bewit(request)?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::hawk::{Target, authorization_header, bewit, signed_url};

    const KEY: Key<'static> = Key { id: "dh37fgj492je", secret: "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn" };

    #[test]
    fn signs_as_the_one_shot_functions_do_on_every_call() {
        let target = Target::parse("http://example.com:8000/resource/1?b=1&a=2", "url").unwrap();
        let signer = Signer::new(KEY);
        for ts in [1353832234, 1353832235] {
            let request = HeaderRequest {
                method: "GET",
                target: &target,
                ts,
                nonce: "j4h3g2",
                payload_hash: None,
                ext: Some("x"),
            };
            assert_eq!(signer.header(&request).unwrap(), authorization_header(KEY, &request).unwrap());
            let request = BewitRequest { target: &target, expires_at: ts, ext: None };
            assert_eq!(signer.bewit(&request).unwrap(), bewit(KEY, &request).unwrap());
            let url = "http://example.com:8000/resource/1?b=1&a=2#f";
            assert_eq!(signer.signed_url(url, &request).unwrap(), signed_url(url, KEY, &request).unwrap());
        }
        assert_eq!(signer.id(), KEY.id);
    }

    #[test]
    fn the_spec_header_from_a_signer() {
        let target = Target::parse("http://example.com:8000/resource/1?b=1&a=2", "url").unwrap();
        let request = HeaderRequest {
            method: "GET",
            target: &target,
            ts: 1353832234,
            nonce: "j4h3g2",
            payload_hash: None,
            ext: Some("some-app-ext-data"),
        };
        assert!(
            Signer::new(KEY)
                .header(&request)
                .unwrap()
                .ends_with(r#"mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#)
        );
    }
}
