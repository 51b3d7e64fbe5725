//! A set of assumed scopes prepared for many checks, and what is built on it:
//! the Python client's `scopeMatch` and lib-scopes' `scopeIntersection`.

use std::cmp::Ordering;

use super::expression::{Expression, satisfied_by};
use super::normalize::{first_occurrences, normalize_scope_set};
use super::pattern::pattern_match;
use super::prefix::{Limits, satisfies_prefix};

/// Assumed scopes, normalized and indexed so that checking a required scope
/// costs two binary searches instead of a scan of every scope.
///
/// ```
/// use taskcluster_wasm::core::scopes::ScopeSet;
/// let set = ScopeSet::new(&["queue:*".into(), "index:x".into(), "queue:a".into()]);
/// assert_eq!(set.scopes(), ["index:x", "queue:*"]);
/// assert!(set.covers("queue:create-task"));
/// assert!(!set.covers("index:y"));
/// ```
#[derive(Debug, Clone)]
pub struct ScopeSet {
    /// Normalized: sorted with `scope_compare`, nothing covered by another.
    /// With ASCII only, that sorts them by their bases (each scope without its
    /// trailing `*`) in byte order, and no two bases are equal.
    scopes: Vec<String>,
    /// Without ASCII, byte order is not the order of `scope_compare` (UTF-16):
    /// such sets (only possible through the Rust API) are scanned instead.
    ascii: bool,
}

/// A normalized scope's base (without the trailing `*`) and whether it had the `*`.
fn base(scope: &str) -> (&[u8], bool) {
    match scope.as_bytes().split_last() {
        Some((b'*', base)) => (base, true),
        _ => (scope.as_bytes(), false),
    }
}

/// `a.cmp(b)` and how many bytes the two share at the start, given that they
/// share the first `from`. Eight bytes at a time: scopes of one family share long
/// beginnings, which a byte-by-byte `memcmp` in wasm walks one at a time. Words
/// are compared for equality only; where two differ, their first differing byte
/// (the lowest set bit of the XOR, little-endian) decides, so no word needs its
/// bytes swapped (wasm has no instruction for that). Plain loops: iterator
/// adaptors stay out of line in a size-optimized build.
fn compare_from(a: &[u8], b: &[u8], from: usize) -> (Ordering, usize) {
    let common = a.len().min(b.len());
    let mut at = from;
    while at + 8 <= common {
        let (Some(x), Some(y)) = (word(a, at), word(b, at)) else { break };
        if x != y {
            let shift = (x ^ y).trailing_zeros() & !7;
            return (((x >> shift) as u8).cmp(&((y >> shift) as u8)), at + shift as usize / 8);
        }
        at += 8;
    }
    while at < common {
        let (Some(x), Some(y)) = (a.get(at), b.get(at)) else { break };
        if x != y {
            return (x.cmp(y), at);
        }
        at += 1;
    }
    (a.len().cmp(&b.len()), common)
}

/// The eight bytes of `bytes` from `at` as a little-endian word (wasm's own order).
#[inline(always)]
fn word(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk: [u8; 8] = bytes.get(at..at + 8)?.try_into().ok()?;
    Some(u64::from_le_bytes(chunk))
}

impl ScopeSet {
    /// Prepares the assumed `scopes` (in any order, duplicates allowed).
    pub fn new(scopes: &[String]) -> ScopeSet {
        let scopes = normalize_scope_set(scopes);
        let ascii = scopes.iter().all(|scope| scope.is_ascii());
        ScopeSet { scopes, ascii }
    }

    /// True if these scopes satisfy `expr`.
    pub fn satisfies(&self, expr: &Expression) -> bool {
        satisfied_by(expr, &|scope| self.covers(scope))
    }

    /// [`ScopeSet::satisfies`] for an expression in prefix form (see
    /// [`satisfies_prefix`]); `None` if `text` is not one well-formed expression.
    pub fn satisfies_prefix(&self, text: &str, line_count: usize, limits: Limits) -> Option<bool> {
        satisfies_prefix(text, line_count, &|scope| self.covers(scope), limits)
    }

    /// True if some scope of the set covers the required `scope`.
    ///
    /// The only candidate is the scope with the greatest base not after `scope`:
    /// a pattern `P*` covering `scope` has `P <= scope`, and any base between
    /// the two would start with `P`, so normalization would have removed it.
    pub fn covers(&self, scope: &str) -> bool {
        if !self.ascii {
            return self.scopes.iter().any(|pattern| pattern_match(pattern, scope));
        }
        let wanted = scope.as_bytes();
        // A binary search for the last base not after `wanted`. Every base between
        // the two bounds shares with `wanted` at least what both bounds share with
        // it, so each comparison starts there instead of at the first byte.
        let (mut low, mut high) = (0, self.scopes.len());
        let (mut low_common, mut high_common) = (0, 0);
        while low < high {
            let middle = low + (high - low) / 2;
            let Some(assumed) = self.scopes.get(middle) else { break };
            let (order, common) = compare_from(base(assumed).0, wanted, low_common.min(high_common));
            if order.is_le() {
                (low, low_common) = (middle + 1, common);
            } else {
                (high, high_common) = (middle, common);
            }
        }
        // `low_common` is what the candidate (the base before `low`) shares with `wanted`.
        let candidate = low.checked_sub(1).and_then(|i| self.scopes.get(i));
        candidate.is_some_and(|assumed| match base(assumed) {
            (prefix, true) => low_common >= prefix.len(),
            (exact, false) => low_common == exact.len() && exact.len() == wanted.len(),
        })
    }

    /// The scopes of the set, normalized (sorted, no scope covered by another).
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// The Python client's `scopeMatch`: true if, for some set in
/// `required_sets` (a disjunction of conjunctions), `assumed` covers every
/// scope in it. A `*` expands only in `assumed`; no sets means false.
///
/// ```
/// use taskcluster_wasm::core::scopes::scope_match;
/// let required = vec![vec!["scopeA".to_string(), "scopeB".to_string()], vec!["scopeC:*".to_string()]];
/// assert!(scope_match(&["scopeC*".into()], &required));
/// assert!(!scope_match(&["scopeC:xyz".into()], &required));
/// ```
pub fn scope_match(assumed: &[String], required_sets: &[Vec<String>]) -> bool {
    let assumed = ScopeSet::new(assumed);
    required_sets.iter().any(|set| set.iter().all(|scope| assumed.covers(scope)))
}

/// The scopes that both sets grant: each scope of `a` covered by `b`, then each
/// scope of `b` covered by `a`, in their original order, without duplicates.
///
/// ```
/// use taskcluster_wasm::core::scopes::scope_intersection;
/// let a = ["a*", "b", "c"].map(String::from);
/// let b = ["ab", "b*", "d"].map(String::from);
/// assert_eq!(scope_intersection(&a, &b), ["b", "ab"]);
/// ```
pub fn scope_intersection(a: &[String], b: &[String]) -> Vec<String> {
    let granted_by_a = ScopeSet::new(a);
    let granted_by_b = ScopeSet::new(b);
    let granted: Vec<&str> = a
        .iter()
        .filter(|scope| granted_by_b.covers(scope))
        .chain(b.iter().filter(|scope| granted_by_a.covers(scope)))
        .map(String::as_str)
        .collect();
    let first = first_occurrences(&granted);
    granted.iter().zip(first).filter(|(_, first)| *first).map(|(scope, _)| scope.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::pattern::pattern_match;
    use crate::core::scopes::satisfies_expression;
    use crate::core::scopes::test_support::{all, any, scope, strings};

    #[test]
    fn python_readme_examples_with_real_answers() {
        let required = vec![strings(&["scopeA", "scopeB"]), strings(&["scopeC:*"])];
        let cases: &[(&[&str], bool)] = &[
            (&["scopeA", "scopeB"], true),
            (&["scopeC:xyz"], false),
            (&["scopeA"], false),
            (&["scopeC"], false),
            (&["scopeC:*"], true),
            (&["scopeC*"], true),
            (&["*"], true),
        ];
        for (assumed, expected) in cases {
            assert_eq!(scope_match(&strings(assumed), &required), *expected, "{assumed:?}");
        }
    }

    #[test]
    fn scope_match_edge_cases() {
        assert!(!scope_match(&strings(&["*"]), &[]));
        assert!(scope_match(&strings(&[]), &[vec![]]));
        assert!(scope_match(&strings(&["a"]), &[strings(&["b"]), strings(&["a", "a"])]));
        assert!(!scope_match(&strings(&["a"]), &[strings(&["a", "b"])]));
    }

    #[test]
    fn scopes_are_normalized() {
        let set = ScopeSet::new(&strings(&["b", "a", "a*", "ab", "b", "*x"]));
        assert_eq!(set.scopes(), strings(&["*x", "a*", "b"]));
        assert!(ScopeSet::new(&[]).scopes().is_empty());
    }

    #[test]
    fn covers_exact_and_patterns() {
        let set = ScopeSet::new(&strings(&["queue:*", "index:x", "a:b*", "a:c*", ""]));
        for yes in ["queue:", "queue:*", "queue:x:y", "index:x", "a:b", "a:bz", "a:c*", ""] {
            assert!(set.covers(yes), "{yes:?}");
        }
        for no in ["queue", "index:x*", "index:", "a:", "a:a", "a:d", "b", "que"] {
            assert!(!set.covers(no), "{no:?}");
        }
        assert!(ScopeSet::new(&strings(&["*"])).covers("anything at all"));
        assert!(!ScopeSet::new(&[]).covers(""));
    }

    #[test]
    fn satisfies_matches_satisfies_expression() {
        let assumed = strings(&["a", "b*"]);
        let set = ScopeSet::new(&assumed);
        let exprs = [
            all(vec![scope("a"), scope("bc")]),
            all(vec![scope("a"), scope("c")]),
            any(vec![scope("c"), scope("bx")]),
            any(vec![]),
            all(vec![]),
        ];
        for expr in &exprs {
            assert_eq!(set.satisfies(expr), satisfies_expression(&assumed, expr), "{expr:?}");
        }
    }

    /// A small deterministic generator, so the comparison below covers many
    /// sets over a tiny alphabet where prefixes collide often.
    struct Lcg(u64);

    impl Lcg {
        fn next(&mut self, bound: u64) -> u64 {
            self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (self.0 >> 33) % bound
        }

        fn scope(&mut self) -> String {
            let len = self.next(5);
            // Half share a long beginning, so the search compares whole words too.
            let start = ["", "queue:create-task:high"][self.next(2) as usize];
            // 'é' makes some sets non-ASCII, which are scanned rather than searched.
            let end: String = (0..len).map(|_| ['a', 'b', '*', 'é'][self.next(4) as usize]).collect();
            format!("{start}{end}")
        }
    }

    #[test]
    fn covers_agrees_with_a_linear_scan() {
        let mut rng = Lcg(42);
        for _ in 0..2000 {
            let count = rng.next(6);
            let assumed: Vec<String> = (0..count).map(|_| rng.scope()).collect();
            let set = ScopeSet::new(&assumed);
            for _ in 0..10 {
                let required = rng.scope();
                let expected = assumed.iter().any(|p| pattern_match(p, &required));
                assert_eq!(set.covers(&required), expected, "{assumed:?} covers {required:?}");
            }
        }
    }

    #[test]
    fn compare_from_is_slice_order_and_common_length() {
        let words =
            ["", "a", "ab", "abcdefgh", "abcdefghi", "abcdefgi", "abcdefghijklmnop", "abcdefghijklmnoq", "b", "\u{ff}"];
        // A differing byte at every place of a word, in both directions, and bytes above 0x7f.
        let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        for at in 0..8 {
            for byte in ['0', 'z', '\u{e9}'] {
                let mut changed: Vec<char> = "abcdefghijklmnop".chars().collect();
                if let Some(slot) = changed.get_mut(at + 4) {
                    *slot = byte;
                }
                words.push(changed.into_iter().collect());
            }
        }
        for a in &words {
            for b in &words {
                let (a, b) = (a.as_bytes(), b.as_bytes());
                let shared = a.iter().zip(b).take_while(|(x, y)| x == y).count();
                for from in [0, shared / 2, shared] {
                    assert_eq!(compare_from(a, b, from), (a.cmp(b), shared), "{a:?} {b:?} from {from}");
                }
            }
        }
    }

    #[test]
    fn intersection_examples_from_lib_scopes() {
        // node: scopeIntersection(a, b)
        let cases: &[(&[&str], &[&str], &[&str])] = &[
            (&["a*", "b", "c"], &["ab", "b*", "d"], &["b", "ab"]),
            (&["a", "b"], &["b", "a"], &["a", "b"]),
            (&["*"], &["x", "y*"], &["x", "y*"]),
            (&["a*"], &["a*"], &["a*"]),
            (&["a", "a"], &["a"], &["a"]),
            (&["x"], &["y"], &[]),
            (&["ab*"], &["a*"], &["ab*"]),
        ];
        for (a, b, expected) in cases {
            assert_eq!(scope_intersection(&strings(a), &strings(b)), strings(expected), "{a:?} {b:?}");
        }
    }
}
