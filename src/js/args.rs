//! Reading caller-supplied JS values into Rust, with errors that name the
//! argument. Every property read goes through `Reflect` (which catches), so a
//! throwing getter or Proxy becomes an error instead of unwinding through wasm.

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;

use super::limits::MAX_ARRAY_LENGTH;
use crate::core::error::decimal;
use crate::core::{Error, Result};

/// "a number", "an array", "null", ... for error messages.
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_null() {
        return "null";
    }
    if Array::is_array(value) {
        return "an array";
    }
    // Predicates, not `typeof`'s text: comparing strings costs more wasm.
    if value.is_undefined() {
        "undefined"
    } else if value.is_string() {
        "a string"
    } else if value.as_f64().is_some() {
        "a number"
    } else if value.as_bool().is_some() {
        "a boolean"
    } else if value.is_bigint() {
        "a bigint"
    } else if value.is_symbol() {
        "a symbol"
    } else if value.is_function() {
        "a function"
    } else {
        "an object"
    }
}

pub fn is_absent(value: &JsValue) -> bool {
    value.is_undefined() || value.is_null()
}

pub fn string(value: &JsValue, what: &str) -> Result<String> {
    let Some(converted) = value.as_string() else {
        return Err(Error::type_error(format!("{what} must be a string, got {}", type_name(value))));
    };
    // Conversion turns a lone surrogate into U+FFFD, so only then is the exact
    // check needed (it costs one JS call per UTF-16 unit). A char comparison, not
    // `contains`: a non-ASCII pattern brings in the generic string searcher.
    if converted.chars().any(|c| c == '\u{FFFD}') && !value.unchecked_ref::<JsString>().is_valid_utf16() {
        return Err(Error::type_error(format!(
            "{what} contains a lone UTF-16 surrogate; it must be valid Unicode text"
        )));
    }
    Ok(converted)
}

/// A number as JS's `String(n)` writes it (integers without Rust's float
/// formatting machinery, which is large in wasm).
pub fn number_text(n: f64) -> String {
    const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        return decimal(n as i64);
    }
    js_sys::Number::from(n).to_string_with_radix(10).map(String::from).unwrap_or_default()
}

/// The own string keys of an object (symbols left out).
pub fn own_string_keys(value: &JsValue, what: &str) -> Result<Vec<String>> {
    let keys = Reflect::own_keys(value)
        .map_err(|_| Error::invalid(format!("listing the keys of {what} threw an exception")))?;
    Ok(keys.iter().filter_map(|k| k.as_string()).collect())
}

/// A value that travels as text (a query option, a routing-key word): a string,
/// a finite number, or with `booleans` also `true`/`false`; `None` when absent.
pub fn scalar_text(value: &JsValue, what: &str, booleans: bool) -> Result<Option<String>> {
    if is_absent(value) {
        return Ok(None);
    }
    let text = match (value.as_f64(), value.as_bool()) {
        (Some(n), _) if n.is_finite() => number_text(n),
        (_, Some(b)) if booleans => String::from(if b { "true" } else { "false" }),
        _ => string(value, what)?,
    };
    Ok(Some(text))
}

/// A non-null, non-array object (an options bag).
pub fn object(value: &JsValue, what: &str) -> Result<()> {
    if value.is_object() && !Array::is_array(value) {
        Ok(())
    } else {
        Err(Error::type_error(format!("{what} must be an object, got {}", type_name(value))))
    }
}

/// `object[name]`; a throwing getter becomes an error.
pub fn field(object: &JsValue, name: &str, what: &str) -> Result<JsValue> {
    Reflect::get(object, &JsValue::from_str(name))
        .map_err(|_| Error::invalid(format!("reading {what}.{name} threw an exception")))
}

/// The elements of a JS array.
pub fn items(value: &JsValue, what: &str) -> Result<Vec<JsValue>> {
    if !Array::is_array(value) {
        return Err(Error::type_error(format!("{what} must be an array, got {}", type_name(value))));
    }
    let length = field(value, "length", what)?.as_f64().unwrap_or(0.0);
    if length > MAX_ARRAY_LENGTH as f64 {
        return Err(Error::range(format!(
            "{what} has {} items; at most {MAX_ARRAY_LENGTH} are accepted",
            length as u64
        )));
    }
    let copy =
        copy_items(value).map_err(|_| Error::invalid(format!("reading the items of {what} threw an exception")))?;
    Ok(copy.iter().collect())
}

// One catching call copies the items into a plain array (running any getters
// or Proxy traps inside it); reading the copy then needs no exception handling.
#[wasm_bindgen(inline_js = "export function copyItems(list) { return [].concat(list); }")]
extern "C" {
    #[wasm_bindgen(catch, js_name = copyItems)]
    fn copy_items(list: &JsValue) -> std::result::Result<Array, JsValue>;
}
