//! taskcluster-wasm: a Taskcluster client for JavaScript, written in Rust.
//!
//! `core` holds everything that is plain Rust (Hawk, credentials, scopes, time,
//! URLs); `js` is the thin wasm-bindgen layer that exposes it to JavaScript.

// No unsafe code anywhere: memory safety is the compiler's, not ours to argue.
#![forbid(unsafe_code)]

pub mod core;

#[cfg(target_arch = "wasm32")]
mod js;
#[cfg(target_arch = "wasm32")]
mod transport;
