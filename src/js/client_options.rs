//! The options object of every service class, as runtime.js hands it over
//! (unknown names already refused there): `{rootUrl, baseUrl?, credentials?,
//! authorizedScopes?, retries, delayFactor, randomizationFactor, maxDelay,
//! timeout, traceId?, signedUrlExpiration?, serviceDiscoveryScheme?}`.

use wasm_bindgen::JsValue;

use super::args;
use crate::core::call::{Endpoint, k8s_dns_root_url};
use crate::core::credentials::Credentials;
use crate::core::hawk::bewit::DEFAULT_EXPIRATION_SECONDS;
use crate::core::reference::ServiceReference;
use crate::core::retry::RetryPolicy;
use crate::core::{Error, Result};

/// Where a request's credentials come from.
pub enum CredentialSource {
    None,
    Static(Credentials),
    /// An object with `async getCredentials()`, asked before each request.
    Agent(JsValue),
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
    /// The default lifetime of signed URLs, in seconds.
    pub signed_url_expiration: i64,
}

impl ClientOptions {
    /// Reads the options of a client for `reference`.
    pub fn read(options: &JsValue, reference: &ServiceReference) -> Result<ClientOptions> {
        let what = format!("new {}(options): options", reference.name);
        if args::is_absent(options) {
            return Err(Error::type_error(format!("{what} is required: at least {{rootUrl}}")));
        }
        args::object(options, &what)?;
        let get = |name: &str| args::field(options, name, &what);
        // Most options are absent: their labels are only formatted for a value that is there.
        let label = |name: &str| format!("{what}.{name}");
        let text = |name: &str| {
            let value = get(name)?;
            if args::is_absent(&value) { Ok(None) } else { args::string(&value, &label(name)).map(Some) }
        };
        let root_url = text("rootUrl")?.filter(|root| !root.is_empty());
        let external_endpoint = match (text("baseUrl")?, root_url) {
            (Some(base), _) => Endpoint::BaseUrl(base),
            (None, Some(root)) => Endpoint::RootUrl(root),
            (None, None) => {
                return Err(Error::type_error(format!(
                    "{what}.rootUrl is required (e.g. \"https://tc.example.com\"; optionsFromEnvironment() reads TASKCLUSTER_ROOT_URL)"
                )));
            }
        };
        let endpoint = match text("serviceDiscoveryScheme")?.as_deref() {
            None | Some("default") => external_endpoint.clone(),
            Some("k8s-dns") if matches!(external_endpoint, Endpoint::RootUrl(_)) => {
                Endpoint::RootUrl(k8s_dns_root_url(&reference.service_name))
            }
            Some("k8s-dns") => {
                return Err(Error::type_error(format!(
                    "{what}.serviceDiscoveryScheme \"k8s-dns\" needs rootUrl, not baseUrl"
                )));
            }
            Some(_) => {
                return Err(Error::type_error(format!(
                    "{what}.serviceDiscoveryScheme must be \"default\" or \"k8s-dns\""
                )));
            }
        };
        let optional_number = |name: &str| -> Result<Option<f64>> {
            let value = get(name)?;
            if value.is_undefined() { Ok(None) } else { args::number(&value, &label(name)).map(Some) }
        };
        let number = |name: &str, default: f64| -> Result<f64> {
            let value = optional_number(name)?.unwrap_or(default);
            if value < 0.0 {
                return Err(Error::range(format!("{what}.{name} must not be negative")));
            }
            Ok(value)
        };
        let signed_url_expiration = match optional_number("signedUrlExpiration")? {
            None => DEFAULT_EXPIRATION_SECONDS,
            Some(seconds) => expiration_seconds(seconds, &label("signedUrlExpiration"))?,
        };
        Ok(ClientOptions {
            endpoint,
            external_endpoint,
            credentials: credential_source(&get("credentials")?, || label("credentials"))?,
            authorized_scopes: match get("authorizedScopes")? {
                scopes if args::is_absent(&scopes) => None,
                scopes => Some(args::string_array(&scopes, &label("authorizedScopes"))?),
            },
            retry: policy_from(&number)?,
            timeout_ms: number("timeout", 30_000.0)?,
            trace_id: text("traceId")?,
            signed_url_expiration,
        })
    }
}

/// A signed URL's lifetime: a positive number of seconds (fractions dropped).
pub fn expiration_seconds(seconds: f64, what: &str) -> Result<i64> {
    if seconds <= 0.0 {
        return Err(Error::range(format!("{what} must be a positive number of seconds")));
    }
    Ok(seconds.floor() as i64)
}

fn credential_source(value: &JsValue, what: impl Fn() -> String) -> Result<CredentialSource> {
    if args::is_absent(value) {
        return Ok(CredentialSource::None);
    }
    let what = &what();
    args::object(value, what)?;
    if args::field(value, "getCredentials", what)?.is_function() {
        return Ok(CredentialSource::Agent(value.clone()));
    }
    args::credentials(value, what).map(CredentialSource::Static)
}

/// `{retries, delayFactor, randomizationFactor, maxDelay}` of a data transfer's
/// options (object uploads and downloads), with the clients' defaults.
pub fn retry_policy(options: &JsValue, what: &str) -> Result<RetryPolicy> {
    policy_from(&|name: &str, default: f64| -> Result<f64> {
        let field = args::field(options, name, what)?;
        let value = args::optional_number(&field, &format!("{what}.{name}"))?.unwrap_or(default);
        if value < 0.0 {
            return Err(Error::range(format!("{what}.{name} must not be negative")));
        }
        Ok(value)
    })
}

/// The retry options' names, defaults and caps, read through `number(name, default)`.
fn policy_from(number: &dyn Fn(&str, f64) -> Result<f64>) -> Result<RetryPolicy> {
    let defaults = RetryPolicy::default();
    Ok(RetryPolicy {
        retries: number("retries", defaults.retries as f64)?.min(100.0) as u32,
        delay_factor_ms: number("delayFactor", defaults.delay_factor_ms)?,
        randomization_factor: number("randomizationFactor", defaults.randomization_factor)?.min(1.0),
        max_delay_ms: number("maxDelay", defaults.max_delay_ms)?,
    })
}
