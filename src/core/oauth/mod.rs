//! Sign in with Taskcluster: the deployment's third-party login (OAuth2, implicit
//! and authorization-code flows) as far as it is pure computation. The browser
//! side (redirects, storage, fetch) lives in the package's `oauth.js`.
//!
//! ```
//! use taskcluster_wasm::core::oauth::{authorize_url, parse_redirect, AuthorizeRequest, Redirect, ResponseType};
//! let url = authorize_url(&AuthorizeRequest {
//!     root_url: "https://tc.example.com",
//!     client_id: "my-app",
//!     redirect_uri: "https://app.example.com/signed-in",
//!     response_type: ResponseType::Token,
//!     scopes: &["queue:get-task:*".to_string()],
//!     expires: Some("1 hour"),
//!     state: "abc",
//!     code_challenge: None,
//! }).unwrap();
//! assert!(url.starts_with("https://tc.example.com/login/oauth/authorize?response_type=token&client_id=my-app"));
//! let back = parse_redirect("https://app.example.com/signed-in#access_token=T&token_type=Bearer&state=abc", ResponseType::Token).unwrap();
//! assert_eq!(back, Redirect::Token { access_token: "T".into(), state: Some("abc".into()) });
//! ```

mod authorize;
mod form;
mod grant;
mod pkce;
mod redirect;

pub use authorize::{AuthorizeRequest, ResponseType, authorize_url, endpoint, new_state};
pub use form::{form_decode, form_encode};
pub use grant::{Renewal, check_token_type, credentials_expiry};
pub use pkce::{new_verifier, pkce_challenge};
pub use redirect::{Redirect, check_state, parse_redirect};
