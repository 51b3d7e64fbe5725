//! The two primitives everything else signs with: HMAC-SHA256 and SHA-256,
//! plus the base64 flavours Taskcluster uses.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use hmac::{Hmac, KeyInit, Mac};
use sha2::{Digest, Sha256};

/// SHA-256's block size: HMAC pads (or first hashes) every key to this length.
const BLOCK_SIZE: usize = 64;

/// HMAC-SHA256 of `message` under `key`, as raw bytes.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    HmacKey::new(key).sign(&[message])
}

/// An HMAC-SHA256 key with its inner and outer hash states computed once, so
/// each signature costs only the message's blocks, not the key's.
#[derive(Clone)]
pub struct HmacKey(Hmac<Sha256>);

impl HmacKey {
    pub fn new(key: &[u8]) -> HmacKey {
        // The key is brought to block size here, as RFC 2104 does, so the
        // constructor used is the infallible one: there is no error branch that
        // could quietly yield a zero MAC.
        HmacKey(<Hmac<Sha256> as KeyInit>::new(&block_key(key).into()))
    }

    /// The MAC of the concatenation of `parts`.
    pub fn sign(&self, parts: &[&[u8]]) -> [u8; 32] {
        let mut run = self.start();
        for part in parts {
            run.update(part);
        }
        run.finish()
    }

    /// A MAC computed over bytes handed over piece by piece.
    pub fn start(&self) -> HmacRun {
        HmacRun(self.0.clone())
    }
}

/// One MAC in progress (see [`HmacKey::start`]). Small pieces go to the hash's
/// own block buffer: its code is optimised for speed (Cargo.toml), so each
/// update is a copy, not a call.
pub struct HmacRun(Hmac<Sha256>);

impl HmacRun {
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> [u8; 32] {
        self.0.finalize().into_bytes().into()
    }
}

/// `key` zero-padded to the block size, or its SHA-256 zero-padded if longer.
fn block_key(key: &[u8]) -> [u8; BLOCK_SIZE] {
    let hashed;
    let source = if key.len() > BLOCK_SIZE {
        hashed = sha256(key);
        hashed.as_slice()
    } else {
        key
    };
    let mut block = [0u8; BLOCK_SIZE];
    block.iter_mut().zip(source).for_each(|(slot, byte)| *slot = *byte);
    block
}

/// SHA-256 of `message`, as raw bytes.
pub fn sha256(message: &[u8]) -> [u8; 32] {
    Sha256::digest(message).into()
}

/// Standard base64 with padding (Hawk MACs and hashes, certificate signatures).
pub fn base64(bytes: &[u8]) -> String {
    STANDARD.encode(bytes)
}

/// Appends [`base64`] of `bytes` (signatures are built in one string).
pub fn push_base64(out: &mut String, bytes: &[u8]) {
    STANDARD.encode_string(bytes, out);
}

/// The length of a SHA-256 digest in [`base64`].
pub const DIGEST_BASE64_LENGTH: usize = 44;

/// [`base64`] of a digest, written into `buffer` (no allocation: signing's hot path).
pub fn digest_base64<'a>(digest: &[u8; 32], buffer: &'a mut [u8; DIGEST_BASE64_LENGTH]) -> &'a str {
    encoded_in(&STANDARD, digest, buffer)
}

/// [`base64url`] of `bytes` into `buffer`, which must be exactly the encoded length.
pub fn base64url_in<'a, const N: usize>(bytes: &[u8], buffer: &'a mut [u8; N]) -> &'a str {
    encoded_in(&URL_SAFE_NO_PAD, bytes, buffer)
}

fn encoded_in<'a>(engine: &impl Engine, bytes: &[u8], buffer: &'a mut [u8]) -> &'a str {
    match engine.encode_slice(bytes, buffer) {
        Ok(length) => buffer.get(..length).and_then(|text| std::str::from_utf8(text).ok()).unwrap_or_default(),
        Err(_) => "",
    }
}

/// URL-safe base64 without padding (bewits, slugids, temporary access tokens).
pub fn base64url(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Compares two strings in time independent of where they first differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc4231_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        let hex: String = mac.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn hmac_matches_rfc4231_with_keys_of_every_size_class() {
        let hex = |mac: [u8; 32]| mac.iter().map(|b| format!("{b:02x}")).collect::<String>();
        // Case 6: a 131-byte key, longer than the block, is hashed first.
        let long = hmac_sha256(&[0xaa; 131], b"Test Using Larger Than Block-Size Key - Hash Key First");
        assert_eq!(hex(long), "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
        // A key of exactly the block size is used as it is (value from Python's hmac).
        let exact = hmac_sha256(&[0x0b; 64], b"Hi There");
        assert_eq!(hex(exact), "21cd586aeca0579d99a1c938127c92525a371f807bc5ba6eb78bc825bd4f2be3");
        // The empty key is valid HMAC (the key block is all zeros), not an error.
        assert_eq!(hex(hmac_sha256(b"", b"")), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }

    #[test]
    fn a_prepared_key_signs_like_a_fresh_one_every_time() {
        let key = HmacKey::new(b"Jefe");
        let once = key.sign(&[b"what do ya want ", b"for nothing?"]);
        assert_eq!(once, hmac_sha256(b"Jefe", b"what do ya want for nothing?"));
        assert_eq!(key.sign(&[b"what do ya want for nothing?"]), once);
    }

    #[test]
    fn pieces_of_every_size_sign_like_one_message() {
        let key = HmacKey::new(b"key");
        let message: Vec<u8> = (0..1000u32).map(|i| (i % 251) as u8).collect();
        for piece in [1, 7, 64, 255, 256, 257, 1000] {
            let mut run = key.start();
            message.chunks(piece).for_each(|chunk| run.update(chunk));
            assert_eq!(run.finish(), hmac_sha256(b"key", &message), "pieces of {piece}");
        }
    }

    #[test]
    fn sha256_of_the_fips_examples() {
        let hex = |digest: [u8; 32]| digest.iter().map(|b| format!("{b:02x}")).collect::<String>();
        assert_eq!(hex(sha256(b"abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(
            hex(sha256(b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        );
    }

    #[test]
    fn base64_flavours() {
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
        assert_eq!(base64url(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn push_base64_appends() {
        let mut text = String::from("mac=");
        push_base64(&mut text, b"ab");
        assert_eq!(text, "mac=YWI=");
    }

    #[test]
    fn constant_time_eq_compares() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
