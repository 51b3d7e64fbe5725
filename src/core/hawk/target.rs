//! The parts of an absolute URL that a Hawk MAC covers.

use crate::core::error::excerpt;
use crate::core::{Error, Result};

/// Host, port and resource of an absolute `http:` or `https:` URL.
///
/// Expects a URL as a WHATWG `URL` serializes it (what `fetch` sends), so the
/// resource here is byte for byte the one the server sees.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub host: String,
    /// Explicit in the URL, or 80/443 by scheme: Hawk always signs a port.
    pub port: u16,
    /// Path and query string, never empty (`/` at least); the fragment is dropped.
    pub resource: String,
}

impl Target {
    /// Splits `url`; `what` names the argument in errors.
    ///
    /// ```
    /// use taskcluster_wasm::core::hawk::Target;
    /// let t = Target::parse("https://tc.example.com/api/queue/v1/task/abc?x=1#frag", "url").unwrap();
    /// assert_eq!((t.host.as_str(), t.port, t.resource.as_str()),
    ///            ("tc.example.com", 443, "/api/queue/v1/task/abc?x=1"));
    /// ```
    pub fn parse(url: &str, what: &str) -> Result<Target> {
        let (default_port, rest) = if let Some(rest) = strip_prefix_ignore_case(url, "https://") {
            (443, rest)
        } else if let Some(rest) = strip_prefix_ignore_case(url, "http://") {
            (80, rest)
        } else {
            return Err(Error::invalid(format!(
                "{what} must be an absolute http: or https: URL, got {}",
                excerpt(url)
            )));
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, tail) = rest.split_at_checked(authority_end).unwrap_or((rest, ""));
        // Credentials in the authority are not part of what Hawk signs.
        let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
        let (host, port) = split_host_port(host_port, default_port, what)?;
        if host.is_empty() {
            return Err(Error::invalid(format!("{what} has no host: {}", excerpt(url))));
        }
        let without_fragment = tail.split('#').next().unwrap_or("");
        let resource = if without_fragment.starts_with('/') {
            without_fragment.to_string()
        } else {
            format!("/{without_fragment}")
        };
        Ok(Target { host: host.to_ascii_lowercase(), port, resource })
    }
}

/// Whether `url` is certainly already in the form a WHATWG `URL` serializes
/// (what `fetch` sends), so signing may skip normalizing it. Conservative: any
/// doubt (upper-case scheme or host, characters URL would percent-encode, dot
/// segments, backslashes, IPv6 literals, non-ASCII) answers false.
///
/// ```
/// use taskcluster_wasm::core::hawk::target::is_normalized;
/// assert!(is_normalized("https://tc.example.com/api/queue/v1/task/a%2Fb?limit=5"));
/// assert!(!is_normalized("https://tc.example.com/a b"));
/// assert!(!is_normalized("https://tc.example.com/a/../b"));
/// ```
pub fn is_normalized(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at_checked(authority_end).unwrap_or((rest, ""));
    let host_ok = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'.' || b == b'-' || b == b':';
    if authority.is_empty() || !authority.bytes().all(host_ok) || !tail.starts_with('/') {
        return false;
    }
    let resource = tail.split('#').next().unwrap_or("");
    let path = resource.split('?').next().unwrap_or("");
    // Byte by byte and without allocating: this runs for every signature.
    resource.bytes().all(kept_by_url) && !path.split('/').any(is_dot_segment) && percent_escapes_are_complete(resource)
}

/// Characters URL leaves alone in paths and queries of http(s) URLs.
fn kept_by_url(byte: u8) -> bool {
    byte.is_ascii_alphanumeric()
        || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'!' | b'$' | b'&' | b'(' | b')' | b'*' | b'+' | b',' | b';' | b'=' | b':' | b'@' | b'/' | b'?' | b'%')
}

/// `.`, `..`, or the same with dots written `%2e` / `%2E`: URL would resolve it away.
fn is_dot_segment(segment: &str) -> bool {
    let mut rest = segment.as_bytes();
    while !rest.is_empty() {
        rest = match rest {
            [b'.', tail @ ..] => tail,
            [b'%', b'2', b'e' | b'E', tail @ ..] => tail,
            _ => return false,
        };
    }
    !segment.is_empty()
}

/// Every `%` starts a two-hex-digit escape (URL would otherwise keep a lone `%` as is,
/// but a checker that cannot be sure answers no).
fn percent_escapes_are_complete(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'%')
        .all(|(i, _)| bytes.get(i + 1..i + 3).is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit)))
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| text.get(prefix.len()..)).flatten()
}

fn split_host_port<'a>(host_port: &'a str, default_port: u16, what: &str) -> Result<(&'a str, u16)> {
    // An IPv6 literal keeps its brackets, as URL.hostname does.
    let port_sep = match host_port.rfind(']') {
        Some(bracket) => host_port.get(bracket..).and_then(|s| s.find(':')).map(|i| bracket + i),
        None => host_port.rfind(':'),
    };
    let Some(sep) = port_sep else {
        return Ok((host_port, default_port));
    };
    let host = host_port.get(..sep).unwrap_or("");
    let port_text = host_port.get(sep + 1..).unwrap_or("");
    if port_text.is_empty() {
        return Ok((host, default_port));
    }
    let port = port_text
        .parse::<u16>()
        .map_err(|_| Error::invalid(format!("{what} has an invalid port {}", excerpt(port_text))))?;
    Ok((host, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(url: &str) -> (String, u16, String) {
        let t = Target::parse(url, "url").unwrap();
        (t.host, t.port, t.resource)
    }

    #[test]
    fn default_ports_by_scheme() {
        assert_eq!(parts("http://example.com/a"), ("example.com".into(), 80, "/a".into()));
        assert_eq!(parts("https://example.com/a"), ("example.com".into(), 443, "/a".into()));
    }

    #[test]
    fn explicit_port_query_and_fragment() {
        assert_eq!(
            parts("http://Example.com:8000/resource/1?b=1&a=2#x"),
            ("example.com".into(), 8000, "/resource/1?b=1&a=2".into())
        );
    }

    #[test]
    fn empty_path_becomes_slash() {
        assert_eq!(parts("https://h"), ("h".into(), 443, "/".into()));
        assert_eq!(parts("https://h?q=1"), ("h".into(), 443, "/?q=1".into()));
    }

    #[test]
    fn ipv6_and_userinfo() {
        assert_eq!(parts("http://[::1]:8080/x"), ("[::1]".into(), 8080, "/x".into()));
        assert_eq!(parts("http://[::1]/x"), ("[::1]".into(), 80, "/x".into()));
        assert_eq!(parts("http://u:p@h:81/"), ("h".into(), 81, "/".into()));
    }

    #[test]
    fn normalized_urls_are_recognized_conservatively() {
        for url in [
            "https://tc.example.com/api/queue/v1/task/abc",
            "http://127.0.0.1:8080/api/queue/v1/task-group/g/list?limit=5&continuationToken=a%2Bb",
            "https://h/a/b.c/..d/?q=a:b@c#frag",
        ] {
            assert!(is_normalized(url), "{url}");
        }
        for url in [
            "HTTPS://h/",
            "https://H/",
            "https://h",
            "https://h?x",
            "https://h/a b",
            "https://h/a'b?x=1",
            "https://h/é",
            "https://h/a/./b",
            "https://h/a/%2E%2e/b",
            "https://h/a\\b",
            "https://[::1]/x",
            "https://h/%zz",
            "https://h/100%",
            "https://h/a|b",
            "ftp://h/",
        ] {
            assert!(!is_normalized(url), "{url}");
        }
    }

    #[test]
    fn rejects_what_it_cannot_sign() {
        for bad in ["ftp://h/", "/relative", "", "http://", "http://h:99999/", "http://h:x/", "héllo"] {
            assert!(Target::parse(bad, "url").is_err(), "{bad}");
        }
    }
}
