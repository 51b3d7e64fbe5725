//! Routing-key patterns for binding to Taskcluster's pulse exchanges.

use super::error::excerpt;
use super::reference::ExchangeEntry;
use super::{Error, Result};

/// The pattern for `entry` with the given entry values: constants fill
/// themselves, unspecified single-word entries become `*`, multi-word ones `#`.
///
/// `values` are `(routing-key entry name, value)`; names must exist in the entry.
///
/// ```
/// use taskcluster_wasm::core::reference::{ExchangeEntry, RoutingKeyEntry};
/// use taskcluster_wasm::core::routing_key::pattern;
/// let key = |name: &str, constant: Option<&str>, multiple_words| RoutingKeyEntry {
///     name: name.into(), constant: constant.map(Into::into), required: false, multiple_words };
/// let entry = ExchangeEntry { name: "taskCompleted".into(), exchange: "task-completed".into(),
///     routing_key: vec![key("routingKeyKind", Some("primary"), false), key("taskId", None, false),
///                       key("runId", None, false), key("reserved", None, true)] };
/// assert_eq!(pattern(&entry, &[("taskId".into(), "abc".into())]).unwrap(), "primary.abc.*.#");
/// ```
pub fn pattern(entry: &ExchangeEntry, values: &[(String, String)]) -> Result<String> {
    if let Some((unknown, _)) = values.iter().find(|(name, _)| !entry.routing_key.iter().any(|k| &k.name == name)) {
        let allowed: Vec<&str> =
            entry.routing_key.iter().filter(|k| k.constant.is_none()).map(|k| k.name.as_str()).collect();
        return Err(Error::type_error(format!(
            "{} has no routing-key entry {}; allowed: {}",
            entry.name,
            excerpt(unknown),
            allowed.join(", ")
        )));
    }
    let words = entry.routing_key.iter().map(|key| {
        if let Some(constant) = &key.constant {
            return Ok(constant.clone());
        }
        match values.iter().find(|(name, _)| name == &key.name) {
            Some((_, value)) if !key.multiple_words && value.contains('.') => Err(Error::invalid(format!(
                "{}: routing-key entry {} is a single word and cannot contain '.', got {}",
                entry.name,
                key.name,
                excerpt(value)
            ))),
            Some((_, value)) => Ok(value.clone()),
            None if key.multiple_words => Ok("#".to_string()),
            None => Ok("*".to_string()),
        }
    });
    Ok(words.collect::<Result<Vec<_>>>()?.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::reference::RoutingKeyEntry;

    fn entry() -> ExchangeEntry {
        let key = |name: &str, constant: Option<&str>, multiple_words| RoutingKeyEntry {
            name: name.into(),
            constant: constant.map(Into::into),
            required: false,
            multiple_words,
        };
        ExchangeEntry {
            name: "taskDefined".into(),
            exchange: "task-defined".into(),
            routing_key: vec![
                key("routingKeyKind", Some("primary"), false),
                key("taskId", None, false),
                key("taskGroupId", None, false),
                key("reserved", None, true),
            ],
        }
    }

    fn values(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn fills_constants_wildcards_and_values() {
        assert_eq!(pattern(&entry(), &[]).unwrap(), "primary.*.*.#");
        assert_eq!(pattern(&entry(), &values(&[("taskGroupId", "g"), ("taskId", "t")])).unwrap(), "primary.t.g.#");
        assert_eq!(pattern(&entry(), &values(&[("reserved", "a.b")])).unwrap(), "primary.*.*.a.b");
    }

    #[test]
    fn rejects_dots_in_single_words_and_unknown_names() {
        assert!(pattern(&entry(), &values(&[("taskId", "a.b")])).is_err());
        let err = pattern(&entry(), &values(&[("taskid", "x")])).unwrap_err();
        assert!(err.message.contains("allowed: taskId, taskGroupId, reserved"), "{}", err.message);
    }
}
