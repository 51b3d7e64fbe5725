//! How much of a caller's input the boundary reads before refusing it.

use wasm_bindgen::prelude::*;

/// Longer arrays are refused rather than walked (a sparse `length` can be 2^32-1).
pub const MAX_ARRAY_LENGTH: u32 = 1_000_000;
/// Deeper scope expressions are refused, so recursion stays far from the stack limit.
pub const MAX_EXPRESSION_DEPTH: usize = 100;

/// [`MAX_ARRAY_LENGTH`] for the lists read in JS (pkg-template/client-options.js),
/// so that both sides refuse at the same bound.
#[wasm_bindgen(js_name = maxArrayLength, skip_typescript)]
pub fn max_array_length() -> u32 {
    MAX_ARRAY_LENGTH
}
