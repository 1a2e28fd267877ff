//! How many pages of context long-document extraction uses: [`NumPagesContext`].

use std::fmt;
use std::num::NonZeroU32;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::ser::{Serialize, Serializer};

/// The number of pages passed as context on long-document extraction
/// (`num_pages_context` in the API), which the API requires to be at least 1.
///
/// Holding a `NonZeroU32` makes 0 unrepresentable, so a config that compiles and
/// decodes is one the server accepts. In JSON the value is a plain integer, and
/// decoding rejects 0, negative numbers and numbers above `u32::MAX`.
///
/// # Examples
///
/// ```
/// use llama_cloud_core::NumPagesContext;
///
/// let context = NumPagesContext::new(3)?;
/// assert_eq!(context.get(), 3);
/// assert_eq!(serde_json::to_string(&context)?, "3");
///
/// let err = NumPagesContext::new(0).unwrap_err();
/// assert_eq!(err.to_string(), "num_pages_context must be at least 1, got 0");
///
/// // Other integer types convert with a check.
/// assert_eq!(NumPagesContext::try_from(5_u64)?.get(), 5);
/// assert_eq!(
///     NumPagesContext::try_from(-2_i64).unwrap_err().to_string(),
///     "num_pages_context must be at least 1, got -2",
/// );
///
/// // Decoding checks the value too.
/// assert!(serde_json::from_str::<NumPagesContext>("0").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NumPagesContext(NonZeroU32);

impl NumPagesContext {
    /// The smallest value, 1.
    pub const MIN: Self = Self(NonZeroU32::MIN);

    /// The largest value, `u32::MAX`.
    pub const MAX: Self = Self(NonZeroU32::MAX);

    /// Checks that `pages` is at least 1.
    ///
    /// # Errors
    ///
    /// [`NumPagesContextError::TooSmall`] when `pages` is 0.
    pub const fn new(pages: u32) -> Result<Self, NumPagesContextError> {
        match NonZeroU32::new(pages) {
            Some(pages) => Ok(Self(pages)),
            None => Err(NumPagesContextError::TooSmall { value: 0 }),
        }
    }

    /// The number of pages, at least 1.
    pub const fn get(self) -> u32 {
        self.0.get()
    }
}

impl From<NonZeroU32> for NumPagesContext {
    fn from(pages: NonZeroU32) -> Self {
        Self(pages)
    }
}

impl From<NumPagesContext> for NonZeroU32 {
    fn from(pages: NumPagesContext) -> Self {
        pages.0
    }
}

impl From<NumPagesContext> for u32 {
    fn from(pages: NumPagesContext) -> Self {
        pages.get()
    }
}

impl TryFrom<u32> for NumPagesContext {
    type Error = NumPagesContextError;

    fn try_from(pages: u32) -> Result<Self, Self::Error> {
        Self::new(pages)
    }
}

impl TryFrom<u64> for NumPagesContext {
    type Error = NumPagesContextError;

    fn try_from(pages: u64) -> Result<Self, Self::Error> {
        let pages =
            u32::try_from(pages).map_err(|_| NumPagesContextError::TooLarge { value: pages })?;
        Self::new(pages)
    }
}

impl TryFrom<i64> for NumPagesContext {
    type Error = NumPagesContextError;

    fn try_from(pages: i64) -> Result<Self, Self::Error> {
        match u64::try_from(pages) {
            Ok(pages) => Self::try_from(pages),
            Err(_) => Err(NumPagesContextError::TooSmall { value: pages }),
        }
    }
}

/// Integer literals default to `i32`, so this is what `NumPagesContext::try_from(3)`
/// uses.
impl TryFrom<i32> for NumPagesContext {
    type Error = NumPagesContextError;

    fn try_from(pages: i32) -> Result<Self, Self::Error> {
        Self::try_from(i64::from(pages))
    }
}

impl fmt::Display for NumPagesContext {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for NumPagesContext {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_u32(self.get())
    }
}

impl<'de> Deserialize<'de> for NumPagesContext {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NumPagesContextVisitor;

        impl Visitor<'_> for NumPagesContextVisitor {
            type Value = NumPagesContext;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "an integer from 1 to {}", u32::MAX)
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<NumPagesContext, E> {
                NumPagesContext::try_from(value).map_err(E::custom)
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<NumPagesContext, E> {
                NumPagesContext::try_from(value).map_err(E::custom)
            }
        }

        // `deserialize_u32` is only a hint: self-describing formats such as JSON call
        // whichever `visit_*` matches the number they read, so both signs are handled.
        deserializer.deserialize_u32(NumPagesContextVisitor)
    }
}

/// Why a number is not a valid [`NumPagesContext`]; the variant carries the value.
///
/// ```text
/// num_pages_context must be at least 1, got 0
/// num_pages_context must be at most 4294967295, got 4294967296
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum NumPagesContextError {
    /// The value was 0 or negative.
    #[error("num_pages_context must be at least 1, got {value}")]
    TooSmall {
        /// The rejected value.
        value: i64,
    },
    /// The value was above `u32::MAX`.
    #[error("num_pages_context must be at most {max}, got {value}", max = u32::MAX)]
    TooLarge {
        /// The rejected value.
        value: u64,
    },
}

impl NumPagesContextError {
    /// The rejected value, as text.
    pub fn value_text(&self) -> String {
        match self {
            Self::TooSmall { value } => value.to_string(),
            Self::TooLarge { value } => value.to_string(),
        }
    }
}
