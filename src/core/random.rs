//! Random bytes from the platform (the OS natively, `crypto.getRandomValues` in wasm).

use super::{Error, Result};

/// Fills and returns `N` random bytes.
pub fn bytes<const N: usize>() -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    getrandom::fill(&mut buf).map_err(|e| Error::invalid(format!("no source of randomness available ({e})")))?;
    Ok(buf)
}
