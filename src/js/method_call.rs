//! JS arguments of an API method -> route arguments, payload and query, per the
//! calling convention: `method(arg1, ..., [payload], [query])`.

use wasm_bindgen::JsValue;

use super::args;
use crate::core::call::check_query_names;
use crate::core::reference::FunctionEntry;
use crate::core::{Error, Result};

pub struct MethodCall {
    pub route_args: Vec<String>,
    /// JSON text, as a JS string (it goes to fetch without entering wasm memory).
    pub payload: Option<JsValue>,
    pub query: Vec<(String, String)>,
}

/// Whether the payload slot is part of the arguments (method calls) or not (`buildUrl`).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Payload {
    Expected,
    NotAccepted,
}

/// Splits `values` for `entry`. Errors name the argument; the caller prefixes
/// the method (e.g. `Queue.task: `) when it converts them for JS.
pub fn parse(entry: &FunctionEntry, values: &[JsValue], payload: Payload) -> Result<MethodCall> {
    let with_payload = payload == Payload::Expected && entry.input;
    let required = entry.args.len() + usize::from(with_payload);
    let accepts_query = !entry.query.is_empty();
    // A trailing `undefined` stands for an omitted query.
    let given = match values.last() {
        Some(last) if values.len() == required + 1 && last.is_undefined() => required,
        _ => values.len(),
    };
    if given != required && !(accepts_query && given == required + 1) {
        let expected = if accepts_query { format!("{required} or {}", required + 1) } else { required.to_string() };
        return Err(Error::type_error(format!("{} expects {expected} argument(s), got {given}", entry.signature())));
    }
    // A loop, not `collect::<Result<_>>()`: that adaptor costs more wasm than the loop.
    let mut route_args = Vec::with_capacity(entry.args.len());
    for (name, value) in entry.args.iter().zip(values) {
        route_args.push(route_arg(value, name)?);
    }
    let payload = match with_payload {
        true => Some(json_payload(values.get(entry.args.len()).unwrap_or(&JsValue::UNDEFINED))?),
        false => None,
    };
    let query = match values.get(required) {
        Some(value) if given > required => query(entry, value)?,
        _ => Vec::new(),
    };
    Ok(MethodCall { route_args, payload, query })
}

/// Route arguments are strings; numbers (e.g. a runId) are accepted as their decimal text.
fn route_arg(value: &JsValue, what: &str) -> Result<String> {
    match value.as_f64() {
        Some(n) if n.is_finite() => Ok(args::number_text(n)),
        _ => args::string(value, what),
    }
}

fn json_payload(value: &JsValue) -> Result<JsValue> {
    if !value.is_object() {
        return Err(Error::type_error(format!("payload must be an object, got {}", args::type_name(value))));
    }
    js_sys::JSON::stringify(value)
        .ok()
        .filter(|text| text.is_string())
        .map(JsValue::from)
        .ok_or_else(|| Error::type_error("payload cannot be serialized as JSON (a cycle or a BigInt?)"))
}

/// Query options; `undefined`/`null` values are left out.
fn query(entry: &FunctionEntry, value: &JsValue) -> Result<Vec<(String, String)>> {
    let what = "query";
    args::object(value, what)?;
    let names = args::own_string_keys(value, what)?;
    check_query_names(entry, &names.iter().map(String::as_str).collect::<Vec<_>>())?;
    let mut pairs = Vec::new();
    for name in names {
        let item = args::field(value, &name, what)?;
        if let Some(text) = args::scalar_text(&item, &format!("{what}.{name}"), true)? {
            pairs.push((name, text));
        }
    }
    Ok(pairs)
}
