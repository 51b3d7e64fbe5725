//! A service's API as the client needs it: the facts from `apis/` (or from a
//! deployment's reference documents) that turn a method call into a request.

/// One REST service. (Exchange sets are JS only: routing-key.js.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceReference {
    /// The class name, e.g. `Queue`.
    pub name: String,
    /// The URL segment, e.g. `queue`.
    pub service_name: String,
    /// E.g. `v1`.
    pub api_version: String,
    pub functions: Vec<FunctionEntry>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FunctionEntry {
    pub name: String,
    /// Lower- or upper-case HTTP method.
    pub method: String,
    /// E.g. `/task/<taskId>/artifacts/<name>`.
    pub route: String,
    pub args: Vec<String>,
    pub query: Vec<String>,
    /// Whether the method takes a JSON payload.
    pub input: bool,
    /// Whether the method answers with a JSON body.
    pub output: bool,
}

impl FunctionEntry {
    /// The method's JS signature for error messages, e.g.
    /// `listTaskGroup(taskGroupId, [query])`.
    pub fn signature(&self) -> String {
        let mut params: Vec<String> = self.args.clone();
        if self.input {
            params.push("payload".to_string());
        }
        if !self.query.is_empty() {
            params.push("[query]".to_string());
        }
        format!("{}({})", self.name, params.join(", "))
    }
}

impl ServiceReference {
    pub fn function(&self, name: &str) -> Option<&FunctionEntry> {
        self.functions.iter().find(|f| f.name == name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_lists_args_payload_and_query() {
        let entry = FunctionEntry {
            name: "listTaskGroup".into(),
            method: "get".into(),
            route: "/task-group/<taskGroupId>/list".into(),
            args: vec!["taskGroupId".into()],
            query: vec!["continuationToken".into(), "limit".into()],
            input: false,
            output: true,
        };
        assert_eq!(entry.signature(), "listTaskGroup(taskGroupId, [query])");
        let create = FunctionEntry {
            name: "createTask".into(),
            args: vec!["taskId".into()],
            query: vec![],
            input: true,
            ..entry
        };
        assert_eq!(create.signature(), "createTask(taskId, payload)");
    }
}
