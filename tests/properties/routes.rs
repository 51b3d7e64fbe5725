//! Routes and query values: every argument survives the trip into the URL
//! (percent-decoding gives it back). Routing-key patterns are built in JS
//! (pkg-template/routing-key.js) and tested there.

use proptest::prelude::*;
use taskcluster_wasm::core::call::{Endpoint, request_url};
use taskcluster_wasm::core::reference::FunctionEntry;
use taskcluster_wasm::core::urls::encode_route_arg;

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(text.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

const UNRESERVED: &str = "-_.!~*'()";

proptest! {
    #[test]
    fn route_arguments_round_trip(value in "\\PC{0,30}|[/?#%&= a-z]{0,12}") {
        let encoded = encode_route_arg(&value);
        prop_assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || UNRESERVED.contains(c) || c == '%'), "{}", encoded);
        prop_assert_eq!(percent_decode(&encoded), Some(value));
    }

    #[test]
    fn urls_carry_every_argument_and_query_value(
        args in prop::collection::vec("\\PC{1,12}", 1..4),
        query in prop::collection::vec(("[a-zA-Z]{1,8}", "\\PC{0,12}"), 0..3),
        base in prop_oneof![Just(None), Just(Some("http://127.0.0.1:8080/api/queue/v1/"))],
    ) {
        let names: Vec<String> = (0..args.len()).map(|i| format!("arg{i}")).collect();
        let route = names.iter().map(|n| format!("/x/<{n}>")).collect::<String>();
        let entry = FunctionEntry { name: "m".into(), method: "get".into(), route, args: names,
            query: query.iter().map(|(k, _)| k.clone()).collect(), input: false, output: true };
        let endpoint = match base {
            Some(base) => Endpoint::BaseUrl(base.into()),
            None => Endpoint::RootUrl("https://tc.example.com".into()),
        };
        let url = request_url(&endpoint, "queue", "v1", &entry, &args, &query).map_err(|e| TestCaseError::fail(e.message))?;
        let (path, query_text) = url.split_once('?').unwrap_or((&url, ""));
        let prefix = "/api/queue/v1/x/";
        let after = &path[path.find(prefix).ok_or_else(|| TestCaseError::fail(url.clone()))? + prefix.len()..];
        let decoded: Vec<Option<String>> = after.split("/x/").map(percent_decode).collect();
        prop_assert_eq!(decoded, args.iter().cloned().map(Some).collect::<Vec<_>>());
        let pairs: Vec<(Option<String>, Option<String>)> = if query_text.is_empty() { vec![] } else {
            query_text.split('&').map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            }).collect()
        };
        prop_assert_eq!(pairs, query.iter().map(|(k, v)| (Some(k.clone()), Some(v.clone()))).collect::<Vec<_>>());
    }

    #[test]
    fn empty_route_arguments_are_refused(position in 0usize..3) {
        let names: Vec<String> = (0..3).map(|i| format!("a{i}")).collect();
        let mut args = vec!["x".to_string(); 3];
        args[position] = String::new();
        let entry = FunctionEntry { name: "m".into(), method: "get".into(),
            route: "/<a0>/<a1>/<a2>".into(), args: names, query: vec![], input: false, output: true };
        prop_assert!(request_url(&Endpoint::RootUrl("https://h".into()), "s", "v1", &entry, &args, &[]).is_err());
    }
}
