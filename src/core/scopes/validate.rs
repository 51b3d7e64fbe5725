//! Checking scopes and expressions that come from a caller.

use super::expression::Expression;
use crate::core::error::excerpt;
use crate::core::{Error, Result};

/// True if `scope` is a valid scope: printable ASCII only (0x20 to 0x7e,
/// so a space is allowed but no other whitespace).
pub fn valid_scope(scope: &str) -> bool {
    scope.bytes().all(is_printable)
}

/// Is `byte` printable ASCII (0x20 to 0x7e)?
#[inline(always)]
pub(super) fn is_printable(byte: u8) -> bool {
    byte.wrapping_sub(0x20) < 0x5f
}

/// Checks that every scope is valid; the error names `what[i]`.
///
/// ```
/// use taskcluster_wasm::core::scopes::validate_scopes;
/// let err = validate_scopes(&["a".into(), "b\n".into()], "scopes").unwrap_err();
/// assert_eq!(err.message, "scopes[1] is not a valid scope (only printable ASCII is allowed, found \"\\n\")");
/// ```
pub fn validate_scopes(scopes: &[String], what: &str) -> Result<()> {
    scopes.iter().enumerate().try_for_each(|(i, scope)| check_scope(scope, || format!("{what}[{i}]")))
}

/// Checks the rules of lib-scopes' `validExpression` that the [`Expression`]
/// type does not already enforce: every scope in it must be valid. The error
/// names the place, e.g. `expression.AllOf[1].AnyOf[0]`.
pub fn validate_expression(expr: &Expression, what: &str) -> Result<()> {
    match expr {
        Expression::Scope(scope) => check_scope(scope, || what.to_string()),
        Expression::AnyOf(alternatives) => validate_each(alternatives, what, "AnyOf"),
        Expression::AllOf(parts) => validate_each(parts, what, "AllOf"),
    }
}

fn validate_each(exprs: &[Expression], what: &str, key: &str) -> Result<()> {
    exprs.iter().enumerate().try_for_each(|(i, e)| validate_expression(e, &format!("{what}.{key}[{i}]")))
}

// `name` is only built on failure: validating long lists stays allocation-free.
fn check_scope(scope: &str, name: impl FnOnce() -> String) -> Result<()> {
    // The byte test is the fast path; the offending character is only looked for on failure.
    if valid_scope(scope) {
        return Ok(());
    }
    match scope.chars().find(|c| !(' '..='~').contains(c)) {
        None => Ok(()),
        Some(bad) => Err(Error::type_error(format!(
            "{} is not a valid scope (only printable ASCII is allowed, found {})",
            name(),
            excerpt(bad.encode_utf8(&mut [0; 4]))
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ErrorKind;
    use crate::core::scopes::test_support::{all, any, scope, strings};

    #[test]
    fn valid_scope_is_printable_ascii() {
        for ok in ["", " ", "a", "queue:create-task:*", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"] {
            assert!(valid_scope(ok), "{ok:?}");
        }
        for bad in ["\n", "a\tb", "\u{7f}", "\u{1f}", "é", "\u{a0}", "\u{1f600}", "\0"] {
            assert!(!valid_scope(bad), "{bad:?}");
        }
    }

    #[test]
    fn validate_scopes_names_the_bad_index() {
        assert_eq!(validate_scopes(&strings(&["a", "b*", ""]), "scopes"), Ok(()));
        let err = validate_scopes(&strings(&["a", "b", "caf\u{e9}"]), "scopes").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
        assert_eq!(err.message, "scopes[2] is not a valid scope (only printable ASCII is allowed, found \"\u{e9}\")");
        let err = validate_scopes(&strings(&["x\u{7f}"]), "options.authorizedScopes").unwrap_err();
        assert_eq!(
            err.message,
            "options.authorizedScopes[0] is not a valid scope (only printable ASCII is allowed, found \"\\u007f\")"
        );
    }

    #[test]
    fn validate_expression_names_the_path() {
        let ok = all(vec![scope("a"), any(vec![scope("b*"), all(vec![])]), any(vec![])]);
        assert_eq!(validate_expression(&ok, "expression"), Ok(()));

        let err = validate_expression(&scope("a\nb"), "expression").unwrap_err();
        assert_eq!(err.message, "expression is not a valid scope (only printable ASCII is allowed, found \"\\n\")");

        let nested = all(vec![scope("a"), any(vec![scope("b"), scope("\t")])]);
        let err = validate_expression(&nested, "expr").unwrap_err();
        assert_eq!(err.kind, ErrorKind::Type);
        assert_eq!(
            err.message,
            "expr.AllOf[1].AnyOf[1] is not a valid scope (only printable ASCII is allowed, found \"\\t\")"
        );
    }
}
