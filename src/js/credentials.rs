//! The wasm side of `createTemporaryCredentials` (pkg-template/temporary-credentials.js).

use wasm_bindgen::prelude::*;

use super::bulk::list_items;
use super::errors::{JsResult, guarded};
use super::hawk::HawkSigner;
use crate::core::credentials::Credentials;
use crate::core::temporary_credentials::{self, Request};

/// `createTemporaryCredentials` for the issuer whose accessToken this signer
/// holds as a prepared key, the options read and checked in JS: `temporary` if
/// the issuer has a certificate, the scopes as one string (see
/// [`super::bulk::list_items`]), times in ms. The rules and their errors stay
/// here. The result is `accessToken\ncertificate`.
#[wasm_bindgen(js_class = HawkSigner)]
impl HawkSigner {
    #[wasm_bindgen(js_name = issueTemporaryCredentials)]
    pub fn issue_temporary_credentials(
        &self,
        temporary: bool,
        name: Option<String>,
        start_ms: f64,
        expiry_ms: f64,
        scopes: &str,
        seed: Option<String>,
    ) -> JsResult<String> {
        guarded("createTemporaryCredentials", || {
            // The accessToken is in the signer's key, which is what signs.
            let issuer = Credentials {
                client_id: self.signer.id().to_string(),
                access_token: String::new(),
                certificate: temporary.then(String::new),
            };
            let issued = temporary_credentials::create_with_key(
                &Request {
                    issuer: &issuer,
                    name: name.as_deref(),
                    start_ms: start_ms as i64,
                    expiry_ms: expiry_ms as i64,
                    scopes: &list_items(scopes),
                    seed: seed.as_deref(),
                },
                self.signer.key(),
            )?;
            let mut result = issued.access_token;
            result.push('\n');
            result.push_str(issued.certificate.as_deref().unwrap_or_default());
            Ok(result)
        })
    }
}
