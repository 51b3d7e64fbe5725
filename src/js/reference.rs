//! A service reference as the client needs it, handed over by runtime.js
//! (reference-encoding.js checks it, with errors naming the offending entry):
//! its functions cross as one string, entries split by RS, fields by US, list
//! items by GS.

use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use crate::core::reference::{FunctionEntry, ServiceReference};
use crate::core::{Error, Result};

/// A class's reference, read once and shared by every instance (reading it
/// costs far more than the rest of a construction).
/// Internal: the generated classes hold one each (see runtime.js); not in the typings.
#[wasm_bindgen(js_name = ServiceApi, skip_typescript)]
pub struct ServiceApi {
    reference: Rc<ServiceReference>,
}

#[wasm_bindgen(js_class = ServiceApi)]
impl ServiceApi {
    /// What `encodeReference` (reference-encoding.js) makes of a reference.
    #[wasm_bindgen(constructor)]
    pub fn new(name: String, service_name: String, api_version: String, functions: &str) -> JsResult<ServiceApi> {
        guarded("createClient", || {
            let reference =
                ServiceReference { name, service_name, api_version, functions: decode_functions(functions)? };
            Ok(ServiceApi { reference: Rc::new(reference) })
        })
    }
}

impl ServiceApi {
    pub fn reference(&self) -> Rc<ServiceReference> {
        Rc::clone(&self.reference)
    }
}

const ENTRY: char = '\u{1e}';
const FIELD: char = '\u{1f}';
const ITEM: char = '\u{1d}';

/// `text` split at `separator`; nothing for an empty text.
fn split_nonempty(text: &str, separator: char) -> impl Iterator<Item = &str> {
    text.split(separator).filter(move |_| !text.is_empty())
}

// Loops, not `collect::<Result<_>>()`: that adaptor costs more wasm than the loop.
fn decode_functions(text: &str) -> Result<Vec<FunctionEntry>> {
    let list = |text: &str| split_nonempty(text, ITEM).map(String::from).collect();
    let mut functions = Vec::new();
    for entry in split_nonempty(text, ENTRY) {
        let mut fields = entry.split(FIELD);
        let (Some(name), Some(method), Some(route), Some(args), Some(query), Some(input), Some(output), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err(Error::invalid("reference.functions could not be read"));
        };
        functions.push(FunctionEntry {
            name: name.into(),
            method: method.into(),
            route: route.into(),
            args: list(args),
            query: list(query),
            input: !input.is_empty(),
            output: !output.is_empty(),
        });
    }
    Ok(functions)
}
