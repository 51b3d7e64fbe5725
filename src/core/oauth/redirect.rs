//! The redirect back from the deployment: an access token in the fragment
//! (implicit flow), a code in the query (code flow), or an error in either.

use super::authorize::ResponseType;
use super::form::form_decode;
use crate::core::crypto::constant_time_eq;
use crate::core::error::excerpt;
use crate::core::{Error, Result};

/// What the redirect URL says.
#[derive(Clone, PartialEq, Eq)]
pub enum Redirect {
    Token {
        access_token: String,
        state: Option<String>,
    },
    Code {
        code: String,
        state: Option<String>,
    },
    /// RFC 6749 4.1.2.1 / 4.2.2.1: `error` (e.g. `access_denied`), `error_description`.
    Error {
        error: String,
        description: Option<String>,
        state: Option<String>,
    },
}

// Hand-written so an access token or code never reaches a log through `{:?}`.
impl std::fmt::Debug for Redirect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Redirect::Token { state, .. } => write!(f, "Token {{ access_token: <hidden>, state: {state:?} }}"),
            Redirect::Code { state, .. } => write!(f, "Code {{ code: <hidden>, state: {state:?} }}"),
            Redirect::Error { error, description, state } => {
                write!(f, "Error {{ error: {error:?}, description: {description:?}, state: {state:?} }}")
            }
        }
    }
}

impl Redirect {
    pub fn state(&self) -> Option<&str> {
        match self {
            Redirect::Token { state, .. } | Redirect::Code { state, .. } | Redirect::Error { state, .. } => {
                state.as_deref()
            }
        }
    }
}

/// Reads the redirect URL the browser landed on. The implicit flow answers in
/// the fragment, the code flow in the query; an error may come in either.
pub fn parse_redirect(url: &str, response_type: ResponseType) -> Result<Redirect> {
    let (before_fragment, fragment) = url.split_once('#').unwrap_or((url, ""));
    let query = before_fragment.split_once('?').map_or("", |(_, q)| q);
    let (primary, other) = match response_type {
        ResponseType::Token => (fragment, query),
        ResponseType::Code => (query, fragment),
    };
    let primary = form_decode(primary, "the redirect URL")?;
    let other = form_decode(other, "the redirect URL")?;
    let get = |pairs: &[(String, String)], name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    for pairs in [&primary, &other] {
        if let Some(error) = get(pairs, "error") {
            return Ok(Redirect::Error {
                error,
                description: get(pairs, "error_description"),
                state: get(pairs, "state"),
            });
        }
    }
    let state = get(&primary, "state");
    let missing = |name: &str| {
        Error::invalid(format!(
            "the redirect URL has no {name} in its {} (was this page reached from the sign-in?)",
            if response_type == ResponseType::Token { "fragment" } else { "query" }
        ))
    };
    match response_type {
        ResponseType::Token => {
            let access_token =
                get(&primary, "access_token").filter(|t| !t.is_empty()).ok_or_else(|| missing("access_token"))?;
            if let Some(kind) = get(&primary, "token_type") {
                super::grant::check_token_type(&kind)?;
            }
            Ok(Redirect::Token { access_token, state })
        }
        ResponseType::Code => {
            let code = get(&primary, "code").filter(|c| !c.is_empty()).ok_or_else(|| missing("code"))?;
            Ok(Redirect::Code { code, state })
        }
    }
}

/// The redirect's `state` must be the one this browser sent: otherwise the
/// answer belongs to another sign-in (or was forged) and is refused.
pub fn check_state(expected: &str, redirect: &Redirect) -> Result<()> {
    match redirect.state() {
        Some(state) if !expected.is_empty() && constant_time_eq(state, expected) => Ok(()),
        Some(state) => Err(Error::invalid(format!(
            "the state in the redirect ({}) is not the one this sign-in sent",
            excerpt(state)
        ))),
        None => Err(Error::invalid("the redirect carries no state; it is not the answer to this sign-in")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://app.example.com/cb";

    #[test]
    fn implicit_flow_reads_the_fragment() {
        let r = parse_redirect(
            &format!("{BASE}?ignored=1#access_token=a%2Bb&token_type=bearer&state=s1&expires_in=900"),
            ResponseType::Token,
        )
        .unwrap();
        assert_eq!(r, Redirect::Token { access_token: "a+b".into(), state: Some("s1".into()) });
    }

    #[test]
    fn code_flow_reads_the_query() {
        let r = parse_redirect(&format!("{BASE}?code=c-1&state=s%201"), ResponseType::Code).unwrap();
        assert_eq!(r, Redirect::Code { code: "c-1".into(), state: Some("s 1".into()) });
    }

    #[test]
    fn errors_come_from_either_part() {
        let denied = Redirect::Error {
            error: "access_denied".into(),
            description: Some("User denied access".into()),
            state: Some("s".into()),
        };
        let q = format!("{BASE}?error=access_denied&error_description=User+denied+access&state=s");
        let f = format!("{BASE}#error=access_denied&error_description=User%20denied%20access&state=s");
        for rt in [ResponseType::Token, ResponseType::Code] {
            assert_eq!(parse_redirect(&q, rt).unwrap(), denied);
            assert_eq!(parse_redirect(&f, rt).unwrap(), denied);
        }
    }

    #[test]
    fn missing_token_or_code_or_wrong_token_type_is_an_error() {
        assert!(parse_redirect(BASE, ResponseType::Token).unwrap_err().message.contains("access_token"));
        assert!(parse_redirect(&format!("{BASE}#code=x"), ResponseType::Code).unwrap_err().message.contains("code"));
        assert!(parse_redirect(&format!("{BASE}#access_token=t&token_type=mac"), ResponseType::Token).is_err());
    }

    #[test]
    fn state_must_match() {
        let r = |state: Option<&str>| Redirect::Code { code: "c".into(), state: state.map(String::from) };
        assert!(check_state("abc", &r(Some("abc"))).is_ok());
        assert!(check_state("abc", &r(Some("abd"))).unwrap_err().message.contains("not the one"));
        assert!(check_state("abc", &r(None)).is_err());
        assert!(check_state("", &r(Some(""))).is_err());
    }

    #[test]
    fn debug_hides_tokens() {
        let r = Redirect::Token { access_token: "SECRET".into(), state: None };
        assert!(!format!("{r:?}").contains("SECRET"));
    }
}
