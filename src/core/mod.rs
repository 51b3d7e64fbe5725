//! The pure-Rust core: no wasm or JS types, so all of it builds and tests natively.

pub mod content_hash;
pub mod credentials;
pub mod crypto;
pub mod engine;
pub mod error;
pub mod hawk;
pub mod json;
pub mod oauth;
pub mod random;
pub mod retry;
pub mod scopes;
pub mod slugid;
pub mod temporary_credentials;
pub mod time;

pub use error::{Error, ErrorKind, Result};
