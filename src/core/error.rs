//! The one error type of the core. Each kind maps to one JS error class at the
//! boundary, so a caller can tell "wrong type" from "value out of range".

use std::fmt;

/// What went wrong, as a JS caller would classify it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// An argument is missing or of the wrong type (JS `TypeError`).
    Type,
    /// An argument has the right type but a value outside what is allowed (JS `RangeError`).
    Range,
    /// The input is well-formed but cannot be used, e.g. a malformed string (JS `Error`).
    Invalid,
}

/// An error with a message meant for the person calling the library.
///
/// Messages name the argument and what was wrong with it. They never contain
/// secrets (access tokens, signatures).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
}

impl Error {
    pub fn type_error(message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Type, message: message.into() }
    }

    pub fn range(message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Range, message: message.into() }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Error { kind: ErrorKind::Invalid, message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

pub type Result<T> = std::result::Result<T, Error>;

/// A caller's string as error messages show it: quoted, cut after 60
/// characters, so a huge input cannot make a huge message.
///
/// ```
/// use taskcluster_wasm::core::error::excerpt;
/// assert_eq!(excerpt("2 dayz"), r#""2 dayz""#);
/// assert_eq!(excerpt(&"x".repeat(100)), format!("\"{}...\"", "x".repeat(60)));
/// ```
pub fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut quoted = String::new();
    match text.char_indices().nth(MAX_CHARS) {
        Some((cut, _)) => {
            super::json::write_string(&mut quoted, &format!("{}...", text.get(..cut).unwrap_or_default()))
        }
        None => super::json::write_string(&mut quoted, text),
    }
    quoted
}

/// `value` in decimal, without `format!`, whose machinery costs wasm bytes.
///
/// ```
/// assert_eq!(taskcluster_wasm::core::error::decimal(-42), "-42");
/// ```
pub fn decimal(value: i64) -> String {
    let mut text = String::new();
    super::hawk::mac::push_integer(&mut text, value);
    text
}
