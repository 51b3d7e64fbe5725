//! `ServiceClient`: the engine behind every generated service class. It turns
//! a request (method, URL and JSON payload, built in JS by
//! pkg-template/method-calls.js) into a signed `fetch`, with retries, and hands
//! the final answer back as it came (runtime.js makes the result or the
//! `TaskclusterError`: JSON and messages are cheaper there than in wasm); it
//! also makes the bewits of signed URLs with the client's own credentials.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::client_options::{ClientOptions, CredentialSource};
use super::pad::with_pad;
use crate::core::Result;
use crate::core::credentials::Credentials;
use crate::core::engine::{self, HttpRequest, Settings, Signing, TransportError};
use crate::core::hawk::bewit::expires_at;
use crate::core::hawk::target::Parts;
use crate::core::hawk::{Signer, target};
use crate::core::retry::RetryPolicy;
use crate::transport::{Fetch, Unsigned, headers_object};

struct Shared {
    options: ClientOptions,
    /// The Hawk ext of the static credentials (certificate, authorizedScopes), made once.
    ext: Option<String>,
    /// The static credentials' signer (requests and `buildSignedUrl`), made on first use.
    url_signer: OnceCell<Signer>,
    clock_offset_ms: Cell<f64>,
    /// The headers object of this client's requests, made at its first call:
    /// without a body, and with a JSON one.
    headers: OnceCell<[JsValue; 2]>,
}

/// A request ready for the engine, with what its answer needs.
struct Prepared {
    request: HttpRequest<Unsigned>,
    /// Credentials a credentials agent gave for this request, their signer and their ext.
    agent_signer: Option<(Credentials, Signer, Option<String>)>,
}

/// The signer and request loop of one client. Internal: the generated classes wrap it (see runtime.js); not in the typings.
#[wasm_bindgen(js_name = ServiceClient, skip_typescript)]
pub struct ServiceClient {
    shared: Rc<Shared>,
}

#[wasm_bindgen(js_class = ServiceClient)]
impl ServiceClient {
    /// The options as client-options.js has read and checked them: static
    /// credentials (certificate as compact JSON text), or `agent` when a credentials
    /// agent answers per request; `authorizedScopes` as one string (arguments.js's
    /// `listText`); the retry options (`undefined`: the default);
    /// timeout in ms; signed URLs' default lifetime in whole seconds. (Where
    /// requests go is JS's: it hands over finished URLs.)
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)] // one crossing with primitives beats an options object read field by field
    pub fn new(
        client_id: Option<String>,
        access_token: Option<String>,
        certificate: Option<String>,
        agent: bool,
        authorized_scopes: Option<String>,
        retries: Option<f64>,
        delay_factor: Option<f64>,
        randomization_factor: Option<f64>,
        max_delay: Option<f64>,
        timeout: f64,
        trace_id: Option<String>,
        signed_url_expiration: f64,
    ) -> ServiceClient {
        // One string for the list (see `bulk::list_items`): no glue converting each item.
        let authorized_scopes = authorized_scopes.map(|text| super::bulk::list_items(&text));
        let credentials = match (client_id, access_token) {
            _ if agent => CredentialSource::Agent,
            (Some(client_id), Some(access_token)) => {
                CredentialSource::Static(Credentials { client_id, access_token, certificate })
            }
            _ => CredentialSource::None,
        };
        let ext = match &credentials {
            CredentialSource::Static(credentials) => credentials.ext(authorized_scopes.as_deref()),
            _ => None,
        };
        let options = ClientOptions {
            credentials,
            authorized_scopes,
            retry: RetryPolicy::from_options(retries, delay_factor, randomization_factor, max_delay),
            timeout_ms: timeout,
            trace_id,
            signed_url_expiration: signed_url_expiration as i64,
        };
        ServiceClient {
            shared: Rc::new(Shared {
                options,
                ext,
                url_signer: OnceCell::new(),
                clock_offset_ms: Cell::new(0.0),
                headers: OnceCell::new(),
            }),
        }
    }

    /// Sends `method` (upper case) to `url` with `payload` (JSON text, or
    /// `undefined` for none), signed with the given credentials (a credentials
    /// agent's answer) or the client's own. Resolves to `[status, body text,
    /// retries, url]` whatever the status; status 0 is a network error (the body
    /// says why), -1 a timeout, -2 a request that cannot be signed (the body says why).
    pub fn call(
        &self,
        method: String,
        url: String,
        #[wasm_bindgen(unchecked_param_type = "string | undefined")] payload: JsValue,
        client_id: Option<String>,
        access_token: Option<String>,
        certificate: Option<String>,
    ) -> Promise {
        let agent_credentials = match (client_id, access_token) {
            (Some(client_id), Some(access_token)) => Some(Credentials { client_id, access_token, certificate }),
            _ => None,
        };
        let prepared = self.shared.prepare(method, url, payload, agent_credentials);
        let shared = Rc::clone(&self.shared);
        future_to_promise(async move { Ok(shared.send(prepared).await) })
    }

    /// The bytes `padBewit`'s result may take in the pad: a bewit with the client's clientId and ext.
    #[wasm_bindgen(js_name = bewitRoom)]
    pub fn bewit_room(&self) -> usize {
        let CredentialSource::Static(credentials) = &self.shared.options.credentials else { return 0 };
        // `id\exp\mac\ext` in base64: at most 20 digits of exp, 44 of MAC, 3 separators.
        let raw = credentials.client_id.len() + self.shared.ext.as_deref().map_or(0, str::len) + 67;
        raw.div_ceil(3) * 4
    }

    /// The fast path of `buildSignedUrl` (pkg-template/signed-urls.js): the bewit,
    /// signed with the client's own credentials, for the URL in the pad (built in
    /// JS), written after it. `now_ms` is the local clock (the client's correction
    /// is added here), `expiration` seconds or NaN for the client's default. The
    /// bewit's length, or 0 when the checked path must decide: no static
    /// credentials, a URL to normalize, an expiration it refuses.
    #[wasm_bindgen(js_name = padBewit)]
    pub fn pad_bewit(&self, input_length: usize, now_ms: f64, expiration: f64) -> usize {
        let CredentialSource::Static(credentials) = &self.shared.options.credentials else { return 0 };
        with_pad(input_length, |url| {
            self.shared.own_bewit(credentials, target::normalized_parts(url)?, now_ms, expiration).ok()
        })
    }

    /// Milliseconds added to the local clock after a "Stale timestamp" correction.
    #[wasm_bindgen(getter, js_name = clockOffset)]
    pub fn clock_offset(&self) -> f64 {
        self.shared.clock_offset_ms.get()
    }
}

impl Shared {
    /// The bewit for a URL's parts with the client's own credentials `own` (its
    /// signer, made once, and ext), made at `now_ms` (the local clock; the client's
    /// correction is added here) to expire `expiration` seconds later (NaN: the client's default).
    fn own_bewit(&self, own: &Credentials, parts: Parts<'_>, now_ms: f64, expiration: f64) -> Result<String> {
        let expires_at = self.expires_at(now_ms, expiration)?;
        let signer = self.url_signer.get_or_init(|| Signer::new(own.key()));
        signer.bewit_for(parts, expires_at, self.ext.as_deref())
    }

    /// When a bewit made at `now_ms` (corrected) expires: `expiration` seconds later (NaN: the client's default).
    fn expires_at(&self, now_ms: f64, expiration: f64) -> Result<i64> {
        let now = ((now_ms + self.clock_offset_ms.get()) / 1000.0).floor() as i64;
        expires_at(now, Some(expiration).filter(|e| !e.is_nan()), self.options.signed_url_expiration)
    }

    /// The request for a call, before any await: the async part stays small.
    #[inline(never)]
    fn prepare(
        &self,
        method: String,
        url: String,
        payload: JsValue,
        agent_credentials: Option<Credentials>,
    ) -> Prepared {
        let agent_signer = agent_credentials.map(|credentials| {
            let ext = credentials.ext(self.options.authorized_scopes.as_deref());
            let signer = Signer::new(credentials.key());
            (credentials, signer, ext)
        });
        let unsigned =
            Unsigned { headers: self.headers(!payload.is_undefined()), body: payload, url: JsValue::from_str(&url) };
        let request = HttpRequest { method, url, unsigned };
        Prepared { request, agent_signer }
    }

    /// The headers object for a request with or without a JSON body.
    fn headers(&self, json_body: bool) -> JsValue {
        let [plain, json] = self.headers.get_or_init(|| {
            let mut pairs = Vec::new();
            // Asked at the first request, not at construction: a client that only signs URLs never needs it.
            let user_agent = USER_AGENT.with(Clone::clone);
            if let Some(agent) = &user_agent {
                pairs.push(("User-Agent", agent.as_str()));
            }
            if let Some(trace_id) = &self.options.trace_id {
                pairs.push(("x-taskcluster-trace-id", trace_id.as_str()));
            }
            let plain = headers_object(&pairs);
            pairs.push(("Content-Type", "application/json"));
            [plain, headers_object(&pairs)]
        });
        if json_body { json.clone() } else { plain.clone() }
    }

    /// Sends a prepared request through the engine: `[status, body, retries, url]`.
    async fn send(&self, prepared: Prepared) -> JsValue {
        let signing = match (&prepared.agent_signer, &self.options.credentials) {
            (Some((credentials, signer, ext)), _) => Some(Signing { credentials, signer, ext: ext.as_deref() }),
            // The client's own signer serves its signed URLs and its requests alike.
            (None, CredentialSource::Static(credentials)) => Some(Signing {
                credentials,
                signer: self.url_signer.get_or_init(|| Signer::new(credentials.key())),
                ext: self.ext.as_deref(),
            }),
            _ => None,
        };
        let settings = Settings {
            retry: self.options.retry,
            timeout_ms: self.options.timeout_ms,
            clock_offset_ms: &self.clock_offset_ms,
        };
        let attempts = engine::execute(&Fetch, &prepared.request, signing.as_ref(), &settings).await;
        answer(attempts, &prepared.request.unsigned.url)
    }
}

/// The engine's outcome as runtime.js reads it (see `ServiceClient::call`).
#[inline(never)]
fn answer(attempts: Result<engine::Attempts<JsValue>>, url: &JsValue) -> JsValue {
    let (status, body, retries) = match attempts {
        Ok((Ok(response), retries)) => (f64::from(response.status), response.body, retries),
        Ok((Err(TransportError::Network(reason)), retries)) => (0.0, JsValue::from_str(&reason), retries),
        Ok((Err(TransportError::Timeout), retries)) => (-1.0, JsValue::UNDEFINED, retries),
        // Only a request that cannot be signed at all (an unusable URL) ends here.
        Err(error) => (-2.0, JsValue::from_str(&error.message), 0),
    };
    Array::of4(&status.into(), &body, &f64::from(retries).into(), url).into()
}

thread_local! {
    /// Sent in Node only; browsers set their own. Decided once, not per client.
    static USER_AGENT: Option<String> =
        running_in_node().then(|| format!("taskcluster-wasm/{}", env!("CARGO_PKG_VERSION")));
}

fn running_in_node() -> bool {
    // Each step only reads from an object: reading from `undefined` (a browser has
    // no `process`) would throw, and a page would pay for a caught TypeError.
    let field = |from: JsValue, name: &str| Reflect::get(&from, &name.into()).ok().filter(JsValue::is_object);
    let versions = field(js_sys::global().into(), "process").and_then(|process| field(process, "versions"));
    versions.is_some_and(|versions| Reflect::get(&versions, &"node".into()).is_ok_and(|node| node.is_string()))
}
