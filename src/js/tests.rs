//! Boundary tests, run by wasm-bindgen-test in Node and, with
//! `WASM_BINDGEN_USE_BROWSER=1`, in headless Chromium: JS values in, JS values
//! and JS errors out, and the module still working after every error.

use js_sys::{Array, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::wasm_bindgen_test;

use super::content_hasher::JsContentHasher;
use super::transfer_retry::TransferRetry;
use super::{hawk, oauth, scopes, slugid, time};

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

const SPEC_URL: &str = "http://example.com:8000/resource/1?b=1&a=2";
const SPEC_ID: &str = "dh37fgj492je";
const SPEC_TOKEN: &str = "werxhqb98rpaxn39848xrunpaw3489ruxnpa98w4rxn";

/// `hawkHeader`'s checked path with the spec vector's options and `url`.
fn spec_header(url: &str) -> Result<String, JsValue> {
    let ext = Some("some-app-ext-data".to_string());
    hawk::hawk_header_checked(url, SPEC_ID, SPEC_TOKEN, ext, 1353832234.0, "GET", Some("j4h3g2".into()), None, None)
}

#[wasm_bindgen_test]
fn hawk_header_matches_the_spec_vector() {
    assert_eq!(
        spec_header(SPEC_URL).expect("signs"),
        r#"Hawk id="dh37fgj492je", ts="1353832234", nonce="j4h3g2", ext="some-app-ext-data", mac="6R4rV5iE+NPoym+WwjeHzjAGXUtLNIxmo1vpMofpLAE=""#
    );
}

#[wasm_bindgen_test]
fn hawk_header_normalizes_the_url_like_fetch() {
    let encoded = spec_header("http://example.com:8000/a%20b/./c").expect("signs");
    let raw = spec_header("http://example.com:8000/a b/c").expect("signs");
    assert_eq!(encoded, raw);
}

#[wasm_bindgen_test]
fn signing_errors_name_the_function_and_the_url() {
    let relative = hawk::bewit_checked("/relative", "a", "b", None, 1000.0, None, false).expect_err("relative url");
    assert!(error_message(&relative).starts_with("bewit: options.url"), "{}", error_message(&relative));
    assert_alive();
    let header = spec_header("ftp://example.com/").expect_err("not http");
    assert!(error_message(&header).starts_with("hawkHeader: options.url"), "{}", error_message(&header));
    assert_alive();
}

#[wasm_bindgen_test]
fn sign_url_appends_a_bewit() {
    let url = "https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Fx.log?a=1";
    let signed = hawk::bewit_checked(url, "me", "secret", None, 1000.0, Some(60.0), true).expect("signs");
    assert!(signed.starts_with(&format!("{url}&bewit=")), "{signed}");
    assert!(!signed.contains("secret"));
}

#[wasm_bindgen_test]
fn lists_cross_as_one_string_with_their_own_separator() {
    assert_eq!(super::bulk::list_items(""), Vec::<String>::new());
    assert_eq!(super::bulk::list_items("\n"), vec![String::new()]);
    assert_eq!(super::bulk::list_items("\na\nb"), vec!["a".to_string(), "b".to_string()]);
    assert_eq!(super::bulk::list_items("\0a\nb\0c"), vec!["a\nb".to_string(), "c".to_string()]);
}

#[wasm_bindgen_test]
fn temporary_credentials_round_trip_into_a_signature() {
    let seed = Some("aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbb".to_string());
    let issuer = hawk::HawkSigner::new("issuer", "issuer-token");
    let issued = issuer.issue_temporary_credentials(false, None, 0.0, 60_000.0, "", seed).expect("issues");
    let (access_token, certificate) = issued.split_once('\n').expect("token, then certificate");
    assert!(certificate.contains(r#""scopes":[],"start":0,"expiry":60000"#), "{certificate}");
    // The issued credentials sign requests, certificate carried in ext.
    let ext = hawk::hawk_ext(Some(certificate.into()), None);
    let header = hawk::hawk_header_checked("https://h/x", "issuer", access_token, ext, 1000.0, "GET", None, None, None)
        .expect("signs with temporary credentials");
    assert!(header.contains("ext=\""));
}

#[wasm_bindgen_test]
fn temporary_credentials_errors() {
    let issuer = hawk::HawkSigner::new("i", "t");
    let create =
        |temporary: bool, expiry: f64| issuer.issue_temporary_credentials(temporary, None, 0.0, expiry, "", None);
    let too_long = create(false, 2678400001.0).expect_err("32 days");
    assert!(too_long.is_instance_of::<js_sys::RangeError>());
    assert!(error_message(&too_long).starts_with("createTemporaryCredentials: "), "{}", error_message(&too_long));
    assert!(create(true, 60_000.0).is_err(), "temporary credentials cannot issue");
    let bad_date = time::iso_time_ms("not a date").expect_err("bad date");
    assert!(error_message(&bad_date).starts_with("date \"not a date\""), "{}", error_message(&bad_date));
    assert_alive();
}

#[wasm_bindgen_test]
fn scopes_follow_real_semantics() {
    // Lists and expressions cross as one string, their first character the separator.
    let sets = "\u{1}\nscopeA\nscopeB\u{1}\nscopeC:*";
    let matches = |assumed: &str| scopes::scope_match_of(assumed, sets).expect("valid");
    assert!(matches("\nscopeA\nscopeB"));
    assert!(!matches("\nscopeC:xyz"));
    assert!(matches("\nscopeC:*"));
    assert!(!matches("\nscopeA"));
    let set = scopes::ScopeSet::new("\nqueue:*\nindex:insert-task:a.b").expect("valid");
    assert!(set.satisfies("\nL2\nSqueue:create-task:x\nA2\nSindex:insert-task:a.b\nSnope").expect("valid"));
    assert!(set.covers("queue:x") && !set.covers("index:x"));
    assert_eq!(Array::from(&set.scopes()).length(), 2);
}

#[wasm_bindgen_test]
fn invalid_scopes_are_named_and_valid_expression_never_throws() {
    let error = scopes::scope_expression_operation(0, "\na", "\0A1\0Sb\nc").expect_err("a newline in a scope");
    assert!(error.is_instance_of::<js_sys::TypeError>());
    assert!(error_message(&error).starts_with("satisfiesExpression: expression.AnyOf[0] is not a valid scope"));
    let error = scopes::scope_set_operation(0, "\na\nb\u{7f}", "").expect_err("DEL");
    assert!(
        error_message(&error).starts_with("scopeIntersection: a[1] is not a valid scope"),
        "{}",
        error_message(&error)
    );
    assert!(!scopes::valid_expression_of("\nSa\u{7f}"));
    assert!(!scopes::valid_expression_of("\nA2\nSa"), "a child missing");
    assert!(scopes::valid_expression_of("\nA0"));
    assert!(!scopes::valid_scope_of("a\tb"));
    assert_alive();
}

#[wasm_bindgen_test]
fn from_now_moves_the_base_and_names_the_function() {
    assert_eq!(time::from_now_ms("2 days 3 hours", 0.0, true).expect("valid"), 183_600_000.0);
    assert_eq!(time::iso_time_ms("1970-01-01T00:01:00.000Z").expect("valid"), 60_000.0);
    assert_eq!(time::from_now_ms("- 1 min", 60_000.0, false).expect("valid"), 0.0);
    let error = time::from_now_ms("2 dayz", 0.0, false).expect_err("invalid");
    assert!(error_message(&error).starts_with("fromNow: ") && error_message(&error).contains("dayz"));
    let error = time::from_now_ms("1 year", 8.64e15, true).expect_err("outside the range of dates");
    assert!(error.is_instance_of::<js_sys::RangeError>() && error_message(&error).starts_with("fromNowJSON: "));
    assert_alive();
}

#[wasm_bindgen_test]
fn no_offset_means_now_and_parse_time_gives_the_fields() {
    assert_eq!(time::from_now_ms("", 60_000.0, false).expect("valid"), 60_000.0);
    let fields = time::parse_time_of("-2 days 3h").expect("valid");
    let field = |name: &str| Reflect::get(&fields, &name.into()).ok().and_then(|v| v.as_f64());
    assert_eq!((field("days"), field("hours"), field("years")), (Some(-2.0), Some(-3.0), Some(0.0)));
    assert!(time::parse_time_of("2 dayz").is_err());
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
        None,
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
