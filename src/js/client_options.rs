//! The options object of every service class:
//! `{rootUrl, baseUrl?, credentials?, authorizedScopes?, retries, delayFactor,
//! randomizationFactor, maxDelay, timeout}`.

use wasm_bindgen::JsValue;

use super::args;
use crate::core::call::Endpoint;
use crate::core::credentials::Credentials;
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
    pub endpoint: Endpoint,
    pub credentials: CredentialSource,
    pub authorized_scopes: Option<Vec<String>>,
    pub retry: RetryPolicy,
    pub timeout_ms: f64,
}

impl ClientOptions {
    /// Reads the options; `class` names the service in error messages.
    pub fn read(options: &JsValue, class: &str) -> Result<ClientOptions> {
        let what = format!("new {class}(options): options");
        if args::is_absent(options) {
            return Err(Error::type_error(format!("{what} is required: at least {{rootUrl}}")));
        }
        args::object(options, &what)?;
        let get = |name: &str| args::field(options, name, &what);
        let root_url = args::optional_string(&get("rootUrl")?, &format!("{what}.rootUrl"))?;
        let base_url = args::optional_string(&get("baseUrl")?, &format!("{what}.baseUrl"))?;
        let endpoint = match (base_url, root_url) {
            (Some(base), _) => Endpoint::BaseUrl(base),
            (None, Some(root)) if !root.is_empty() => Endpoint::RootUrl(root),
            _ => {
                return Err(Error::type_error(format!(
                    "{what}.rootUrl is required (e.g. \"https://tc.example.com\"; optionsFromEnvironment() reads TASKCLUSTER_ROOT_URL)"
                )));
            }
        };
        let number = |name: &str, default: f64| non_negative(options, name, default, &what);
        Ok(ClientOptions {
            endpoint,
            credentials: credential_source(&get("credentials")?, &format!("{what}.credentials"))?,
            authorized_scopes: args::optional_string_array(
                &get("authorizedScopes")?,
                &format!("{what}.authorizedScopes"),
            )?,
            retry: retry_policy(options, &what)?,
            timeout_ms: number("timeout", 30_000.0)?,
        })
    }
}

/// `{retries, delayFactor, randomizationFactor, maxDelay}` of an options object
/// (a client's, or a data transfer's), with the official clients' defaults.
pub fn retry_policy(options: &JsValue, what: &str) -> Result<RetryPolicy> {
    let defaults = RetryPolicy::default();
    let number = |name: &str, default: f64| non_negative(options, name, default, what);
    Ok(RetryPolicy {
        retries: number("retries", defaults.retries as f64)?.min(100.0) as u32,
        delay_factor_ms: number("delayFactor", defaults.delay_factor_ms)?,
        randomization_factor: number("randomizationFactor", defaults.randomization_factor)?.min(1.0),
        max_delay_ms: number("maxDelay", defaults.max_delay_ms)?,
    })
}

fn non_negative(options: &JsValue, name: &str, default: f64, what: &str) -> Result<f64> {
    let field = args::field(options, name, what)?;
    let value = args::optional_number(&field, &format!("{what}.{name}"))?.unwrap_or(default);
    if value < 0.0 {
        return Err(Error::range(format!("{what}.{name} must not be negative")));
    }
    Ok(value)
}

fn credential_source(value: &JsValue, what: &str) -> Result<CredentialSource> {
    if args::is_absent(value) {
        return Ok(CredentialSource::None);
    }
    args::object(value, what)?;
    if args::field(value, "getCredentials", what)?.is_function() {
        return Ok(CredentialSource::Agent(value.clone()));
    }
    args::credentials(value, what).map(CredentialSource::Static)
}
