//! Hawk, as Taskcluster uses it: request headers, bewits (signed URLs), and the
//! server's "Stale timestamp" challenge.
//!
//! The MAC covers the method, the full resource (path and query), host, port,
//! optional payload hash and ext; see [`mac::normalized_string`].

pub mod bewit;
pub mod challenge;
pub mod header;
pub mod mac;
pub mod payload;
pub mod signer;
pub mod target;

pub use bewit::{BewitRequest, bewit, signed_url};
pub use challenge::{Challenge, clock_offset_ms};
pub use header::{HeaderRequest, authorization_header};
pub use signer::Signer;
pub use target::Target;

/// The key material Hawk signs with.
#[derive(Clone, Copy)]
pub struct Key<'a> {
    /// The Hawk `id` (Taskcluster clientId).
    pub id: &'a str,
    /// The shared secret (Taskcluster accessToken). Never printed.
    pub secret: &'a str,
}
