//! Random bytes from the platform (the OS natively, `crypto.getRandomValues` in wasm).
//!
//! Bytes are drawn from a pool refilled 1 KiB at a time: asking the platform
//! costs about as much as signing a whole request, and every request needs a nonce.

use std::cell::RefCell;

use super::{Error, Result};

const POOL_SIZE: usize = 1024;

struct Pool {
    bytes: [u8; POOL_SIZE],
    used: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { bytes: [0; POOL_SIZE], used: POOL_SIZE }) };
}

/// Fills and returns `N` random bytes.
pub fn bytes<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    let from_pool = N <= POOL_SIZE
        && POOL.with(|pool| {
            // Never re-entered; if it were, fall back to asking the platform.
            let Ok(mut pool) = pool.try_borrow_mut() else { return Ok(false) };
            if pool.used + N > POOL_SIZE {
                fill(&mut pool.bytes)?;
                pool.used = 0;
            }
            let start = pool.used;
            if let Some(chunk) = pool.bytes.get_mut(start..start + N) {
                out.copy_from_slice(chunk);
                // Used bytes are wiped so they cannot be handed out twice.
                chunk.fill(0);
                pool.used += N;
            }
            Ok(true)
        })?;
    if !from_pool {
        fill(&mut out)?;
    }
    Ok(out)
}

fn fill(buffer: &mut [u8]) -> Result<()> {
    getrandom::fill(buffer).map_err(|e| Error::invalid(format!("no source of randomness available ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_differ_across_pool_refills() {
        let draws: Vec<[u8; 16]> = (0..200).map(|_| bytes::<16>().unwrap()).collect();
        for (i, a) in draws.iter().enumerate() {
            assert!(draws[i + 1..].iter().all(|b| a != b), "draw {i} repeated");
        }
    }

    #[test]
    fn larger_than_the_pool_still_works() {
        let big = bytes::<2048>().unwrap();
        assert!(big.iter().any(|&b| b != 0));
    }
}
