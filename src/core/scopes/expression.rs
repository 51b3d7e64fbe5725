//! Scope expressions (`"scope"`, `{AnyOf: [...]}`, `{AllOf: [...]}`) and
//! checking them against a set of assumed scopes.

use super::normalize::normalize_scope_set;
use super::pattern::pattern_match;

/// A scope expression: a required scope, or a combination of expressions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expression {
    /// A required scope; a `*` in it is an ordinary character.
    Scope(String),
    /// Satisfied if any alternative is; an empty `AnyOf` is never satisfied.
    AnyOf(Vec<Expression>),
    /// Satisfied if every part is; an empty `AllOf` always is.
    AllOf(Vec<Expression>),
}

/// True if the assumed `scopes` satisfy `expr`.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Expression, satisfies_expression};
/// let expr = Expression::AllOf(vec![
///     Expression::Scope("queue:create-task".into()),
///     Expression::Scope("queue:route:x".into()),
/// ]);
/// assert!(satisfies_expression(&["queue:*".to_string()], &expr));
/// ```
pub fn satisfies_expression(scopes: &[String], expr: &Expression) -> bool {
    satisfied_by(expr, &|scope| covered_by(scopes, scope))
}

/// Evaluates `expr`, asking `covers` whether each required scope is granted.
pub(super) fn satisfied_by(expr: &Expression, covers: &dyn Fn(&str) -> bool) -> bool {
    match expr {
        Expression::Scope(scope) => covers(scope),
        Expression::AnyOf(alternatives) => alternatives.iter().any(|e| satisfied_by(e, covers)),
        Expression::AllOf(parts) => parts.iter().all(|e| satisfied_by(e, covers)),
    }
}

fn covered_by(assumed: &[String], scope: &str) -> bool {
    assumed.iter().any(|pattern| pattern_match(pattern, scope))
}

/// The required scopes of `expr` that `scopes` grant and that together satisfy
/// `expr`, normalized; `None` if `scopes` do not satisfy `expr`.
///
/// Not necessarily minimal: for an `AnyOf`, the scopes of every satisfied
/// alternative are included, since picking one would be arbitrary.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Expression, scopes_satisfying};
/// let expr = Expression::AnyOf(vec![Expression::Scope("ax".into()), Expression::Scope("ay".into())]);
/// assert_eq!(scopes_satisfying(&["a*".to_string()], &expr), Some(vec!["ax".to_string(), "ay".to_string()]));
/// ```
pub fn scopes_satisfying(scopes: &[String], expr: &Expression) -> Option<Vec<String>> {
    let mut used = Vec::new();
    collect_satisfying(scopes, expr, &mut used).then(|| normalize_scope_set(&used))
}

/// Appends the scopes used to satisfy `expr` to `used`; on failure leaves
/// `used` as it was.
fn collect_satisfying(assumed: &[String], expr: &Expression, used: &mut Vec<String>) -> bool {
    let start = used.len();
    let satisfied = match expr {
        Expression::Scope(scope) => {
            let granted = covered_by(assumed, scope);
            if granted {
                used.push(scope.clone());
            }
            granted
        }
        Expression::AnyOf(alternatives) => {
            // No short circuit: every satisfied alternative contributes its scopes.
            let mut found = false;
            for e in alternatives {
                found |= collect_satisfying(assumed, e, used);
            }
            found
        }
        Expression::AllOf(parts) => parts.iter().all(|e| collect_satisfying(assumed, e, used)),
    };
    if !satisfied {
        used.truncate(start);
    }
    satisfied
}

/// What is still missing from `scopes` to satisfy `expr`: `expr` with every
/// granted scope removed, or `None` if nothing is missing.
///
/// Everything under an `AllOf` of the result is needed; one alternative of an
/// `AnyOf` is. An `AllOf` or `AnyOf` left with a single part is replaced by it.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Expression, remove_given_scopes};
/// let expr = Expression::AllOf(vec![Expression::Scope("a".into()), Expression::Scope("b".into())]);
/// assert_eq!(remove_given_scopes(&["a".to_string()], &expr), Some(Expression::Scope("b".into())));
/// ```
pub fn remove_given_scopes(scopes: &[String], expr: &Expression) -> Option<Expression> {
    match expr {
        Expression::Scope(scope) => (!covered_by(scopes, scope)).then(|| Expression::Scope(scope.clone())),
        Expression::AllOf(parts) => {
            let missing: Vec<_> = parts.iter().filter_map(|e| remove_given_scopes(scopes, e)).collect();
            if missing.is_empty() { None } else { Some(single_or(missing, Expression::AllOf)) }
        }
        Expression::AnyOf(alternatives) => {
            // One satisfied alternative satisfies the whole AnyOf.
            let missing: Option<Vec<_>> = alternatives.iter().map(|e| remove_given_scopes(scopes, e)).collect();
            missing.map(|missing| single_or(missing, Expression::AnyOf))
        }
    }
}

/// The only element of `exprs` if there is exactly one, else `wrap(exprs)`.
pub(super) fn single_or(exprs: Vec<Expression>, wrap: fn(Vec<Expression>) -> Expression) -> Expression {
    match <[Expression; 1]>::try_from(exprs) {
        Ok([single]) => single,
        Err(exprs) => wrap(exprs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::test_support::{all, any, scope, strings};

    #[test]
    fn satisfies_simple_scopes() {
        // node: satisfiesExpression(scopeset, expr)
        assert!(satisfies_expression(&strings(&["a"]), &scope("a")));
        assert!(satisfies_expression(&strings(&["a*"]), &scope("abc")));
        assert!(satisfies_expression(&strings(&["*"]), &scope("")));
        assert!(!satisfies_expression(&strings(&["a"]), &scope("a*")));
        assert!(!satisfies_expression(&strings(&[]), &scope("a")));
        assert!(!satisfies_expression(&strings(&["b"]), &scope("a")));
    }

    #[test]
    fn satisfies_combinations() {
        let assumed = strings(&["a", "b*"]);
        assert!(satisfies_expression(&assumed, &all(vec![scope("a"), scope("bc")])));
        assert!(!satisfies_expression(&assumed, &all(vec![scope("a"), scope("c")])));
        assert!(satisfies_expression(&assumed, &any(vec![scope("c"), scope("bx")])));
        assert!(!satisfies_expression(&assumed, &any(vec![scope("c"), scope("d")])));
        assert!(satisfies_expression(
            &assumed,
            &any(vec![all(vec![scope("c")]), all(vec![scope("a"), any(vec![scope("b")])])])
        ));
    }

    #[test]
    fn empty_combinations() {
        assert!(satisfies_expression(&strings(&[]), &all(vec![])));
        assert!(!satisfies_expression(&strings(&["*"]), &any(vec![])));
    }

    #[test]
    fn scopes_satisfying_examples_from_lib_scopes() {
        let assumed = strings(&["a*", "b"]);
        // node: scopesSatisfying(['a*','b'], {AnyOf:['ax',{AllOf:['b','c']},'ay','b']})
        assert_eq!(
            scopes_satisfying(
                &assumed,
                &any(vec![scope("ax"), all(vec![scope("b"), scope("c")]), scope("ay"), scope("b")])
            ),
            Some(strings(&["ax", "ay", "b"]))
        );
        assert_eq!(scopes_satisfying(&assumed, &all(vec![scope("c")])), None);
        // node: scopesSatisfying(['a*','b'], {AllOf:['b','a*','ab','b']}) -> ['a*','b']
        assert_eq!(
            scopes_satisfying(&assumed, &all(vec![scope("b"), scope("a*"), scope("ab"), scope("b")])),
            Some(strings(&["a*", "b"]))
        );
        // node: scopesSatisfying(['a*'], {AnyOf:[{AllOf:['ab','x']},'ac']}) -> ['ac']
        assert_eq!(
            scopes_satisfying(&strings(&["a*"]), &any(vec![all(vec![scope("ab"), scope("x")]), scope("ac")])),
            Some(strings(&["ac"]))
        );
        assert_eq!(scopes_satisfying(&assumed, &all(vec![])), Some(vec![]));
        assert_eq!(scopes_satisfying(&assumed, &any(vec![])), None);
    }

    #[test]
    fn remove_given_scopes_examples_from_lib_scopes() {
        let given = strings(&["a", "b*"]);
        // node: removeGivenScopes(['a','b*'], expr)
        assert_eq!(remove_given_scopes(&given, &scope("a")), None);
        assert_eq!(remove_given_scopes(&given, &scope("c")), Some(scope("c")));
        assert_eq!(remove_given_scopes(&given, &all(vec![scope("a"), scope("bx")])), None);
        assert_eq!(remove_given_scopes(&given, &all(vec![scope("a"), scope("c")])), Some(scope("c")));
        assert_eq!(
            remove_given_scopes(&given, &all(vec![scope("c"), scope("a"), scope("d")])),
            Some(all(vec![scope("c"), scope("d")]))
        );
        assert_eq!(remove_given_scopes(&given, &any(vec![scope("c"), scope("a")])), None);
        assert_eq!(
            remove_given_scopes(&given, &any(vec![scope("c"), all(vec![scope("d"), scope("a")])])),
            Some(any(vec![scope("c"), scope("d")]))
        );
        assert_eq!(remove_given_scopes(&given, &any(vec![all(vec![scope("c")])])), Some(scope("c")));
        // An empty AnyOf cannot be satisfied, and stays; an empty AllOf needs nothing.
        assert_eq!(remove_given_scopes(&given, &any(vec![])), Some(any(vec![])));
        assert_eq!(remove_given_scopes(&given, &all(vec![])), None);
    }
}
