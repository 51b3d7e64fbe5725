//! How much of a caller's input the boundary reads before refusing it.

/// Longer arrays are refused rather than walked (a sparse `length` can be 2^32-1).
pub const MAX_ARRAY_LENGTH: u32 = 1_000_000;
/// Deeper scope expressions are refused, so recursion stays far from the stack limit.
pub const MAX_EXPRESSION_DEPTH: usize = 100;
