//! Reads a service or exchanges reference (`{name, serviceName, apiVersion,
//! functions | exchangePrefix + exchanges}`) from JS, with errors naming the
//! offending entry. Hand-rolled on `Reflect` rather than serde: this is its only
//! use of deserialization, and serde's share of the wasm was larger than this file's.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use super::args::{self, field, items, optional_string, optional_string_array, string};
use crate::core::Result;
use crate::core::reference::{ExchangeEntry, FunctionEntry, RoutingKeyEntry, ServiceReference};

/// How many reference objects stay parsed (the generated classes need 41).
const PARSED_CACHE_SIZE: usize = 64;

thread_local! {
    static PARSED: RefCell<Vec<(JsValue, Rc<ServiceReference>)>> = const { RefCell::new(Vec::new()) };
}

/// [`service_reference`], read once per reference object and shared by every
/// client (and exchange set) made from it. A parsed reference is ~12 KB of wasm memory; one per
/// client would only be freed when JS's GC finalizes the client, and that GC
/// does not see wasm memory, so a page making a client per poll would grow.
pub fn shared_service_reference(value: &JsValue) -> Result<Rc<ServiceReference>> {
    let cached =
        PARSED.with_borrow(|cache| cache.iter().find(|(key, _)| key == value).map(|(_, parsed)| Rc::clone(parsed)));
    if let Some(parsed) = cached {
        return Ok(parsed);
    }
    let parsed = Rc::new(service_reference(value)?);
    PARSED.with_borrow_mut(|cache| {
        if cache.len() >= PARSED_CACHE_SIZE {
            cache.remove(0);
        }
        cache.push((value.clone(), Rc::clone(&parsed)));
    });
    Ok(parsed)
}

pub fn service_reference(value: &JsValue) -> Result<ServiceReference> {
    let what = "reference";
    args::object(value, what)?;
    let get = |name: &str| field(value, name, what);
    let list = |name: &str| -> Result<Vec<JsValue>> {
        let list = get(name)?;
        if args::is_absent(&list) { Ok(Vec::new()) } else { items(&list, &format!("{what}.{name}")) }
    };
    Ok(ServiceReference {
        name: string(&get("name")?, "reference.name")?,
        service_name: string(&get("serviceName")?, "reference.serviceName")?,
        api_version: optional_string(&get("apiVersion")?, "reference.apiVersion")?.unwrap_or_else(|| "v1".into()),
        functions: list("functions")?
            .iter()
            .enumerate()
            .map(|(i, f)| function_entry(f, &format!("{what}.functions[{i}]")))
            .collect::<Result<_>>()?,
        exchange_prefix: optional_string(&get("exchangePrefix")?, "reference.exchangePrefix")?,
        exchanges: list("exchanges")?
            .iter()
            .enumerate()
            .map(|(i, e)| exchange_entry(e, &format!("{what}.exchanges[{i}]")))
            .collect::<Result<_>>()?,
    })
}

fn function_entry(value: &JsValue, what: &str) -> Result<FunctionEntry> {
    args::object(value, what)?;
    let get = |name: &str| field(value, name, what);
    let text = |name: &str| string(&get(name)?, &format!("{what}.{name}"));
    let names = |name: &str| -> Result<Vec<String>> {
        Ok(optional_string_array(&get(name)?, &format!("{what}.{name}"))?.unwrap_or_default())
    };
    Ok(FunctionEntry {
        name: text("name")?,
        method: text("method")?,
        route: text("route")?,
        args: names("args")?,
        query: names("query")?,
        // Taskcluster references name a schema here; ours say true/false.
        input: get("input")?.is_truthy(),
        output: get("output")?.is_truthy(),
    })
}

fn exchange_entry(value: &JsValue, what: &str) -> Result<ExchangeEntry> {
    args::object(value, what)?;
    let get = |name: &str| field(value, name, what);
    let keys = get("routingKey")?;
    let routing_key = if args::is_absent(&keys) { Vec::new() } else { items(&keys, &format!("{what}.routingKey"))? };
    Ok(ExchangeEntry {
        name: string(&get("name")?, &format!("{what}.name"))?,
        exchange: string(&get("exchange")?, &format!("{what}.exchange"))?,
        routing_key: routing_key
            .iter()
            .enumerate()
            .map(|(i, key)| routing_key_entry(key, &format!("{what}.routingKey[{i}]")))
            .collect::<Result<_>>()?,
    })
}

fn routing_key_entry(value: &JsValue, what: &str) -> Result<RoutingKeyEntry> {
    args::object(value, what)?;
    let get = |name: &str| field(value, name, what);
    Ok(RoutingKeyEntry {
        name: string(&get("name")?, &format!("{what}.name"))?,
        constant: optional_string(&get("constant")?, &format!("{what}.constant"))?,
        required: get("required")?.is_truthy(),
        multiple_words: get("multipleWords")?.is_truthy(),
    })
}
