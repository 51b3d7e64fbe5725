//! `application/x-www-form-urlencoded`, as OAuth2 uses it for the authorize
//! query, the redirect's query or fragment and the token request body.

use crate::core::error::excerpt;
use crate::core::{Error, Result};

/// `name=value&...`, each part percent-encoded (space as `%20`, which every
/// form decoder accepts, unlike `+` in a fragment).
///
/// ```
/// use taskcluster_wasm::core::oauth::form_encode;
/// assert_eq!(form_encode(&[("scope", "a:* b/c"), ("x", "é&")]), "scope=a%3A*%20b%2Fc&x=%C3%A9%26");
/// ```
pub fn form_encode(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| {
            format!("{}={}", crate::core::urls::encode_route_arg(name), crate::core::urls::encode_route_arg(value))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The name/value pairs of a query string or fragment (without `?`/`#`).
/// `+` is a space; a malformed escape or bytes that are not UTF-8 are errors.
///
/// ```
/// use taskcluster_wasm::core::oauth::form_decode;
/// assert_eq!(form_decode("a=1+2&b=%C3%A9&c", "q").unwrap(),
///            vec![("a".into(), "1 2".into()), ("b".into(), "é".into()), ("c".into(), "".into())]);
/// ```
pub fn form_decode(text: &str, what: &str) -> Result<Vec<(String, String)>> {
    text.split('&')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, value) = part.split_once('=').unwrap_or((part, ""));
            Ok((decode_component(name, what)?, decode_component(value, what)?))
        })
        .collect()
}

fn decode_component(text: &str, what: &str) -> Result<String> {
    let malformed = || Error::invalid(format!("{what} has a malformed percent-escape in {}", excerpt(text)));
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&byte) = bytes.get(i) {
        match byte {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = bytes.get(i + 1..i + 3).ok_or_else(malformed)?;
                let hex = std::str::from_utf8(hex).map_err(|_| malformed())?;
                out.push(u8::from_str_radix(hex, 16).map_err(|_| malformed())?);
                i += 2;
            }
            other => out.push(other),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| Error::invalid(format!("{what} is not UTF-8 once decoded: {}", excerpt(text))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_any_text() {
        let odd = "a b+c&d=e%f/é\u{1F600}?#";
        let encoded = form_encode(&[(odd, odd)]);
        assert_eq!(form_decode(&encoded, "x").unwrap(), vec![(odd.to_string(), odd.to_string())]);
    }

    #[test]
    fn agrees_with_url_search_params_on_plus_and_empty_parts() {
        // new URLSearchParams('&a=b+c&&d==e&').entries(): [a, 'b c'], [d, '=e']
        assert_eq!(
            form_decode("&a=b+c&&d==e&", "x").unwrap(),
            vec![("a".into(), "b c".into()), ("d".into(), "=e".into())]
        );
    }

    #[test]
    fn refuses_broken_escapes_and_non_utf8() {
        for bad in ["a=%", "a=%4", "a=%zz", "a=%FF", "a=%C3"] {
            assert!(form_decode(bad, "redirect").is_err(), "{bad}");
        }
    }
}
