//! The random parts of "Sign in with Taskcluster" for the package's `oauth-steps.js`
//! (which does the string work in JS): a fresh `state` and the PKCE pair.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::values;
use crate::core::oauth;

/// A fresh, unguessable `state` for one sign-in.
#[wasm_bindgen(js_name = oauthNewState)]
pub fn oauth_new_state() -> JsResult<String> {
    guarded("oauthNewState", oauth::new_state)
}

/// PKCE: a fresh verifier and its `S256` challenge.
#[wasm_bindgen(js_name = oauthPkcePair, unchecked_return_type = "{ verifier: string; challenge: string }")]
pub fn oauth_pkce_pair() -> JsResult<JsValue> {
    guarded("oauthPkcePair", || {
        let verifier = oauth::new_verifier()?;
        let challenge = oauth::pkce_challenge(&verifier);
        Ok(values::plain_object(&[("verifier", verifier.into()), ("challenge", challenge.into())]))
    })
}
