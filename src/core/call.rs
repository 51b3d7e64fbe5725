//! How a method call becomes a request: the one place that maps route
//! arguments and query options onto a URL.

use super::error::excerpt;
use super::reference::{FunctionEntry, ServiceReference};
use super::{Error, Result, urls};

/// Where a client sends its requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// URLs made from a deployment's rootUrl (legacy or new style).
    RootUrl(String),
    /// An explicit base such as `http://localhost:8080/api/queue/v1`; routes are appended.
    BaseUrl(String),
}

/// A service's rootUrl inside a Kubernetes cluster (`serviceDiscoveryScheme:
/// 'k8s-dns'`): the cluster's DNS search domain resolves the bare service host,
/// which answers plain http.
pub fn k8s_dns_root_url(service_name: &str) -> String {
    format!("http://taskcluster-{service_name}")
}

/// The URL of `entry` called with route `args` (in `entry.args` order) and
/// `query` pairs (names already checked against `entry.query`).
///
/// ```
/// use taskcluster_wasm::core::call::{Endpoint, request_url};
/// use taskcluster_wasm::core::reference::FunctionEntry;
/// let entry = FunctionEntry { name: "getArtifact".into(), method: "get".into(),
///     route: "/task/<taskId>/artifacts/<name>".into(), args: vec!["taskId".into(), "name".into()],
///     query: vec![], input: false, output: true };
/// let url = request_url(&Endpoint::RootUrl("https://tc.example.com".into()), "queue", "v1", &entry,
///     &["abc".into(), "public/log.txt".into()], &[]).unwrap();
/// assert_eq!(url, "https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Flog.txt");
/// ```
pub fn request_url(
    endpoint: &Endpoint,
    service_name: &str,
    api_version: &str,
    entry: &FunctionEntry,
    args: &[String],
    query: &[(String, String)],
) -> Result<String> {
    if args.len() != entry.args.len() {
        return Err(Error::type_error(format!(
            "{} takes {} route argument(s), got {}",
            entry.signature(),
            entry.args.len(),
            args.len()
        )));
    }
    let path = fill_route(&entry.route, &entry.args, args)?;
    let mut url = match endpoint {
        Endpoint::RootUrl(root) => urls::api(root, service_name, api_version, &path),
        Endpoint::BaseUrl(base) => format!("{}{}", base.trim_end_matches('/'), path),
    };
    for (i, (name, value)) in query.iter().enumerate() {
        url.push(if i == 0 { '?' } else { '&' });
        url.push_str(&urls::encode_route_arg(name));
        url.push('=');
        url.push_str(&urls::encode_route_arg(value));
    }
    Ok(url)
}

/// Checks that every query name is one the method accepts.
pub fn check_query_names(entry: &FunctionEntry, names: &[&str]) -> Result<()> {
    match names.iter().find(|name| !entry.query.iter().any(|allowed| allowed == *name)) {
        None => Ok(()),
        Some(unknown) if entry.query.is_empty() => {
            Err(Error::type_error(format!("{} accepts no query options, got {}", entry.name, excerpt(unknown))))
        }
        Some(unknown) => Err(Error::type_error(format!(
            "{} does not accept the query option {}; allowed: {}",
            entry.name,
            excerpt(unknown),
            entry.query.join(", ")
        ))),
    }
}

/// Replaces each `<name>` in `route` with its percent-encoded argument.
fn fill_route(route: &str, names: &[String], values: &[String]) -> Result<String> {
    let mut path = String::with_capacity(route.len() + 32);
    let mut rest = route;
    while let Some((before, after_open)) = rest.split_once('<') {
        let Some((name, after_close)) = after_open.split_once('>') else { break };
        path.push_str(before);
        let value = names.iter().position(|n| n == name).and_then(|i| values.get(i)).ok_or_else(|| {
            Error::invalid(format!("route {} names <{name}>, which is not among its arguments", excerpt(route)))
        })?;
        if value.is_empty() {
            return Err(Error::type_error(format!("route argument {name} must not be empty")));
        }
        path.push_str(&urls::encode_route_arg(value));
        rest = after_close;
    }
    path.push_str(rest);
    Ok(path)
}

/// Looks up `name` in `reference`, with the available names in the error.
pub fn find_function<'a>(reference: &'a ServiceReference, name: &str) -> Result<&'a FunctionEntry> {
    reference
        .function(name)
        .ok_or_else(|| Error::type_error(format!("{} has no method {}", reference.name, excerpt(name))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(route: &str, args: &[&str], query: &[&str]) -> FunctionEntry {
        FunctionEntry {
            name: "m".into(),
            method: "get".into(),
            route: route.into(),
            args: args.iter().map(|s| s.to_string()).collect(),
            query: query.iter().map(|s| s.to_string()).collect(),
            input: false,
            output: true,
        }
    }

    fn url(e: &FunctionEntry, args: &[&str], query: &[(&str, &str)]) -> Result<String> {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let query: Vec<(String, String)> = query.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        request_url(&Endpoint::RootUrl("https://tc.example.com/".into()), "queue", "v1", e, &args, &query)
    }

    #[test]
    fn fills_routes_and_encodes_arguments() {
        let e = entry("/task/<taskId>/runs/<runId>/artifacts/<name>", &["taskId", "runId", "name"], &[]);
        assert_eq!(
            url(&e, &["a b", "0", "public/x?y#z"], &[]).unwrap(),
            "https://tc.example.com/api/queue/v1/task/a%20b/runs/0/artifacts/public%2Fx%3Fy%23z"
        );
    }

    #[test]
    fn legacy_root_url_and_base_url() {
        let e = entry("/ping", &[], &[]);
        let legacy = request_url(&Endpoint::RootUrl("https://taskcluster.net".into()), "queue", "v1", &e, &[], &[]);
        assert_eq!(legacy.unwrap(), "https://queue.taskcluster.net/v1/ping");
        let base = request_url(&Endpoint::BaseUrl("http://127.0.0.1:1/q/".into()), "queue", "v1", &e, &[], &[]);
        assert_eq!(base.unwrap(), "http://127.0.0.1:1/q/ping");
    }

    #[test]
    fn in_cluster_urls() {
        let e = entry("/ping", &[], &[]);
        let root = Endpoint::RootUrl(k8s_dns_root_url("queue"));
        assert_eq!(request_url(&root, "queue", "v1", &e, &[], &[]).unwrap(), "http://taskcluster-queue/api/queue/v1/ping");
    }

    #[test]
    fn appends_the_query_string() {
        let e = entry("/task-group/<id>/list", &["id"], &["continuationToken", "limit"]);
        assert_eq!(
            url(&e, &["g"], &[("continuationToken", "a+b/c"), ("limit", "10")]).unwrap(),
            "https://tc.example.com/api/queue/v1/task-group/g/list?continuationToken=a%2Bb%2Fc&limit=10"
        );
    }

    #[test]
    fn argument_errors_are_clear() {
        let e = entry("/task/<taskId>", &["taskId"], &["limit"]);
        let err = url(&e, &[], &[]).unwrap_err();
        assert!(err.message.contains("m(taskId, [query]) takes 1 route argument(s), got 0"), "{}", err.message);
        assert!(url(&e, &[""], &[]).is_err());
        let err = check_query_names(&e, &["limt"]).unwrap_err();
        assert!(err.message.contains("allowed: limit"), "{}", err.message);
        assert!(check_query_names(&e, &["limit"]).is_ok());
    }
}
