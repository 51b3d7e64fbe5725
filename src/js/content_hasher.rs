//! `ContentHasher`: SHA-256 and SHA-512 of data as it streams, for the object
//! service's uploads (hashes to send) and downloads (hashes to check).

use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;

use super::args;
use super::errors::{JsResult, guarded};
use super::values::plain_object;
use crate::core::content_hash::{ContentHasher, ContentHashes};
use crate::core::{Error, Result};

/// Chunks are copied into wasm memory this much at a time, so a huge chunk
/// never grows the module's memory (which never shrinks).
const COPY_SIZE: u32 = 64 * 1024;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = r#"
/** What a finished `ContentHasher` reports: lowercase hex digests and the byte count. */
export interface ContentHashes {
  sha256: string;
  sha512: string;
  bytes: number;
}
"#;

/// Hashes bytes chunk by chunk: `update(chunk)` as data streams, then
/// `digest()` (or `verify(expected)`), which frees the hasher. Call `free()` to
/// drop an unfinished one.
#[wasm_bindgen(js_name = ContentHasher)]
pub struct JsContentHasher(ContentHasher);

#[wasm_bindgen(js_class = ContentHasher)]
impl JsContentHasher {
    #[wasm_bindgen(constructor)]
    pub fn new() -> JsContentHasher {
        JsContentHasher(ContentHasher::new())
    }

    /// Adds a chunk: a `Uint8Array` (a Node `Buffer` is one), another typed array, a `DataView` or an `ArrayBuffer`.
    pub fn update(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer | ArrayBufferView")] chunk: &JsValue,
    ) -> JsResult<()> {
        guarded("ContentHasher.update", || {
            let bytes = byte_view(chunk)?;
            let mut scratch = vec![0u8; bytes.length().min(COPY_SIZE) as usize];
            let mut offset = 0;
            while offset < bytes.length() {
                let end = (offset + COPY_SIZE).min(bytes.length());
                let piece = scratch.get_mut(..(end - offset) as usize).unwrap_or_default();
                bytes.subarray(offset, end).copy_to(piece);
                self.0.update(piece);
                offset = end;
            }
            Ok(())
        })
    }

    /// Bytes hashed so far.
    #[wasm_bindgen(getter)]
    pub fn bytes(&self) -> f64 {
        self.0.bytes() as f64
    }

    /// The digests of everything hashed; frees the hasher.
    #[wasm_bindgen(unchecked_return_type = "ContentHashes")]
    pub fn digest(self) -> JsValue {
        hashes_object(&self.0.finish())
    }

    /// Checks the digests against the object service's `hashes` (`{sha256?, sha512?, ...}`):
    /// throws when one differs or none can be checked; frees the hasher either way.
    #[wasm_bindgen(unchecked_return_type = "ContentHashes")]
    pub fn verify(
        self,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] expected: &JsValue,
    ) -> JsResult<JsValue> {
        guarded("ContentHasher.verify", || {
            let what = "expected";
            args::object(expected, what)?;
            let mut pairs = Vec::new();
            for algorithm in args::own_string_keys(expected, what)? {
                let value = args::field(expected, &algorithm, what)?;
                let hash = args::string(&value, &format!("{what}.{algorithm}"))?;
                pairs.push((algorithm, hash));
            }
            let hashes = self.0.finish();
            hashes.verify(pairs.iter().map(|(a, h)| (a.as_str(), h.as_str())))?;
            Ok(hashes_object(&hashes))
        })
    }
}

impl Default for JsContentHasher {
    fn default() -> Self {
        JsContentHasher::new()
    }
}

/// The bytes of a chunk as a `Uint8Array` view (no copy).
fn byte_view(chunk: &JsValue) -> Result<Uint8Array> {
    if let Some(bytes) = chunk.dyn_ref::<Uint8Array>() {
        return Ok(bytes.clone());
    }
    if let Some(buffer) = chunk.dyn_ref::<ArrayBuffer>() {
        return Ok(Uint8Array::new(buffer));
    }
    if ArrayBuffer::is_view(chunk) {
        let field = |name: &str| -> Result<JsValue> { args::field(chunk, name, "chunk") };
        let buffer = field("buffer")?;
        let offset = field("byteOffset")?.as_f64().unwrap_or(0.0) as u32;
        let length = field("byteLength")?.as_f64().unwrap_or(0.0) as u32;
        if let Some(buffer) = buffer.dyn_ref::<ArrayBuffer>() {
            return Ok(Uint8Array::new_with_byte_offset_and_length(buffer, offset, length));
        }
    }
    Err(Error::type_error(format!(
        "chunk must be a Uint8Array, an ArrayBuffer or an ArrayBufferView, got {}",
        args::type_name(chunk)
    )))
}

fn hashes_object(hashes: &ContentHashes) -> JsValue {
    plain_object(&[
        ("sha256", hashes.sha256.as_str().into()),
        ("sha512", hashes.sha512.as_str().into()),
        ("bytes", JsValue::from_f64(hashes.bytes as f64)),
    ])
}
