//! The authorize request: `<rootUrl>/login/oauth/authorize?...`.

use super::form::form_encode;
use crate::core::error::excerpt;
use crate::core::hawk::Target;
use crate::core::scopes::validate_scopes;
use crate::core::{Error, Result, random, time, urls};

/// The OAuth2 flow a registered client uses (each client uses exactly one).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResponseType {
    /// Implicit flow: the access token comes back in the redirect's fragment.
    Token,
    /// Authorization-code flow: a code comes back in the redirect's query and
    /// is exchanged at the token endpoint.
    Code,
}

impl ResponseType {
    /// `"token"` or `"code"`, as the authorize request spells it.
    pub fn parse(text: &str, what: &str) -> Result<Self> {
        match text {
            "token" => Ok(ResponseType::Token),
            "code" => Ok(ResponseType::Code),
            _ => Err(Error::range(format!("{what} must be \"token\" or \"code\", got {}", excerpt(text)))),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ResponseType::Token => "token",
            ResponseType::Code => "code",
        }
    }
}

/// What the authorize URL carries.
#[derive(Clone, Debug)]
pub struct AuthorizeRequest<'a> {
    pub root_url: &'a str,
    /// The OAuth2 client registered with the deployment (not a Taskcluster clientId).
    pub client_id: &'a str,
    pub redirect_uri: &'a str,
    pub response_type: ResponseType,
    /// Taskcluster scopes the credentials should have (`*` allowed at the end).
    pub scopes: &'a [String],
    /// The credentials' lifetime in `fromNow` form, e.g. `"1 hour"`; the deployment
    /// defaults it and caps it at the client's maximum.
    pub expires: Option<&'a str>,
    pub state: &'a str,
    /// PKCE's `S256` challenge (code flow).
    pub code_challenge: Option<&'a str>,
}

/// `<rootUrl>/login/oauth/<name>` (`authorize`, `token`, `credentials`).
///
/// ```
/// use taskcluster_wasm::core::oauth::endpoint;
/// assert_eq!(endpoint("https://tc.example.com/", "token"), "https://tc.example.com/login/oauth/token");
/// ```
pub fn endpoint(root_url: &str, name: &str) -> String {
    format!("{}/login/oauth/{name}", urls::normalize_root_url(root_url))
}

/// The URL to send the user to. Checks every part, so a mistake shows here and
/// not as an error page on the deployment.
pub fn authorize_url(request: &AuthorizeRequest<'_>) -> Result<String> {
    Target::parse(request.root_url, "rootUrl")?;
    if request.client_id.is_empty() {
        return Err(Error::invalid("clientId must not be empty"));
    }
    check_redirect_uri(request.redirect_uri)?;
    if request.scopes.is_empty() {
        return Err(Error::invalid("scopes must name at least one scope"));
    }
    validate_scopes(request.scopes, "scopes")?;
    // OAuth2 scope tokens are separated by spaces; Taskcluster scopes never contain one.
    if let Some(scope) = request.scopes.iter().find(|s| s.contains(' ')) {
        return Err(Error::invalid(format!("scopes cannot contain a space: {}", excerpt(scope))));
    }
    if let Some(expires) = request.expires {
        // Checked here with the same parser the deployment uses (fromNow).
        time::from_now(expires, 0.0).map_err(|e| Error { message: format!("expires: {}", e.message), ..e })?;
    }
    if request.state.is_empty() {
        return Err(Error::invalid("state must not be empty"));
    }
    let scope = request.scopes.join(" ");
    let mut pairs = vec![
        ("response_type", request.response_type.as_str()),
        ("client_id", request.client_id),
        ("redirect_uri", request.redirect_uri),
        ("scope", scope.as_str()),
    ];
    if let Some(expires) = request.expires {
        pairs.push(("expires", expires));
    }
    pairs.push(("state", request.state));
    if let Some(challenge) = request.code_challenge {
        pairs.push(("code_challenge", challenge));
        pairs.push(("code_challenge_method", "S256"));
    }
    Ok(format!("{}?{}", endpoint(request.root_url, "authorize"), form_encode(&pairs)))
}

/// A redirect URI is absolute http(s) and has no fragment (RFC 6749 3.1.2).
fn check_redirect_uri(uri: &str) -> Result<()> {
    Target::parse(uri, "redirectUri")?;
    if uri.contains('#') {
        return Err(Error::invalid(format!("redirectUri must not have a fragment: {}", excerpt(uri))));
    }
    Ok(())
}

/// A fresh, unguessable `state`.
pub fn new_state() -> Result<String> {
    random::url_safe_token()
}

#[cfg(test)]
mod tests {
    use super::super::form_decode;
    use super::*;

    fn request<'a>(scopes: &'a [String]) -> AuthorizeRequest<'a> {
        AuthorizeRequest {
            root_url: "https://tc.example.com/",
            client_id: "my app",
            redirect_uri: "http://127.0.0.1:8080/signed-in?x=1",
            response_type: ResponseType::Code,
            scopes,
            expires: Some("3 days"),
            state: "s-1",
            code_challenge: Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
        }
    }

    #[test]
    fn carries_every_parameter_encoded() {
        let scopes = vec!["queue:get-task:*".to_string(), "secrets:get:project/x/*".to_string()];
        let url = authorize_url(&request(&scopes)).unwrap();
        let (base, query) = url.split_once('?').unwrap();
        assert_eq!(base, "https://tc.example.com/login/oauth/authorize");
        let pairs = form_decode(query, "q").unwrap();
        let get = |n: &str| pairs.iter().find(|(k, _)| k == n).map(|(_, v)| v.as_str());
        assert_eq!(get("response_type"), Some("code"));
        assert_eq!(get("client_id"), Some("my app"));
        assert_eq!(get("redirect_uri"), Some("http://127.0.0.1:8080/signed-in?x=1"));
        assert_eq!(get("scope"), Some("queue:get-task:* secrets:get:project/x/*"));
        assert_eq!(get("expires"), Some("3 days"));
        assert_eq!(get("state"), Some("s-1"));
        assert_eq!(get("code_challenge"), Some("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"));
        assert_eq!(get("code_challenge_method"), Some("S256"));
        assert!(!query.contains(' ') && !query.contains('#'));
    }

    #[test]
    fn leaves_expires_out_when_absent() {
        let scopes = vec!["a".to_string()];
        let url = authorize_url(&AuthorizeRequest { expires: None, ..request(&scopes) }).unwrap();
        assert!(!url.contains("expires="));
    }

    #[test]
    fn refuses_bad_parts() {
        let good = vec!["a".to_string()];
        let unprintable = vec!["a\u{7}".to_string()];
        let empty: Vec<String> = vec![];
        let cases: Vec<(AuthorizeRequest<'_>, &str)> = vec![
            (AuthorizeRequest { root_url: "ftp://x", ..request(&good) }, "rootUrl"),
            (AuthorizeRequest { client_id: "", ..request(&good) }, "clientId"),
            (AuthorizeRequest { redirect_uri: "/relative", ..request(&good) }, "redirectUri"),
            (AuthorizeRequest { redirect_uri: "https://a/b#c", ..request(&good) }, "fragment"),
            (AuthorizeRequest { scopes: &empty, ..request(&good) }, "at least one"),
            (AuthorizeRequest { scopes: &unprintable, ..request(&good) }, "scopes"),
            (AuthorizeRequest { expires: Some("3 dayz"), ..request(&good) }, "expires"),
            (AuthorizeRequest { state: "", ..request(&good) }, "state"),
        ];
        for (req, word) in cases {
            let err = authorize_url(&req).unwrap_err();
            assert!(err.message.contains(word), "{word}: {}", err.message);
        }
    }
}
