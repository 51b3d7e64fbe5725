//! The SHA-256 + SHA-512 hasher behind the package's `ContentHasher`
//! (pkg-template/content-hasher.js), which reads the chunks and compares digests.

use wasm_bindgen::prelude::*;

use crate::core::content_hash::ContentHasher;

/// Internal: `ContentHasher` wraps it; not in the typings.
#[wasm_bindgen(js_name = Sha2Hasher, skip_typescript)]
pub struct JsContentHasher(ContentHasher);

#[wasm_bindgen(js_class = Sha2Hasher)]
impl JsContentHasher {
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsContentHasher {
        JsContentHasher(ContentHasher::new())
    }

    /// Adds bytes (the caller hands them over at most 64 KiB at a time).
    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    /// Bytes hashed so far.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> f64 {
        self.0.bytes() as f64
    }

    /// The SHA-256 digest then the SHA-512 one, in lowercase hex (64 + 128
    /// characters: one string crosses cheaper than an object); frees the hasher.
    pub fn digest(self) -> String {
        let hashes = self.0.finish();
        let mut hex = hashes.sha256;
        hex.push_str(&hashes.sha512);
        hex
    }
}

impl Default for JsContentHasher {
    fn default() -> Self {
        JsContentHasher::new()
    }
}
