//! The engine's [`Transport`] on the platform's `fetch` (browsers, Workers,
//! Node 20): per-attempt timeouts with `AbortController`, waits with `setTimeout`.

use std::cell::{Cell, RefCell};
use std::future::{Future, poll_fn};
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

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
    /// Bodies stay JS strings: copying them into wasm memory and back would only cost.
    type Body = JsValue;

    async fn send(
        &self,
        request: &HttpRequest<JsValue>,
        authorization: Option<&str>,
        timeout_ms: f64,
    ) -> Result<HttpResponse<JsValue>, TransportError> {
        let controller =
            AbortController::new().map_err(|_| TransportError::Network("AbortController is unavailable".into()))?;
        let deadline = Deadline::start(&controller, timeout_ms);
        // The deadline ends the attempt by itself: an abort that fetch fails to
        // honour (seen in Node under load: the request then hung until the
        // server answered) must not hang the call.
        let mut sending = pin!(send_once(request, authorization, &controller));
        let result = poll_fn(|cx| match sending.as_mut().poll(cx) {
            Poll::Ready(result) => Poll::Ready(Some(result)),
            Poll::Pending => deadline.poll_expired(cx).map(|()| None),
        })
        .await;
        drop(deadline);
        match result {
            Some(Ok(response)) => Ok(response),
            Some(Err(message)) if !controller.signal().aborted() => Err(TransportError::Network(message)),
            _ => Err(TransportError::Timeout),
        }
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

async fn send_once(
    request: &HttpRequest<JsValue>,
    authorization: Option<&str>,
    controller: &AbortController,
) -> Result<HttpResponse<JsValue>, String> {
    let response = build_request(request, authorization, controller)?.send().await.map_err(reason)?;
    let (status, www_authenticate, retry_after) = head_of(&response);
    let text = web_sys::Response::from(response).text().map_err(js_reason)?;
    let body = JsFuture::from(text).await.map_err(js_reason)?;
    Ok(HttpResponse { status, www_authenticate, retry_after, body })
}

/// The fetch `Request` for one attempt (kept out of the async state machine).
#[inline(never)]
fn build_request(
    request: &HttpRequest<JsValue>,
    authorization: Option<&str>,
    controller: &AbortController,
) -> Result<gloo_net::http::Request, String> {
    let method = Method::from_bytes(request.method.as_bytes()).map_err(|_| "invalid HTTP method".to_string())?;
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .abort_signal(Some(&controller.signal()))
        .redirect(REDIRECT.with(|mode| *mode));
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    if let Some(value) = authorization {
        builder = builder.header("Authorization", value);
    }
    match &request.body {
        Some(body) => builder.body(body.clone()),
        None => builder.build(),
    }
    .map_err(reason)
}

/// Status and the two headers the engine reads.
#[inline(never)]
fn head_of(response: &gloo_net::http::Response) -> (u16, Option<String>, Option<String>) {
    let headers = response.headers();
    (response.status(), headers.get("www-authenticate"), headers.get("retry-after"))
}

/// Why fetch failed, in the platform's words (no formatting machinery).
fn reason(error: gloo_net::Error) -> String {
    match error {
        gloo_net::Error::JsError(error) => error.message,
        gloo_net::Error::GlooError(message) => message,
    }
}

fn js_reason(error: JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map_or_else(|| "reading the response failed".into(), |e| e.message().into())
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

/// Aborts a controller after a delay unless dropped first, and wakes the
/// attempt waiting on it. Dropping clears the timer and frees the callback, so
/// a request that finishes in time leaves nothing behind in JS (a closure
/// handed to `setTimeout` for good would be kept alive by the timer, and its
/// table slot by wasm, for every request). The expiry is signalled on the Rust
/// side: a JS promise that never settles would keep its `JsFuture` callbacks.
struct Deadline {
    timer: JsValue,
    state: Rc<DeadlineState>,
    _abort: Closure<dyn FnMut()>,
}

#[derive(Default)]
struct DeadlineState {
    expired: Cell<bool>,
    waker: RefCell<Option<Waker>>,
}

impl Deadline {
    fn start(controller: &AbortController, ms: f64) -> Self {
        let state = Rc::new(DeadlineState::default());
        let (controller, fired) = (controller.clone(), Rc::clone(&state));
        let abort = Closure::<dyn FnMut()>::new(move || {
            controller.abort();
            fired.expired.set(true);
            if let Some(waker) = fired.waker.take() {
                waker.wake();
            }
        });
        let timer = set_timeout(abort.as_ref().unchecked_ref(), ms);
        Deadline { timer, state, _abort: abort }
    }

    fn poll_expired(&self, cx: &mut Context<'_>) -> Poll<()> {
        if self.state.expired.get() {
            return Poll::Ready(());
        }
        self.state.waker.replace(Some(cx.waker().clone()));
        Poll::Pending
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        clear_timeout(&self.timer);
        self.state.waker.take();
    }
}
