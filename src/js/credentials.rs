//! The wasm side of `createTemporaryCredentials` (pkg-template/temporary-credentials.js).

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::hawk::HawkSigner;
use super::pad::{split_fields, with_pad};
use crate::core::credentials::Credentials;
use crate::core::temporary_credentials::{self, Request};
use crate::core::time;

/// `createTemporaryCredentials`' checked path, the options read and checked in JS
/// (pkg-template/temporary-credentials.js): the issuer (`temporary` if it has a
/// certificate), the scopes as one string (see [`super::bulk::list_items`]),
/// times in ms. The rules and their errors stay here. The result is
/// `accessToken\ncertificate`.
#[wasm_bindgen(js_name = createTemporaryCredentialsChecked, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn create_temporary_credentials_checked(
    client_id: String,
    access_token: String,
    temporary: bool,
    name: Option<String>,
    start_ms: f64,
    expiry_ms: f64,
    scopes: &str,
    seed: Option<String>,
) -> JsResult<String> {
    guarded("createTemporaryCredentials", || {
        let issuer = Credentials { client_id, access_token, certificate: temporary.then(String::new) };
        let issued = temporary_credentials::create(&Request {
            issuer: &issuer,
            name: name.as_deref(),
            start_ms: start_ms as i64,
            expiry_ms: expiry_ms as i64,
            scopes: &super::bulk::list_items(scopes),
            seed: seed.as_deref(),
        })?;
        let mut result = issued.access_token;
        result.push('\n');
        result.push_str(issued.certificate.as_deref().unwrap_or_default());
        Ok(result)
    })
}

/// The fast path of `createTemporaryCredentials` (pkg-template/temporary-credentials.js),
/// for an issuer whose signer holds its prepared key, the other options read in JS:
/// `name\nseed\nscope...` in the pad (see [`super::pad`]; an empty name or seed is
/// none), `scope_count` scopes, times in ms. The result is `accessToken\ncertificate`;
/// its length, or 0 when the checked path must handle the call (it throws the error
/// that names the argument).
#[wasm_bindgen(js_class = HawkSigner)]
impl HawkSigner {
    #[wasm_bindgen(js_name = issueTemporaryCredentials)]
    pub fn issue_temporary_credentials(
        &self,
        input_length: usize,
        scope_count: usize,
        start_ms: f64,
        expiry_ms: f64,
    ) -> usize {
        with_pad(input_length, |input| {
            let mut fields = split_fields(input);
            let (name, seed) = (fields.next()?, fields.next()?);
            let scopes: Vec<String> = fields.map(String::from).collect();
            if scopes.len() != scope_count {
                return None;
            }
            // The accessToken is in the signer's key, which is what signs.
            let issuer = Credentials::permanent(self.signer.id(), String::new());
            let issued = temporary_credentials::create_with_key(
                &Request {
                    issuer: &issuer,
                    name: Some(name).filter(|n| !n.is_empty()),
                    start_ms: time::time_clip(start_ms)? as i64,
                    expiry_ms: time::time_clip(expiry_ms)? as i64,
                    scopes: &scopes,
                    seed: Some(seed).filter(|s| !s.is_empty()),
                },
                self.signer.key(),
            )
            .ok()?;
            let mut result = issued.access_token;
            result.push('\n');
            result.push_str(&issued.certificate?);
            Some(result)
        })
    }
}
