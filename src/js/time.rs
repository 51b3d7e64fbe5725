//! The rules behind `fromNow`, `fromNowJSON`, `parseTime` and the times of
//! `createTemporaryCredentials`; their arguments are read and checked in JS
//! (pkg-template/time.js), so only strings and numbers cross.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded, unnamed};
use super::values;
use crate::core::time;

/// `base` (ms) moved by `offset`, for `fromNow`'s checked path (`fromNowJSON`'s when `json`).
#[wasm_bindgen(js_name = fromNowMs, skip_typescript)]
pub fn from_now_ms(offset: &str, base: f64, json: bool) -> JsResult<f64> {
    guarded(if json { "fromNowJSON" } else { "fromNow" }, || time::from_now(offset, base))
}

/// A strict ISO 8601 date-time (not `Date.parse`, which reads one without a zone as
/// local time and accepts `2017-02-30`) as epoch ms; the error says only what is
/// wrong with the text (pkg-template/time.js names the function and argument).
#[wasm_bindgen(js_name = isoTimeMs, skip_typescript)]
pub fn iso_time_ms(text: &str) -> JsResult<f64> {
    time::parse_iso_string(text).map_err(unnamed)
}

/// The offset units for `fromNow`'s fast path (pkg-template/time.js), which
/// reads plain offsets in JS: one line per unit, in order, its milliseconds then
/// its spellings. What that reading does not take goes to the checked `fromNow`.
#[wasm_bindgen(js_name = offsetUnits, skip_typescript)]
pub fn offset_units() -> String {
    time::offset_units()
}

/// The fields of an offset, as taskcluster-client's `parseTime` returns them.
#[wasm_bindgen(js_name = parseTimeOf, skip_typescript)]
pub fn parse_time_of(offset: &str) -> JsResult<JsValue> {
    guarded("parseTime", || {
        let parsed = time::parse_offset(offset)?;
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
