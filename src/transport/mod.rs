//! The engine's [`Transport`] on the platform's `fetch` (browsers, Workers,
//! Node 18+): one attempt is one call into `attempt.js`, which sends with a
//! deadline and reads the body; the answer is read through gloo-net's `Response`.
//!
//! The attempt is plain JS because every JS object made per request costs
//! throughput (a `Request` built and re-parsed per call, a wasm closure per
//! timer), and because a `fetch` replaced by the page may reject with anything
//! (`Promise.reject('x')`): JS turns that into a reason here, where no wasm
//! frame can trap on it.

use gloo_net::http::Response;
use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::core::engine::{HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen(module = "/src/transport/attempt.js")]
extern "C" {
    /// Resolves (never rejects) to `[response, body text]`, a string (why the
    /// network failed) or `null` (the deadline passed).
    #[wasm_bindgen(js_name = attempt)]
    fn fetch_attempt(
        url: &JsValue,
        method: &str,
        headers: &JsValue,
        authorization: Option<&str>,
        body: &JsValue,
        timeout_ms: Option<u32>,
    ) -> Promise;

    /// Resolves after `ms` milliseconds.
    fn delay(ms: u32) -> Promise;
}

/// Timers take at most 2^31-1 ms: a longer one would fire at once. A longer
/// wait is cut to it; a longer timeout sets no timer (it cannot fire in practice).
const LONGEST_TIMER_MS: f64 = 2_147_483_647.0;

/// What a request sends beyond its signed parts (method and URL): headers as
/// one JS object (made once per client) and the body (JSON text) as a JS string;
/// and the URL as a JS string, made once for every attempt and the answer.
pub struct Unsigned {
    pub headers: JsValue,
    pub body: JsValue,
    pub url: JsValue,
}

/// The headers object for the given `(name, value)` pairs.
pub fn headers_object(pairs: &[(&str, &str)]) -> JsValue {
    let headers = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&headers, &JsValue::from_str(name), &JsValue::from_str(value));
    }
    headers.into()
}

pub struct Fetch;

impl Transport for Fetch {
    type Unsigned = Unsigned;
    /// Bodies stay JS strings: copying them into wasm memory and back would only cost.
    type Body = JsValue;

    async fn send(
        &self,
        request: &HttpRequest<Unsigned>,
        authorization: Option<&str>,
        timeout_ms: f64,
    ) -> Result<HttpResponse<JsValue>, TransportError> {
        let Unsigned { headers, body, url } = &request.unsigned;
        let deadline = (timeout_ms < LONGEST_TIMER_MS).then_some(timeout_ms as u32);
        let pending = fetch_attempt(url, &request.method, headers, authorization, body, deadline);
        answer_of(JsFuture::from(pending).await.unwrap_or(JsValue::NULL))
    }

    async fn sleep(&self, ms: f64) {
        let _ = JsFuture::from(delay(ms.min(LONGEST_TIMER_MS) as u32)).await;
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

/// The engine's view of what `attempt` resolved to. The two headers the engine
/// reads are read only for the statuses where they mean something.
#[inline(never)]
fn answer_of(settled: JsValue) -> Result<HttpResponse<JsValue>, TransportError> {
    if let Some(reason) = settled.as_string() {
        return Err(TransportError::Network(reason));
    }
    let Some(parts) = settled.dyn_ref::<Array>() else {
        return Err(TransportError::Timeout);
    };
    // attempt.js hands over only the platform's own Response, whose getters cannot throw.
    let response = Response::from(web_sys::Response::unchecked_from_js(parts.get(0)));
    let status = response.status();
    let header = |wanted: bool, name: &str| if wanted { response.headers().get(name) } else { None };
    Ok(HttpResponse {
        status,
        www_authenticate: header(status == 401, "www-authenticate"),
        retry_after: header(status == 429 || status >= 500, "retry-after"),
        body: parts.get(1),
    })
}
