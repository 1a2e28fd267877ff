//! The API key, kept out of every `Debug`, `Display` and log line.

use std::fmt;

use reqwest::header::HeaderValue;

use crate::error::ConfigError;

/// A LlamaCloud API key.
///
/// Its `Debug` output is redacted, it has no `Display`, and the only way to
/// see the key again is [`ApiKey::expose_secret`], so it cannot end up in a
/// log line by accident. It is sent as `Authorization: Bearer <key>`, marked
/// sensitive so HTTP/2 never indexes it and reqwest drops it on a redirect to
/// another host.
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps `key`, refusing one that is empty or cannot go in a header.
    ///
    /// # Errors
    ///
    /// [`ConfigError::EmptyApiKey`] for an empty (or all-space) key,
    /// [`ConfigError::InvalidApiKey`] for one with characters a header
    /// cannot carry.
    pub fn new(key: impl Into<String>) -> Result<Self, ConfigError> {
        let key = key.into();
        let trimmed = key.trim();
        if trimmed.is_empty() {
            return Err(ConfigError::EmptyApiKey);
        }
        if !trimmed.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(ConfigError::InvalidApiKey);
        }
        Ok(Self(trimmed.to_owned()))
    }

    /// The key itself. Call this only to hand the key to something that
    /// needs it; never log the result.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// The `Authorization` header value, marked sensitive.
    pub(crate) fn bearer_header(&self) -> Result<HeaderValue, ConfigError> {
        let mut value = HeaderValue::try_from(format!("Bearer {}", self.0))
            .map_err(|_| ConfigError::InvalidApiKey)?;
        value.set_sensitive(true);
        Ok(value)
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ApiKey(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::ApiKey;
    use crate::error::ConfigError;

    #[test]
    fn debug_never_shows_the_key() {
        let key = ApiKey::new("llx-secret-123").unwrap();
        assert_eq!(format!("{key:?}"), "ApiKey(<redacted>)");
        assert_eq!(key.expose_secret(), "llx-secret-123");
    }

    #[test]
    fn empty_and_unsendable_keys_are_refused() {
        assert!(matches!(ApiKey::new(""), Err(ConfigError::EmptyApiKey)));
        assert!(matches!(ApiKey::new("  \n"), Err(ConfigError::EmptyApiKey)));
        assert!(matches!(
            ApiKey::new("llx-a\nb"),
            Err(ConfigError::InvalidApiKey)
        ));
        assert!(matches!(
            ApiKey::new("llx-ä"),
            Err(ConfigError::InvalidApiKey)
        ));
    }

    #[test]
    fn the_header_is_sensitive() {
        let header = ApiKey::new("llx-k").unwrap().bearer_header().unwrap();
        assert!(header.is_sensitive());
        assert_eq!(header.to_str().unwrap(), "Bearer llx-k");
    }
}
