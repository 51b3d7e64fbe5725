//! URLs of a Taskcluster deployment, as `taskcluster-lib-urls` builds them from
//! a root URL such as `https://tc.example.com`.
//!
//! The root URL `https://taskcluster.net` (the retired Heroku deployment) keeps
//! its legacy per-service hosts, e.g. `https://queue.taskcluster.net/v1/...`, as
//! lib-urls did up to version 12. Trailing slashes of a root URL and leading
//! slashes of a path are ignored; nothing else is checked or escaped.

/// The root URL of the legacy deployment, after normalization.
const LEGACY_ROOT_URL: &str = "https://taskcluster.net";

/// Where each kind of URL lives: under the root URL, or on a legacy host.
enum Deployment<'a> {
    Rooted(&'a str),
    Legacy,
}

impl<'a> Deployment<'a> {
    fn of(root_url: &'a str) -> Self {
        match trim_root_url(root_url) {
            LEGACY_ROOT_URL => Deployment::Legacy,
            root => Deployment::Rooted(root),
        }
    }
}

/// `root_url` without trailing slashes, the form every URL here is built from.
pub fn normalize_root_url(root_url: &str) -> String {
    trim_root_url(root_url).to_string()
}

fn trim_root_url(root_url: &str) -> &str {
    root_url.trim_end_matches('/')
}

fn clean_path(path: &str) -> &str {
    path.trim_start_matches('/')
}

/// The URL of `path` in the API of `service`.
///
/// ```
/// use taskcluster_wasm::core::urls::api;
/// assert_eq!(api("https://tc.example.com/", "queue", "v1", "/task/abc"), "https://tc.example.com/api/queue/v1/task/abc");
/// assert_eq!(api("https://taskcluster.net", "queue", "v1", "task/abc"), "https://queue.taskcluster.net/v1/task/abc");
/// ```
pub fn api(root_url: &str, service: &str, version: &str, path: &str) -> String {
    let path = clean_path(path);
    match Deployment::of(root_url) {
        Deployment::Rooted(root) => format!("{root}/api/{service}/{version}/{path}"),
        Deployment::Legacy => format!("https://{service}.taskcluster.net/{version}/{path}"),
    }
}

/// The URL of the API reference (`api.json`) of `service`.
pub fn api_reference(root_url: &str, service: &str, version: &str) -> String {
    format!("{}/{service}/{version}/api.json", references(root_url))
}

/// The URL of the exchanges (Pulse) reference of `service`.
pub fn exchange_reference(root_url: &str, service: &str, version: &str) -> String {
    format!("{}/{service}/{version}/exchanges.json", references(root_url))
}

/// The URL of the manifest listing every reference of the deployment.
pub fn api_manifest(root_url: &str) -> String {
    format!("{}/manifest.json", references(root_url))
}

fn references(root_url: &str) -> String {
    match Deployment::of(root_url) {
        Deployment::Rooted(root) => format!("{root}/references"),
        Deployment::Legacy => "https://references.taskcluster.net".to_string(),
    }
}

/// The URL of a schema of `service`; `schema` usually carries the version,
/// e.g. `v1/task.json`.
///
/// ```
/// use taskcluster_wasm::core::urls::schema;
/// assert_eq!(schema("https://tc.example.com", "queue", "v1/task.json"), "https://tc.example.com/schemas/queue/v1/task.json");
/// ```
pub fn schema(root_url: &str, service: &str, schema: &str) -> String {
    let schema = clean_path(schema);
    match Deployment::of(root_url) {
        Deployment::Rooted(root) => format!("{root}/schemas/{service}/{schema}"),
        Deployment::Legacy => format!("https://schemas.taskcluster.net/{service}/{schema}"),
    }
}

/// The URL of the schema that API references follow.
pub fn api_reference_schema(root_url: &str, version: &str) -> String {
    schema(root_url, "common", &format!("api-reference-{version}.json"))
}

/// The URL of the schema that exchanges references follow.
pub fn exchanges_reference_schema(root_url: &str, version: &str) -> String {
    schema(root_url, "common", &format!("exchanges-reference-{version}.json"))
}

/// The URL of the schema that the API manifest follows.
pub fn api_manifest_schema(root_url: &str, version: &str) -> String {
    schema(root_url, "common", &format!("manifest-{version}.json"))
}

/// The URL of the metaschema for schemas with Taskcluster metadata.
pub fn metadata_metaschema(root_url: &str) -> String {
    schema(root_url, "common", "metadata-metaschema.json")
}

/// The URL of `path` in the documentation.
pub fn docs(root_url: &str, path: &str) -> String {
    let path = clean_path(path);
    match Deployment::of(root_url) {
        Deployment::Rooted(root) => format!("{root}/docs/{path}"),
        Deployment::Legacy => format!("https://docs.taskcluster.net/{path}"),
    }
}

/// The URL of `path` in the web UI.
pub fn ui(root_url: &str, path: &str) -> String {
    let path = clean_path(path);
    match Deployment::of(root_url) {
        Deployment::Rooted(root) => format!("{root}/{path}"),
        Deployment::Legacy => format!("https://tools.taskcluster.net/{path}"),
    }
}

/// The root URL tests use: recognizable, and never resolves.
pub fn test_root_url() -> &'static str {
    "https://tc-tests.example.com"
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOT: &str = "https://tc.example.com";

    #[test]
    fn normalize_root_url_strips_trailing_slashes() {
        assert_eq!(normalize_root_url("https://tc.example.com"), "https://tc.example.com");
        assert_eq!(normalize_root_url("https://tc.example.com///"), "https://tc.example.com");
        assert_eq!(normalize_root_url("https://x/ /"), "https://x/ ");
        assert_eq!(normalize_root_url(""), "");
        assert_eq!(normalize_root_url("///"), "");
    }

    #[test]
    fn rooted_urls_match_lib_urls() {
        // node: require('taskcluster-lib-urls').<fn>(...) with lib-urls 13.1.0
        for root in [ROOT, "https://tc.example.com/", "https://tc.example.com///"] {
            assert_eq!(api(root, "queue", "v1", "/task/abc"), "https://tc.example.com/api/queue/v1/task/abc");
            assert_eq!(api(root, "queue", "v1", "task//x/"), "https://tc.example.com/api/queue/v1/task//x/");
            assert_eq!(api(root, "queue", "v1", ""), "https://tc.example.com/api/queue/v1/");
            assert_eq!(api_reference(root, "queue", "v1"), "https://tc.example.com/references/queue/v1/api.json");
            assert_eq!(
                exchange_reference(root, "queue", "v1"),
                "https://tc.example.com/references/queue/v1/exchanges.json"
            );
            assert_eq!(schema(root, "queue", "/v1/task.json"), "https://tc.example.com/schemas/queue/v1/task.json");
            assert_eq!(schema(root, "queue", "v1/task.json#"), "https://tc.example.com/schemas/queue/v1/task.json#");
            assert_eq!(api_reference_schema(root, "v1"), "https://tc.example.com/schemas/common/api-reference-v1.json");
            assert_eq!(
                exchanges_reference_schema(root, "v1"),
                "https://tc.example.com/schemas/common/exchanges-reference-v1.json"
            );
            assert_eq!(api_manifest_schema(root, "v1"), "https://tc.example.com/schemas/common/manifest-v1.json");
            assert_eq!(metadata_metaschema(root), "https://tc.example.com/schemas/common/metadata-metaschema.json");
            assert_eq!(api_manifest(root), "https://tc.example.com/references/manifest.json");
            assert_eq!(docs(root, "//reference/x"), "https://tc.example.com/docs/reference/x");
            assert_eq!(ui(root, "/tasks/abc"), "https://tc.example.com/tasks/abc");
            assert_eq!(ui(root, ""), "https://tc.example.com/");
        }
    }

    #[test]
    fn empty_root_url_gives_paths() {
        // node: lib-urls with rootUrl ''
        assert_eq!(api("", "queue", "v1", "/task/abc"), "/api/queue/v1/task/abc");
        assert_eq!(api_manifest(""), "/references/manifest.json");
        assert_eq!(ui("", "/tasks/abc"), "/tasks/abc");
    }

    #[test]
    fn only_leading_slashes_of_a_path_are_removed() {
        // node: api('https://x','a','v1','  /x')
        assert_eq!(api("https://x", "a", "v1", "  /x"), "https://x/api/a/v1/  /x");
        assert_eq!(docs(ROOT, "a/b/"), "https://tc.example.com/docs/a/b/");
    }

    #[test]
    fn legacy_urls_match_lib_urls_12() {
        // lib-urls 12 (and the Python taskcluster-urls) for rootUrl 'https://taskcluster.net'
        for root in ["https://taskcluster.net", "https://taskcluster.net/", "https://taskcluster.net//"] {
            assert_eq!(api(root, "queue", "v1", "/task/abc"), "https://queue.taskcluster.net/v1/task/abc");
            assert_eq!(api(root, "queue", "v1", ""), "https://queue.taskcluster.net/v1/");
            assert_eq!(api_reference(root, "queue", "v1"), "https://references.taskcluster.net/queue/v1/api.json");
            assert_eq!(
                exchange_reference(root, "queue", "v1"),
                "https://references.taskcluster.net/queue/v1/exchanges.json"
            );
            assert_eq!(schema(root, "queue", "/v1/task.json"), "https://schemas.taskcluster.net/queue/v1/task.json");
            assert_eq!(
                api_reference_schema(root, "v1"),
                "https://schemas.taskcluster.net/common/api-reference-v1.json"
            );
            assert_eq!(
                exchanges_reference_schema(root, "v1"),
                "https://schemas.taskcluster.net/common/exchanges-reference-v1.json"
            );
            assert_eq!(api_manifest_schema(root, "v1"), "https://schemas.taskcluster.net/common/manifest-v1.json");
            assert_eq!(metadata_metaschema(root), "https://schemas.taskcluster.net/common/metadata-metaschema.json");
            assert_eq!(api_manifest(root), "https://references.taskcluster.net/manifest.json");
            assert_eq!(docs(root, "/reference/x"), "https://docs.taskcluster.net/reference/x");
            assert_eq!(ui(root, "/tasks/abc"), "https://tools.taskcluster.net/tasks/abc");
        }
    }

    #[test]
    fn only_exactly_taskcluster_net_is_legacy() {
        for root in [
            "http://taskcluster.net",
            "https://taskcluster.net/x",
            "https://TASKCLUSTER.net",
            "https://taskcluster.net:443",
        ] {
            assert_eq!(api(root, "queue", "v1", "p"), format!("{root}/api/queue/v1/p"));
        }
    }

    #[test]
    fn test_root_url_is_lib_urls_one() {
        assert_eq!(test_root_url(), "https://tc-tests.example.com");
    }
}
