//! What the deployment hands back: the token type, the credentials' expiry,
//! and when to fetch fresh credentials.

use crate::core::error::excerpt;
use crate::core::{Error, Result, time};

/// OAuth2 access tokens from Taskcluster are bearer tokens (any case).
pub fn check_token_type(token_type: &str) -> Result<()> {
    if token_type.eq_ignore_ascii_case("bearer") {
        Ok(())
    } else {
        Err(Error::invalid(format!("the token type must be Bearer, got {}", excerpt(token_type))))
    }
}

/// The `expires` of a `/login/oauth/credentials` answer, in ms since the epoch.
/// An expiry already past is an error: such credentials cannot be used.
pub fn credentials_expiry(expires: &str, now_ms: f64) -> Result<f64> {
    let at = time::parse_iso_string(expires)
        .map_err(|e| Error::invalid(format!("the credentials' expires is not a date: {}", e.message)))?;
    if at <= now_ms {
        return Err(Error::invalid(format!("the credentials have already expired ({expires})")));
    }
    Ok(at)
}

/// When credentials fetched at `fetched_ms` and expiring at `expires_ms` are
/// renewed: a fifth of their life early, at most five minutes early, so
/// requests in flight never carry credentials that expire under them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Renewal {
    pub renew_at_ms: f64,
    pub expires_ms: f64,
}

impl Renewal {
    const MAX_EARLY_MS: f64 = 5.0 * 60_000.0;

    pub fn new(fetched_ms: f64, expires_ms: f64) -> Self {
        let life = (expires_ms - fetched_ms).max(0.0);
        Renewal { renew_at_ms: expires_ms - (life / 5.0).min(Self::MAX_EARLY_MS), expires_ms }
    }

    /// Whether credentials must be fetched again before use at `now_ms`.
    pub fn is_due(&self, now_ms: f64) -> bool {
        now_ms >= self.renew_at_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_type_is_bearer_in_any_case() {
        assert!(check_token_type("Bearer").is_ok());
        assert!(check_token_type("bearer").is_ok());
        assert!(check_token_type("mac").is_err());
    }

    #[test]
    fn expiry_parses_and_must_be_ahead() {
        let now = 1_700_000_000_000.0;
        assert_eq!(credentials_expiry("2023-11-14T22:13:20.000Z", now - 1.0).unwrap(), now);
        assert!(credentials_expiry("2023-11-14T22:13:20.000Z", now).unwrap_err().message.contains("already expired"));
        assert!(credentials_expiry("tomorrow", now).is_err());
    }

    #[test]
    fn renews_a_fifth_of_the_life_early_capped_at_five_minutes() {
        let short = Renewal::new(0.0, 10_000.0);
        assert_eq!(short.renew_at_ms, 8_000.0);
        assert!(!short.is_due(7_999.0) && short.is_due(8_000.0));
        let day = 86_400_000.0;
        assert_eq!(Renewal::new(0.0, day).renew_at_ms, day - 300_000.0);
        // Clock oddities: expiry before the fetch renews at once.
        assert!(Renewal::new(10.0, 5.0).is_due(5.0));
    }
}
