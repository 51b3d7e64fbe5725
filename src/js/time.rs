//! `fromNow`, `fromNowJSON` and `parseTime`.

use wasm_bindgen::prelude::*;

use super::args;
use super::errors::{JsResult, guarded};
use super::values;
use crate::core::{Result, time};

/// The offset text; absent (`undefined`, `null`) means no offset, as in taskcluster-client.
fn offset_text(offset: &JsValue) -> Result<String> {
    if args::is_absent(offset) { Ok(String::new()) } else { args::string(offset, "offset") }
}

fn offset_ms(offset: &JsValue, reference: &JsValue) -> Result<f64> {
    let text = offset_text(offset)?;
    let base = if reference.is_undefined() { js_sys::Date::now() } else { args::time_ms(reference, "reference")? };
    time::from_now(&text, base)
}

fn present(value: Option<JsValue>) -> JsValue {
    value.unwrap_or(JsValue::UNDEFINED)
}

/// The time `offset` (e.g. `"2 days 3 hours"`, `"-1 year"`) from now or from `reference`;
/// no offset means now.
// Typed in types.rs: wasm-bindgen cannot mark the parameters optional.
#[wasm_bindgen(js_name = fromNow, skip_typescript)]
pub fn from_now(offset: Option<JsValue>, reference: Option<JsValue>) -> JsResult<js_sys::Date> {
    let (offset, reference) = (present(offset), present(reference));
    guarded("fromNow", || Ok(js_sys::Date::new(&JsValue::from_f64(offset_ms(&offset, &reference)?))))
}

/// Like `fromNow`, as an ISO 8601 string with milliseconds and `Z`.
#[wasm_bindgen(js_name = fromNowJSON, skip_typescript)]
pub fn from_now_json(offset: Option<JsValue>, reference: Option<JsValue>) -> JsResult<String> {
    let (offset, reference) = (present(offset), present(reference));
    guarded("fromNowJSON", || time::to_iso_string(offset_ms(&offset, &reference)?))
}

/// The offset units for `fromNow`'s fast path (pkg-template/time.js), which
/// reads plain offsets in JS: one line per unit, in order, its milliseconds then
/// its spellings. What that reading does not take goes to the checked `fromNow`.
#[wasm_bindgen(js_name = offsetUnits, skip_typescript)]
pub fn offset_units() -> String {
    time::offset_units()
}

/// The fields of an offset, as taskcluster-client's `parseTime` returns them.
#[wasm_bindgen(js_name = parseTime, skip_typescript)]
pub fn parse_time(offset: Option<JsValue>) -> JsResult<JsValue> {
    let offset = present(offset);
    guarded("parseTime", || {
        let parsed = time::parse_offset(&offset_text(&offset)?)?;
        let field = |value: i64| JsValue::from_f64(value as f64);
        Ok(values::plain_object(&[
            ("years", field(parsed.years)),
            ("months", field(parsed.months)),
            ("weeks", field(parsed.weeks)),
            ("days", field(parsed.days)),
            ("hours", field(parsed.hours)),
            ("minutes", field(parsed.minutes)),
            ("seconds", field(parsed.seconds)),
        ]))
    })
}
