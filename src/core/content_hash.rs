//! SHA-256 and SHA-512 of an object's bytes, fed chunk by chunk as they stream,
//! in the lowercase hex the object service records.

use sha2::{Digest, Sha256, Sha512};

/// Hashes a stream of chunks; `finish` consumes it, so a finished hasher cannot be fed again.
#[derive(Clone, Default)]
pub struct ContentHasher {
    sha256: Sha256,
    sha512: Sha512,
    bytes: u64,
}

/// What a finished hasher reports: both digests and how many bytes went in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentHashes {
    pub sha256: String,
    pub sha512: String,
    pub bytes: u64,
}

impl ContentHasher {
    pub fn new() -> ContentHasher {
        ContentHasher::default()
    }

    pub fn update(&mut self, chunk: &[u8]) {
        self.sha256.update(chunk);
        self.sha512.update(chunk);
        self.bytes += chunk.len() as u64;
    }

    /// Bytes hashed so far.
    pub fn bytes(&self) -> u64 {
        self.bytes
    }

    pub fn finish(self) -> ContentHashes {
        ContentHashes { sha256: hex(&self.sha256.finalize()), sha512: hex(&self.sha512.finalize()), bytes: self.bytes }
    }
}

/// Lowercase hex, as the object service records hashes.
fn hex(bytes: &[u8]) -> String {
    let mut text = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        // A nibble is below 16, so every digit exists.
        text.extend([byte >> 4, byte & 0x0f].into_iter().filter_map(|nibble| char::from_digit(u32::from(nibble), 16)));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    // FIPS 180-2 vectors for "abc".
    const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    const ABC_SHA512: &str = "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
                              2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f";

    #[test]
    fn matches_published_vectors() {
        let mut hasher = ContentHasher::new();
        hasher.update(b"abc");
        assert_eq!(hasher.finish(), ContentHashes { sha256: ABC_SHA256.into(), sha512: ABC_SHA512.into(), bytes: 3 });
    }

    #[test]
    fn chunking_does_not_change_the_digest() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
        let mut whole = ContentHasher::new();
        whole.update(&data);
        let mut pieces = ContentHasher::new();
        for chunk in data.chunks(333) {
            pieces.update(chunk);
        }
        pieces.update(&[]);
        assert_eq!(pieces.bytes(), 10_000);
        assert_eq!(whole.finish(), pieces.finish());
    }

    #[test]
    fn empty_input_has_the_empty_digests() {
        let hashes = ContentHasher::new().finish();
        assert_eq!(hashes.sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert!(hashes.sha512.starts_with("cf83e1357eefb8bd"));
        assert_eq!(hashes.bytes, 0);
    }
}
