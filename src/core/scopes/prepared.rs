//! An expression read once from its prefix form and kept, so that checking it
//! again reads no text: its nodes in prefix order, each AnyOf/AllOf with where
//! its subtree ends, so that the rest of a decided AnyOf/AllOf is skipped in one step.

use super::prefix::{Limits, Lines, Node, node};

#[derive(Debug, Clone, PartialEq, Eq)]
enum Prepared {
    Scope(Box<str>),
    /// The number of children and the position after the last of them.
    AnyOf(usize, usize),
    AllOf(usize, usize),
}

/// A scope expression ready to be checked against any set of scopes.
///
/// ```
/// use taskcluster_wasm::core::scopes::{Limits, PreparedExpression};
/// let limits = Limits { max_depth: 10, max_items: 100 };
/// let expression = PreparedExpression::from_prefix("L2\nSqueue:x\nA1\nSindex:y", 4, limits).unwrap();
/// assert!(expression.satisfied_by(&|scope: &str| scope.starts_with("queue:") || scope == "index:y"));
/// assert!(!expression.satisfied_by(&|scope: &str| scope.starts_with("queue:")));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedExpression {
    nodes: Vec<Prepared>,
}

impl PreparedExpression {
    /// The expression the prefix-form `text` holds in `line_count` lines; `None`
    /// unless it is exactly one well-formed expression of valid scopes.
    pub fn from_prefix(text: &str, line_count: usize, limits: Limits) -> Option<PreparedExpression> {
        let mut lines = Lines::new(text);
        let mut nodes = Vec::new();
        read(&mut lines, &mut nodes, 0, limits)?;
        (lines.rest.is_none() && lines.read == line_count).then_some(PreparedExpression { nodes })
    }

    /// Does the expression hold if `covers` says which scopes are granted?
    pub fn satisfied_by(&self, covers: &dyn Fn(&str) -> bool) -> bool {
        evaluate(&self.nodes, 0, covers).0
    }
}

fn read(lines: &mut Lines<'_>, nodes: &mut Vec<Prepared>, depth: usize, limits: Limits) -> Option<()> {
    if depth > limits.max_depth {
        return None;
    }
    let (any, children) = match node(lines.next()?)? {
        Node::Scope(scope) => {
            nodes.push(Prepared::Scope(scope.into()));
            return Some(());
        }
        Node::AnyOf(children) => (true, children),
        Node::AllOf(children) => (false, children),
    };
    if children > limits.max_items {
        return None;
    }
    let at = nodes.len();
    nodes.push(Prepared::AllOf(0, 0)); // in its place until the end is known
    for _ in 0..children {
        read(lines, nodes, depth + 1, limits)?;
    }
    let end = nodes.len();
    *nodes.get_mut(at)? = if any { Prepared::AnyOf(children, end) } else { Prepared::AllOf(children, end) };
    Some(())
}

/// The value of the node at `at`, and the position after its subtree.
fn evaluate(nodes: &[Prepared], at: usize, covers: &dyn Fn(&str) -> bool) -> (bool, usize) {
    let (any, children, end) = match nodes.get(at) {
        Some(Prepared::Scope(scope)) => return (covers(scope), at + 1),
        Some(&Prepared::AnyOf(children, end)) => (true, children, end),
        Some(&Prepared::AllOf(children, end)) => (false, children, end),
        // Not reached: every position comes from the nodes themselves.
        None => return (false, at + 1),
    };
    // An AnyOf is decided by the first satisfied alternative, an AllOf by the first unsatisfied part.
    let mut child = at + 1;
    for _ in 0..children {
        let (value, next) = evaluate(nodes, child, covers);
        if value == any {
            return (any, end);
        }
        child = next;
    }
    (!any, end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::scopes::test_support::{all, any, scope, strings};
    use crate::core::scopes::{Expression, pattern_match, satisfies_expression};

    const LIMITS: Limits = Limits { max_depth: 3, max_items: 4 };

    fn encode(expr: &Expression) -> Vec<String> {
        match expr {
            Expression::Scope(s) => vec![format!("S{s}")],
            Expression::AnyOf(children) | Expression::AllOf(children) => {
                let tag = if matches!(expr, Expression::AnyOf(_)) { "A" } else { "L" };
                std::iter::once(format!("{tag}{}", children.len())).chain(children.iter().flat_map(encode)).collect()
            }
        }
    }

    #[test]
    fn agrees_with_satisfies_expression() {
        let exprs = [
            scope("a"),
            any(vec![]),
            all(vec![]),
            all(vec![scope("a"), scope("bc")]),
            any(vec![scope("c"), all(vec![scope("a"), any(vec![scope("b"), scope("d")])]), scope("a")]),
            all(vec![any(vec![scope("x"), all(vec![scope("a"), scope("c")])]), any(vec![]), scope("a")]),
        ];
        for assumed in [&["a", "b*"][..], &[], &["*"], &["c", "d"]] {
            for expr in &exprs {
                let lines = encode(expr);
                let prepared = PreparedExpression::from_prefix(&lines.join("\n"), lines.len(), LIMITS).unwrap();
                let covers = |s: &str| assumed.iter().any(|p| pattern_match(p, s));
                assert_eq!(prepared.satisfied_by(&covers), satisfies_expression(&strings(assumed), expr), "{expr:?}");
            }
        }
    }

    #[test]
    fn refuses_what_the_prefix_reader_refuses() {
        for (text, lines) in
            [("L2\nSa", 2), ("Sa\nSb", 2), ("L1\nSa", 3), ("S\u{e9}", 1), ("A5\nSa\nSa\nSa\nSa\nSa", 6)]
        {
            assert_eq!(PreparedExpression::from_prefix(text, lines, LIMITS), None, "{text:?}");
        }
        let deep = "L1\nL1\nL1\nL1\nSa";
        assert_eq!(PreparedExpression::from_prefix(deep, 5, LIMITS), None);
        assert!(PreparedExpression::from_prefix("L1\nL1\nL1\nSa", 4, LIMITS).is_some());
    }
}
