//! Lists of strings and scope expressions across the boundary in one call each way. Going item by
//! item costs a few JS calls per string, which dominated scope checks on long
//! scope sets; a joined string costs one. Anything unusual (non-strings, lone
//! surrogates, a `\n` inside an item, Proxies that throw) takes the item-by-item
//! path instead, which gives the precise errors.

use js_sys::Array;
use wasm_bindgen::prelude::*;

use super::limits::MAX_ARRAY_LENGTH;
use crate::core::scopes::{Expression, Limits, decode_prefix};

// `writeExpression` is the one writer of the prefix form of scope expressions: the
// checked path reads expressions with it here, and pkg-template/scopes.js's fast
// paths get it through `expressionWriter`.
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

let text = '';
let linesLeft = 0;
let nodes;

/**
 * Appends `node` in prefix form: "S<scope>", or "A<n>" (AnyOf) / "L<n>" (AllOf)
 * and its n children, each line after a newline; records every value read in
 * `nodes` if it is an array. A scope holding a newline is written as it is: the
 * line count then tells.
 */
function append(node) {
  if (--linesLeft < 0) return false;
  if (typeof node === 'string') {
    nodes?.push(node);
    text += '\nS' + node;
    return true;
  }
  if (typeof node !== 'object' || node === null) return false;
  // Exactly one own key, as the node-by-node reader has it (Reflect.ownKeys, but much cheaper in V8).
  const names = Object.getOwnPropertyNames(node);
  if (names.length !== 1 || Object.getOwnPropertySymbols(node).length !== 0) return false;
  const key = names[0];
  if (key !== 'AllOf' && key !== 'AnyOf') return false;
  const children = node[key];
  if (!Array.isArray(children)) return false;
  const count = children.length;
  if (count > linesLeft) return false;
  nodes?.push(node, key, children, count);
  text += (key === 'AllOf' ? '\nL' : '\nA') + count;
  for (let i = 0; i < count; i++) if (!append(children[i])) return false;
  return true;
}

/**
 * Writes `expression` in prefix form, one node per line, in at most `maxLines`
 * lines: `out.text` and `out.lines`, and in `out.nodes` (if an array) every value
 * read, in order: for each AnyOf/AllOf the object, its key, its array and length;
 * each scope. False for what only the node-by-node reader may judge.
 */
export function writeExpression(expression, maxLines, out) {
  text = '';
  linesLeft = maxLines;
  nodes = out.nodes;
  let complete = false;
  try {
    complete = append(expression);
  } catch {
    // A throwing getter or Proxy, or a stack overflow: the node-by-node reader reports it.
  }
  out.text = complete ? text.slice(1) : '';
  out.lines = maxLines - linesLeft;
  text = '';
  nodes = undefined;
  return complete;
}

// The checked path's text: only well-formed (the crossing would replace lone
// surrogates) and with no scope holding a newline.
const written = { text: '', lines: 0, nodes: undefined };
export function plainExpression(expression, maxLines) {
  if (!writeExpression(expression, maxLines, written) || !written.text.isWellFormed?.()) return undefined;
  let newlines = 0;
  for (let at = written.text.indexOf('\n'); at !== -1; at = written.text.indexOf('\n', at + 1)) newlines++;
  return newlines + 1 === written.lines ? written.text : undefined;
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = joinPlainStrings)]
    fn join_plain_strings(list: &JsValue, max_items: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = splitLines)]
    fn split_lines(text: &str) -> Array;
    #[wasm_bindgen(catch, js_name = plainExpression)]
    fn plain_expression_text(expression: &JsValue, max_lines: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(thread_local_v2, js_name = writeExpression)]
    static WRITE_EXPRESSION: JsValue;
}

/// The prefix-form writer, for pkg-template/scopes.js: one writer for both paths.
#[wasm_bindgen(js_name = expressionWriter, skip_typescript)]
pub fn expression_writer() -> JsValue {
    WRITE_EXPRESSION.with(JsValue::clone)
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
    let encoded = plain_expression_text(expression, MAX_ARRAY_LENGTH).ok()?.as_string()?;
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

/// The items of a list that JS sent as one string (pkg-template/arguments.js's
/// `listText`): its first character separates them; `""` is the empty list.
pub fn list_items(text: &str) -> Vec<String> {
    let mut chars = text.chars();
    match chars.next() {
        Some(separator) => chars.as_str().split(separator).map(str::to_owned).collect(),
        None => Vec::new(),
    }
}
