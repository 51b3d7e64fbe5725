//! `ExchangeSet`: routing-key bindings for one exchange reference, behind every
//! generated `...Events` class.

use wasm_bindgen::prelude::*;

use super::errors::{JsResult, guarded};
use super::reference::ServiceApi;
use super::{args, values};
use crate::core::error::excerpt;
use std::rc::Rc;

use crate::core::reference::ServiceReference;
use crate::core::{Error, Result, routing_key};

/// Internal: the generated exchange classes wrap it (see runtime.js); not in the typings.
#[wasm_bindgen(js_name = ExchangeSet, skip_typescript)]
pub struct ExchangeSet {
    reference: Rc<ServiceReference>,
    exchange_prefix: String,
}

#[wasm_bindgen(js_class = ExchangeSet)]
impl ExchangeSet {
    /// `options.exchangePrefix` replaces the reference's prefix (other deployments).
    #[wasm_bindgen(constructor)]
    pub fn new(api: &ServiceApi, options: JsValue) -> JsResult<ExchangeSet> {
        let reference = api.reference();
        guarded(&reference.name.clone(), || {
            let prefix = if args::is_absent(&options) {
                None
            } else {
                args::object(&options, "options")?;
                args::optional_string(&args::field(&options, "exchangePrefix", "options")?, "options.exchangePrefix")?
            };
            let exchange_prefix = prefix.or_else(|| reference.exchange_prefix.clone()).unwrap_or_default();
            Ok(ExchangeSet { reference, exchange_prefix })
        })
    }

    /// `{exchange, routingKeyPattern}` for exchange `name`; `pattern` is an
    /// object of routing-key values or a ready pattern string.
    pub fn binding(&self, name: &str, pattern: JsValue) -> JsResult<JsValue> {
        let label = format!("{}.{name}", self.reference.name);
        guarded(&label, || {
            let entry = self.reference.exchange(name).ok_or_else(|| {
                Error::type_error(format!("{} has no exchange {}", self.reference.name, excerpt(name)))
            })?;
            let routing_key_pattern = match pattern.as_string() {
                Some(text) => text,
                None => routing_key::pattern(entry, &pattern_values(&pattern)?)?,
            };
            Ok(values::plain_object(&[
                ("exchange", JsValue::from_str(&format!("{}{}", self.exchange_prefix, entry.exchange))),
                ("routingKeyPattern", JsValue::from_str(&routing_key_pattern)),
            ]))
        })
    }
}

/// `{taskId: 'abc', runId: 0}` -> pairs; `undefined`/`null` values are unspecified.
fn pattern_values(pattern: &JsValue) -> Result<Vec<(String, String)>> {
    if args::is_absent(pattern) {
        return Ok(Vec::new());
    }
    args::object(pattern, "pattern")?;
    let mut pairs = Vec::new();
    for name in args::own_string_keys(pattern, "pattern")? {
        let value = args::field(pattern, &name, "pattern")?;
        if let Some(text) = args::scalar_text(&value, &format!("pattern.{name}"), false)? {
            pairs.push((name, text));
        }
    }
    Ok(pairs)
}
