//! The two primitives everything else signs with: HMAC-SHA256 and SHA-256
//! (over sha2's compression function), plus the base64 flavours Taskcluster uses.

use base64::Engine;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use sha2::block_api::compress256;

/// SHA-256's block size: HMAC pads (or first hashes) every key to this length.
const BLOCK_SIZE: usize = 64;

/// SHA-256's initial hash value (FIPS 180-4, section 5.3.3).
const INITIAL_STATE: [u32; 8] =
    [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/// HMAC-SHA256 of `message` under `key`, as raw bytes.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    HmacKey::new(key).sign(&[message])
}

/// SHA-256 of `message`, as raw bytes.
pub fn sha256(message: &[u8]) -> [u8; 32] {
    let mut run = Sha256Run::after(INITIAL_STATE, 0);
    run.update(message);
    run.finish()
}

/// One SHA-256 in progress, over the compression function alone: a Hawk MAC is
/// four compressions, and the generic hashing layers cost as much again.
#[derive(Clone)]
struct Sha256Run {
    state: [u32; 8],
    block: [u8; BLOCK_SIZE],
    /// Bytes waiting in `block`, always fewer than a block.
    used: usize,
    /// Bytes hashed so far, the blocks already in `state` included.
    total: u64,
}

impl Sha256Run {
    /// A run continuing from `state`, which has hashed `total` bytes (whole blocks).
    fn after(state: [u32; 8], total: u64) -> Sha256Run {
        Sha256Run { state, block: [0; BLOCK_SIZE], used: 0, total }
    }

    #[inline]
    fn update(&mut self, bytes: &[u8]) {
        self.total += bytes.len() as u64;
        // The usual case: a small piece that leaves room in the block being filled.
        let end = self.used + bytes.len();
        if end < BLOCK_SIZE
            && let Some(slot) = self.block.get_mut(self.used..end)
        {
            copy_small(slot, bytes);
            self.used = end;
            return;
        }
        self.update_across_blocks(bytes);
    }

    fn update_across_blocks(&mut self, bytes: &[u8]) {
        let (head, rest) = bytes.split_at_checked(free_len(self.used)).unwrap_or((bytes, &[]));
        if let Some(slot) = self.block.get_mut(self.used..self.used + head.len()) {
            slot.copy_from_slice(head);
        }
        self.used += head.len();
        if self.used < BLOCK_SIZE {
            return;
        }
        compress256(&mut self.state, std::slice::from_ref(&self.block));
        let (blocks, tail) = rest.as_chunks::<BLOCK_SIZE>();
        compress256(&mut self.state, blocks);
        if let Some(slot) = self.block.get_mut(..tail.len()) {
            slot.copy_from_slice(tail);
        }
        self.used = tail.len();
    }

    /// The digest: the padding (0x80, zeros, the length in bits) hashed last.
    fn finish(mut self) -> [u8; 32] {
        let bits = self.total.wrapping_mul(8);
        let used = self.used;
        self.block.get_mut(used..).unwrap_or_default().fill(0);
        if let Some(marker) = self.block.get_mut(used) {
            *marker = 0x80;
        }
        if used >= BLOCK_SIZE - 8 {
            compress256(&mut self.state, std::slice::from_ref(&self.block));
            self.block = [0; BLOCK_SIZE];
        }
        if let Some(length) = self.block.last_chunk_mut::<8>() {
            *length = bits.to_be_bytes();
        }
        compress256(&mut self.state, std::slice::from_ref(&self.block));
        let mut digest = [0u8; 32];
        for (bytes, word) in digest.as_chunks_mut::<4>().0.iter_mut().zip(self.state) {
            *bytes = word.to_be_bytes();
        }
        digest
    }
}

/// `source` into `target` (the same length): a separator is one store, not a call
/// to the engine's memory copy, which costs more than copying a few bytes.
#[inline(always)]
pub fn copy_small(target: &mut [u8], source: &[u8]) {
    match (target, source) {
        ([slot], [byte]) => *slot = *byte,
        (target, source) => target.copy_from_slice(source),
    }
}

/// Room left in a block holding `used` bytes.
#[inline]
fn free_len(used: usize) -> usize {
    BLOCK_SIZE.saturating_sub(used)
}

/// An HMAC-SHA256 key with its inner and outer hash states computed once, so
/// each signature costs only the message's blocks, not the key's.
#[derive(Clone)]
pub struct HmacKey {
    /// SHA-256's state after the key block XOR 0x36 ...
    inner: [u32; 8],
    /// ... and after the key block XOR 0x5c (RFC 2104).
    outer: [u32; 8],
}

impl HmacKey {
    pub fn new(key: &[u8]) -> HmacKey {
        let block = block_key(key);
        let state_after = |pad: u8| {
            let mut state = INITIAL_STATE;
            compress256(&mut state, &[block.map(|byte| byte ^ pad)]);
            state
        };
        HmacKey { inner: state_after(0x36), outer: state_after(0x5c) }
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
        HmacRun { inner: Sha256Run::after(self.inner, BLOCK_SIZE as u64), outer: self.outer }
    }
}

/// One MAC in progress (see [`HmacKey::start`]).
pub struct HmacRun {
    inner: Sha256Run,
    outer: [u32; 8],
}

impl HmacRun {
    #[inline]
    pub fn update(&mut self, bytes: &[u8]) {
        self.inner.update(bytes);
    }

    pub fn finish(self) -> [u8; 32] {
        let inner = self.inner.finish();
        let mut outer = Sha256Run::after(self.outer, BLOCK_SIZE as u64);
        outer.update(&inner);
        outer.finish()
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
    fn sha256_matches_the_sha2_crate_at_every_length_around_the_blocks() {
        use sha2::Digest;
        let message: Vec<u8> = (0..300u32).map(|i| (i * 7 % 256) as u8).collect();
        for length in 0..message.len() {
            let part = &message[..length];
            assert_eq!(sha256(part), <[u8; 32]>::from(sha2::Sha256::digest(part)), "length {length}");
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
