//! Comparing single scopes: pattern matching and the sort order that
//! normalization relies on.

use std::cmp::Ordering;

/// True if the assumed scope `pattern` covers `scope`: they are equal, or
/// `pattern` ends in `*` and `scope` starts with the rest of `pattern`.
///
/// ```
/// use taskcluster_wasm::core::scopes::pattern_match;
/// assert!(pattern_match("queue:*", "queue:create-task"));
/// assert!(!pattern_match("queue:create-task", "queue:*"));
/// ```
#[inline(always)]
pub fn pattern_match(pattern: &str, scope: &str) -> bool {
    // On bytes: the hot loop of every one-shot check, and `strip_suffix('*')`
    // encodes the char on each call in a size-optimized build.
    match pattern.as_bytes().split_last() {
        Some((b'*', prefix)) => scope.as_bytes().starts_with(prefix),
        _ => pattern == scope,
    }
}

/// The order `normalize_scope_set` needs: plain string order, except that a
/// trailing `*` sorts before the end of the string, so `P*` comes right before
/// `P`, which comes before every other scope starting with `P`.
///
/// Sorted: `["*", "", "a*", "a", "a(", "a**", "a*b", "aa", "b"]`.
pub fn scope_compare(a: &str, b: &str) -> Ordering {
    let (a_base, a_star) = split_trailing_star(a);
    let (b_base, b_star) = split_trailing_star(b);
    js_string_order(a_base, b_base).then_with(|| b_star.cmp(&a_star))
}

fn split_trailing_star(scope: &str) -> (&str, bool) {
    match scope.strip_suffix('*') {
        Some(base) => (base, true),
        None => (scope, false),
    }
}

/// JS compares strings by UTF-16 code units; that differs from Rust's byte
/// order only for characters above U+FFFF, but keeps sorting identical.
fn js_string_order(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() { a.cmp(b) } else { a.encode_utf16().cmp(b.encode_utf16()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pattern_match_exact_and_star() {
        assert!(pattern_match("a", "a"));
        assert!(pattern_match("a*", "a"));
        assert!(pattern_match("a*", "a*"));
        assert!(pattern_match("a*", "abc"));
        assert!(pattern_match("*", ""));
        assert!(pattern_match("*", "anything"));
        assert!(pattern_match("", ""));
    }

    #[test]
    fn pattern_match_star_only_expands_in_pattern() {
        assert!(!pattern_match("a", "a*"));
        assert!(!pattern_match("ab*", "a"));
        assert!(!pattern_match("a*b", "axb"));
        assert!(!pattern_match("*a", "ba"));
        assert!(!pattern_match("", "a"));
    }

    #[test]
    fn scope_compare_sorts_like_lib_scopes() {
        // node: ['b','a','a*','*','','a(','aa','a**','a*b'].sort(scopeCompare)
        let mut scopes = vec!["b", "a", "a*", "*", "", "a(", "aa", "a**", "a*b"];
        scopes.sort_by(|a, b| scope_compare(a, b));
        assert_eq!(scopes, ["*", "", "a*", "a", "a(", "a**", "a*b", "aa", "b"]);
    }

    #[test]
    fn scope_compare_is_a_total_order() {
        assert_eq!(scope_compare("a", "a"), Ordering::Equal);
        assert_eq!(scope_compare("a*", "a*"), Ordering::Equal);
        assert_eq!(scope_compare("a*", "a"), Ordering::Less);
        assert_eq!(scope_compare("a", "a*"), Ordering::Greater);
        assert_eq!(scope_compare("a", "b*"), Ordering::Less);
        assert_eq!(scope_compare("ab", "a*"), Ordering::Greater);
    }

    #[test]
    fn scope_compare_uses_utf16_order() {
        // U+FF5E sorts after U+1F600 in UTF-16 (surrogates are 0xD83D..), before it in UTF-8.
        assert_eq!(scope_compare("\u{ff5e}", "\u{1f600}"), Ordering::Greater);
        assert_eq!("\u{ff5e}".cmp("\u{1f600}"), Ordering::Less);
    }
}
