//! Sign in with Taskcluster: the random values of the deployment's third-party
//! login (OAuth2). The string work (authorize URL, redirect, answers) is in the
//! package's `oauth-steps.js`, over WHATWG URL; the browser side in `oauth.js`.
//!
//! ```
//! use taskcluster_wasm::core::oauth::{new_state, new_verifier, pkce_challenge};
//! let (state, verifier) = (new_state().unwrap(), new_verifier().unwrap());
//! assert_eq!(state.len(), 43);
//! assert_eq!(pkce_challenge(&verifier).len(), 43);
//! ```

mod pkce;

pub use pkce::{new_verifier, pkce_challenge};

use crate::core::{Result, random};

/// A fresh, unguessable `state` for one sign-in: 256 random bits, URL-safe.
pub fn new_state() -> Result<String> {
    random::url_safe_token()
}
