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

/// What Hawk signs of a URL, borrowed from it: the form signing uses on its hot path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    pub host: &'a str,
    pub port: u16,
    pub resource: &'a str,
}

impl Target {
    pub fn parts(&self) -> Parts<'_> {
        Parts { host: &self.host, port: self.port, resource: &self.resource }
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
    normalized_parts(url).is_some()
}

/// The [`Parts`] of `url` when [`is_normalized`] holds, as [`Target::parse`] would
/// find them; `None` otherwise. Byte by byte and without allocating: this runs for
/// every signature.
pub fn normalized_parts(url: &str) -> Option<Parts<'_>> {
    let (rest, default_port) = match url.strip_prefix("https://") {
        Some(rest) => (rest, 443),
        None => (url.strip_prefix("http://")?, 80),
    };
    let authority_end = rest.bytes().position(|b| !in_set(&HOST_BYTES, b))?;
    let (authority, tail) = rest.split_at_checked(authority_end)?;
    if authority.is_empty() || !tail.starts_with('/') {
        return None;
    }
    let (host, port) = match authority.bytes().rposition(|b| b == b':') {
        Some(colon) => {
            let (host, port) = (authority.get(..colon)?, authority.get(colon + 1..)?);
            (host, if port.is_empty() { default_port } else { port.parse().ok()? })
        }
        None => (authority, default_port),
    };
    let resource = tail.get(..normalized_resource_length(tail.as_bytes())?)?;
    (!host.is_empty()).then_some(Parts { host, port, resource })
}

/// A set of bytes as a table: one load per byte tested.
type ByteSet = [bool; 256];

/// `members`, plus digits and lower-case letters, plus upper-case ones with `upper`.
// Evaluated at compile time only: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const fn byte_set(members: &[u8], upper: bool) -> ByteSet {
    let mut set = [false; 256];
    let mut rest = members;
    while let [byte, tail @ ..] = rest {
        set[*byte as usize] = true;
        rest = tail;
    }
    let mut byte = 0u8;
    while byte < 128 {
        if byte.is_ascii_digit() || byte.is_ascii_lowercase() || (upper && byte.is_ascii_uppercase()) {
            set[byte as usize] = true;
        }
        byte += 1;
    }
    set
}

// Inlined: it runs for every byte of every URL signed.
#[inline(always)]
fn in_set(set: &ByteSet, byte: u8) -> bool {
    set.get(usize::from(byte)).is_some_and(|&member| member)
}

/// What a host may hold for signing to skip normalizing: lower-case names, IPv4, a port.
const HOST_BYTES: ByteSet = byte_set(b".-:", false);

/// What a byte of a path, query or fragment is to [`normalized_resource_length`].
#[derive(Clone, Copy)]
enum ResourceByte {
    /// A byte URL would percent-encode or otherwise change.
    Refused,
    /// A byte URL leaves alone and that means nothing to the path.
    Plain,
    Dot,
    Percent,
    Slash,
    Question,
    Hash,
}

/// Each byte's [`ResourceByte`]: characters URL leaves alone in paths and queries of
/// http(s) URLs are `-._~!$&()*+,;=:@/?%`, digits and letters.
// Evaluated at compile time only: an index out of bounds would fail the build.
#[allow(clippy::indexing_slicing)]
const RESOURCE_BYTES: [ResourceByte; 256] = {
    let plain = byte_set(b"-_~!$&()*+,;=:@", true);
    let mut classes = [ResourceByte::Refused; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = match byte as u8 {
            b'.' => ResourceByte::Dot,
            b'%' => ResourceByte::Percent,
            b'/' => ResourceByte::Slash,
            b'?' => ResourceByte::Question,
            b'#' => ResourceByte::Hash,
            _ if plain[byte] => ResourceByte::Plain,
            _ => ResourceByte::Refused,
        };
        byte += 1;
    }
    classes
};

/// The length of the path and query at the start of `tail` (up to a fragment), when
/// they are in URL's form: only bytes URL leaves alone, every `%` a complete escape,
/// and no dot segment (`.`, `..`, or the same with dots written `%2e`/`%2E`, which URL
/// would resolve away) in the path. One pass, byte by byte, over locals only.
fn normalized_resource_length(tail: &[u8]) -> Option<usize> {
    let class = |at: usize| tail.get(at).map(|&byte| RESOURCE_BYTES.get(usize::from(byte)).copied());
    let mut at = 0;
    // Length of the current path segment, and whether it is all dots so far.
    let (mut segment_length, mut all_dots) = (0usize, false);
    let mut in_path = true;
    loop {
        let is_dot = match class(at) {
            None | Some(Some(ResourceByte::Hash)) => break,
            Some(Some(ResourceByte::Plain)) => false,
            Some(Some(ResourceByte::Dot)) => true,
            Some(Some(ResourceByte::Percent)) => {
                let escaped = escaped_byte(tail.get(at + 1..at + 3)?)?;
                at += 2;
                escaped == b'.'
            }
            Some(Some(ResourceByte::Slash | ResourceByte::Question)) => {
                if in_path {
                    if segment_length > 0 && all_dots {
                        return None;
                    }
                    in_path = tail.get(at) == Some(&b'/');
                }
                segment_length = 0;
                at += 1;
                continue;
            }
            Some(Some(ResourceByte::Refused) | None) => return None,
        };
        all_dots = is_dot && (segment_length == 0 || all_dots);
        segment_length += 1;
        at += 1;
    }
    (!(in_path && segment_length > 0 && all_dots)).then_some(at)
}

/// The byte escaped by two hex digits; `None` if they are not that.
#[inline(always)]
fn escaped_byte(digits: &[u8]) -> Option<u8> {
    let digit = |byte: &u8| char::from(*byte).to_digit(16);
    let [high, low] = digits else { return None };
    u8::try_from(digit(high)? * 16 + digit(low)?).ok()
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
    fn normalized_parts_are_what_parse_finds() {
        for url in [
            "https://tc.example.com/api/queue/v1/task/abc",
            "http://127.0.0.1:8080/api/x?limit=5&continuationToken=a%2Bb#frag",
            "https://h:/a",
            "http://h:0443/a",
            "https://h/a/b.c/..d/?q=a:b@c#frag",
        ] {
            let parsed = Target::parse(url, "url").unwrap();
            assert_eq!(normalized_parts(url), Some(parsed.parts()), "{url}");
        }
        for url in ["https://h:99999/a", "https://:80/a", "https://h:x/a", "https://h/%4", "https://h/a%"] {
            assert_eq!(normalized_parts(url), None, "{url}");
        }
    }

    #[test]
    fn rejects_what_it_cannot_sign() {
        for bad in ["ftp://h/", "/relative", "", "http://", "http://h:99999/", "http://h:x/", "héllo"] {
            assert!(Target::parse(bad, "url").is_err(), "{bad}");
        }
    }
}
