//! Core errors become JS `TypeError`, `RangeError` or `Error`, prefixed with the
//! function the caller called.

use wasm_bindgen::JsValue;

use crate::core::{Error, ErrorKind};

/// What every exported function returns: a thrown JS error on failure.
pub type JsResult<T> = Result<T, JsValue>;

/// Converts a core error into the JS error to throw, naming `function`.
pub fn to_js(function: &str, error: Error) -> JsValue {
    let message = format!("{function}: {}", error.message);
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

/// What a failed API request reports to the caller; never any secret.
pub struct RequestFailure<'a> {
    pub message: String,
    pub code: String,
    pub status_code: Option<u16>,
    pub body: JsValue,
    pub method: &'a str,
    pub url: &'a str,
    pub function_name: &'a str,
    pub retries: u32,
}

/// A JS `Error` named `TaskclusterError` carrying the failure's fields; the
/// package's runtime turns it into an instance of its `TaskclusterError` class.
pub fn request_error(failure: RequestFailure<'_>) -> JsValue {
    let error = js_sys::Error::new(&failure.message);
    error.set_name("TaskclusterError");
    let status: JsValue = failure.status_code.map_or(JsValue::UNDEFINED, |s| JsValue::from_f64(s as f64));
    let fields: [(&str, JsValue); 7] = [
        ("code", failure.code.into()),
        ("statusCode", status),
        ("body", failure.body),
        ("method", failure.method.into()),
        ("url", failure.url.into()),
        ("functionName", failure.function_name.into()),
        ("retries", JsValue::from_f64(failure.retries as f64)),
    ];
    for (key, value) in fields {
        // Defining data properties on a fresh Error cannot fail.
        let _ = js_sys::Reflect::set(&error, &JsValue::from_str(key), &value);
    }
    error.into()
}
