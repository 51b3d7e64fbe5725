//! Lists of strings across the boundary in one call each way. Going item by
//! item costs a few JS calls per string, which dominated scope checks on long
//! scope sets; a joined string costs one. Anything unusual (non-strings, lone
//! surrogates, a `\n` inside an item, Proxies that throw) takes the item-by-item
//! path instead, which gives the precise errors.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function joinPlainStrings(list) {
  if (!Array.isArray(list) || list.length === 0 || list.length > 1000000) return undefined;
  let joined = '';
  for (let i = 0; i < list.length; i++) {
    const item = list[i]; // read once: a Proxy may answer differently twice
    if (typeof item !== 'string' || item.includes('\n') || !(item.isWellFormed?.() ?? false)) return undefined;
    joined += i === 0 ? item : '\n' + item;
  }
  return joined;
}
export function splitLines(text) {
  return text.split('\n');
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = joinPlainStrings)]
    fn join_plain_strings(list: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = splitLines)]
    fn split_lines(text: &str) -> Array;
}

/// The items of `list` if it is a non-empty array of well-formed strings
/// without `\n`; `None` sends the caller to the item-by-item path.
pub fn plain_strings(list: &JsValue) -> Option<Vec<String>> {
    let joined = join_plain_strings(list).ok()?.as_string()?;
    Some(joined.split('\n').map(str::to_owned).collect())
}

/// `values` as a JS array of strings.
pub fn to_js_array(values: &[String]) -> Array {
    if values.is_empty() {
        return Array::new();
    }
    if values.iter().any(|v| v.contains('\n')) {
        return values.iter().map(|v| JsValue::from_str(v)).collect();
    }
    split_lines(&values.join("\n"))
}
