//! Taskcluster scopes, with the semantics of `taskcluster-lib-scopes`.
//!
//! A scope is a string of printable ASCII. An *assumed* scope ending in `*` is a
//! pattern that covers every scope starting with what comes before the `*`; a
//! `*` in a *required* scope is just a character. So `["queue:*"]` satisfies
//! `"queue:create-task"`, but `["queue:create-task"]` does not satisfy `"queue:*"`.
//!
//! The functions here are infallible; the `validate_*` functions are meant to be
//! called first by anything that takes scopes from a caller.

mod expression;
mod normalize;
mod pattern;
mod prefix;
mod prepared;
mod scope_set;
mod simplify;
mod validate;

#[cfg(test)]
mod test_support;

pub use expression::{Expression, remove_given_scopes, satisfies_expression, scopes_satisfying};
pub use normalize::{merge_scope_sets, normalize_scope_set, scope_union};
pub use pattern::{pattern_match, scope_compare};
pub use prefix::{Limits, decode_prefix, satisfies_prefix, satisfies_prefix_with_assumed, scope_lines};
pub use prepared::PreparedExpression;
pub use scope_set::{ScopeSet, scope_intersection, scope_match};
pub use simplify::simplify_scope_expression;
pub use validate::{valid_scope, validate_expression, validate_scopes};
