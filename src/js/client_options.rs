//! A service client's settings, as runtime.js hands them over after reading and
//! checking the caller's options (names, types, ranges: the errors that name an
//! option are made there): strings and numbers only. Where requests go is JS's
//! (pkg-template/method-calls.js builds every URL).

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
    pub credentials: CredentialSource,
    pub authorized_scopes: Option<Vec<String>>,
    pub retry: RetryPolicy,
    pub timeout_ms: f64,
    /// Sent as `x-taskcluster-trace-id`.
    pub trace_id: Option<String>,
    /// The default lifetime of signed URLs, in whole seconds.
    pub signed_url_expiration: i64,
}
