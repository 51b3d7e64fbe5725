//! Slug ids: the package's `slugid()` is built on these two (see pkg-template/facade.js).

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use crate::core::slugid;

/// A random v4 slug id: 22 URL-safe base64 characters.
#[wasm_bindgen(js_name = slugidV4)]
pub fn slugid_v4() -> JsResult<String> {
    guarded("slugid.v4", slugid::v4)
}

/// A v4 slug id that never starts with `-` (safe as a command-line argument).
#[wasm_bindgen(js_name = slugidNice)]
pub fn slugid_nice() -> JsResult<String> {
    guarded("slugid.nice", slugid::nice)
}
