//! `urls.*`: Taskcluster URLs for a rootUrl (taskcluster-lib-urls semantics).

use wasm_bindgen::prelude::*;

use super::args;
use super::errors::{JsResult, guarded};
use crate::core::urls as core_urls;

/// URL builders for a deployment's rootUrl, as static methods: `urls.api(rootUrl, ...)`.
#[wasm_bindgen(js_name = urls)]
pub struct Urls;

/// Defines `urls.<name>(string args...) => string` over a core function.
macro_rules! url_builders {
    ($($(#[$doc:meta])* $rust_name:ident => $js_name:literal ($($arg:ident: $js_arg:literal),*);)*) => {
        #[wasm_bindgen(js_class = urls)]
        impl Urls {
            $(
                $(#[$doc])*
                #[wasm_bindgen(js_name = $js_name)]
                pub fn $rust_name($(#[wasm_bindgen(js_name = $js_arg, unchecked_param_type = "string")] $arg: JsValue),*) -> JsResult<String> {
                    guarded(concat!("urls.", $js_name), || {
                        Ok(core_urls::$rust_name($(&args::string(&$arg, $js_arg)?),*))
                    })
                }
            )*
        }
    };
}

url_builders! {
    /// `<rootUrl>/api/<service>/<version>/<path>` (legacy: `https://<service>.taskcluster.net/<version>/<path>`).
    api => "api" (root_url: "rootUrl", service: "service", version: "version", path: "path");
    /// The service's API reference document.
    api_reference => "apiReference" (root_url: "rootUrl", service: "service", version: "version");
    /// The service's exchanges reference document.
    exchange_reference => "exchangeReference" (root_url: "rootUrl", service: "service", version: "version");
    /// A JSON schema of a service.
    schema => "schema" (root_url: "rootUrl", service: "service", schema: "schema");
    api_reference_schema => "apiReferenceSchema" (root_url: "rootUrl", version: "version");
    exchanges_reference_schema => "exchangesReferenceSchema" (root_url: "rootUrl", version: "version");
    api_manifest_schema => "apiManifestSchema" (root_url: "rootUrl", version: "version");
    metadata_metaschema => "metadataMetaschema" (root_url: "rootUrl");
    /// The deployment's list of API references.
    api_manifest => "apiManifest" (root_url: "rootUrl");
    /// A documentation page.
    docs => "docs" (root_url: "rootUrl", path: "path");
    /// A page of the web UI.
    ui => "ui" (root_url: "rootUrl", path: "path");
    /// The rootUrl without trailing slashes.
    normalize_root_url => "normalizeRootUrl" (root_url: "rootUrl");
}

#[wasm_bindgen(js_class = urls)]
impl Urls {
    /// The rootUrl Taskcluster's own tests use.
    #[wasm_bindgen(js_name = testRootUrl)]
    pub fn test_root_url() -> String {
        core_urls::test_root_url().to_string()
    }
}
