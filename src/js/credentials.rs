//! `createTemporaryCredentials`.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::hawk::HawkSigner;
use super::pad::{split_fields, with_pad};
use super::{args, values};
use crate::core::credentials::Credentials;
use crate::core::temporary_credentials::{self, Request};
use crate::core::{Error, Result, time};

/// Issues temporary credentials signed with the issuer's permanent credentials.
#[wasm_bindgen(js_name = createTemporaryCredentials, unchecked_return_type = "TemporaryCredentials")]
pub fn create_temporary_credentials(
    #[wasm_bindgen(unchecked_param_type = "TemporaryCredentialsOptions")] options: JsValue,
) -> JsResult<JsValue> {
    guarded("createTemporaryCredentials", || {
        args::object(&options, "options")?;
        let get = |name: &str| args::field(&options, name, "options");
        let (issuer, name) = issuer_and_name(&options)?;
        let start = get("start")?;
        let start_ms =
            if args::is_absent(&start) { js_sys::Date::now().trunc() } else { args::time_ms(&start, "options.start")? };
        let expiry = get("expiry")?;
        if args::is_absent(&expiry) {
            return Err(Error::type_error("options.expiry is required (a Date, ms number or ISO string)"));
        }
        let expiry_ms = args::time_ms(&expiry, "options.expiry")?;
        // No scopes means none, as in taskcluster-client (signed without its trailing-newline bug).
        let scopes = args::optional_string_array(&get("scopes")?, "options.scopes")?.unwrap_or_default();
        let seed = args::optional_string(&get("seed")?, "options.seed")?;
        let issued = temporary_credentials::create(&Request {
            issuer: &issuer,
            name: name.as_deref(),
            start_ms: start_ms as i64,
            expiry_ms: expiry_ms as i64,
            scopes: &scopes,
            seed: seed.as_deref(),
        })?;
        Ok(values::plain_object(&[
            ("clientId", JsValue::from_str(&issued.client_id)),
            ("accessToken", JsValue::from_str(&issued.access_token)),
            ("certificate", JsValue::from_str(issued.certificate.as_deref().unwrap_or_default())),
        ]))
    })
}

/// Our form `{clientId, accessToken, name?}`, or taskcluster-client's
/// `{credentials: {clientId, accessToken}, clientId?: name}`.
fn issuer_and_name(options: &JsValue) -> Result<(Credentials, Option<String>)> {
    let get = |name: &str| args::field(options, name, "options");
    let nested = get("credentials")?;
    let name = args::optional_string(&get("name")?, "options.name")?;
    if args::is_absent(&nested) {
        return Ok((args::credentials(options, "options")?, name));
    }
    let issuer = args::credentials(&nested, "options.credentials")?;
    let name = match name {
        Some(name) => Some(name),
        None => args::optional_string(&get("clientId")?, "options.clientId")?,
    };
    Ok((issuer, name))
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
