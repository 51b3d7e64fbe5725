//! The payload hash a Hawk header may carry.

use crate::core::crypto;

/// base64(SHA-256("hawk.1.payload\n{content type}\n{payload}\n")).
///
/// The content type is lower-cased and stripped of parameters (`; charset=...`),
/// as Hawk servers do before comparing.
pub fn hash(payload: &str, content_type: &str) -> String {
    let mime = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
    let normalized = format!("hawk.1.payload\n{mime}\n{payload}\n");
    crypto::base64(&crypto::sha256(normalized.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_payload_hash() {
        // The Hawk specification's payload example.
        assert_eq!(hash("Thank you for flying Hawk", "text/plain"), "Yi9LfIIFRtBEPt74PVmbTF/xVAwPn7ub15ePICfgnuY=");
    }

    #[test]
    fn content_type_parameters_and_case_are_ignored() {
        assert_eq!(hash("{}", "Application/JSON; charset=utf-8"), hash("{}", "application/json"));
    }
}
