//! Simplifying scope expressions the way lib-scopes' `simplifyScopeExpression`
//! does: duplicates removed, scopes sorted, nested `AnyOf`/`AllOf` of the same
//! kind flattened and single-element combinations unwrapped.

use super::expression::{Expression, single_or};
use super::normalize::{first_occurrences, normalize_sorted, sort_scopes};
use crate::core::hawk::mac::push_integer;

/// A simpler expression, identical to lib-scopes' result.
///
/// Within an `AllOf`, scopes covered by another scope of the same `AllOf` are
/// dropped, as if `*` expanded in required scopes too. So `{AllOf: ["a*", "ab"]}`
/// becomes `"a*"`, which differs only for assumed patterns like `a**` (they
/// cover `a*` but not `ab`). Where lib-scopes throws (an `AnyOf` directly inside
/// an `AnyOf` that simplifies to something other than an `AnyOf`), the
/// simplified part is kept as an alternative.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Expression, simplify_scope_expression};
/// let s = |x: &str| Expression::Scope(x.into());
/// let expr = Expression::AllOf(vec![s("b"), Expression::AllOf(vec![s("a*"), s("ab")]), s("b")]);
/// assert_eq!(simplify_scope_expression(&expr), Expression::AllOf(vec![s("a*"), s("b")]));
/// ```
pub fn simplify_scope_expression(expr: &Expression) -> Expression {
    match expr {
        Expression::Scope(scope) => Expression::Scope(scope.clone()),
        Expression::AnyOf(alternatives) => simplify_any_of(alternatives.clone()),
        Expression::AllOf(parts) => simplify_all_of(parts),
    }
}

fn simplify_any_of(alternatives: Vec<Expression>) -> Expression {
    let Divided { scopes, any_ofs, all_ofs } = divide(alternatives);
    let flatten = !any_ofs.is_empty();
    let nested_alternatives = any_ofs.into_iter().map(simplify_any_of).flat_map(|e| match e {
        Expression::AnyOf(inner) => inner,
        other => vec![other],
    });
    let all_ofs = all_ofs.iter().map(|parts| simplify_all_of(parts));
    let simplified: Vec<_> =
        scopes.into_iter().map(Expression::Scope).chain(nested_alternatives).chain(all_ofs).collect();
    // Flattening can bring in new duplicates, hence another pass.
    single_or(simplified, if flatten { simplify_any_of } else { Expression::AnyOf })
}

fn simplify_all_of(parts: &[Expression]) -> Expression {
    let Divided { scopes, any_ofs, all_ofs } = divide(parts.iter().map(simplify_scope_expression).collect());
    let flatten = !all_ofs.is_empty();
    let simplified: Vec<_> = normalize_sorted(&scopes.iter().map(String::as_str).collect::<Vec<_>>())
        .into_iter()
        .map(Expression::Scope)
        .chain(any_ofs.into_iter().map(Expression::AnyOf))
        .chain(all_ofs.into_iter().flatten())
        .collect();
    single_or(simplified, if flatten { rerun_all_of } else { Expression::AllOf })
}

fn rerun_all_of(parts: Vec<Expression>) -> Expression {
    simplify_all_of(&parts)
}

/// Subexpressions split by kind: distinct scopes sorted with [`scope_compare`],
/// then the contents of the distinct `AnyOf`s and `AllOf`s in order of first
/// appearance.
struct Divided {
    scopes: Vec<String>,
    any_ofs: Vec<Vec<Expression>>,
    all_ofs: Vec<Vec<Expression>>,
}

fn divide(exprs: Vec<Expression>) -> Divided {
    let keys: Vec<String> = exprs.iter().map(identity_key).collect();
    let first = first_occurrences(&keys.iter().map(String::as_str).collect::<Vec<_>>());
    let mut scopes = Vec::new();
    let mut divided = Divided { scopes: Vec::new(), any_ofs: Vec::new(), all_ofs: Vec::new() };
    for (expr, first) in exprs.into_iter().zip(first) {
        match expr {
            _ if !first => {}
            Expression::Scope(scope) => scopes.push(scope),
            Expression::AnyOf(alternatives) => divided.any_ofs.push(alternatives),
            Expression::AllOf(parts) => divided.all_ofs.push(parts),
        }
    }
    let mut sorted: Vec<&str> = scopes.iter().map(String::as_str).collect();
    sort_scopes(&mut sorted);
    divided.scopes = sorted.into_iter().map(str::to_string).collect();
    divided
}

/// A string that two expressions share exactly when they are equal: each node
/// is its kind and length (of the scope, or number of children) before its content.
fn identity_key(expr: &Expression) -> String {
    fn push(expr: &Expression, key: &mut String) {
        let (kind, children, len) = match expr {
            Expression::Scope(scope) => ('S', &[][..], scope.len()),
            Expression::AnyOf(children) => ('A', &children[..], children.len()),
            Expression::AllOf(children) => ('L', &children[..], children.len()),
        };
        key.push(kind);
        push_integer(key, i64::try_from(len).unwrap_or(i64::MAX));
        key.push(':');
        if let Expression::Scope(scope) = expr {
            key.push_str(scope);
        }
        children.iter().for_each(|child| push(child, key));
    }
    let mut key = String::new();
    push(expr, &mut key);
    key
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::test_support::{all, any, scope};

    fn check(input: Expression, expected: Expression) {
        assert_eq!(simplify_scope_expression(&input), expected, "{input:?}");
    }

    #[test]
    fn scopes_stay() {
        check(scope("a"), scope("a"));
        check(scope("a*"), scope("a*"));
    }

    #[test]
    fn empty_combinations_stay() {
        check(any(vec![]), any(vec![]));
        check(all(vec![]), all(vec![]));
    }

    #[test]
    fn examples_from_lib_scopes() {
        // Expected values from node: simplifyScopeExpression(input)
        check(any(vec![scope("a")]), scope("a"));
        check(all(vec![scope("a")]), scope("a"));
        check(any(vec![scope("b"), scope("a"), scope("b")]), any(vec![scope("a"), scope("b")]));
        check(all(vec![scope("b"), scope("a"), scope("b")]), all(vec![scope("a"), scope("b")]));
        check(all(vec![scope("ab"), scope("a*")]), scope("a*"));
        check(any(vec![scope("ab"), scope("a*")]), any(vec![scope("a*"), scope("ab")]));
        check(any(vec![any(vec![scope("a"), scope("c")]), scope("b")]), any(vec![scope("a"), scope("b"), scope("c")]));
        check(
            all(vec![scope("x"), all(vec![scope("b"), scope("a")]), all(vec![scope("c"), scope("a")])]),
            all(vec![scope("a"), scope("b"), scope("c"), scope("x")]),
        );
        check(
            any(vec![all(vec![scope("b"), scope("a")]), all(vec![scope("a"), scope("b")])]),
            any(vec![all(vec![scope("a"), scope("b")]), all(vec![scope("a"), scope("b")])]),
        );
        check(
            all(vec![any(vec![scope("a"), scope("b")]), any(vec![scope("a"), scope("b")]), scope("c")]),
            all(vec![scope("c"), any(vec![scope("a"), scope("b")])]),
        );
        check(
            any(vec![scope("c"), all(vec![any(vec![scope("a"), scope("b")])])]),
            any(vec![scope("c"), any(vec![scope("a"), scope("b")])]),
        );
        check(
            all(vec![all(vec![all(vec![scope("a")]), scope("b*")]), scope("bc"), any(vec![scope("d")])]),
            all(vec![scope("a"), scope("b*"), scope("d")]),
        );
        check(
            any(vec![any(vec![any(vec![scope("x"), scope("y")]), scope("z")]), scope("x")]),
            any(vec![scope("x"), scope("y"), scope("z")]),
        );
    }

    #[test]
    fn nested_any_of_that_collapses_is_kept() {
        // lib-scopes throws a TypeError on both of these.
        check(any(vec![any(vec![scope("a")]), scope("b")]), any(vec![scope("a"), scope("b")]));
        check(
            any(vec![any(vec![all(vec![scope("a"), scope("c")])]), scope("b")]),
            any(vec![scope("b"), all(vec![scope("a"), scope("c")])]),
        );
    }
}
