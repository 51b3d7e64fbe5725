//! `ServiceClient`: the engine behind every generated service class. It turns
//! a method name and JS arguments into a signed `fetch`, with retries.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use js_sys::{Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{JsFuture, future_to_promise};

use super::args;
use super::client_options::{ClientOptions, CredentialSource};
use super::errors::{JsResult, RequestFailure, guarded, request_error, to_js};
use super::method_call::{self, MethodCall, Payload};
use super::reference::ServiceApi;
use crate::core::call::{Endpoint, find_function, request_url};
use crate::core::credentials::Credentials;
use crate::core::engine::{self, HttpRequest, HttpResponse, Settings, Signing, TransportError};
use crate::core::hawk::{Signer, Target, bewit::expires_at, target};
use crate::core::reference::{FunctionEntry, ServiceReference};
use crate::core::{Error, Result};
use crate::transport::Fetch;

struct Shared {
    reference: Rc<ServiceReference>,
    options: ClientOptions,
    /// For `buildSignedUrl` with static credentials: their signer and ext, made on first use.
    url_signing: OnceCell<UrlSigning>,
    clock_offset_ms: Cell<f64>,
    /// Sent in Node only; browsers set their own.
    user_agent: Option<String>,
}

/// A client for one service reference (`{name, serviceName, apiVersion, functions}`),
/// prepared once per class as a [`ServiceApi`]. Internal: the generated classes wrap it (see runtime.js); not in the typings.
#[wasm_bindgen(js_name = ServiceClient, skip_typescript)]
pub struct ServiceClient {
    shared: Rc<Shared>,
}

#[wasm_bindgen(js_class = ServiceClient)]
impl ServiceClient {
    #[wasm_bindgen(constructor)]
    pub fn new(
        api: &ServiceApi,
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> JsResult<ServiceClient> {
        let reference = api.reference();
        let options = guarded(&reference.name, || ClientOptions::read(&options, &reference))?;
        let user_agent = USER_AGENT.with(Clone::clone);
        Ok(ServiceClient {
            shared: Rc::new(Shared { reference, options, url_signing: OnceCell::new(), clock_offset_ms: Cell::new(0.0), user_agent }),
        })
    }

    /// Calls method `name` with the JS arguments `args`; resolves to the JSON
    /// result, rejects with a `TaskclusterError`-named error.
    pub fn call(&self, name: String, #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue) -> Promise {
        let shared = Rc::clone(&self.shared);
        future_to_promise(async move { shared.call(&name, &args).await })
    }

    /// Checks `args` for method `name` as `call` would, without sending
    /// anything (the `fake` mode of the generated classes).
    pub fn check(
        &self,
        name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
    ) -> JsResult<()> {
        let label = self.shared.label_for(&name);
        guarded(&label, || self.shared.parse(&name, &args, Payload::Expected).map(|_| ()))
    }

    /// The URL of method `name` for `args` (route arguments, then an optional
    /// query); `external` uses the deployment's rootUrl under in-cluster service discovery.
    #[wasm_bindgen(js_name = buildUrl)]
    pub fn build_url(
        &self,
        name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
        external: bool,
    ) -> JsResult<String> {
        let label = self.shared.label_for(&name);
        guarded(&label, || {
            let (entry, call) = self.shared.parse(&name, &args, Payload::NotAccepted)?;
            self.shared.url(entry, &call, self.shared.endpoint(external))
        })
    }

    /// A signed URL (bewit) for GET method `name`; a trailing `{expiration}`
    /// (seconds, default `signedUrlExpiration` or 900) sets how long it stays valid.
    #[wasm_bindgen(js_name = buildSignedUrl)]
    pub fn build_signed_url(
        &self,
        name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
        external: bool,
    ) -> JsResult<String> {
        let label = self.shared.label_for(&name);
        guarded(&label, || {
            let CredentialSource::Static(credentials) = &self.shared.options.credentials else {
                return Err(Error::type_error(
                    "buildSignedUrl needs credentials given as {clientId, accessToken}; with a credentials agent use buildSignedUrlAsync",
                ));
            };
            self.shared.signed_url(&name, &args, credentials, external)
        })
    }

    /// Like `buildSignedUrl`, asking a credentials agent first.
    #[wasm_bindgen(js_name = buildSignedUrlAsync)]
    pub fn build_signed_url_async(
        &self,
        name: JsValue,
        #[wasm_bindgen(unchecked_param_type = "unknown[]")] args: JsValue,
        external: bool,
    ) -> Promise {
        let shared = Rc::clone(&self.shared);
        future_to_promise(async move {
            let label = shared.label_for(&name);
            let credentials = shared.credentials().await.map_err(|e| to_js(&label, e))?;
            let credentials =
                credentials.ok_or_else(|| to_js(&label, Error::type_error("buildSignedUrlAsync needs credentials")))?;
            shared.signed_url(&name, &args, &credentials, external).map(JsValue::from).map_err(|e| to_js(&label, e))
        })
    }

    /// Milliseconds added to the local clock after a "Stale timestamp" correction.
    #[wasm_bindgen(getter, js_name = clockOffset)]
    pub fn clock_offset(&self) -> f64 {
        self.shared.clock_offset_ms.get()
    }
}

impl Shared {
    fn label_for(&self, name: &JsValue) -> String {
        self.label(&name.as_string().unwrap_or_default())
    }

    /// E.g. `Queue.task`, for error messages.
    fn label(&self, name: &str) -> String {
        format!("{}.{name}", self.reference.name)
    }

    fn parse(&self, name: &JsValue, values: &JsValue, payload: Payload) -> Result<(&FunctionEntry, MethodCall)> {
        let entry = find_function(&self.reference, &args::string(name, "method")?)?;
        let values = args::items(values, "args")?;
        let call = method_call::parse(entry, &values, payload)?;
        Ok((entry, call))
    }

    fn endpoint(&self, external: bool) -> &Endpoint {
        if external { &self.options.external_endpoint } else { &self.options.endpoint }
    }

    fn url(&self, entry: &FunctionEntry, call: &MethodCall, endpoint: &Endpoint) -> Result<String> {
        let r = &self.reference;
        request_url(endpoint, &r.service_name, &r.api_version, entry, &call.route_args, &call.query)
    }

    fn signed_url(
        &self,
        name: &JsValue,
        values: &JsValue,
        credentials: &Credentials,
        external: bool,
    ) -> Result<String> {
        let mut values = args::items(values, "args")?;
        let entry = find_function(&self.reference, &args::string(name, "method")?)?;
        if !entry.method.eq_ignore_ascii_case("get") {
            return Err(Error::type_error(format!(
                "buildSignedUrl works only for GET methods; {} is {}",
                entry.name,
                entry.method.to_ascii_uppercase()
            )));
        }
        let expiration = take_expiration(entry, &mut values)?;
        let call = method_call::parse(entry, &values, Payload::NotAccepted)?;
        let url = self.url(entry, &call, self.endpoint(external))?;
        let now = ((js_sys::Date::now() + self.clock_offset_ms.get()) / 1000.0).floor() as i64;
        let expires_at = expires_at(now, expiration, self.options.signed_url_expiration)?;
        let fresh;
        let signing = match &self.options.credentials {
            CredentialSource::Static(own) if own == credentials => self.url_signing.get_or_init(|| UrlSigning::new(own, &self.options)),
            _ => {
                fresh = UrlSigning::new(credentials, &self.options);
                &fresh
            }
        };
        let ext = signing.ext.as_deref();
        match target::normalized_parts(&url) {
            Some(parts) => signing.signer.signed_url_for(&url, parts, expires_at, ext),
            None => signing.signer.signed_url_for(&url, Target::parse(&url, "url")?.parts(), expires_at, ext),
        }
    }

    async fn call(&self, name: &str, values: &JsValue) -> JsResult<JsValue> {
        let label = self.label(name);
        let (entry, call) =
            self.parse(&JsValue::from_str(name), values, Payload::Expected).map_err(|e| to_js(&label, e))?;
        let url = self.url(entry, &call, &self.options.endpoint).map_err(|e| to_js(&label, e))?;
        let credentials = self.credentials().await.map_err(|e| to_js(&label, e))?;
        let method = entry.method.to_ascii_uppercase();
        let mut headers = Vec::new();
        if call.payload.is_some() {
            headers.push(("Content-Type".to_string(), "application/json".to_string()));
        }
        if let Some(agent) = &self.user_agent {
            headers.push(("User-Agent".to_string(), agent.clone()));
        }
        if let Some(trace_id) = &self.options.trace_id {
            headers.push(("x-taskcluster-trace-id".to_string(), trace_id.clone()));
        }
        let request = HttpRequest { method: method.clone(), url: url.clone(), headers, body: call.payload };
        let signing = credentials
            .as_ref()
            .map(|credentials| Signing { credentials, authorized_scopes: self.options.authorized_scopes.as_deref() });
        let settings = Settings {
            retry: self.options.retry,
            timeout_ms: self.options.timeout_ms,
            clock_offset_ms: &self.clock_offset_ms,
        };
        let (result, retries) =
            engine::execute(&Fetch, &request, signing.as_ref(), &settings).await.map_err(|e| to_js(&label, e))?;
        let failure = |message: String, code: String, status_code, body| RequestFailure {
            message,
            code,
            status_code,
            body,
            method: &method,
            url: &url,
            function_name: &label,
            retries,
        };
        match result {
            // A 303 (getArtifact and friends) answers with the JSON callers read: `{url}`.
            Ok(response) if (200..300).contains(&response.status) || response.status == 303 => {
                success_body(&response, entry.output).ok_or_else(|| {
                    let excerpt: String = response.body.chars().take(100).collect();
                    request_error(failure(
                        format!(
                            "{label}: HTTP {} with a body that is not JSON ({method} {url}, {retries} retries): {}",
                            response.status,
                            excerpt.trim()
                        ),
                        "InvalidResponse".into(),
                        Some(response.status),
                        JsValue::from_str(&response.body),
                    ))
                })
            }
            Ok(response) => Err(request_error(http_failure(&response, &label, failure))),
            Err(TransportError::Timeout) => Err(request_error(failure(
                format!(
                    "{label}: no response within {} ms ({method} {url}, {retries} retries)",
                    self.options.timeout_ms as u64
                ),
                "RequestTimeout".into(),
                None,
                JsValue::UNDEFINED,
            ))),
            Err(TransportError::Network(reason)) => Err(request_error(failure(
                format!("{label}: network error: {reason} ({method} {url}, {retries} retries)"),
                "NetworkError".into(),
                None,
                JsValue::UNDEFINED,
            ))),
        }
    }

    /// The credentials for one request: static ones, or an agent's answer.
    async fn credentials(&self) -> Result<Option<Credentials>> {
        match &self.options.credentials {
            CredentialSource::None => Ok(None),
            CredentialSource::Static(credentials) => Ok(Some(credentials.clone())),
            CredentialSource::Agent(agent) => {
                let failed = || Error::invalid("the credentials agent's getCredentials() failed");
                // The agent's own message says why (it never holds a secret: agents must not put one there).
                let failed_with = |thrown: JsValue| match thrown.dyn_ref::<js_sys::Error>() {
                    Some(error) => Error::invalid(format!(
                        "the credentials agent's getCredentials() failed: {}",
                        String::from(error.message())
                    )),
                    None => failed(),
                };
                let function: js_sys::Function = Reflect::get(agent, &"getCredentials".into())
                    .map_err(|_| failed())?
                    .dyn_into()
                    .map_err(|_| failed())?;
                let answer = function.call0(agent).map_err(failed_with)?;
                let resolved = JsFuture::from(Promise::resolve(&answer)).await.map_err(failed_with)?;
                // No credentials (yet): the request goes unsigned, as with client-web.
                if args::is_absent(&resolved) {
                    return Ok(None);
                }
                args::credentials(&resolved, "the credentials agent's getCredentials() result").map(Some)
            }
        }
    }
}

/// A signer for one set of credentials and the ext its signed URLs carry.
struct UrlSigning {
    signer: Signer,
    ext: Option<String>,
}

impl UrlSigning {
    fn new(credentials: &Credentials, options: &ClientOptions) -> UrlSigning {
        UrlSigning { signer: Signer::new(credentials.key()), ext: credentials.ext(options.authorized_scopes.as_deref()) }
    }
}

/// A trailing `{expiration}` object of `buildSignedUrl`, when it is not the query.
fn take_expiration(entry: &FunctionEntry, values: &mut Vec<JsValue>) -> Result<Option<f64>> {
    let slots = entry.args.len() + usize::from(!entry.query.is_empty());
    let is_options = |value: &JsValue| {
        let keys = Reflect::own_keys(value)
            .map(|k| k.iter().filter_map(|k| k.as_string()).collect::<Vec<_>>())
            .unwrap_or_default();
        value.is_object() && keys == ["expiration"] && !entry.query.iter().any(|q| q == "expiration")
    };
    let trailing_options = values.len() > slots
        || (values.len() == slots && values.len() > entry.args.len() && values.last().is_some_and(is_options));
    if !trailing_options {
        return Ok(None);
    }
    let options = values.pop().unwrap_or(JsValue::UNDEFINED);
    args::object(&options, "buildSignedUrl options")?;
    args::optional_number(&args::field(&options, "expiration", "options")?, "options.expiration")
}

/// A 2xx body: JSON when it parses, `undefined` when empty; text only for
/// methods that declare no JSON output. `None` when a JSON answer is broken
/// (a proxy's HTML page, a truncated body).
fn success_body(response: &HttpResponse, json_expected: bool) -> Option<JsValue> {
    if response.body.is_empty() {
        return Some(JsValue::UNDEFINED);
    }
    match js_sys::JSON::parse(&response.body) {
        Ok(value) => Some(value),
        Err(_) if json_expected => None,
        Err(_) => Some(JsValue::from_str(&response.body)),
    }
}

/// The server's message and code first; an HTML or text body is kept short.
fn http_failure<'a>(
    response: &HttpResponse,
    label: &str,
    failure: impl Fn(String, String, Option<u16>, JsValue) -> RequestFailure<'a>,
) -> RequestFailure<'a> {
    let parsed = js_sys::JSON::parse(&response.body).ok().filter(|v| v.is_object());
    let field =
        |name: &str| parsed.as_ref().and_then(|p| Reflect::get(p, &name.into()).ok()).and_then(|v| v.as_string());
    let server_message = field("message");
    let code = field("code").unwrap_or_else(|| format!("HTTP{}", response.status));
    let message = match server_message {
        Some(message) => message,
        None => {
            let excerpt: String = response.body.chars().take(300).collect();
            format!("{label}: HTTP {} {}", response.status, excerpt.trim())
        }
    };
    let body = parsed.unwrap_or_else(|| JsValue::from_str(&response.body));
    failure(message, code, Some(response.status), body)
}

thread_local! {
    /// Sent in Node only; browsers set their own. Decided once, not per client.
    static USER_AGENT: Option<String> =
        running_in_node().then(|| format!("taskcluster-wasm/{}", env!("CARGO_PKG_VERSION")));
}

fn running_in_node() -> bool {
    let versions = Reflect::get(&js_sys::global(), &"process".into())
        .and_then(|process| Reflect::get(&process, &"versions".into()))
        .and_then(|versions| Reflect::get(&versions, &"node".into()));
    versions.is_ok_and(|node| node.is_string())
}
