//! Normalized scope sets: sorted by [`scope_compare`], without duplicates and
//! without any scope that another scope in the set already covers.

use super::pattern::scope_compare;

/// Sorts `scopes` with [`scope_compare`] and drops every scope covered by another.
///
/// lib-scopes expects its input to be sorted already; this sorts first, so any
/// order works, and sorted input gives exactly lib-scopes' result.
///
/// ```
/// use taskcluster_wasm::core::scopes::normalize_scope_set;
/// let scopes = ["b", "ab", "a*", "a"].map(String::from);
/// assert_eq!(normalize_scope_set(&scopes), ["a*", "b"]);
/// ```
pub fn normalize_scope_set(scopes: &[String]) -> Vec<String> {
    let mut sorted: Vec<&str> = scopes.iter().map(String::as_str).collect();
    sort_scopes(&mut sorted);
    normalize_sorted(&sorted)
}

/// Sorts with [`scope_compare`]. Every sort of the scope code goes through here,
/// so the module carries one instance of the sort. Equal scopes are identical
/// strings, so an unstable sort gives the same result as a stable one.
pub(super) fn sort_scopes(scopes: &mut [&str]) {
    scopes.sort_unstable_by(|a, b| scope_compare(a, b));
}

/// For each of `keys`, whether it is the first of its value, found with one
/// sort and binary searches (no hashing, no quadratic scan).
pub(super) fn first_occurrences(keys: &[&str]) -> Vec<bool> {
    let mut distinct = keys.to_vec();
    sort_scopes(&mut distinct);
    distinct.dedup();
    let mut seen = vec![false; distinct.len()];
    keys.iter()
        .map(|key| {
            let found = distinct.binary_search_by(|other| scope_compare(other, key)).ok();
            found.and_then(|i| seen.get_mut(i)).is_some_and(|seen| !std::mem::replace(seen, true))
        })
        .collect()
}

/// Normalizes a set already sorted with [`scope_compare`]: in that order a
/// pattern `P*` comes right before everything it covers, so one pass suffices.
pub(super) fn normalize_sorted(sorted: &[&str]) -> Vec<String> {
    let mut normalized = Vec::new();
    let mut rest = sorted.iter().peekable();
    while let Some(&scope) = rest.next() {
        while rest.next_if(|next| **next == scope).is_some() {}
        if let Some(prefix) = scope.strip_suffix('*') {
            while rest.next_if(|next| next.starts_with(prefix)).is_some() {}
        }
        normalized.push(scope.to_string());
    }
    normalized
}

/// Merges two normalized scope sets into one normalized set.
///
/// Both inputs must already be normalized (as from [`normalize_scope_set`]);
/// like lib-scopes, this does not check, and other input gives an unspecified
/// (but panic-free) result. Use [`scope_union`] for arbitrary sets.
pub fn merge_scope_sets(a: &[String], b: &[String]) -> Vec<String> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut left = a.iter().peekable();
    let mut right = b.iter().peekable();
    loop {
        let next = match (left.peek(), right.peek()) {
            (Some(l), Some(r)) if l == r => {
                right.next();
                left.next()
            }
            (Some(l), Some(r)) if scope_compare(l, r).is_lt() => left.next(),
            (_, Some(_)) => right.next(),
            (Some(_), None) => left.next(),
            (None, None) => None,
        };
        let Some(scope) = next else { break };
        if let Some(prefix) = scope.strip_suffix('*') {
            while left.next_if(|s| s.starts_with(prefix)).is_some() {}
            while right.next_if(|s| s.starts_with(prefix)).is_some() {}
        }
        merged.push(scope.clone());
    }
    merged
}

/// The normalized union of two arbitrary scope sets.
///
/// ```
/// use taskcluster_wasm::core::scopes::scope_union;
/// let a = ["b", "a"].map(String::from);
/// let b = ["a*"].map(String::from);
/// assert_eq!(scope_union(&a, &b), ["a*", "b"]);
/// ```
pub fn scope_union(a: &[String], b: &[String]) -> Vec<String> {
    merge_scope_sets(&normalize_scope_set(a), &normalize_scope_set(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::test_support::strings;

    #[test]
    fn normalize_examples_from_lib_scopes() {
        let cases: &[(&[&str], &[&str])] = &[
            (&["a*", "ab"], &["a*"]),
            (&["a", "a*", "ab", "b"], &["a*", "b"]),
            (&["*", "a", "b*"], &["*"]),
            (&["a", "a", "a"], &["a"]),
            (&["", "a"], &["", "a"]),
            (&["ab*", "abc", "a"], &["a", "ab*"]),
            (&["a**", "a*", "a*b"], &["a*"]),
            (&["a*b", "a**"], &["a**"]),
            (&[], &[]),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_scope_set(&strings(input)), strings(expected), "{input:?}");
        }
    }

    #[test]
    fn normalize_sorts_unsorted_input() {
        // lib-scopes on this unsorted input gives ["b","a*"]; sorting first gives the normal form.
        assert_eq!(normalize_scope_set(&strings(&["b", "a*", "a"])), strings(&["a*", "b"]));
    }

    #[test]
    fn merge_examples_from_lib_scopes() {
        // node: mergeScopeSets(a, b) on normalized inputs
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (&["a"], &["b"], &["a", "b"]),
            (&["a*"], &["ab", "b"], &["a*", "b"]),
            (&["ab", "b"], &["a*"], &["a*", "b"]),
            (&["a", "c"], &["b", "c"], &["a", "b", "c"]),
            (&["*"], &["a", "b"], &["*"]),
            (&[], &["a*", "b"], &["a*", "b"]),
            (&["a*", "b"], &[], &["a*", "b"]),
            (&["a", "b*"], &["a*", "bc"], &["a*", "b*"]),
            (&["abc", "abd*"], &["ab*"], &["ab*"]),
        ];
        for (a, b, expected) in cases {
            assert_eq!(merge_scope_sets(&strings(a), &strings(b)), strings(expected), "{a:?} {b:?}");
        }
    }

    #[test]
    fn union_examples_from_lib_scopes() {
        // node: scopeUnion(a, b)
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (&["b", "a"], &["a*"], &["a*", "b"]),
            (&["x:y", "x:*"], &["x:z", "w"], &["w", "x:*"]),
            (&["abc", "ab*"], &["a", "abd"], &["a", "ab*"]),
            (&[], &[], &[]),
            (&["c", "b", "a"], &["b"], &["a", "b", "c"]),
        ];
        for (a, b, expected) in cases {
            assert_eq!(scope_union(&strings(a), &strings(b)), strings(expected), "{a:?} {b:?}");
        }
    }
}
