//! Lists of strings and scope expressions across the boundary in one call each way. Going item by
//! item costs a few JS calls per string, which dominated scope checks on long
//! scope sets; a joined string costs one. Anything unusual (non-strings, lone
//! surrogates, a `\n` inside an item, Proxies that throw) takes the item-by-item
//! path instead, which gives the precise errors.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::limits::MAX_ARRAY_LENGTH;
use crate::core::scopes::{Expression, Limits, decode_prefix};

#[wasm_bindgen(inline_js = r#"
export function joinPlainStrings(list, maxItems) {
  if (!Array.isArray(list) || list.length === 0 || list.length > maxItems) return undefined;
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
// A scope expression in prefix form, one node per line: "S<scope>", or "A<n>"
// (AnyOf) / "L<n>" (AllOf) followed by its n children.
export function encodeExpression(expression, maxDepth, maxItems) {
  const lines = [];
  const visit = (node, depth) => {
    if (depth > maxDepth) return false;
    if (typeof node === 'string') {
      if (node.includes('\n') || !(node.isWellFormed?.() ?? false)) return false;
      lines.push('S' + node);
      return true;
    }
    if (node === null || typeof node !== 'object' || Array.isArray(node)) return false;
    const keys = Reflect.ownKeys(node);
    if (keys.length !== 1 || (keys[0] !== 'AnyOf' && keys[0] !== 'AllOf')) return false;
    const children = node[keys[0]];
    if (!Array.isArray(children) || children.length > maxItems) return false;
    const count = children.length;
    lines.push((keys[0] === 'AnyOf' ? 'A' : 'L') + count);
    for (let i = 0; i < count; i++) if (!visit(children[i], depth + 1)) return false;
    return true;
  };
  return visit(expression, 0) ? lines.join('\n') : undefined;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = joinPlainStrings)]
    fn join_plain_strings(list: &JsValue, max_items: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = splitLines)]
    fn split_lines(text: &str) -> Array;
    #[wasm_bindgen(catch, js_name = encodeExpression)]
    fn encode_expression(expression: &JsValue, max_depth: u32, max_items: u32) -> Result<JsValue, JsValue>;
}

/// The items of `list` if it is a non-empty array of well-formed strings
/// without `\n`; `None` sends the caller to the item-by-item path.
pub fn plain_strings(list: &JsValue) -> Option<Vec<String>> {
    let joined = join_plain_strings(list, MAX_ARRAY_LENGTH).ok()?.as_string()?;
    Some(joined.split('\n').map(str::to_owned).collect())
}

/// `expression` if it is a well-formed scope expression no deeper than
/// `max_depth` with plain strings; `None` sends the caller to the node-by-node path.
pub fn plain_expression(expression: &JsValue, max_depth: usize) -> Option<Expression> {
    let encoded = encode_expression(expression, u32::try_from(max_depth).ok()?, MAX_ARRAY_LENGTH).ok()?.as_string()?;
    decode_prefix(&encoded, Limits { max_depth, max_items: MAX_ARRAY_LENGTH as usize })
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
