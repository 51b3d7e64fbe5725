//! Scope expressions in prefix form, the way the JS side hands them over in one
//! string: one node per line, `S<scope>`, or `A<n>` (AnyOf) / `L<n>` (AllOf)
//! followed by its `n` children. Checking an expression in this form needs no
//! `Expression` tree and no copy of any scope.
//!
//! Everything here answers `None` for text it cannot take as it is (malformed,
//! too deep or too wide, or holding a scope that is not printable ASCII): the
//! caller then takes the checked path, which says precisely what is wrong.

use super::expression::Expression;
use super::validate::is_printable;

/// How much an expression may hold before the checked path has to judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The root is at depth 0; a node deeper than this is refused.
    pub max_depth: usize,
    /// The most children of one `AnyOf`/`AllOf`, and the most assumed scopes.
    pub max_items: usize,
}

pub(super) enum Node<'a> {
    Scope(&'a str),
    AnyOf(usize),
    AllOf(usize),
}

pub(super) fn node(line: &str) -> Option<Node<'_>> {
    // The tag as a byte: a `&str` comparison would be a call to `memcmp` in wasm.
    let kind = *line.as_bytes().first()?;
    let rest = line.get(1..)?;
    match kind {
        b'S' => Some(Node::Scope(rest)),
        b'A' => count(rest).map(Node::AnyOf),
        b'L' => count(rest).map(Node::AllOf),
        _ => None,
    }
}

/// Plain decimal digits only (no sign), so that every count has one spelling.
fn count(digits: &str) -> Option<usize> {
    if digits.is_empty() {
        return None;
    }
    let mut value: usize = 0;
    for byte in digits.bytes() {
        let digit = byte.checked_sub(b'0').filter(|digit| *digit < 10)?;
        value = value.checked_mul(10)?.checked_add(usize::from(digit))?;
    }
    Some(value)
}

/// The lines of a prefix-form text, each checked to be printable ASCII as it
/// is read (so every scope read is valid): one pass over the bytes, no copy.
#[derive(Clone, Copy)]
pub(super) struct Lines<'a> {
    /// What is left to read; `None` once the last line has been read.
    pub(super) rest: Option<&'a str>,
    /// Set when reading stopped at a byte that is not printable ASCII.
    refused: bool,
    /// How many lines have been read.
    pub(super) read: usize,
}

impl<'a> Lines<'a> {
    pub(super) fn new(text: &'a str) -> Lines<'a> {
        Lines { rest: Some(text), refused: false, read: 0 }
    }

    /// The next line; `None` at the end or at a byte that is not printable ASCII.
    pub(super) fn next(&mut self) -> Option<&'a str> {
        let text = self.rest?;
        let bytes = text.as_bytes();
        let mut at = 0;
        // Plain loops: iterator adaptors stay out of line in a size-optimized build.
        // Eight bytes at a time while they are all printable (a newline is not).
        while let Some(word) = bytes.get(at..at + 8).and_then(|chunk| <[u8; 8]>::try_from(chunk).ok()) {
            if !all_printable(u64::from_le_bytes(word)) {
                break;
            }
            at += 8;
        }
        while let Some(&byte) = bytes.get(at) {
            if byte == b'\n' {
                self.rest = text.get(at + 1..);
                self.read += 1;
                return text.get(..at);
            }
            if !is_printable(byte) {
                self.rest = None;
                self.refused = true;
                return None;
            }
            at += 1;
        }
        self.rest = None;
        self.read += 1;
        Some(text)
    }
}

/// Are all eight bytes of `word` printable ASCII? (The bit tricks "hasless"
/// and "hasmore": some byte below 0x20, some byte above 0x7e.)
#[inline(always)]
fn all_printable(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH_BITS: u64 = 0x8080_8080_8080_8080;
    let below_space = word.wrapping_sub(0x20 * ONES) & !word;
    let above_tilde = word.wrapping_add(ONES) | word;
    (below_space | above_tilde) & HIGH_BITS == 0
}

/// The expression at the front of `lines` evaluated with `covers` (`None`: only
/// read, because the result is already decided).
fn walk(lines: &mut Lines<'_>, covers: Option<&dyn Fn(&str) -> bool>, depth: usize, limits: Limits) -> Option<bool> {
    if depth > limits.max_depth {
        return None;
    }
    let (any, children) = match node(lines.next()?)? {
        Node::Scope(scope) => return Some(covers.is_some_and(|covers| covers(scope))),
        Node::AnyOf(children) => (true, children),
        Node::AllOf(children) => (false, children),
    };
    if children > limits.max_items {
        return None;
    }
    // An AnyOf is decided by the first satisfied alternative, an AllOf by the first unsatisfied part.
    let mut result = !any;
    for _ in 0..children {
        let decided = result == any;
        let child = walk(lines, if decided { None } else { covers }, depth + 1, limits)?;
        if !decided {
            result = child;
        }
    }
    Some(covers.is_some() && result)
}

/// Does the prefix-form expression `text`, written as `line_count` lines, hold
/// if `covers` says which scopes are granted? `None` if `text` is not exactly
/// one well-formed expression of valid scopes in that many lines.
///
/// The line count catches a scope that held a `\n` (it would have made two
/// lines), so no scope can pass for part of the structure.
pub fn satisfies_prefix(text: &str, line_count: usize, covers: &dyn Fn(&str) -> bool, limits: Limits) -> Option<bool> {
    let mut lines = Lines::new(text);
    let result = walk(&mut lines, Some(covers), 0, limits)?;
    (lines.rest.is_none() && lines.read == line_count).then_some(result)
}

/// lib-scopes' `satisfiesExpression` on one string: the prefix-form expression
/// in `expression_lines` lines, then each of the `assumed_count` assumed scopes
/// on a line of its own. The counts catch a scope that held a `\n`.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Limits, satisfies_prefix_with_assumed};
/// let limits = Limits { max_depth: 10, max_items: 100 };
/// let text = "L2\nSqueue:create-task\nSindex:x\nqueue:*\nindex:x";
/// assert_eq!(satisfies_prefix_with_assumed(text, 3, 2, limits), Some(true));
/// assert_eq!(satisfies_prefix_with_assumed(text, 3, 1, limits), None);
/// ```
pub fn satisfies_prefix_with_assumed(
    text: &str,
    expression_lines: usize,
    assumed_count: usize,
    limits: Limits,
) -> Option<bool> {
    if assumed_count > limits.max_items {
        return None;
    }
    let mut lines = Lines::new(text);
    let mut expression = lines;
    // Where the expression ends is known only once it is read.
    walk(&mut lines, None, 0, limits)?;
    if lines.read != expression_lines {
        return None;
    }
    let assumed = rest_of_lines(&mut lines, assumed_count)?;
    let covers = |scope: &str| covered_by(&assumed, scope);
    walk(&mut expression, Some(&covers), 0, limits)
}

/// The `count` scopes of `text`, one per line, each printable ASCII (the text a
/// list of scopes is handed over in); `None` if `text` is not exactly that.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Limits, scope_lines};
/// let limits = Limits { max_depth: 10, max_items: 100 };
/// assert_eq!(scope_lines("queue:*\nindex:x", 2, limits), Some(vec!["queue:*", "index:x"]));
/// assert_eq!(scope_lines("queue:*\nindex:x", 1, limits), None);
/// ```
pub fn scope_lines(text: &str, count: usize, limits: Limits) -> Option<Vec<&str>> {
    if count > limits.max_items {
        return None;
    }
    rest_of_lines(&mut Lines::new(text), count)
}

/// The remaining lines, which must be exactly `count` and all printable ASCII.
fn rest_of_lines<'a>(lines: &mut Lines<'a>, count: usize) -> Option<Vec<&'a str>> {
    // The count is the caller's claim: the capacity is bounded by what the text can hold.
    let mut scopes = Vec::with_capacity(count.min(lines.rest.map_or(0, |rest| rest.len() + 1)));
    while let Some(scope) = lines.next() {
        scopes.push(scope);
    }
    (!lines.refused && scopes.len() == count).then_some(scopes)
}

/// Does any of the assumed `patterns` cover `scope`? The one-shot check's inner
/// loop, written out so that a size-optimized build keeps it tight. Scopes of
/// one family share long beginnings, so the last byte that must agree is
/// compared first: most patterns are rejected there, before a full comparison.
fn covered_by(patterns: &[&str], scope: &str) -> bool {
    let wanted = scope.as_bytes();
    for pattern in patterns {
        let (must_match, whole) = match pattern.as_bytes().split_last() {
            Some((b'*', prefix)) => (prefix, false),
            _ => (pattern.as_bytes(), true),
        };
        let ends_agree = match must_match.split_last() {
            Some((last, _)) => wanted.get(must_match.len() - 1) == Some(last),
            None => true,
        };
        if ends_agree && (if whole { must_match == wanted } else { wanted.starts_with(must_match) }) {
            return true;
        }
    }
    false
}

/// The [`Expression`] that `text` holds, its nodes separated by `separator`
/// rather than `\n` (so that any scope can be carried), scopes unchecked; `None`
/// if `text` is not exactly one well-formed expression.
pub fn decode_prefix(text: &str, separator: char, limits: Limits) -> Option<Expression> {
    let mut lines = text.split(separator);
    let expression = decode(&mut lines, 0, limits)?;
    lines.next().is_none().then_some(expression)
}

fn decode(lines: &mut std::str::Split<'_, char>, depth: usize, limits: Limits) -> Option<Expression> {
    if depth > limits.max_depth {
        return None;
    }
    let (children, wrap): (usize, fn(Vec<Expression>) -> Expression) = match node(lines.next()?)? {
        Node::Scope(scope) => return Some(Expression::Scope(scope.to_string())),
        Node::AnyOf(children) => (children, Expression::AnyOf),
        Node::AllOf(children) => (children, Expression::AllOf),
    };
    if children > limits.max_items {
        return None;
    }
    // Not `with_capacity(children)`: the count is the caller's claim, the lines are what is there.
    let mut parts = Vec::new();
    for _ in 0..children {
        parts.push(decode(lines, depth + 1, limits)?);
    }
    Some(wrap(parts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::test_support::{all, any, scope, strings};
    use crate::core::scopes::{pattern_match, satisfies_expression, valid_scope};

    const LIMITS: Limits = Limits { max_depth: 3, max_items: 4 };

    /// The prefix form of `expr`, as pkg-template/scopes.js writes it.
    fn encode(expr: &Expression) -> String {
        match expr {
            Expression::Scope(s) => format!("S{s}"),
            Expression::AnyOf(children) => std::iter::once(format!("A{}", children.len()))
                .chain(children.iter().map(encode))
                .collect::<Vec<_>>()
                .join("\n"),
            Expression::AllOf(children) => std::iter::once(format!("L{}", children.len()))
                .chain(children.iter().map(encode))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    fn one_shot(assumed: &[&str], expr: &Expression) -> Option<bool> {
        let encoded = encode(expr);
        let text = std::iter::once(encoded.clone()).chain(assumed.iter().map(|s| s.to_string())).collect::<Vec<_>>();
        satisfies_prefix_with_assumed(&text.join("\n"), lines_of(&encoded), assumed.len(), LIMITS)
    }

    fn lines_of(text: &str) -> usize {
        text.split('\n').count()
    }

    fn examples() -> Vec<Expression> {
        vec![
            scope("a"),
            scope("bc"),
            scope(""),
            any(vec![]),
            all(vec![]),
            all(vec![scope("a"), scope("bc")]),
            all(vec![scope("a"), scope("c")]),
            any(vec![scope("c"), scope("bx")]),
            any(vec![scope("c"), all(vec![scope("a"), any(vec![scope("b"), scope("d")])])]),
            all(vec![any(vec![]), scope("a")]),
        ]
    }

    #[test]
    fn agrees_with_satisfies_expression() {
        for assumed in [&["a", "b*"][..], &[], &["*"], &["", "c"]] {
            for expr in examples() {
                let expected = satisfies_expression(&strings(assumed), &expr);
                assert_eq!(one_shot(assumed, &expr), Some(expected), "{assumed:?} {expr:?}");
                let covers = |s: &str| assumed.iter().any(|p| pattern_match(p, s));
                assert_eq!(
                    satisfies_prefix(&encode(&expr), lines_of(&encode(&expr)), &covers, LIMITS),
                    Some(expected),
                    "{expr:?}"
                );
                assert_eq!(decode_prefix(&encode(&expr), '\n', LIMITS), Some(expr));
            }
        }
    }

    #[test]
    fn a_scope_with_a_newline_in_it_is_refused() {
        // The assumed "x\nL1" would otherwise read as "x" and an expression line.
        let text = format!("{}\nx\nL1", encode(&scope("c")));
        assert_eq!(satisfies_prefix_with_assumed(&text, 1, 1, LIMITS), None);
        assert_eq!(satisfies_prefix_with_assumed("Sa\nx\ny", 1, 1, LIMITS), None);
        assert_eq!(satisfies_prefix_with_assumed("Sa\nx", 1, 2, LIMITS), None);
        assert_eq!(satisfies_prefix_with_assumed("Sa", 1, 0, LIMITS), Some(false));
        assert_eq!(satisfies_prefix_with_assumed("Sa\n", 1, 1, LIMITS), Some(false));
        // A required "p\nA1" in {AllOf: ["p\nA1", "q"]} makes a well-formed expression of one line more.
        let covers = |_: &str| true;
        assert_eq!(satisfies_prefix("L2\nSp\nA1\nSq", 4, &covers, LIMITS), Some(true));
        assert_eq!(satisfies_prefix("L2\nSp\nA1\nSq", 3, &covers, LIMITS), None);
        assert_eq!(satisfies_prefix_with_assumed("L2\nSp\nA1\nSq\np\nq", 3, 2, LIMITS), None);
    }

    #[test]
    fn invalid_scopes_are_refused_even_where_the_answer_is_decided() {
        assert_eq!(one_shot(&["a"], &any(vec![scope("a"), scope("\u{e9}")])), None);
        assert_eq!(one_shot(&["a"], &all(vec![scope("b"), scope("\t")])), None);
        assert_eq!(one_shot(&["a", "\u{7f}"], &scope("a")), None);
    }

    #[test]
    fn lines_are_checked_byte_by_byte_wherever_the_byte_is() {
        fn read_all(text: &str) -> Option<Vec<&str>> {
            let mut lines = Lines::new(text);
            let mut read = Vec::new();
            while let Some(line) = lines.next() {
                read.push(line);
            }
            (!lines.refused).then_some(read)
        }
        for byte in 0..=255u8 {
            for at in 0..20 {
                let mut bytes = b"queue:create-task:x\nab*".to_vec();
                if let Some(slot) = bytes.get_mut(at) {
                    *slot = byte;
                }
                let Ok(text) = String::from_utf8(bytes) else { continue };
                let expected = text.split('\n').all(valid_scope).then(|| text.split('\n').collect::<Vec<_>>());
                assert_eq!(read_all(&text), expected, "{text:?}");
            }
        }
        assert_eq!(read_all("a\u{e9}b"), None);
        assert_eq!(read_all(""), Some(vec![""]));
        assert_eq!(read_all("a\n"), Some(vec!["a", ""]));
    }

    #[test]
    fn scope_lines_takes_exactly_the_count_of_printable_lines() {
        assert_eq!(scope_lines("a\nb*\n", 3, LIMITS), Some(vec!["a", "b*", ""]));
        assert_eq!(scope_lines("a", 1, LIMITS), Some(vec!["a"]));
        assert_eq!(scope_lines("a\nb", 3, LIMITS), None);
        assert_eq!(scope_lines("a\tb", 1, LIMITS), None);
        assert_eq!(scope_lines("a\n\u{e9}", 2, LIMITS), None);
        assert_eq!(scope_lines("a\nb\nc\nd\ne", 5, LIMITS), None, "more than max_items");
    }

    #[test]
    fn covered_by_agrees_with_pattern_match() {
        let scopes = ["", "*", "a", "a*", "ab", "ab*", "b", "ba*", "aab", "**", "a*b"];
        for pattern in scopes {
            for scope in scopes {
                assert_eq!(covered_by(&[pattern], scope), pattern_match(pattern, scope), "{pattern:?} {scope:?}");
            }
        }
    }

    #[test]
    fn malformed_text_is_refused() {
        let covers = |_: &str| true;
        for text in
            ["", "X", "A", "A-1", "A+1", "A1", "L2\nSa", "Sa\nSb", "L1\nSa\n", "A 1\nSa", "L99999999999999999999999"]
        {
            assert_eq!(satisfies_prefix(text, lines_of(text), &covers, LIMITS), None, "{text:?}");
            assert_eq!(decode_prefix(text, '\n', LIMITS), None, "{text:?}");
        }
    }

    #[test]
    fn limits_are_kept() {
        let covers = |_: &str| true;
        let deep = all(vec![all(vec![all(vec![scope("a")])])]);
        assert_eq!(satisfies_prefix(&encode(&deep), lines_of(&encode(&deep)), &covers, LIMITS), Some(true));
        let deeper = all(vec![deep.clone()]);
        assert_eq!(satisfies_prefix(&encode(&deeper), lines_of(&encode(&deeper)), &covers, LIMITS), None);
        assert_eq!(decode_prefix(&encode(&deeper), '\n', LIMITS), None);
        let wide = any(vec![scope("a"); 5]);
        assert_eq!(satisfies_prefix(&encode(&wide), lines_of(&encode(&wide)), &covers, LIMITS), None);
        assert_eq!(decode_prefix(&encode(&wide), '\n', LIMITS), None);
        assert_eq!(one_shot(&["a"; 5], &scope("a")), None);
    }

    #[test]
    fn any_separator_carries_scopes_holding_newlines() {
        let expr = all(vec![scope("a\nb"), any(vec![scope("c"), scope("")])]);
        assert_eq!(decode_prefix("L2\0Sa\nb\0A2\0Sc\0S", '\0', LIMITS), Some(expr));
        assert_eq!(decode_prefix("L1\u{e000}Sx", '\u{e000}', LIMITS), Some(all(vec![scope("x")])));
        assert_eq!(decode_prefix("L1\nSx", '\0', LIMITS), None, "the wrong separator");
    }
}
