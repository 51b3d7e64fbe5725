//! Boundary tests, run by wasm-bindgen-test in Node and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium: JS values in, JS values
//! and JS errors out, and the module still working after every error.

use js_sys::{Array, JSON, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::content_hasher::JsContentHasher;
use super::transfer_retry::TransferRetry;
use super::values::plain_object;
use super::{credentials, hawk, oauth, scopes, slugid, time};

fn json(text: &str) -> JsValue {
    JSON::parse(text).expect("test JSON is valid")
}

fn get(object: &JsValue, key: &str) -> JsValue {
    Reflect::get(object, &JsValue::from_str(key)).expect("readable")
}

fn error_message(error: &JsValue) -> String {
    error.dyn_ref::<js_sys::Error>().map(|e| String::from(e.message())).unwrap_or_default()
}

/// The module still answers after an error (a trap would make this throw).
fn assert_alive() {
    assert_eq!(slugid::slugid_v4().expect("slugid works").len(), 22);
}

const SPEC_OPTIONS: &str = r#"{"method": "GET", "url": "http://example.com:8000/resource/1?b=1&a=2",
  "credentials": {"clientId": "dh37fgj492je", "accessToken": "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn"},
  "timestamp": 1353832234, "nonce": "j4h3g2", "ext": "some-app-ext-data"}"#;

#[wasm_bindgen_test]
fn hawk_header_matches_the_spec_vector() {
    let header = hawk::hawk_header(json(SPEC_OPTIONS)).expect("signs");
    assert_eq!(
        header,
        r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#
    );
}

#[wasm_bindgen_test]
fn hawk_header_normalizes_the_url_like_fetch() {
    let options = |url: &str| {
        let o = json(SPEC_OPTIONS);
        Reflect::set(&o, &"url".into(), &url.into()).expect("settable");
        o
    };
    let encoded = hawk::hawk_header(options("http://example.com:8000/a%20b/./c")).expect("signs");
    let raw = hawk::hawk_header(options("http://example.com:8000/a b/c")).expect("signs");
    assert_eq!(encoded, raw);
}

#[wasm_bindgen_test]
fn signing_errors_are_typed_and_name_the_argument() {
    let missing_url =
        hawk::hawk_header(json(r#"{"method": "GET", "credentials": {"clientId": "a", "accessToken": "b"}}"#))
            .expect_err("no url");
    assert!(missing_url.is_instance_of::<js_sys::TypeError>());
    assert!(
        error_message(&missing_url).contains("hawkHeader: options.url must be a string"),
        "{}",
        error_message(&missing_url)
    );
    assert_alive();

    let secret = r#"{"method": "GET", "url": "https://h/", "credentials": {"clientId": "a", "accessToken": 7}}"#;
    let bad_token = hawk::hawk_header(json(secret)).expect_err("numeric token");
    assert!(error_message(&bad_token).contains("options.credentials.accessToken"));
    assert_alive();

    let not_object = hawk::sign_url(JsValue::from_f64(3.0)).expect_err("number");
    assert!(not_object.is_instance_of::<js_sys::TypeError>());
    assert_alive();

    let relative = hawk::bewit(json(r#"{"url": "/relative", "credentials": {"clientId": "a", "accessToken": "b"}}"#))
        .expect_err("relative url");
    assert!(error_message(&relative).starts_with("bewit: options.url"));
    assert_alive();
}

#[wasm_bindgen_test]
fn sign_url_appends_a_bewit() {
    let url = hawk::sign_url(json(
        r#"{"url": "https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Fx.log?a=1",
            "credentials": {"clientId": "me", "accessToken": "secret"}, "timestamp": 1000, "expiration": 60}"#,
    ))
    .expect("signs");
    assert!(
        url.starts_with("https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Fx.log?a=1&bewit="),
        "{url}"
    );
    assert!(!url.contains("secret"));
}

#[wasm_bindgen_test]
fn temporary_credentials_round_trip_into_a_signature() {
    let issued = credentials::create_temporary_credentials(json(
        r#"{"clientId": "issuer", "accessToken": "issuer-token", "start": 0, "expiry": "1970-01-01T00:01:00.000Z",
            "scopes": [], "seed": "aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbb"}"#,
    ))
    .expect("issues");
    let certificate = get(&issued, "certificate").as_string().expect("certificate is a string");
    assert!(certificate.contains(r#""scopes":[],"start":0,"expiry":60000"#), "{certificate}");
    // The issued credentials sign requests, certificate carried in ext.
    let options =
        plain_object(&[("method", "GET".into()), ("url", "https://h/x".into()), ("credentials", issued.clone())]);
    let header = hawk::hawk_header(options).expect("signs with temporary credentials");
    assert!(header.contains("ext=\""));
}

#[wasm_bindgen_test]
fn temporary_credentials_errors() {
    let too_long = credentials::create_temporary_credentials(json(
        r#"{"clientId": "i", "accessToken": "t", "start": 0, "expiry": 2678400001, "scopes": []}"#,
    ))
    .expect_err("32 days");
    assert!(too_long.is_instance_of::<js_sys::RangeError>());
    let no_expiry =
        credentials::create_temporary_credentials(json(r#"{"clientId": "i", "accessToken": "t", "scopes": []}"#))
            .expect_err("no expiry");
    assert!(no_expiry.is_instance_of::<js_sys::TypeError>());
    let bad_date = credentials::create_temporary_credentials(json(
        r#"{"clientId": "i", "accessToken": "t", "expiry": "not a date", "scopes": []}"#,
    ))
    .expect_err("bad date");
    assert!(error_message(&bad_date).contains("options.expiry"));
    assert_alive();
}

#[wasm_bindgen_test]
fn scopes_follow_real_semantics() {
    let sets = json(r#"[["scopeA", "scopeB"], ["scopeC:*"]]"#);
    let matches = |assumed: &str| scopes::scope_match(json(assumed), sets.clone()).expect("valid");
    assert!(matches(r#"["scopeA", "scopeB"]"#));
    assert!(!matches(r#"["scopeC:xyz"]"#));
    assert!(matches(r#"["scopeC:*"]"#));
    assert!(!matches(r#"["scopeA"]"#));
    let set = scopes::ScopeSet::new(json(r#"["queue:*", "index:insert-task:a.b"]"#)).expect("valid");
    assert!(
        set.satisfies(json(r#"{"AllOf": ["queue:create-task:x", {"AnyOf": ["index:insert-task:a.b", "nope"]}]}"#))
            .expect("valid")
    );
    assert_eq!(Array::from(&set.scopes()).length(), 2);
}

#[wasm_bindgen_test]
fn bad_expressions_throw_and_valid_expression_never_does() {
    let mut deep = json(r#""a""#);
    for _ in 0..500 {
        deep = plain_object(&[("AnyOf", Array::of1(&deep).into())]);
    }
    assert!(scopes::satisfies_expression(json(r#"["a"]"#), deep.clone()).is_err());
    assert!(!scopes::valid_expression_js(deep));
    assert!(!scopes::valid_expression_js(json(r#"{"AnyOf": [], "AllOf": []}"#)));
    assert!(!scopes::valid_scope(JsValue::from_f64(1.0)));
    assert_alive();
}

#[wasm_bindgen_test]
fn from_now_json_is_an_iso_string() {
    let text = time::from_now_json(Some("2 days 3 hours".into()), Some(JsValue::from_f64(0.0))).expect("valid");
    assert_eq!(text, "1970-01-03T03:00:00.000Z");
    let date = time::from_now(Some("- 1 min".into()), Some("1970-01-01T00:01:00.000Z".into())).expect("valid");
    assert_eq!(date.get_time(), 0.0);
    let error = time::from_now(Some("2 dayz".into()), None).expect_err("invalid");
    assert!(error_message(&error).contains("dayz"), "{}", error_message(&error));
    assert_alive();
}

#[wasm_bindgen_test]
fn no_offset_means_now_and_parse_time_gives_the_fields() {
    let base = Some(JsValue::from_f64(60_000.0));
    assert_eq!(time::from_now_json(None, base.clone()).expect("valid"), "1970-01-01T00:01:00.000Z");
    assert_eq!(time::from_now(Some(JsValue::NULL), base).expect("valid").get_time(), 60_000.0);
    let fields = time::parse_time(Some("-2 days 3h".into())).expect("valid");
    let field = |name: &str| Reflect::get(&fields, &name.into()).ok().and_then(|v| v.as_f64());
    assert_eq!((field("days"), field("hours"), field("years")), (Some(-2.0), Some(-3.0), Some(0.0)));
    assert!(time::parse_time(Some(JsValue::from_f64(1.0))).is_err());
    assert_alive();
}

#[wasm_bindgen_test]
fn slugids_are_url_safe_and_nice() {
    for _ in 0..200 {
        let nice = slugid::slugid_nice().expect("random available");
        assert_eq!(nice.len(), 22);
        assert!(!nice.starts_with('-'));
        assert!(nice.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
    }
}

/// A client as runtime.js makes one: options already read into primitives.
fn client_with(credentials: Option<(&str, &str)>) -> super::service_client::ServiceClient {
    let (client_id, access_token) =
        credentials.map_or((None, None), |(id, token)| (Some(id.into()), Some(token.into())));
    super::service_client::ServiceClient::new(
        client_id,
        access_token,
        None,
        false,
        JsValue::UNDEFINED,
        None,
        None,
        None,
        None,
        30_000.0,
        None,
        900.0,
    )
}

#[wasm_bindgen_test]
fn pad_bewits_need_the_clients_own_credentials_and_a_url() {
    assert_eq!(client_with(Some(("me", "secret"))).pad_bewit(0, 0.0, f64::NAN), 0, "an empty pad holds no URL");
    assert_eq!(client_with(None).pad_bewit(0, 0.0, f64::NAN), 0, "no credentials, no bewit");
    assert_alive();
}

#[wasm_bindgen_test]
fn the_normalized_fast_path_agrees_with_url() {
    use crate::core::hawk::{Target, target::is_normalized};
    // A fixed-seed walk over characters URL treats specially.
    let alphabet: Vec<char> = "aZ09-._~!$&'()*+,;=:@/?%#\\|^`{}<>\" é2eE".chars().collect();
    let mut seed: u32 = 12345;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) as usize % n
    };
    let mut fast = 0;
    for _ in 0..3000 {
        let length = next(12);
        let tail: String = (0..length).map(|_| alphabet[next(alphabet.len())]).collect();
        let url = format!("https://tc.example.com/{tail}");
        if !is_normalized(&url) {
            continue;
        }
        fast += 1;
        let href = web_sys::Url::new(&url).expect("valid URL").href();
        let ours = Target::parse(&url, "url").expect("parses");
        let theirs = Target::parse(&href, "url").expect("parses");
        assert_eq!(ours, theirs, "{url} vs {href}");
    }
    assert!(fast > 300, "only {fast} URLs took the fast path");
}

#[wasm_bindgen_test]
fn fast_and_exact_readers_agree() {
    use super::args::{expression, expression_node_by_node, string_array};
    let mut seed: u32 = 99;
    let mut next = |n: u32| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        (seed >> 16) % n
    };
    fn build(next: &mut dyn FnMut(u32) -> u32, depth: u32) -> String {
        match if depth > 3 { 0 } else { next(3) } {
            0 => ["\"a\"", "\"b:*\"", "\"\"", "\"x y\""][next(4) as usize].to_string(),
            kind => {
                let children: Vec<String> = (0..next(4)).map(|_| build(next, depth + 1)).collect();
                format!("{{\"{}\": [{}]}}", if kind == 1 { "AnyOf" } else { "AllOf" }, children.join(","))
            }
        }
    }
    for _ in 0..300 {
        let text = build(&mut next, 0);
        let value = json(&text);
        assert_eq!(expression(&value, "e").ok(), expression_node_by_node(&value, "e").ok(), "{text}");
    }
    // What the fast path declines still gets the exact reader's answer and message.
    for odd in [r#"{"AnyOf": ["a"], "AllOf": []}"#, r#"{"AnyOf": "a"}"#, r#"["a"]"#, "5", r#"{"AnyOf": ["a\nb"]}"#] {
        let value = json(odd);
        assert_eq!(
            expression(&value, "e").map_err(|e| e.message),
            expression_node_by_node(&value, "e").map_err(|e| e.message),
            "{odd}"
        );
    }
    let list = json(r#"["a", "", "c:*"]"#);
    assert_eq!(string_array(&list, "l").expect("strings"), vec!["a".to_string(), String::new(), "c:*".into()]);
    let mixed = string_array(&json(r#"["a", 1]"#), "l").expect_err("a number");
    assert!(mixed.message.contains("l[1] must be a string"), "{}", mixed.message);
}

const ABC_SHA256: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

#[wasm_bindgen_test]
fn content_hasher_digests_what_it_was_fed() {
    let mut hasher = JsContentHasher::new();
    hasher.update(b"ab");
    hasher.update(b"");
    hasher.update(b"c");
    assert_eq!(hasher.bytes(), 3.0);
    let hex = hasher.digest();
    assert_eq!(hex.get(..64), Some(ABC_SHA256));
    assert_eq!(hex.len(), 64 + 128);
}

#[wasm_bindgen_test]
fn transfer_retry_counts_down_with_growing_delays() {
    let mut retry = TransferRetry::new(Some(2.0), Some(10.0), Some(0.0), None);
    assert_eq!(retry.next_delay(), Some(10.0));
    assert_eq!(retry.next_delay(), Some(20.0));
    assert_eq!(retry.next_delay(), None);
    let mut defaults = TransferRetry::new(None, None, Some(0.0), None);
    assert_eq!(defaults.next_delay(), Some(100.0));
    assert_alive();
}

#[wasm_bindgen_test]
fn oauth_state_and_pkce_pair_are_fresh_url_safe_tokens() {
    let url_safe =
        |text: &str| text.len() == 43 && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let (a, b) = (oauth::oauth_new_state().expect("state"), oauth::oauth_new_state().expect("state"));
    assert!(url_safe(&a) && url_safe(&b) && a != b);
    let pair = oauth::oauth_pkce_pair().expect("pair");
    let verifier = get(&pair, "verifier").as_string().expect("verifier");
    assert!(url_safe(&verifier));
    assert_eq!(get(&pair, "challenge").as_string(), Some(crate::core::oauth::pkce_challenge(&verifier)));
}
