//! Slug ids as the npm `slugid` package makes them: a random UUID v4 written as
//! 22 characters of URL-safe base64 without padding, e.g. `9HrBC1jMQ3KlZw4CssPUeQ`.

use super::{Result, random};

/// A random v4 slug. It may start with `-`; use [`nice`] where that matters.
pub fn v4() -> Result<String> {
    Ok(encode_v4(random::bytes::<16>()?))
}

/// A random v4 slug that starts with `[A-Za-f]`, never `-`, so that command-line
/// tools do not take it for an option. It costs one bit of randomness.
pub fn nice() -> Result<String> {
    Ok(encode_nice(random::bytes::<16>()?))
}

/// The v4 slug for `bytes`: sets the UUID version (4) and variant (RFC 4122)
/// bits, then encodes. Bytes of a v4 UUID give `slugid.encode(uuid)`.
///
/// ```
/// use taskcluster_wasm::core::slugid::encode_v4;
/// // f47ac10b-58cc-4372-a567-0e02b2c3d479
/// let uuid = [0xf4, 0x7a, 0xc1, 0x0b, 0x58, 0xcc, 0x43, 0x72, 0xa5, 0x67, 0x0e, 0x02, 0xb2, 0xc3, 0xd4, 0x79];
/// assert_eq!(encode_v4(uuid), "9HrBC1jMQ3KlZw4CssPUeQ");
/// ```
pub fn encode_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    super::crypto::base64url(&bytes)
}

/// Like [`encode_v4`], with the first bit cleared as `slugid.nice()` does: the
/// first character is then one of the first 32 base64 digits, `A`-`Z`, `a`-`f`.
pub fn encode_nice(mut bytes: [u8; 16]) -> String {
    bytes[0] &= 0x7f;
    encode_v4(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uuid_bytes(uuid: &str) -> [u8; 16] {
        let hex: Vec<u8> = uuid.bytes().filter(|b| *b != b'-').collect();
        let mut bytes = [0u8; 16];
        for (byte, pair) in bytes.iter_mut().zip(hex.chunks(2)) {
            *byte = u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap();
        }
        bytes
    }

    #[test]
    fn encode_v4_matches_slugid_encode() {
        // node: require('slugid').encode(uuid)
        let cases = [
            ("f47ac10b-58cc-4372-a567-0e02b2c3d479", "9HrBC1jMQ3KlZw4CssPUeQ"),
            ("00000000-0000-4000-8000-000000000000", "AAAAAAAAQACAAAAAAAAAAA"),
            ("ffffffff-ffff-4fff-bfff-ffffffffffff", "________T_-__________w"),
            ("fbfbfbfb-fbfb-4bfb-bbfb-fbfbfbfbfbfb", "-_v7-_v7S_u7-_v7-_v7-w"),
            ("c0ffee00-1234-4567-89ab-cdef01234567", "wP_uABI0RWeJq83vASNFZw"),
            ("4c7b6b4f-6f22-43c6-b2a2-9f4b7e3e5d6a", "THtrT28iQ8ayop9Lfj5dag"),
        ];
        for (uuid, slug) in cases {
            assert_eq!(encode_v4(uuid_bytes(uuid)), slug, "{uuid}");
        }
    }

    #[test]
    fn encode_v4_sets_version_and_variant_bits() {
        assert_eq!(encode_v4([0; 16]), "AAAAAAAAQACAAAAAAAAAAA");
        assert_eq!(encode_v4([0xff; 16]), "________T_-__________w");
    }

    #[test]
    fn encode_nice_clears_the_first_bit() {
        // node: slugid.encode('7bfbfbfb-fbfb-4bfb-bbfb-fbfbfbfbfbfb')
        assert_eq!(encode_nice(uuid_bytes("fbfbfbfb-fbfb-4bfb-bbfb-fbfbfbfbfbfb")), "e_v7-_v7S_u7-_v7-_v7-w");
        assert_eq!(encode_nice([0xff; 16]), "f_______T_-__________w");
        assert_eq!(encode_nice(uuid_bytes("4c7b6b4f-6f22-43c6-b2a2-9f4b7e3e5d6a")), "THtrT28iQ8ayop9Lfj5dag");
    }

    fn is_slug(slug: &str) -> bool {
        slug.len() == 22 && slug.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    }

    #[test]
    fn random_slugs_have_the_v4_shape() {
        for _ in 0..200 {
            let slug = v4().unwrap();
            assert!(is_slug(&slug), "{slug}");
            // Character 8 holds the version nibble: 0100xx -> 'Q'..'T'.
            assert!(matches!(slug.as_bytes()[8], b'Q'..=b'T'), "{slug}");
        }
        assert_ne!(v4().unwrap(), v4().unwrap());
    }

    #[test]
    fn nice_slugs_never_start_with_a_dash() {
        for _ in 0..500 {
            let slug = nice().unwrap();
            assert!(is_slug(&slug), "{slug}");
            assert!(matches!(slug.as_bytes()[0], b'A'..=b'Z' | b'a'..=b'f'), "{slug}");
        }
    }
}
