//! Reading caller-supplied JS values into Rust, with errors that name the
//! argument. Every property read goes through `Reflect` (which catches), so a
//! throwing getter or Proxy becomes an error instead of unwinding through wasm.

use js_sys::{Array, Date, JsString, Reflect};
use wasm_bindgen::prelude::*;

use super::limits::{MAX_ARRAY_LENGTH, MAX_EXPRESSION_DEPTH};
use crate::core::credentials::Credentials;
use crate::core::scopes::Expression;
use crate::core::{Error, Result, time};

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
    string_at(value, Path::Whole(what))
}

/// Where a value was read from, as messages name it; built only on failure (hot paths).
#[derive(Clone, Copy)]
enum Path<'a> {
    Whole(&'a str),
    /// `what[index]`
    Item(&'a str, usize),
    /// `what.name`
    Field(&'a str, &'a str),
}

impl Path<'_> {
    fn text(self) -> String {
        match self {
            Path::Whole(what) => what.to_string(),
            Path::Item(what, i) => format!("{what}[{i}]"),
            Path::Field(what, name) => format!("{what}.{name}"),
        }
    }
}

/// Like [`string`], for the value at `path`.
fn string_at(value: &JsValue, path: Path<'_>) -> Result<String> {
    let what = || path.text();
    let Some(converted) = value.as_string() else {
        return Err(Error::type_error(format!("{} must be a string, got {}", what(), type_name(value))));
    };
    // Conversion turns a lone surrogate into U+FFFD, so only then is the exact
    // check needed (it costs one JS call per UTF-16 unit). A char comparison, not
    // `contains`: a non-ASCII pattern brings in the generic string searcher.
    if converted.chars().any(|c| c == '\u{FFFD}') && !value.unchecked_ref::<JsString>().is_valid_utf16() {
        return Err(Error::type_error(format!(
            "{} contains a lone UTF-16 surrogate; it must be valid Unicode text",
            what()
        )));
    }
    Ok(converted)
}

pub fn optional_string(value: &JsValue, what: &str) -> Result<Option<String>> {
    if is_absent(value) { Ok(None) } else { string(value, what).map(Some) }
}

/// A finite number.
pub fn number(value: &JsValue, what: &str) -> Result<f64> {
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(n),
        Some(_) => Err(Error::range(format!("{what} must be a finite number"))),
        None => Err(Error::type_error(format!("{what} must be a number, got {}", type_name(value)))),
    }
}

pub fn optional_number(value: &JsValue, what: &str) -> Result<Option<f64>> {
    if value.is_undefined() { Ok(None) } else { number(value, what).map(Some) }
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

/// An array of strings; errors name the offending index.
pub fn string_array(value: &JsValue, what: &str) -> Result<Vec<String>> {
    if let Some(strings) = super::bulk::plain_strings(value) {
        return Ok(strings);
    }
    // A loop, not `collect::<Result<_>>()`: that adaptor costs more wasm than the loop.
    let items = items(value, what)?;
    let mut strings = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        strings.push(string_at(item, Path::Item(what, i))?);
    }
    Ok(strings)
}

pub fn optional_string_array(value: &JsValue, what: &str) -> Result<Option<Vec<String>>> {
    if is_absent(value) { Ok(None) } else { string_array(value, what).map(Some) }
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

/// A point in time as epoch milliseconds, from a `Date`, a number of ms, or an
/// ISO 8601 string. Strings are parsed strictly (not by `Date.parse`, which
/// reads a date-time without a zone as local time and accepts `2017-02-30`).
pub fn time_ms(value: &JsValue, what: &str) -> Result<f64> {
    let ms = if let Some(date) = value.dyn_ref::<Date>() {
        date.get_time()
    } else if value.as_f64().is_some() {
        number(value, what)?.trunc()
    } else if value.is_string() {
        time::parse_iso_string(&string(value, what)?)
            .map_err(|e| Error { message: format!("{what}: {}", e.message), ..e })?
    } else {
        return Err(Error::type_error(format!(
            "{what} must be a Date, a number of milliseconds or an ISO 8601 string, got {}",
            type_name(value)
        )));
    };
    time::time_clip(ms).ok_or_else(|| Error::range(format!("{what} is not a valid date")))
}

/// Credentials `{clientId, accessToken, certificate?}`. Messages never include
/// the values, so an accessToken cannot leak through an error.
pub fn credentials(value: &JsValue, what: &str) -> Result<Credentials> {
    object(value, what)?;
    let client_id = string_at(&field(value, "clientId", what)?, Path::Field(what, "clientId"))?;
    let non_empty = |name: &str| Error::type_error(format!("{what}.{name} must be a non-empty string"));
    // Whatever is wrong with the accessToken, the message says only that: it is a secret.
    let access_token =
        string_at(&field(value, "accessToken", what)?, Path::Whole("")).map_err(|_| non_empty("accessToken"))?;
    if client_id.is_empty() || access_token.is_empty() {
        return Err(non_empty(if client_id.is_empty() { "clientId" } else { "accessToken" }));
    }
    let certificate = field(value, "certificate", what)?;
    let certificate = if is_absent(&certificate) {
        None
    } else {
        Some(certificate_json(&certificate, &format!("{what}.certificate"))?)
    };
    Ok(Credentials { client_id, access_token, certificate })
}

/// A certificate given as JSON text or as an object, returned as compact JSON text.
fn certificate_json(value: &JsValue, what: &str) -> Result<String> {
    let parsed = if value.is_string() {
        js_sys::JSON::parse(&string(value, what)?).map_err(|_| Error::invalid(format!("{what} is not valid JSON")))?
    } else {
        value.clone()
    };
    if !parsed.is_object() || Array::is_array(&parsed) {
        return Err(Error::type_error(format!(
            "{what} must be a JSON object or an object, got {}",
            type_name(&parsed)
        )));
    }
    let unserializable = || Error::invalid(format!("{what} cannot be serialized as JSON"));
    js_sys::JSON::stringify(&parsed).ok().and_then(|text| text.as_string()).ok_or_else(unserializable)
}

/// A scope expression: a scope string, `{AnyOf: [...]}` or `{AllOf: [...]}`.
pub fn expression(value: &JsValue, what: &str) -> Result<Expression> {
    if let Some(expression) = super::bulk::plain_expression(value, MAX_EXPRESSION_DEPTH) {
        return Ok(expression);
    }
    expression_node_by_node(value, what)
}

/// The exact reader, one JS call per property: the fallback that gives precise errors.
pub(super) fn expression_node_by_node(value: &JsValue, what: &str) -> Result<Expression> {
    expression_at(value, what, 0)
}

fn expression_at(value: &JsValue, what: &str, depth: usize) -> Result<Expression> {
    if depth > MAX_EXPRESSION_DEPTH {
        return Err(Error::range(format!("{what} is nested more than {MAX_EXPRESSION_DEPTH} levels deep")));
    }
    if value.is_string() {
        return string(value, what).map(Expression::Scope);
    }
    let shape_error = || {
        Error::type_error(format!(
            "{what} must be a scope string, {{AnyOf: [...]}} or {{AllOf: [...]}}, got {}",
            type_name(value)
        ))
    };
    if !value.is_object() || Array::is_array(value) {
        return Err(shape_error());
    }
    let keys = Reflect::own_keys(value)
        .map_err(|_| Error::invalid(format!("listing the keys of {what} threw an exception")))?;
    let key = match (keys.length(), keys.get(0).as_string()) {
        (1, Some(key)) if key == "AnyOf" || key == "AllOf" => key,
        _ => return Err(shape_error()),
    };
    let items = items(&field(value, &key, what)?, &format!("{what}.{key}"))?;
    let mut children = Vec::with_capacity(items.len());
    for (i, child) in items.iter().enumerate() {
        children.push(expression_at(child, &format!("{what}.{key}[{i}]"), depth + 1)?);
    }
    Ok(if key == "AnyOf" { Expression::AnyOf(children) } else { Expression::AllOf(children) })
}
