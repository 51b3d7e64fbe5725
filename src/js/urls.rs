//! The URL builders behind the package's `urls.*` (pkg-template/url-builders.js,
//! which checks the arguments): one export for all of them, so the boundary
//! costs one shim instead of one per builder.

use wasm_bindgen::prelude::*;

use crate::core::urls as core_urls;

/// Internal: `urls.<builder>(...)` calls it with the builder's index in
/// url-builders.js's list and its arguments (unused ones empty).
#[wasm_bindgen(js_name = buildUrl, skip_typescript)]
pub fn build_url(builder: u32, a: &str, b: &str, c: &str, d: &str) -> String {
    match builder {
        0 => core_urls::api(a, b, c, d),
        1 => core_urls::api_reference(a, b, c),
        2 => core_urls::exchange_reference(a, b, c),
        3 => core_urls::schema(a, b, c),
        4 => core_urls::api_reference_schema(a, b),
        5 => core_urls::exchanges_reference_schema(a, b),
        6 => core_urls::api_manifest_schema(a, b),
        7 => core_urls::metadata_metaschema(a),
        8 => core_urls::api_manifest(a),
        9 => core_urls::docs(a, b),
        10 => core_urls::ui(a, b),
        11 => core_urls::normalize_root_url(a),
        _ => core_urls::test_root_url().to_string(),
    }
}
