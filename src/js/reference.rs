//! Reads a service or exchanges reference (`{name, serviceName, apiVersion,
//! functions | exchangePrefix + exchanges}`) from JS, with errors naming the
//! offending entry. Hand-rolled on `Reflect` rather than serde: this is its only
//! use of deserialization, and serde's share of the wasm was larger than this file's.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::args::{self, field, items, optional_string, optional_string_array, string};
use super::errors::{JsResult, guarded};
use crate::core::{Error, Result};
use crate::core::reference::{ExchangeEntry, FunctionEntry, RoutingKeyEntry, ServiceReference};

/// A class's reference, read once and shared by every instance (reading it
/// costs far more than the rest of a construction).
/// Internal: the generated classes hold one each (see runtime.js); not in the typings.
#[wasm_bindgen(js_name = ServiceApi, skip_typescript)]
pub struct ServiceApi {
    reference: Rc<ServiceReference>,
}

#[wasm_bindgen(js_class = ServiceApi)]
impl ServiceApi {
    #[wasm_bindgen(constructor)]
    pub fn new(reference: JsValue) -> JsResult<ServiceApi> {
        guarded("createClient", || Ok(ServiceApi { reference: Rc::new(service_reference(&reference)?) }))
    }
}

impl ServiceApi {
    pub fn reference(&self) -> Rc<ServiceReference> {
        Rc::clone(&self.reference)
    }
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
        functions: match encoded_functions(&get("functions")?) {
            Some(text) => decode_functions(&text)?,
            None => list("functions")?
                .iter()
                .enumerate()
                .map(|(i, f)| function_entry(f, &format!("{what}.functions[{i}]")))
                .collect::<Result<_>>()?,
        },
        exchange_prefix: optional_string(&get("exchangePrefix")?, "reference.exchangePrefix")?,
        exchanges: match encoded_exchanges(&get("exchanges")?) {
            Some(text) => decode_exchanges(&text)?,
            None => list("exchanges")?
                .iter()
                .enumerate()
                .map(|(i, e)| exchange_entry(e, &format!("{what}.exchanges[{i}]")))
                .collect::<Result<_>>()?,
        },
    })
}

// A reference's functions and exchanges cross as one string each (reading them
// field by field cost tens of ms on a cold page for the Queue): entries split by
// RS, fields by US, list items by GS, an item's fields by FS. Anything unusual
// (wrong types, those characters, lone surrogates, throwing getters) takes the
// field-by-field path and its precise errors.
const ENTRY: char = '\u{1e}';
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1d}';
const ITEM_FIELD: char = '\u{1c}';

#[wasm_bindgen(inline_js = r#"
const encoder = (separators) => {
  const pattern = new RegExp(`[${separators.join('')}]`);
  const plain = (text) => typeof text === 'string' && text !== '' && !pattern.test(text) && (text.isWellFormed?.() ?? false);
  const names = (list) => list === undefined || list === null ? [] : Array.isArray(list) && list.every(plain) ? list : undefined;
  return { plain, names };
};
export function encodeExchanges(exchanges, entrySeparator, fieldSeparator, itemSeparator, itemFieldSeparator) {
  if (!Array.isArray(exchanges)) return undefined;
  const { plain } = encoder([entrySeparator, fieldSeparator, itemSeparator, itemFieldSeparator]);
  const entries = [];
  for (const e of exchanges) {
    if (e === null || typeof e !== 'object') return undefined;
    const { name, exchange } = e;
    const keys = e.routingKey ?? [];
    if (!plain(name) || !plain(exchange) || !Array.isArray(keys)) return undefined;
    const encodedKeys = [];
    for (const key of keys) {
      if (key === null || typeof key !== 'object') return undefined;
      const { constant } = key;
      if (!plain(key.name) || (constant !== undefined && constant !== null && !plain(constant))) return undefined;
      const hasConstant = typeof constant === 'string';
      encodedKeys.push([key.name, hasConstant ? '1' : '', hasConstant ? constant : '', key.required ? '1' : '', key.multipleWords ? '1' : ''].join(itemFieldSeparator));
    }
    entries.push([name, exchange, encodedKeys.join(itemSeparator)].join(fieldSeparator));
  }
  return entries.join(entrySeparator);
}
export function encodeFunctions(functions, entrySeparator, fieldSeparator, itemSeparator) {
  if (!Array.isArray(functions)) return undefined;
  const { plain, names } = encoder([entrySeparator, fieldSeparator, itemSeparator]);
  const entries = [];
  for (const f of functions) {
    if (f === null || typeof f !== 'object') return undefined;
    const { name, method, route, input, output } = f;
    const args = names(f.args);
    const query = names(f.query);
    if (!plain(name) || !plain(method) || !plain(route) || !args || !query) return undefined;
    entries.push([name, method, route, args.join(itemSeparator), query.join(itemSeparator), input ? '1' : '', output ? '1' : ''].join(fieldSeparator));
  }
  return entries.join(entrySeparator);
}
"#)]
extern "C" {
    #[wasm_bindgen(catch, js_name = encodeFunctions)]
    fn encode_functions(functions: &JsValue, entry: char, field: char, item: char) -> std::result::Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = encodeExchanges)]
    fn encode_exchanges(
        exchanges: &JsValue,
        entry: char,
        field: char,
        item: char,
        item_field: char,
    ) -> std::result::Result<JsValue, JsValue>;
}

fn encoded_exchanges(exchanges: &JsValue) -> Option<String> {
    encode_exchanges(exchanges, ENTRY, FIELD, ITEM, ITEM_FIELD).ok()?.as_string()
}

fn decode_exchanges(text: &str) -> Result<Vec<ExchangeEntry>> {
    let malformed = || Error::invalid("reference.exchanges could not be read");
    split_nonempty(text, ENTRY)
        .map(|entry| {
            let fields: Vec<&str> = entry.split(FIELD).collect();
            let [name, exchange, keys] = fields[..] else { return Err(malformed()) };
            let routing_key = split_nonempty(keys, ITEM)
                .map(|key| {
                    let fields: Vec<&str> = key.split(ITEM_FIELD).collect();
                    let [name, has_constant, constant, required, multiple_words] = fields[..] else {
                        return Err(malformed());
                    };
                    Ok(RoutingKeyEntry {
                        name: name.into(),
                        constant: (!has_constant.is_empty()).then(|| constant.into()),
                        required: !required.is_empty(),
                        multiple_words: !multiple_words.is_empty(),
                    })
                })
                .collect::<Result<_>>()?;
            Ok(ExchangeEntry { name: name.into(), exchange: exchange.into(), routing_key })
        })
        .collect()
}

/// `text` split at `separator`; nothing for an empty text.
fn split_nonempty(text: &str, separator: char) -> impl Iterator<Item = &str> {
    text.split(separator).filter(move |_| !text.is_empty())
}

fn encoded_functions(functions: &JsValue) -> Option<String> {
    encode_functions(functions, ENTRY, FIELD, ITEM).ok()?.as_string()
}

fn decode_functions(text: &str) -> Result<Vec<FunctionEntry>> {
    let list = |text: &str| split_nonempty(text, ITEM).map(String::from).collect();
    split_nonempty(text, ENTRY)
        .map(|entry| {
            let fields: Vec<&str> = entry.split(FIELD).collect();
            let [name, method, route, args, query, input, output] = fields[..] else {
                return Err(Error::invalid("reference.functions could not be read"));
            };
            Ok(FunctionEntry {
                name: name.into(),
                method: method.into(),
                route: route.into(),
                args: list(args),
                query: list(query),
                input: !input.is_empty(),
                output: !output.is_empty(),
            })
        })
        .collect()
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
