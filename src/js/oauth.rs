//! The pure steps of "Sign in with Taskcluster" for the package's `oauth.js`:
//! the authorize URL, the redirect, the token and credentials answers.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::{args, values};
use crate::core::credentials::Credentials;
use crate::core::error::excerpt;
use crate::core::oauth::{self, AuthorizeRequest, Redirect, Renewal, ResponseType};
use crate::core::{Error, Result};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** The parameters of `<rootUrl>/login/oauth/authorize`. */
export interface OAuthAuthorizeOptions {
  rootUrl: string;
  /** The OAuth2 client registered with the deployment (not a Taskcluster clientId). */
  clientId: string;
  redirectUri: string;
  /** "token" (implicit flow) or "code" (authorization-code flow); the registered client decides. */
  responseType: 'token' | 'code';
  /** Taskcluster scopes the credentials should carry (`*` allowed at the end). */
  scopes: string[];
  /** The credentials' lifetime in `fromNow` form, e.g. "1 hour" (the deployment caps it). */
  expires?: string;
  state: string;
  /** PKCE: the S256 challenge of a verifier from `oauthPkcePair()` (code flow). */
  codeChallenge?: string;
}

/** What a redirect back from the deployment says. */
export type OAuthRedirect =
  | { kind: 'token'; accessToken: string }
  | { kind: 'code'; code: string }
  | { kind: 'error'; error: string; description?: string }
  | { kind: 'stateMismatch'; message: string };

/** A `/login/oauth/credentials` answer, checked. */
export interface OAuthCredentialsAnswer {
  credentials: Credentials;
  /** When the credentials expire (ms since the epoch). */
  expires: number;
  /** When to fetch fresh ones (ms since the epoch). */
  renewAt: number;
}
"#;

const AUTHORIZE_OPTIONS: &[&str] =
    &["rootUrl", "clientId", "redirectUri", "responseType", "scopes", "expires", "state", "codeChallenge"];

/// The URL of the deployment's authorize endpoint for one sign-in.
#[wasm_bindgen(js_name = oauthAuthorizeUrl)]
pub fn oauth_authorize_url(
    #[wasm_bindgen(unchecked_param_type = "OAuthAuthorizeOptions")] options: JsValue,
) -> JsResult<String> {
    guarded("oauthAuthorizeUrl", || {
        args::object(&options, "options")?;
        refuse_unknown(&options, AUTHORIZE_OPTIONS, "options")?;
        let get = |name: &str| args::field(&options, name, "options");
        let root_url = args::string(&get("rootUrl")?, "options.rootUrl")?;
        let client_id = args::string(&get("clientId")?, "options.clientId")?;
        let redirect_uri = args::string(&get("redirectUri")?, "options.redirectUri")?;
        let response_type = response_type(&get("responseType")?, "options.responseType")?;
        let scopes = args::string_array(&get("scopes")?, "options.scopes")?;
        let expires = args::optional_string(&get("expires")?, "options.expires")?;
        let state = args::string(&get("state")?, "options.state")?;
        let code_challenge = args::optional_string(&get("codeChallenge")?, "options.codeChallenge")?;
        oauth::authorize_url(&AuthorizeRequest {
            root_url: &root_url,
            client_id: &client_id,
            redirect_uri: &redirect_uri,
            response_type,
            scopes: &scopes,
            expires: expires.as_deref(),
            state: &state,
            code_challenge: code_challenge.as_deref(),
        })
        .map_err(|e| prefixed("options.", e))
    })
}

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

/// `<rootUrl>/login/oauth/<name>`.
#[wasm_bindgen(js_name = oauthEndpoint)]
pub fn oauth_endpoint(
    #[wasm_bindgen(unchecked_param_type = "string")] root_url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "'authorize' | 'token' | 'credentials'")] name: JsValue,
) -> JsResult<String> {
    guarded("oauthEndpoint", || {
        let root_url = args::string(&root_url, "rootUrl")?;
        let name = args::string(&name, "name")?;
        if !["authorize", "token", "credentials"].contains(&name.as_str()) {
            return Err(Error::range(format!("name must be authorize, token or credentials, got {}", excerpt(&name))));
        }
        crate::core::hawk::Target::parse(&root_url, "rootUrl")?;
        Ok(oauth::endpoint(&root_url, &name))
    })
}

/// Reads the URL the deployment redirected to and checks its `state`.
#[wasm_bindgen(js_name = oauthParseRedirect, unchecked_return_type = "OAuthRedirect")]
pub fn oauth_parse_redirect(
    #[wasm_bindgen(unchecked_param_type = "string")] url: JsValue,
    #[wasm_bindgen(unchecked_param_type = "'token' | 'code'")] response_type: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] expected_state: JsValue,
) -> JsResult<JsValue> {
    guarded("oauthParseRedirect", || {
        let url = args::string(&url, "url")?;
        let response_type = self::response_type(&response_type, "responseType")?;
        let expected_state = args::string(&expected_state, "expectedState")?;
        let redirect = oauth::parse_redirect(&url, response_type)?;
        if let Err(mismatch) = oauth::check_state(&expected_state, &redirect) {
            return Ok(values::plain_object(&[("kind", "stateMismatch".into()), ("message", mismatch.message.into())]));
        }
        Ok(match redirect {
            Redirect::Token { access_token, .. } => {
                values::plain_object(&[("kind", "token".into()), ("accessToken", access_token.into())])
            }
            Redirect::Code { code, .. } => values::plain_object(&[("kind", "code".into()), ("code", code.into())]),
            Redirect::Error { error, description, .. } => values::plain_object(&[
                ("kind", "error".into()),
                ("error", error.into()),
                ("description", description.map_or(JsValue::UNDEFINED, JsValue::from)),
            ]),
        })
    })
}

/// The body of the code-for-token request (RFC 6749 4.1.3), with PKCE's verifier when given.
#[wasm_bindgen(js_name = oauthTokenRequestBody)]
pub fn oauth_token_request_body(
    #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] redirect_uri: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] client_id: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] code_verifier: Option<JsValue>,
) -> JsResult<String> {
    guarded("oauthTokenRequestBody", || {
        let code = args::string(&code, "code")?;
        let redirect_uri = args::string(&redirect_uri, "redirectUri")?;
        let client_id = args::string(&client_id, "clientId")?;
        let verifier = args::optional_string(&code_verifier.unwrap_or(JsValue::UNDEFINED), "codeVerifier")?;
        let mut pairs = vec![
            ("grant_type", "authorization_code"),
            ("code", code.as_str()),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", client_id.as_str()),
        ];
        if let Some(verifier) = verifier.as_deref() {
            pairs.push(("code_verifier", verifier));
        }
        Ok(oauth::form_encode(&pairs))
    })
}

/// The access token of a token endpoint answer `{access_token, token_type}`.
#[wasm_bindgen(js_name = oauthTokenAnswer)]
pub fn oauth_token_answer(#[wasm_bindgen(unchecked_param_type = "unknown")] answer: JsValue) -> JsResult<String> {
    guarded("oauthTokenAnswer", || {
        args::object(&answer, "the token answer")?;
        let token = args::field(&answer, "access_token", "answer")?;
        let token = match token.as_string() {
            Some(token) if !token.is_empty() => token,
            _ => return Err(Error::invalid("the token answer has no access_token")),
        };
        let kind = args::field(&answer, "token_type", "answer")?;
        oauth::check_token_type(&args::string(&kind, "the token answer's token_type")?)?;
        Ok(token)
    })
}

/// Checks a `/login/oauth/credentials` answer `{credentials, expires}` and
/// says when to renew it.
#[wasm_bindgen(js_name = oauthCredentialsAnswer, unchecked_return_type = "OAuthCredentialsAnswer")]
pub fn oauth_credentials_answer(
    #[wasm_bindgen(unchecked_param_type = "unknown")] answer: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] now_ms: JsValue,
) -> JsResult<JsValue> {
    guarded("oauthCredentialsAnswer", || {
        args::object(&answer, "the credentials answer")?;
        let now_ms = args::number(&now_ms, "nowMs")?;
        let credentials = args::field(&answer, "credentials", "answer")?;
        let parsed: Credentials = args::credentials(&credentials, "the answer's credentials")?;
        let expires = args::string(&args::field(&answer, "expires", "answer")?, "the answer's expires")?;
        let expires_ms = oauth::credentials_expiry(&expires, now_ms)?;
        let renewal = Renewal::new(now_ms, expires_ms);
        // Handed back as the server sent them (certificate included), once checked.
        let plain = values::plain_object(&[
            ("clientId", parsed.client_id.as_str().into()),
            ("accessToken", args::field(&credentials, "accessToken", "credentials")?),
        ]);
        let certificate = args::field(&credentials, "certificate", "credentials")?;
        if !args::is_absent(&certificate) {
            let _ = js_sys::Reflect::set(&plain, &"certificate".into(), &certificate);
        }
        Ok(values::plain_object(&[
            ("credentials", plain),
            ("expires", JsValue::from_f64(expires_ms)),
            ("renewAt", JsValue::from_f64(renewal.renew_at_ms)),
        ]))
    })
}

fn response_type(value: &JsValue, what: &str) -> Result<ResponseType> {
    ResponseType::parse(&args::string(value, what)?, what)
}

fn refuse_unknown(options: &JsValue, known: &[&str], what: &str) -> Result<()> {
    match args::own_string_keys(options, what)?.into_iter().find(|k| !known.contains(&k.as_str())) {
        Some(key) => Err(Error::type_error(format!("{what}.{key} is not an option (known: {})", known.join(", ")))),
        None => Ok(()),
    }
}

/// Core messages name the argument (`clientId ...`); here it is `options.clientId`.
fn prefixed(prefix: &str, error: Error) -> Error {
    let message = if error.message.starts_with(|c: char| c.is_ascii_lowercase()) && !error.message.starts_with("the ") {
        format!("{prefix}{}", error.message)
    } else {
        error.message
    };
    Error { message, ..error }
}
