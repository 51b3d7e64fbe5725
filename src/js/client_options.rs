//! A service client's settings, as runtime.js hands them over after reading and
//! checking the caller's options (names, types, ranges: the errors that name an
//! option are made there): strings and numbers only.

use crate::core::call::{Endpoint, k8s_dns_root_url};
use crate::core::credentials::Credentials;
use crate::core::retry::RetryPolicy;

/// Where a request's credentials come from.
pub enum CredentialSource {
    None,
    Static(Credentials),
    /// A credentials agent: runtime.js asks it before each request and passes its answer along.
    Agent,
}

pub struct ClientOptions {
    /// Where requests go.
    pub endpoint: Endpoint,
    /// What `externalBuildUrl` uses: the deployment's own rootUrl, also under in-cluster service discovery.
    pub external_endpoint: Endpoint,
    pub credentials: CredentialSource,
    pub authorized_scopes: Option<Vec<String>>,
    pub retry: RetryPolicy,
    pub timeout_ms: f64,
    /// Sent as `x-taskcluster-trace-id`.
    pub trace_id: Option<String>,
    /// The default lifetime of signed URLs, in whole seconds.
    pub signed_url_expiration: i64,
}

/// `baseUrl` when given, else `rootUrl`; `in_cluster` (`serviceDiscoveryScheme:
/// 'k8s-dns'`, which runtime.js allows only with a rootUrl) sends requests to
/// the service's in-cluster host.
pub fn endpoints(
    root_url: String,
    base_url: Option<String>,
    in_cluster: bool,
    service_name: &str,
) -> (Endpoint, Endpoint) {
    let external = match base_url {
        Some(base) => Endpoint::BaseUrl(base),
        None => Endpoint::RootUrl(root_url),
    };
    let endpoint = match &external {
        Endpoint::RootUrl(_) if in_cluster => Endpoint::RootUrl(k8s_dns_root_url(service_name)),
        _ => external.clone(),
    };
    (endpoint, external)
}
