//! Short constructors for the scope tests.

use super::Expression;

pub fn scope(s: &str) -> Expression {
    Expression::Scope(s.to_string())
}

pub fn any(exprs: Vec<Expression>) -> Expression {
    Expression::AnyOf(exprs)
}

pub fn all(exprs: Vec<Expression>) -> Expression {
    Expression::AllOf(exprs)
}

pub fn strings(scopes: &[&str]) -> Vec<String> {
    scopes.iter().map(|s| s.to_string()).collect()
}
