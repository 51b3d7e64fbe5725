//! When to retry a failed request, and how long to wait first.
//!
//! `Retry-After` (seconds or an HTTP date) is honoured on 429 and 5xx answers:
//! the wait is the longer of the backoff and the server's, capped by maxDelay.
//! A 429 is retried only when it carries one (the official clients never retry
//! a 4xx; a 429 that says when to come back is the server asking for it).

use super::time::parse_http_date;

/// How one attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Status(u16),
    /// A 429 with a usable `Retry-After`.
    Throttled,
    NetworkError,
    Timeout,
}

impl Outcome {
    /// Server errors, throttling with a Retry-After, network errors and
    /// timeouts may pass; other 4xx never will.
    pub fn is_transient(self) -> bool {
        match self {
            Outcome::Status(status) => status >= 500,
            Outcome::Throttled | Outcome::NetworkError | Outcome::Timeout => true,
        }
    }
}

/// The wait a `Retry-After` value asks for, in ms from `now_ms` (never
/// negative); `None` if it is neither delta-seconds nor an HTTP date, or the
/// status is not one where it means "retry later".
pub fn retry_after_ms(status: u16, value: &str, now_ms: f64) -> Option<f64> {
    if status != 429 && status < 500 {
        return None;
    }
    let value = value.trim();
    if !value.is_empty() && value.len() <= 10 && value.bytes().all(|b| b.is_ascii_digit()) {
        // An integer parse: parsing floats would bring kilobytes of tables into the wasm.
        return value.parse::<u64>().ok().map(|seconds| seconds as f64 * 1000.0);
    }
    parse_http_date(value).map(|at| (at - now_ms).max(0.0))
}

/// The retry options users know from the official clients.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    pub retries: u32,
    pub delay_factor_ms: f64,
    pub randomization_factor: f64,
    pub max_delay_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { retries: 5, delay_factor_ms: 100.0, randomization_factor: 0.25, max_delay_ms: 30_000.0 }
    }
}

/// The most retries taken, whatever the options ask (a typo must not retry for hours).
pub const MAX_RETRIES: f64 = 100.0;

impl RetryPolicy {
    /// The policy for the options `{retries, delayFactor, randomizationFactor, maxDelay}`
    /// (already checked to be non-negative numbers); absent ones take the clients' defaults,
    /// and retries and randomizationFactor are capped.
    ///
    /// ```
    /// use taskcluster_wasm::core::retry::RetryPolicy;
    /// let policy = RetryPolicy::from_options(Some(1e9), None, Some(7.0), None);
    /// assert_eq!((policy.retries, policy.delay_factor_ms, policy.randomization_factor), (100, 100.0, 1.0));
    /// ```
    pub fn from_options(
        retries: Option<f64>,
        delay_factor_ms: Option<f64>,
        randomization_factor: Option<f64>,
        max_delay_ms: Option<f64>,
    ) -> RetryPolicy {
        let defaults = RetryPolicy::default();
        RetryPolicy {
            retries: retries.map_or(defaults.retries, |n| n.min(MAX_RETRIES) as u32),
            delay_factor_ms: delay_factor_ms.unwrap_or(defaults.delay_factor_ms),
            randomization_factor: randomization_factor.map_or(defaults.randomization_factor, |r| r.min(1.0)),
            max_delay_ms: max_delay_ms.unwrap_or(defaults.max_delay_ms),
        }
    }

    /// Whether to try again after `retries_done` retries ended with `outcome`.
    pub fn should_retry(&self, outcome: Outcome, retries_done: u32) -> bool {
        outcome.is_transient() && retries_done < self.retries
    }

    /// The wait before retry number `retry` (1 for the first): 2^(retry-1) x
    /// delayFactor, spread by ±randomizationFactor, capped at maxDelay.
    /// `random` is uniform in [0, 1). The first retry never waits 0 ms.
    ///
    /// ```
    /// use taskcluster_wasm::core::retry::RetryPolicy;
    /// let policy = RetryPolicy::default();
    /// assert_eq!(policy.delay_ms(1, 0.5), 100.0);
    /// assert_eq!(policy.delay_ms(3, 0.5), 400.0);
    /// assert_eq!(policy.delay_ms(20, 0.5), 30_000.0);
    /// ```
    pub fn delay_ms(&self, retry: u32, random: f64) -> f64 {
        let exponent = retry.saturating_sub(1).min(52) as i32;
        let base = 2f64.powi(exponent) * self.delay_factor_ms;
        let spread = 1.0 + (random.clamp(0.0, 1.0) * 2.0 - 1.0) * self.randomization_factor;
        (base * spread).min(self.max_delay_ms).max(1.0)
    }

    /// The wait before retry number `retry`: the backoff, or the server's
    /// `Retry-After` when that is longer, never more than maxDelay.
    pub fn wait_ms(&self, retry: u32, random: f64, retry_after_ms: Option<f64>) -> f64 {
        let backoff = self.delay_ms(retry, random);
        match retry_after_ms {
            Some(asked) if asked > backoff => asked.min(self.max_delay_ms).max(backoff),
            _ => backoff,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_only_transient_failures() {
        let policy = RetryPolicy::default();
        assert!(policy.should_retry(Outcome::Status(500), 0));
        assert!(policy.should_retry(Outcome::Status(503), 4));
        assert!(!policy.should_retry(Outcome::Status(503), 5));
        assert!(policy.should_retry(Outcome::NetworkError, 0));
        assert!(policy.should_retry(Outcome::Timeout, 0));
        for status in [400, 401, 403, 404, 409, 429] {
            assert!(!policy.should_retry(Outcome::Status(status), 0), "{status}");
        }
        assert!(policy.should_retry(Outcome::Throttled, 0));
    }

    #[test]
    fn reads_retry_after_on_throttling_and_server_errors() {
        let now = 1_445_412_480_000.0; // Wed, 21 Oct 2015 07:28:00 GMT
        assert_eq!(retry_after_ms(503, "7", now), Some(7000.0));
        assert_eq!(retry_after_ms(429, " 0 ", now), Some(0.0));
        assert_eq!(retry_after_ms(503, "Wed, 21 Oct 2015 07:28:05 GMT", now), Some(5000.0));
        assert_eq!(retry_after_ms(503, "Wed, 21 Oct 2015 07:27:00 GMT", now), Some(0.0));
        for bad in ["", "-1", "1.5", "soon", "99999999999"] {
            assert_eq!(retry_after_ms(503, bad, now), None, "{bad}");
        }
        assert_eq!(retry_after_ms(400, "7", now), None);
        assert_eq!(retry_after_ms(200, "7", now), None);
    }

    #[test]
    fn waits_for_retry_after_up_to_max_delay() {
        let policy = RetryPolicy { max_delay_ms: 5000.0, ..RetryPolicy::default() };
        assert_eq!(policy.wait_ms(1, 0.5, None), 100.0);
        assert_eq!(policy.wait_ms(1, 0.5, Some(2000.0)), 2000.0);
        assert_eq!(policy.wait_ms(1, 0.5, Some(3_600_000.0)), 5000.0);
        // A shorter Retry-After never shortens the backoff.
        assert_eq!(policy.wait_ms(3, 0.5, Some(10.0)), 400.0);
    }

    #[test]
    fn delays_grow_with_jitter_and_cap() {
        let policy = RetryPolicy::default();
        assert_eq!(policy.delay_ms(1, 0.0), 75.0);
        assert_eq!(policy.delay_ms(1, 1.0), 125.0);
        assert_eq!(policy.delay_ms(2, 0.5), 200.0);
        assert_eq!(policy.delay_ms(u32::MAX, 0.9), 30_000.0);
        let no_jitter_zero_factor = RetryPolicy { delay_factor_ms: 0.0, ..policy };
        assert!(no_jitter_zero_factor.delay_ms(1, 0.0) > 0.0);
    }
}
