//! Scopes and expressions, checked against a model small enough to be obviously
//! right: a scope `s` is covered by `p` iff `p == s`, or `p` ends in `*` and `s`
//! starts with what precedes it.

use proptest::prelude::*;
use taskcluster_wasm::core::scopes::*;

fn covers(pattern: &str, scope: &str) -> bool {
    pattern == scope || pattern.strip_suffix('*').is_some_and(|prefix| scope.starts_with(prefix))
}
fn covered(set: &[String], scope: &str) -> bool {
    set.iter().any(|p| covers(p, scope))
}
fn model_satisfies(set: &[String], expr: &Expression) -> bool {
    match expr {
        Expression::Scope(s) => covered(set, s),
        Expression::AnyOf(e) => e.iter().any(|e| model_satisfies(set, e)),
        Expression::AllOf(e) => e.iter().all(|e| model_satisfies(set, e)),
    }
}

/// Short scopes over a tiny alphabet, so that patterns and prefixes collide often.
fn scope() -> impl Strategy<Value = String> {
    "[ab:*]{0,4}"
}
fn scopes() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(scope(), 0..7)
}
fn expression() -> impl Strategy<Value = Expression> {
    scope().prop_map(Expression::Scope).prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Expression::AnyOf),
            prop::collection::vec(inner, 0..4).prop_map(Expression::AllOf),
        ]
    })
}
/// Scopes to probe coverage with: the alphabet's short strings.
fn probes() -> Vec<String> {
    let mut all = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = all.iter().flat_map(|s| ["a", "b", ":", "*"].map(|c| format!("{s}{c}"))).collect();
        all.extend(longer);
        all.dedup();
    }
    all.sort();
    all.dedup();
    all
}

proptest! {
    #[test]
    fn pattern_match_is_the_model(p in scope(), s in scope()) {
        prop_assert_eq!(pattern_match(&p, &s), covers(&p, &s));
    }

    #[test]
    fn normalize_keeps_exactly_what_is_covered(set in scopes()) {
        let normal = normalize_scope_set(&set);
        for probe in probes() {
            prop_assert_eq!(covered(&normal, &probe), covered(&set, &probe), "{:?} -> {:?} on {:?}", set, normal, probe);
        }
        // Sorted, free of redundancy, and a fixed point.
        prop_assert!(normal.windows(2).all(|w| scope_compare(&w[0], &w[1]).is_lt()));
        for (i, s) in normal.iter().enumerate() {
            prop_assert!(!normal.iter().enumerate().any(|(j, p)| i != j && covers(p, s)), "{s:?} is redundant in {normal:?}");
            prop_assert!(set.contains(s));
        }
        prop_assert_eq!(normalize_scope_set(&normal), normal.clone());
        let prepared = ScopeSet::new(&set);
        prop_assert_eq!(prepared.scopes(), &normal[..]);
    }

    #[test]
    fn union_and_intersection_cover_what_the_model_says(a in scopes(), b in scopes()) {
        let union = scope_union(&a, &b);
        let intersection = scope_intersection(&a, &b);
        for probe in probes() {
            prop_assert_eq!(covered(&union, &probe), covered(&a, &probe) || covered(&b, &probe));
            // Only complete, not exact, like lib-scopes: ["b*"] and ["b**"] intersect to
            // both (each covers the other as a required scope), which covers "b".
            if !probe.contains('*') && covered(&a, &probe) && covered(&b, &probe) {
                prop_assert!(covered(&intersection, &probe), "{:?} and {:?} on {:?}: {:?}", a, b, probe, intersection);
            }
        }
        prop_assert!(intersection.iter().all(|s| covered(&a, s) && covered(&b, s)));
        prop_assert_eq!(merge_scope_sets(&normalize_scope_set(&a), &normalize_scope_set(&b)), union);
    }

    #[test]
    fn satisfaction_agrees_with_the_model(set in scopes(), expr in expression()) {
        let expected = model_satisfies(&set, &expr);
        prop_assert_eq!(satisfies_expression(&set, &expr), expected);
        prop_assert_eq!(ScopeSet::new(&set).satisfies(&expr), expected);
        let required_sets: Vec<Vec<String>> = match &expr {
            Expression::AnyOf(alternatives) => alternatives.iter().filter_map(|e| match e {
                Expression::Scope(s) => Some(vec![s.clone()]),
                _ => None,
            }).collect(),
            _ => vec![],
        };
        let model_match = required_sets.iter().any(|set_| set_.iter().all(|s| covered(&set, s)));
        prop_assert_eq!(scope_match(&set, &required_sets), model_match);
    }

    #[test]
    fn scopes_satisfying_is_some_iff_satisfied_and_suffices(set in scopes(), expr in expression()) {
        match scopes_satisfying(&set, &expr) {
            Some(used) => {
                prop_assert!(model_satisfies(&set, &expr));
                prop_assert!(model_satisfies(&used, &expr), "{used:?} does not satisfy {expr:?}");
                prop_assert!(used.iter().all(|s| covered(&set, s)));
            }
            None => prop_assert!(!model_satisfies(&set, &expr)),
        }
    }

    // Assumed scopes with a `*` only at the end: simplify treats a required `a*` as
    // covering `ab` (documented, as lib-scopes does), which only an assumed `a**` can tell apart.
    #[test]
    fn simplify_keeps_the_meaning(expr in expression(), sets in prop::collection::vec(prop::collection::vec("[ab:]{0,3}\\*?", 0..7), 8)) {
        let simple = simplify_scope_expression(&expr);
        for set in &sets {
            prop_assert_eq!(model_satisfies(set, &simple), model_satisfies(set, &expr), "{:?} vs {:?}", expr, simple);
        }
        // Not idempotent, like lib-scopes: {AnyOf: [{AllOf: [":"]}, "a"]} gives
        // {AnyOf: ["a", ":"]}, which sorts again to {AnyOf: [":", "a"]}.
    }

    #[test]
    fn removing_given_scopes_leaves_what_is_still_needed(set in scopes(), expr in expression(), extra in scopes()) {
        // `None` means nothing is missing; otherwise, with any further scopes added,
        // the rest is satisfied exactly when the original expression is.
        match remove_given_scopes(&set, &expr) {
            None => prop_assert!(model_satisfies(&set, &expr)),
            Some(rest) => {
                prop_assert!(!model_satisfies(&set, &expr));
                let with_extra: Vec<String> = set.iter().chain(&extra).cloned().collect();
                prop_assert_eq!(model_satisfies(&with_extra, &rest), model_satisfies(&with_extra, &expr), "{:?} -> {:?}", expr, rest);
            }
        }
    }

    #[test]
    fn validation_accepts_exactly_printable_ascii(text in "\\PC{0,12}|[ -~]{0,12}") {
        let printable = text.chars().all(|c| (' '..='~').contains(&c));
        prop_assert_eq!(valid_scope(&text), printable, "{:?}", text);
        prop_assert_eq!(validate_expression(&Expression::AllOf(vec![Expression::Scope(text.clone())]), "expression").is_ok(), printable);
    }
}
