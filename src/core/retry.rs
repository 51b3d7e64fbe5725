//! When to retry a failed request, and how long to wait first.

/// How one attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Status(u16),
    NetworkError,
    Timeout,
}

impl Outcome {
    /// Server errors, network errors and timeouts may pass; 4xx never will.
    pub fn is_transient(self) -> bool {
        match self {
            Outcome::Status(status) => status >= 500,
            Outcome::NetworkError | Outcome::Timeout => true,
        }
    }
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

impl RetryPolicy {
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
