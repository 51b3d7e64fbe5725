//! The engine's [`Transport`] on the platform's `fetch` (browsers, Workers,
//! Node 20): per-attempt timeouts with `AbortController`, waits with `setTimeout`.

use gloo_net::http::{Method, RequestBuilder};
use js_sys::{Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestRedirect};

use crate::core::engine::{HttpRequest, HttpResponse, Transport, TransportError};

#[wasm_bindgen]
extern "C" {
    // Globals in every JS environment we support; no `window` needed.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &Function, ms: f64) -> JsValue;
    #[wasm_bindgen(js_name = clearTimeout)]
    fn clear_timeout(handle: &JsValue);
}

pub struct Fetch;

impl Transport for Fetch {
    async fn send(&self, request: &HttpRequest, timeout_ms: f64) -> Result<HttpResponse, TransportError> {
        let controller =
            AbortController::new().map_err(|_| TransportError::Network("AbortController is unavailable".into()))?;
        let deadline = AbortAfter::start(&controller, timeout_ms);
        let result = send_once(request, &controller).await;
        drop(deadline);
        result.map_err(|message| {
            if controller.signal().aborted() { TransportError::Timeout } else { TransportError::Network(message) }
        })
    }

    async fn sleep(&self, ms: f64) {
        let promise = Promise::new(&mut |resolve, _| {
            set_timeout(&resolve, ms);
        });
        let _ = JsFuture::from(promise).await;
    }

    fn now_ms(&self) -> f64 {
        js_sys::Date::now()
    }

    fn random(&self) -> f64 {
        js_sys::Math::random()
    }
}

async fn send_once(request: &HttpRequest, controller: &AbortController) -> Result<HttpResponse, String> {
    let method = Method::from_bytes(request.method.as_bytes()).map_err(|e| e.to_string())?;
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .abort_signal(Some(&controller.signal()))
        .redirect(REDIRECT.with(|mode| *mode));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    };
    let response = built.map_err(|e| e.to_string())?.send().await.map_err(|e| e.to_string())?;
    let headers = response.headers();
    Ok(HttpResponse {
        status: response.status(),
        www_authenticate: headers.get("www-authenticate"),
        body: response.text().await.map_err(|e| e.to_string())?,
    })
}

thread_local! {
    /// Outside browsers fetch hands a redirect back as it is, so a 303 (getArtifact)
    /// reaches the caller with its `{url}` body, as with the official clients.
    /// Browsers only expose an opaque redirect, so there it is followed.
    static REDIRECT: RequestRedirect = if in_browser() { RequestRedirect::Follow } else { RequestRedirect::Manual };
}

fn in_browser() -> bool {
    let global = js_sys::global();
    ["document", "WorkerGlobalScope"].iter().any(|name| js_sys::Reflect::has(&global, &(*name).into()).unwrap_or(false))
}

/// Aborts a controller after a delay unless dropped first. Dropping clears the
/// timer and frees the callback, so a request that finishes in time leaves
/// nothing behind in JS (a closure handed to `setTimeout` for good would be
/// kept alive by the timer, and its table slot by wasm, for every request).
struct AbortAfter {
    timer: JsValue,
    _abort: Closure<dyn FnMut()>,
}

impl AbortAfter {
    fn start(controller: &AbortController, ms: f64) -> Self {
        let controller = controller.clone();
        let abort = Closure::<dyn FnMut()>::new(move || controller.abort());
        let timer = set_timeout(abort.as_ref().unchecked_ref(), ms);
        AbortAfter { timer, _abort: abort }
    }
}

impl Drop for AbortAfter {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
    }
}
