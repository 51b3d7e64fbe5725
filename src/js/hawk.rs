//! The wasm side of `hawkHeader`, `bewit`, `signUrl` and `hawkClockOffset`
//! (pkg-template/hawk-signers.js reads and checks their arguments).

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::pad::{with_pad, with_pad_output};
use crate::core::error::excerpt;
use crate::core::hawk::bewit::{DEFAULT_EXPIRATION_SECONDS, expires_at};
use crate::core::hawk::header::{NONCE_LENGTH, random_nonce_in};
use crate::core::hawk::mac::Artifacts;
use crate::core::hawk::{self, BewitRequest, HeaderRequest, Key, Signer, Target, target};
use crate::core::{Error, Result};

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

/// The URL to sign and what Hawk signs of it; errors name `options.url`.
fn signing_target(url: &str) -> Result<(String, Target)> {
    let url = normalized_url(url)?;
    let target = Target::parse(&url, "options.url")?;
    Ok((url, target))
}

/// The Hawk ext of a certificate (compact JSON text) and/or `authorizedScopes`
/// (one string, see [`super::bulk::list_items`]); `undefined` for neither.
#[wasm_bindgen(js_name = hawkExt, skip_typescript)]
pub fn hawk_ext(certificate: Option<String>, scopes: Option<String>) -> Option<String> {
    let scopes = scopes.map(|text| super::bulk::list_items(&text));
    crate::core::credentials::ext(certificate.as_deref(), scopes.as_deref())
}

/// `hawkHeader`'s checked path, every option read and checked in JS
/// (pkg-template/hawk-signers.js): the rules that remain (the URL, the payload
/// hash, the nonce, the MAC) and their errors.
#[wasm_bindgen(js_name = hawkHeaderChecked, skip_typescript)]
#[allow(clippy::too_many_arguments)]
pub fn hawk_header_checked(
    url: &str,
    client_id: &str,
    access_token: &str,
    ext: Option<String>,
    now_seconds: f64,
    method: &str,
    nonce: Option<String>,
    payload: Option<String>,
    content_type: Option<String>,
) -> JsResult<String> {
    guarded("hawkHeader", || {
        let (_, target) = signing_target(url)?;
        let nonce = match nonce {
            Some(nonce) => nonce,
            None => hawk::header::random_nonce()?,
        };
        let payload_hash =
            payload.map(|payload| hawk::payload::hash(&payload, content_type.as_deref().unwrap_or("application/json")));
        hawk::authorization_header(
            Key { id: client_id, secret: access_token },
            &HeaderRequest {
                method,
                target: &target,
                ts: now_seconds.floor() as i64,
                nonce: &nonce,
                payload_hash: payload_hash.as_deref(),
                ext: ext.as_deref(),
            },
        )
    })
}

/// The checked path of `bewit` (`whole_url` false) and `signUrl` (true), the
/// options read and checked in JS; `expiration` in seconds, absent for the default.
#[wasm_bindgen(js_name = bewitChecked, skip_typescript)]
pub fn bewit_checked(
    url: &str,
    client_id: &str,
    access_token: &str,
    ext: Option<String>,
    now_seconds: f64,
    expiration: Option<f64>,
    whole_url: bool,
) -> JsResult<String> {
    guarded(if whole_url { "signUrl" } else { "bewit" }, || {
        let (url, target) = signing_target(url)?;
        let request = BewitRequest {
            target: &target,
            expires_at: expires_at(now_seconds.floor() as i64, expiration, DEFAULT_EXPIRATION_SECONDS)?,
            ext: ext.as_deref(),
        };
        let key = Key { id: client_id, secret: access_token };
        if whole_url { hawk::signed_url(&url, key, &request) } else { hawk::bewit(key, &request) }
    })
}

/// Milliseconds to add to the local clock, from an authentic Hawk "Stale
/// timestamp" challenge (`WWW-Authenticate` header); `undefined` for anything
/// else. The arguments are read in JS (pkg-template/hawk-signers.js).
#[wasm_bindgen(js_name = hawkClockOffsetOf, skip_typescript)]
pub fn hawk_clock_offset_of(www_authenticate: &str, client_id: &str, access_token: &str, now_ms: f64) -> Option<f64> {
    hawk::clock_offset_ms(www_authenticate, Key { id: client_id, secret: access_token }, now_ms)
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
}
