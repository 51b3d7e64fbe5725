//! Property tests (proptest, native only) for every parser in the core: each
//! module states what must hold for all inputs, not just that nothing panics.
//! `PROPTEST_CASES=10000 cargo test --test properties` runs a longer search.
#![cfg(not(target_arch = "wasm32"))]
// Test code: a failed expectation is meant to stop the test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic, clippy::string_slice)]

mod challenge;
mod credentials;
mod offsets;
mod scopes;
mod signing;
mod times;
