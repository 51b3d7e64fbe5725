//! Lists of strings and scope expressions across the boundary in one string each
//! way. Going item by item costs a few JS calls per string, which dominated scope
//! checks on long scope sets; a joined string costs one. JS reads and checks the
//! caller's values first (pkg-template/arguments.js, pkg-template/scopes.js), so
//! what arrives here is already well-formed.

use js_sys::Array;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = "export function splitLines(text) { return text.split('\\n'); }")]
extern "C" {
    #[wasm_bindgen(js_name = splitLines)]
    fn split_lines(text: &str) -> Array;
}

/// `values` as a JS array of strings.
pub fn to_js_array(values: &[String]) -> Array {
    if values.is_empty() {
        return Array::new();
    }
    if values.iter().any(|v| v.bytes().any(|b| b == b'\n')) {
        return values.iter().map(|v| JsValue::from_str(v)).collect();
    }
    split_lines(&values.join("\n"))
}

/// The items of a list that JS sent as one string (pkg-template/arguments.js's
/// `listText`): its first character separates them; `""` is the empty list.
pub fn list_items(text: &str) -> Vec<String> {
    let (rest, separator) = expression_nodes(text);
    if text.is_empty() { Vec::new() } else { rest.split(separator).map(str::to_owned).collect() }
}

/// A scope expression that JS sent in prefix form as one string
/// (pkg-template/scopes.js's `expressionText`): the nodes, and the character
/// that separates them (the text's first).
pub fn expression_nodes(text: &str) -> (&str, char) {
    let mut chars = text.chars();
    let separator = chars.next().unwrap_or('\n');
    (chars.as_str(), separator)
}
