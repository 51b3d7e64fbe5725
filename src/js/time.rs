//! `fromNow` and `fromNowJSON`.

use wasm_bindgen::prelude::*;

use super::args;
use super::errors::{JsResult, guarded};
use crate::core::{Result, time};

fn offset_ms(offset: &JsValue, reference: &JsValue) -> Result<f64> {
    let text = args::string(offset, "offset")?;
    let base = if reference.is_undefined() { js_sys::Date::now() } else { args::time_ms(reference, "reference")? };
    time::from_now(&text, base)
}

/// The time `offset` (e.g. `"2 days 3 hours"`, `"-1 year"`) from now or from `reference`.
// Typed in types.rs: wasm-bindgen cannot mark `reference` optional.
#[wasm_bindgen(js_name = fromNow, skip_typescript)]
pub fn from_now(
    #[wasm_bindgen(unchecked_param_type = "string")] offset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | number | string")] reference: Option<JsValue>,
) -> JsResult<js_sys::Date> {
    let reference = reference.unwrap_or(JsValue::UNDEFINED);
    guarded("fromNow", || Ok(js_sys::Date::new(&JsValue::from_f64(offset_ms(&offset, &reference)?))))
}

/// Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`.
#[wasm_bindgen(js_name = fromNowJSON, skip_typescript)]
pub fn from_now_json(
    #[wasm_bindgen(unchecked_param_type = "string")] offset: JsValue,
    #[wasm_bindgen(unchecked_param_type = "Date | number | string")] reference: Option<JsValue>,
) -> JsResult<String> {
    let reference = reference.unwrap_or(JsValue::UNDEFINED);
    guarded("fromNowJSON", || time::to_iso_string(offset_ms(&offset, &reference)?))
}
