//! Rust results as plain JS values.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::JsValue;

use crate::core::scopes::Expression;

pub fn string_array(values: &[String]) -> JsValue {
    super::bulk::to_js_array(values).into()
}

pub fn expression(expr: &Expression) -> JsValue {
    let node = |key: &str, children: &[Expression]| {
        let list: Array = children.iter().map(expression).collect();
        plain_object(&[(key, list.into())])
    };
    match expr {
        Expression::Scope(scope) => JsValue::from_str(scope),
        Expression::AnyOf(children) => node("AnyOf", children),
        Expression::AllOf(children) => node("AllOf", children),
    }
}

/// `{key: value, ...}` with ordinary data properties.
pub fn plain_object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        // Setting a data property on a fresh plain object cannot fail.
        let _ = Reflect::set(&object, &JsValue::from_str(key), value);
    }
    object.into()
}
