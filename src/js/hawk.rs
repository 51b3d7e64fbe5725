//! `hawkHeader`, `bewit`, `signUrl`, `hawkClockOffset`.

use wasm_bindgen::prelude::*;

use super::args;
use super::errors::{JsResult, guarded};
use super::pad::{split_fields, with_pad, with_pad_output};
use crate::core::credentials::Credentials;
use crate::core::error::excerpt;
use crate::core::hawk::bewit::{DEFAULT_EXPIRATION_SECONDS, expires_at};
use crate::core::hawk::header::{NONCE_LENGTH, random_nonce_in};
use crate::core::hawk::mac::Artifacts;
use crate::core::hawk::{self, BewitRequest, HeaderRequest, Key, Signer, Target, target};
use crate::core::{Error, Result};

/// What the signing functions share: the URL, credentials, ext and clock.
struct Signing {
    url: String,
    target: Target,
    credentials: Credentials,
    ext: Option<String>,
    now_seconds: i64,
}

impl Signing {
    fn read(options: &JsValue) -> Result<Signing> {
        args::object(options, "options")?;
        let get = |name: &str| args::field(options, name, "options");
        let url = normalized_url(&args::string(&get("url")?, "options.url")?)?;
        let target = Target::parse(&url, "options.url")?;
        let credentials = args::credentials(&get("credentials")?, "options.credentials")?;
        let authorized_scopes = args::optional_string_array(&get("authorizedScopes")?, "options.authorizedScopes")?;
        let raw_ext = args::optional_string(&get("ext")?, "options.ext")?;
        let ext = match (raw_ext, credentials.ext(authorized_scopes.as_deref())) {
            (Some(_), Some(_)) => {
                return Err(Error::type_error(
                    "options.ext cannot be combined with a certificate or authorizedScopes, which make their own ext",
                ));
            }
            (raw, taskcluster) => raw.or(taskcluster),
        };
        let offset_ms =
            args::optional_number(&get("localtimeOffsetMsec")?, "options.localtimeOffsetMsec")?.unwrap_or(0.0);
        let now_seconds = match args::optional_number(&get("timestamp")?, "options.timestamp")? {
            Some(seconds) => seconds.floor(),
            None => ((js_sys::Date::now() + offset_ms) / 1000.0).floor(),
        };
        Ok(Signing { url, target, credentials, ext, now_seconds: now_seconds as i64 })
    }

    fn bewit_request(&self, options: &JsValue) -> Result<BewitRequest<'_>> {
        let expiration = args::optional_number(&args::field(options, "expiration", "options")?, "options.expiration")?;
        Ok(BewitRequest {
            target: &self.target,
            expires_at: expires_at(self.now_seconds, expiration, DEFAULT_EXPIRATION_SECONDS)?,
            ext: self.ext.as_deref(),
        })
    }
}

/// The URL as `fetch` will send it (percent-encoding applied, dot segments
/// resolved), so the signed resource is exactly what the server receives.
fn normalized_url(url: &str) -> Result<String> {
    // Parsing a URL in JS costs more than signing; skip it when it cannot change anything.
    if target::is_normalized(url) {
        return Ok(url.to_string());
    }
    web_sys::Url::new(url)
        .map(|parsed| parsed.href())
        .map_err(|_| Error::invalid(format!("options.url is not a valid absolute URL: {}", excerpt(url))))
}

/// Builds a Hawk `Authorization` header for one request.
#[wasm_bindgen(js_name = hawkHeader)]
pub fn hawk_header(#[wasm_bindgen(unchecked_param_type = "HawkHeaderOptions")] options: JsValue) -> JsResult<String> {
    guarded("hawkHeader", || {
        let signing = Signing::read(&options)?;
        let get = |name: &str| args::field(&options, name, "options");
        let method = args::string(&get("method")?, "options.method")?;
        let nonce = match args::optional_string(&get("nonce")?, "options.nonce")? {
            Some(nonce) => nonce,
            None => hawk::header::random_nonce()?,
        };
        let payload_hash = match args::optional_string(&get("payload")?, "options.payload")? {
            Some(payload) => {
                let content_type = args::optional_string(&get("contentType")?, "options.contentType")?;
                Some(hawk::payload::hash(&payload, content_type.as_deref().unwrap_or("application/json")))
            }
            None => None,
        };
        hawk::authorization_header(
            signing.credentials.key(),
            &HeaderRequest {
                method: &method,
                target: &signing.target,
                ts: signing.now_seconds,
                nonce: &nonce,
                payload_hash: payload_hash.as_deref(),
                ext: signing.ext.as_deref(),
            },
        )
    })
}

/// The bewit for a URL: a signature a GET request carries in its query.
#[wasm_bindgen]
pub fn bewit(#[wasm_bindgen(unchecked_param_type = "BewitOptions")] options: JsValue) -> JsResult<String> {
    guarded("bewit", || {
        let signing = Signing::read(&options)?;
        hawk::bewit(signing.credentials.key(), &signing.bewit_request(&options)?)
    })
}

/// The URL with `bewit=...` appended: a link that works without headers until it expires.
#[wasm_bindgen(js_name = signUrl)]
pub fn sign_url(#[wasm_bindgen(unchecked_param_type = "BewitOptions")] options: JsValue) -> JsResult<String> {
    guarded("signUrl", || {
        let signing = Signing::read(&options)?;
        hawk::signed_url(&signing.url, signing.credentials.key(), &signing.bewit_request(&options)?)
    })
}

/// Milliseconds to add to the local clock, from an authentic Hawk "Stale
/// timestamp" challenge (`WWW-Authenticate` header); `null` for anything else.
// Typed in types.rs: wasm-bindgen cannot mark `nowMs` optional.
#[wasm_bindgen(js_name = hawkClockOffset, skip_typescript)]
pub fn hawk_clock_offset(
    #[wasm_bindgen(js_name = wwwAuthenticate, unchecked_param_type = "string")] www_authenticate: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Credentials")] credentials: JsValue,
    #[wasm_bindgen(js_name = nowMs, unchecked_param_type = "number")] now_ms: Option<JsValue>,
) -> JsResult<JsValue> {
    guarded("hawkClockOffset", || {
        let header = args::string(&www_authenticate, "wwwAuthenticate")?;
        let credentials = args::credentials(&credentials, "credentials")?;
        let now =
            args::optional_number(&now_ms.unwrap_or(JsValue::UNDEFINED), "nowMs")?.unwrap_or_else(js_sys::Date::now);
        Ok(hawk::clock_offset_ms(&header, credentials.key(), now).map_or(JsValue::NULL, JsValue::from_f64))
    })
}

/// The fast path of `hawkHeader`, `bewit` and `signUrl` (pkg-template/hawk-signers.js):
/// one set of credentials with its HMAC key prepared once, its text in and out
/// through the pad (see [`super::pad`]). Each method returns the result's length, or 0 when the input needs
/// more than the fast path does (a URL to normalize, a value Hawk cannot carry):
/// the JS side then calls the full function, whose checks and argument-naming
/// errors stay the only ones.
#[wasm_bindgen(skip_typescript)]
pub struct HawkSigner {
    pub(super) signer: Signer,
}

#[wasm_bindgen]
impl HawkSigner {
    #[wasm_bindgen(constructor)]
    pub fn new(client_id: &str, access_token: &str) -> HawkSigner {
        HawkSigner { signer: Signer::new(Key { id: client_id, secret: access_token }) }
    }

    /// The `Authorization` header for method, URL, ext and nonce written one after
    /// the other, the first three of the given lengths (an empty ext is none, an
    /// empty nonce draws a fresh one). JS knows the lengths: no scan for separators.
    pub fn header(
        &self,
        input_length: usize,
        method_length: usize,
        url_length: usize,
        ext_length: usize,
        ts: f64,
    ) -> usize {
        with_pad_output(input_length, |input, output| {
            let (method, rest) = input.split_at_checked(method_length)?;
            let (url, rest) = rest.split_at_checked(url_length)?;
            let (ext, nonce) = rest.split_at_checked(ext_length)?;
            let target = target::normalized_parts(url)?;
            let mut drawn = [0; NONCE_LENGTH];
            let nonce = if nonce.is_empty() { random_nonce_in(&mut drawn).ok()? } else { nonce };
            let artifacts = Artifacts {
                ts: ts.floor() as i64,
                nonce,
                method,
                resource: target.resource,
                host: target.host,
                port: target.port,
                hash: None,
                ext: Some(ext).filter(|e| !e.is_empty()),
            };
            self.signer.write_header_for(&artifacts, &mut |piece| output.push(piece)).ok()
        })
    }

    /// The bewit for the URL and ext written one after the other, the URL's
    /// `url_length` bytes first (`signUrl`'s JS side appends the bewit to the URL);
    /// `expiration` in seconds, NaN for the default.
    pub fn bewit(&self, input_length: usize, url_length: usize, now_seconds: f64, expiration: f64) -> usize {
        with_pad(input_length, |input| {
            let (url, ext) = input.split_at_checked(url_length)?;
            let target = target::normalized_parts(url)?;
            let expiration = Some(expiration).filter(|e| !e.is_nan());
            // The one expiration rule; anything it refuses goes to the checked path for its error.
            let expires_at = expires_at(now_seconds.floor() as i64, expiration, DEFAULT_EXPIRATION_SECONDS).ok()?;
            self.signer.bewit_for(target, expires_at, Some(ext).filter(|e| !e.is_empty())).ok()
        })
    }

    /// The Hawk ext for `authorizedScopes`, given as `scope_count` scopes joined by
    /// `\n` in the pad (the JS side keeps it per scope list).
    #[wasm_bindgen(js_name = scopesExt)]
    pub fn scopes_ext(input_length: usize, scope_count: usize) -> usize {
        with_pad(input_length, |input| {
            let scopes: Vec<String> =
                if scope_count == 0 { Vec::new() } else { split_fields(input).map(String::from).collect() };
            if scopes.len() != scope_count {
                return None;
            }
            crate::core::credentials::ext(None, Some(&scopes))
        })
    }
}
