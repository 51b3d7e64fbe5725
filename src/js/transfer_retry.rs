//! `TransferRetry`: when to retry an object upload's or download's data transfer,
//! with the same options, defaults and backoff as API calls.

use wasm_bindgen::prelude::*;

use super::args;
use super::client_options::retry_policy;
use super::errors::{JsResult, guarded};
use crate::core::retry::RetryPolicy;

/// Counts the retries of one transfer: `nextDelay()` after each transient
/// failure gives the milliseconds to wait, or `undefined` once retries are spent.
#[wasm_bindgen(js_name = TransferRetry)]
pub struct TransferRetry {
    policy: RetryPolicy,
    retries_done: u32,
}

#[wasm_bindgen(js_class = TransferRetry)]
impl TransferRetry {
    /// `options`: `{retries?, delayFactor?, randomizationFactor?, maxDelay?}` (other keys are the caller's to check);
    /// `functionName` names the caller in errors.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(
            unchecked_param_type = "{retries?: number, delayFactor?: number, randomizationFactor?: number, maxDelay?: number}"
        )]
        options: &JsValue,
        // A JsValue, not &str: the glue would copy a non-string into wasm memory unchecked.
        #[wasm_bindgen(js_name = functionName, unchecked_param_type = "string")] function_name: JsValue,
    ) -> JsResult<TransferRetry> {
        let function_name = function_name.as_string().unwrap_or_else(|| "TransferRetry".into());
        guarded(&function_name, || {
            args::object(options, "options")?;
            Ok(TransferRetry { policy: retry_policy(options, "options")?, retries_done: 0 })
        })
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

    /// Retries taken so far.
    #[wasm_bindgen(getter)]
    pub fn retries(&self) -> u32 {
        self.retries_done
    }
}
