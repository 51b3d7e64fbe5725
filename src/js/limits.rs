//! How much of a caller's input the boundary reads before refusing it.

/// Longer arrays are refused rather than walked (a sparse `length` can be 2^32-1).
/// The lists read in JS have their bound in pkg-template/arguments.js.
pub const MAX_ARRAY_LENGTH: u32 = 1_000_000;
