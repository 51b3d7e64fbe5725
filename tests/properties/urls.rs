//! Taskcluster URLs: the rules of taskcluster-lib-urls, as a model. For any root
//! URL (with any number of trailing slashes) and path (with any number of
//! leading slashes), the URL is the root, the service part and the path joined
//! by exactly one slash each; the legacy root makes per-service hosts.

use proptest::prelude::*;
use taskcluster_wasm::core::urls::{api, api_reference, docs, normalize_root_url, schema, ui};

fn root() -> impl Strategy<Value = (String, String)> {
    ("https://[a-z]{1,8}\\.example\\.com(/[a-z]{1,5})?", "/{0,3}")
        .prop_map(|(root, slashes)| (format!("{root}{slashes}"), root))
}

proptest! {
    #[test]
    fn rooted_urls_join_with_single_slashes(
        (given, clean) in root(), service in "[a-z-]{1,10}", version in "v[0-9]", path in "/{0,3}[a-z/]{0,10}",
    ) {
        let bare = path.trim_start_matches('/');
        prop_assert_eq!(normalize_root_url(&given), clean.clone());
        prop_assert_eq!(api(&given, &service, &version, &path), format!("{clean}/api/{service}/{version}/{bare}"));
        prop_assert_eq!(api_reference(&given, &service, &version), format!("{clean}/references/{service}/{version}/api.json"));
        prop_assert_eq!(schema(&given, &service, &path), format!("{clean}/schemas/{service}/{bare}"));
        prop_assert_eq!(docs(&given, &path), format!("{clean}/docs/{bare}"));
        prop_assert_eq!(ui(&given, &path), format!("{clean}/{bare}"));
    }

    #[test]
    fn the_legacy_root_makes_per_service_hosts(slashes in "/{0,3}", service in "[a-z]{1,10}", path in "/{0,2}[a-z]{0,6}") {
        let root = format!("https://taskcluster.net{slashes}");
        prop_assert_eq!(api(&root, &service, "v1", &path), format!("https://{service}.taskcluster.net/v1/{}", path.trim_start_matches('/')));
    }
}
