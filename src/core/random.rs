//! Random bytes from the platform (the OS natively, `crypto.getRandomValues` in wasm).
//!
//! Bytes are drawn from a pool refilled 4 KiB at a time: asking the platform
//! costs about as much as signing a whole request, and every request needs a nonce
//! (6 bytes), every set of temporary credentials a seed (32).

use std::cell::RefCell;

use super::{Error, Result};

const POOL_SIZE: usize = 4096;

struct Pool {
    bytes: [u8; POOL_SIZE],
    used: usize,
}

thread_local! {
    static POOL: RefCell<Pool> = const { RefCell::new(Pool { bytes: [0; POOL_SIZE], used: POOL_SIZE }) };
}

/// Fills and returns `N` random bytes.
///
/// Every byte returned was written by the platform: a draw that the pool
/// cannot serve goes to the platform directly, and a platform failure is an
/// error, never a buffer left as zeros.
pub fn bytes<const N: usize>() -> Result<[u8; N]> {
    let mut out = [0u8; N];
    if !POOL.with(|pool| draw_from_pool(pool, &mut out))? {
        fill(&mut out)?;
    }
    Ok(out)
}

/// Copies `out.len()` unused bytes from the pool into `out`, refilling it first
/// if needed; `false` (and `out` untouched) when the pool cannot serve the draw.
fn draw_from_pool(pool: &RefCell<Pool>, out: &mut [u8]) -> Result<bool> {
    // Never re-entered; if it were, the caller asks the platform instead.
    let Ok(mut pool) = pool.try_borrow_mut() else { return Ok(false) };
    if out.len() > POOL_SIZE {
        return Ok(false);
    }
    if pool.used + out.len() > POOL_SIZE {
        fill(&mut pool.bytes)?;
        pool.used = 0;
    }
    let start = pool.used;
    let Some(chunk) = pool.bytes.get_mut(start..start + out.len()) else { return Ok(false) };
    out.copy_from_slice(chunk);
    // Used bytes are wiped so they cannot be handed out twice.
    chunk.fill(0);
    pool.used += out.len();
    Ok(true)
}

/// An unguessable token for URLs: 32 random bytes (256 bits), base64url without padding (43 characters).
pub fn url_safe_token() -> Result<String> {
    Ok(super::crypto::base64url(&bytes::<32>()?))
}

fn fill(buffer: &mut [u8]) -> Result<()> {
    getrandom::fill(buffer).map_err(|e| Error::invalid(format!("no source of randomness available ({e})")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_safe_tokens_are_fresh_and_url_safe() {
        let (a, b) = (url_safe_token().unwrap(), url_safe_token().unwrap());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert!(a.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_'));
    }

    #[test]
    fn draws_differ_across_pool_refills() {
        let draws: Vec<[u8; 16]> = (0..200).map(|_| bytes::<16>().unwrap()).collect();
        for (i, a) in draws.iter().enumerate() {
            assert!(draws[i + 1..].iter().all(|b| a != b), "draw {i} repeated");
        }
    }

    #[test]
    fn every_size_around_the_pool_boundary_is_random() {
        // Draws that straddle a refill must come from the new pool, not the wiped old one.
        for _ in 0..300 {
            let draw = bytes::<7>().unwrap();
            assert!(draw.iter().any(|&b| b != 0), "a 7-byte draw was all zeros");
        }
        let exact = bytes::<POOL_SIZE>().unwrap();
        assert!(exact.iter().filter(|&&b| b == 0).count() < POOL_SIZE / 16);
    }

    #[test]
    fn a_re_entered_pool_is_not_used() {
        POOL.with(|pool| {
            let _held = pool.borrow_mut();
            let mut out = [0u8; 16];
            assert_eq!(draw_from_pool(pool, &mut out), Ok(false));
            assert_eq!(out, [0; 16]);
            // bytes() then asks the platform instead of returning the untouched buffer.
            assert!(bytes::<16>().unwrap().iter().any(|&b| b != 0));
        });
    }

    #[test]
    fn larger_than_the_pool_still_works() {
        let big = bytes::<{ 2 * POOL_SIZE }>().unwrap();
        assert!(big.iter().any(|&b| b != 0));
    }
}
