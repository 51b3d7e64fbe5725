//! Core errors become JS `TypeError`, `RangeError` or `Error`, prefixed with the
//! function the caller called.

use wasm_bindgen::JsValue;

use crate::core::{Error, ErrorKind};

/// What every exported function returns: a thrown JS error on failure.
pub type JsResult<T> = Result<T, JsValue>;

/// Converts a core error into the JS error to throw, naming `function`.
pub fn to_js(function: &str, error: Error) -> JsValue {
    unnamed(Error { message: format!("{function}: {}", error.message), ..error })
}

/// The JS error of a core error as it is: for JS callers that name the function
/// and argument themselves (pkg-template/time.js).
pub fn unnamed(error: Error) -> JsValue {
    let message = error.message;
    match error.kind {
        ErrorKind::Type => js_sys::TypeError::new(&message).into(),
        ErrorKind::Range => js_sys::RangeError::new(&message).into(),
        ErrorKind::Invalid => js_sys::Error::new(&message).into(),
    }
}

/// Runs `body`, turning a core error into a thrown JS error that names `function`.
pub fn guarded<T>(function: &str, body: impl FnOnce() -> crate::core::Result<T>) -> JsResult<T> {
    body().map_err(|e| to_js(function, e))
}
