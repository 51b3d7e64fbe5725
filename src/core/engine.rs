//! The request loop shared by every API method: sign each attempt, retry
//! transient failures with backoff, and correct the clock once when the server
//! answers with an authentic "Stale timestamp" challenge.
//!
//! It is generic over [`Transport`], so it runs on `fetch` in wasm and on a
//! scripted fake in native tests.

use std::cell::Cell;

use super::Result;
use super::credentials::Credentials;
use super::hawk::header::{NONCE_LENGTH, random_nonce_in};
use super::hawk::mac::Artifacts;
use super::hawk::target::{Parts, normalized_parts};
use super::hawk::{self, Signer, Target};
use super::retry::{Outcome, RetryPolicy, retry_after_ms};

/// A request ready to send, before signing. `U` is what the transport sends
/// beyond the signed method and URL (headers, body): the engine never looks
/// inside it, so it stays in whatever form the platform sends fastest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest<U> {
    /// Upper-case, e.g. `GET`.
    pub method: String,
    pub url: String,
    /// Headers and body (`Authorization` is passed per attempt, beside the request).
    pub unsigned: U,
}

/// What the engine needs of a response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse<B> {
    pub status: u16,
    pub www_authenticate: Option<String>,
    pub retry_after: Option<String>,
    pub body: B,
}

/// Why no response arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TransportError {
    Network(String),
    Timeout,
}

/// The platform: sending, waiting, the clock and randomness.
#[allow(async_fn_in_trait)] // single-threaded (wasm): no Send bound wanted
pub trait Transport {
    /// A request's headers and body as the transport holds them.
    type Unsigned;
    /// How response bodies are held (text in tests, JS strings on fetch).
    type Body;
    /// Sends one attempt, with `authorization` as its `Authorization` header when signed.
    async fn send(
        &self,
        request: &HttpRequest<Self::Unsigned>,
        authorization: Option<&str>,
        timeout_ms: f64,
    ) -> std::result::Result<HttpResponse<Self::Body>, TransportError>;
    async fn sleep(&self, ms: f64);
    fn now_ms(&self) -> f64;
    /// Uniform in [0, 1).
    fn random(&self) -> f64;
}

/// How to sign: credentials for this request, their signer (the HMAC key
/// prepared once per client, not per attempt), and the Hawk ext that carries
/// their certificate and authorizedScopes (made once per client too).
pub struct Signing<'a> {
    pub credentials: &'a Credentials,
    pub signer: &'a Signer,
    pub ext: Option<&'a str>,
}

/// Per-client settings the loop uses.
pub struct Settings<'a> {
    pub retry: RetryPolicy,
    pub timeout_ms: f64,
    /// Milliseconds to add to the local clock; updated on a stale-timestamp challenge.
    pub clock_offset_ms: &'a Cell<f64>,
}

/// The final answer of the server (any status), or the last transport error,
/// with the number of retries made.
pub type Attempts<B> = (std::result::Result<HttpResponse<B>, TransportError>, u32);

/// Sends `request` until it succeeds, fails permanently, or retries run out.
/// Errors only for requests that cannot be signed at all.
pub async fn execute<T: Transport>(
    transport: &T,
    request: &HttpRequest<T::Unsigned>,
    signing: Option<&Signing<'_>>,
    settings: &Settings<'_>,
) -> Result<Attempts<T::Body>> {
    // A URL in fetch's form (every URL the client builds) is signed as it is;
    // any other is parsed once, not per attempt.
    let parsed;
    let target = match signing {
        Some(_) => match normalized_parts(&request.url) {
            Some(parts) => Some(parts),
            None => {
                parsed = Target::parse(&request.url, "url")?;
                Some(parsed.parts())
            }
        },
        None => None,
    };
    let mut retries = 0;
    let mut clock_corrected = false;
    loop {
        let header = match (signing, target) {
            (Some(signing), Some(target)) => {
                Some(authorization(transport, signing, target, &request.method, settings)?)
            }
            _ => None,
        };
        let result = transport.send(request, header.as_deref(), settings.timeout_ms).await;
        match next_step(transport, &result, signing, settings, &mut clock_corrected, retries) {
            Next::Answer => return Ok((result, retries)),
            Next::Again => {}
            Next::Wait(ms) => {
                retries += 1;
                transport.sleep(ms).await;
            }
        }
    }
}

/// What the loop does after an attempt.
enum Next {
    /// The attempt's result is the answer.
    Answer,
    /// Send again at once (the clock was corrected).
    Again,
    /// Retry after waiting this many milliseconds.
    Wait(f64),
}

/// Decides what follows an attempt. Not inlined: the request future's state
/// machine stays small, and holds only what lives across its awaits.
#[inline(never)]
fn next_step<T: Transport>(
    transport: &T,
    result: &std::result::Result<HttpResponse<T::Body>, TransportError>,
    signing: Option<&Signing<'_>>,
    settings: &Settings<'_>,
    clock_corrected: &mut bool,
    retries: u32,
) -> Next {
    if let (Ok(response), Some(signing), false) = (result, signing, *clock_corrected)
        && let Some(offset) = stale_timestamp_offset(response, signing, transport)
    {
        // Retry at once with the server's clock; this is not a failure.
        settings.clock_offset_ms.set(offset);
        *clock_corrected = true;
        return Next::Again;
    }
    let (outcome, retry_after) = outcome_of(result, transport);
    if !settings.retry.should_retry(outcome, retries) {
        return Next::Answer;
    }
    Next::Wait(settings.retry.wait_ms(retries + 1, transport.random(), retry_after))
}

/// How an attempt ended for the retry rules, and the wait a `Retry-After` asks for.
fn outcome_of<T: Transport>(
    result: &std::result::Result<HttpResponse<T::Body>, TransportError>,
    transport: &T,
) -> (Outcome, Option<f64>) {
    let response = match result {
        Ok(response) => response,
        Err(TransportError::Timeout) => return (Outcome::Timeout, None),
        Err(TransportError::Network(_)) => return (Outcome::NetworkError, None),
    };
    let retry_after =
        response.retry_after.as_deref().and_then(|value| retry_after_ms(response.status, value, transport.now_ms()));
    match retry_after {
        Some(_) if response.status == 429 => (Outcome::Throttled, retry_after),
        _ => (Outcome::Status(response.status), retry_after),
    }
}

#[inline(never)]
fn authorization<T: Transport>(
    transport: &T,
    signing: &Signing<'_>,
    target: Parts<'_>,
    method: &str,
    settings: &Settings<'_>,
) -> Result<String> {
    let now = transport.now_ms() + settings.clock_offset_ms.get();
    let mut nonce = [0; NONCE_LENGTH];
    let artifacts = Artifacts {
        ts: (now / 1000.0).floor() as i64,
        nonce: random_nonce_in(&mut nonce)?,
        method,
        resource: target.resource,
        host: target.host,
        port: target.port,
        hash: None,
        ext: signing.ext,
    };
    let mut header = String::with_capacity(160 + signing.ext.map_or(0, str::len));
    signing.signer.write_header_for(&artifacts, &mut |piece| header.push_str(piece))?;
    Ok(header)
}

fn stale_timestamp_offset<T: Transport>(
    response: &HttpResponse<T::Body>,
    signing: &Signing<'_>,
    transport: &T,
) -> Option<f64> {
    if response.status != 401 {
        return None;
    }
    hawk::clock_offset_ms(response.www_authenticate.as_deref()?, signing.credentials.key(), transport.now_ms())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::crypto;
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    type Response = std::result::Result<HttpResponse<String>, TransportError>;
    type Headers = Vec<(String, String)>;

    /// Replays scripted results; records each attempt as sent (`Authorization`
    /// among its headers) and how long it slept.
    struct Scripted {
        results: RefCell<Vec<Response>>,
        sent: RefCell<Vec<HttpRequest<Headers>>>,
        slept: RefCell<Vec<f64>>,
        now_ms: f64,
    }

    impl Scripted {
        fn new(mut results: Vec<Response>) -> Self {
            results.reverse();
            Scripted {
                results: RefCell::new(results),
                sent: RefCell::default(),
                slept: RefCell::default(),
                now_ms: 1_000_000_000.0,
            }
        }
    }

    impl Transport for Scripted {
        type Unsigned = Headers;
        type Body = String;
        async fn send(
            &self,
            request: &HttpRequest<Headers>,
            authorization: Option<&str>,
            _timeout_ms: f64,
        ) -> Response {
            let mut sent = request.clone();
            sent.unsigned.extend(authorization.map(|value| ("Authorization".to_string(), value.to_string())));
            self.sent.borrow_mut().push(sent);
            self.results.borrow_mut().pop().unwrap_or(Err(TransportError::Network("script ended".into())))
        }
        async fn sleep(&self, ms: f64) {
            self.slept.borrow_mut().push(ms);
        }
        fn now_ms(&self) -> f64 {
            self.now_ms
        }
        fn random(&self) -> f64 {
            0.5
        }
    }

    /// The scripted transport never pends, so polling once completes the future.
    fn run<F: Future>(future: F) -> F::Output {
        match pin!(future).as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(output) => output,
            Poll::Pending => panic!("scripted transport never pends"),
        }
    }

    fn status(code: u16) -> Response {
        Ok(HttpResponse { status: code, www_authenticate: None, retry_after: None, body: String::new() })
    }

    fn retry_after(code: u16, value: &str) -> Response {
        Ok(HttpResponse { status: code, www_authenticate: None, retry_after: Some(value.into()), body: String::new() })
    }

    fn request() -> HttpRequest<Headers> {
        HttpRequest {
            method: "GET".into(),
            url: "https://tc.example.com/api/queue/v1/ping?x=1".into(),
            unsigned: vec![],
        }
    }

    fn execute_with(script: &Scripted, credentials: Option<&Credentials>, clock: &Cell<f64>) -> Attempts<String> {
        let signer = credentials.map(|credentials| Signer::new(credentials.key()));
        let signing =
            credentials.zip(signer.as_ref()).map(|(credentials, signer)| Signing { credentials, signer, ext: None });
        let settings = Settings { retry: RetryPolicy::default(), timeout_ms: 1000.0, clock_offset_ms: clock };
        run(execute(script, &request(), signing.as_ref(), &settings)).unwrap()
    }

    #[test]
    fn retries_server_errors_then_succeeds() {
        let script = Scripted::new(vec![status(500), Err(TransportError::Timeout), status(200)]);
        let (result, retries) = execute_with(&script, None, &Cell::new(0.0));
        assert_eq!(result.unwrap().status, 200);
        assert_eq!(retries, 2);
        assert_eq!(*script.slept.borrow(), vec![100.0, 200.0]);
    }

    #[test]
    fn honours_retry_after_on_503_and_429_capped_by_max_delay() {
        let script = Scripted::new(vec![retry_after(503, "2"), retry_after(429, "120"), status(429), status(200)]);
        let (result, retries) = execute_with(&script, None, &Cell::new(0.0));
        // The plain 429 (no Retry-After) ends the call; maxDelay (30 s) caps the 120 s.
        assert_eq!((result.unwrap().status, retries), (429, 2));
        assert_eq!(*script.slept.borrow(), vec![2000.0, 30_000.0]);
    }

    #[test]
    fn never_retries_client_errors() {
        let script = Scripted::new(vec![status(404), status(200)]);
        let (result, retries) = execute_with(&script, None, &Cell::new(0.0));
        assert_eq!((result.unwrap().status, retries), (404, 0));
    }

    #[test]
    fn gives_up_after_the_configured_retries() {
        let script = Scripted::new((0..10).map(|_| status(503)).collect());
        let (result, retries) = execute_with(&script, None, &Cell::new(0.0));
        assert_eq!((result.unwrap().status, retries), (503, 5));
        assert_eq!(script.sent.borrow().len(), 6);
    }

    #[test]
    fn corrects_the_clock_once_from_an_authentic_challenge() {
        let credentials = Credentials::permanent("me", "secret");
        let server_ts = 1_000_000_000 / 1000 + 3600;
        let tsm = crypto::base64(&crypto::hmac_sha256(b"secret", format!("hawk.1.ts\n{server_ts}\n").as_bytes()));
        let challenge = HttpResponse {
            status: 401,
            www_authenticate: Some(format!(r#"Hawk ts="{server_ts}", tsm="{tsm}", error="Stale timestamp""#)),
            retry_after: None,
            body: String::new(),
        };
        let script = Scripted::new(vec![Ok(challenge.clone()), Ok(challenge), status(200)]);
        let clock = Cell::new(0.0);
        let (result, retries) = execute_with(&script, Some(&credentials), &clock);
        // Corrected once; the second challenge is returned as the answer.
        assert_eq!((result.unwrap().status, retries), (401, 0));
        assert_eq!(clock.get(), 3_600_000.0);
        let sent = script.sent.borrow();
        let second = &sent[1].unsigned[0].1;
        assert!(second.contains(&format!(r#"ts="{server_ts}""#)), "{second}");
    }

    #[test]
    fn ignores_a_forged_challenge() {
        let credentials = Credentials::permanent("me", "secret");
        let forged = HttpResponse {
            status: 401,
            www_authenticate: Some(r#"Hawk ts="1", tsm="forged", error="Stale timestamp""#.into()),
            retry_after: None,
            body: String::new(),
        };
        let script = Scripted::new(vec![Ok(forged), status(200)]);
        let clock = Cell::new(0.0);
        let (result, _) = execute_with(&script, Some(&credentials), &clock);
        assert_eq!(result.unwrap().status, 401);
        assert_eq!(clock.get(), 0.0);
    }

    /// The value of attribute `name` in a Hawk header.
    fn attribute<'a>(header: &'a str, name: &str) -> &'a str {
        let after = header.split(&format!(r#"{name}=""#)).nth(1).unwrap();
        after.split('"').next().unwrap()
    }

    #[test]
    fn signs_urls_in_fetch_form_and_others_as_the_one_shot_signer_does() {
        let credentials = Credentials::permanent("me", "secret");
        let signer = Signer::new(credentials.key());
        // The second is not in fetch's form (upper-case host, default port): it is parsed.
        for url in ["https://tc.example.com/api/queue/v1/ping?x=1", "https://TC.example.com:443/api/queue/v1/ping?x=1"]
        {
            let script = Scripted::new(vec![status(200)]);
            let signing = Signing { credentials: &credentials, signer: &signer, ext: Some("e30=") };
            let settings =
                Settings { retry: RetryPolicy::default(), timeout_ms: 1000.0, clock_offset_ms: &Cell::new(0.0) };
            let request = HttpRequest { method: "GET".into(), url: url.into(), unsigned: vec![] };
            let (result, _) = run(execute(&script, &request, Some(&signing), &settings)).unwrap();
            assert_eq!(result.unwrap().status, 200);
            let sent = &script.sent.borrow()[0].unsigned[0].1;
            let expected = hawk::authorization_header(
                credentials.key(),
                &hawk::HeaderRequest {
                    method: "GET",
                    target: &Target::parse(url, "url").unwrap(),
                    ts: attribute(sent, "ts").parse().unwrap(),
                    nonce: attribute(sent, "nonce"),
                    payload_hash: None,
                    ext: Some("e30="),
                },
            )
            .unwrap();
            assert_eq!(sent, &expected);
        }
    }

    #[test]
    fn signs_every_attempt_with_a_fresh_nonce() {
        let credentials = Credentials::permanent("me", "secret");
        let script = Scripted::new(vec![status(500), status(200)]);
        let _ = execute_with(&script, Some(&credentials), &Cell::new(0.0));
        let sent = script.sent.borrow();
        let (a, b) = (&sent[0].unsigned[0], &sent[1].unsigned[0]);
        assert_eq!(a.0, "Authorization");
        assert!(a.1.starts_with(r#"Hawk id="me", ts="1000000""#), "{}", a.1);
        assert_ne!(a.1, b.1);
    }
}
