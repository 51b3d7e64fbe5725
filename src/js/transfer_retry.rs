//! `TransferRetry`: when to retry an object upload's or download's data transfer,
//! with the same options, defaults and backoff as API calls.

use wasm_bindgen::prelude::*;

use crate::core::retry::RetryPolicy;

/// Counts the retries of one transfer: `nextDelay()` after each transient
/// failure gives the milliseconds to wait, or `undefined` once retries are spent.
/// Internal (transfer.js reads and checks the options first); not in the typings.
#[wasm_bindgen(js_name = TransferRetry, skip_typescript)]
pub struct TransferRetry {
    policy: RetryPolicy,
    retries_done: u32,
}

#[wasm_bindgen(js_class = TransferRetry)]
impl TransferRetry {
    /// The retry options, checked non-negative numbers or `undefined` for the default.
    #[wasm_bindgen(constructor)]
    pub fn new(
        retries: Option<f64>,
        delay_factor: Option<f64>,
        randomization_factor: Option<f64>,
        max_delay: Option<f64>,
    ) -> TransferRetry {
        TransferRetry {
            policy: RetryPolicy::from_options(retries, delay_factor, randomization_factor, max_delay),
            retries_done: 0,
        }
    }

    /// The wait before the next retry, or `undefined` when no retry is left.
    #[wasm_bindgen(js_name = nextDelay)]
    pub fn next_delay(&mut self) -> Option<f64> {
        if self.retries_done >= self.policy.retries {
            return None;
        }
        self.retries_done += 1;
        Some(self.policy.delay_ms(self.retries_done, js_sys::Math::random()))
    }
}
