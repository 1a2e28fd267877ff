//! [`Lenient<T>`]: a value checked against a documented rule, kept as sent
//! when it breaks the rule.
//!
//! A response may carry a value that breaks a rule the API documents for
//! requests: the official Get Job example has `"page_range": "page_range"`.
//! Refusing the whole job for it would make the job unreadable, and silently
//! dropping it would lose data. A `Lenient<T>` keeps the raw value, so it
//! re-encodes unchanged, and checks it when asked: [`get`](Lenient::get)
//! gives the typed value or the reason it is not one. Decoding does no more
//! than read the raw value, so a response costs nothing for the values its
//! reader never looks at.
//!
//! ```
//! use llama_cloud_core::{Lenient, PageRange};
//!
//! let odd: Lenient<PageRange> = serde_json::from_str(r#""page_range""#)?;
//! assert_eq!(odd.raw(), "page_range");
//! assert!(odd.get().is_err());
//! assert_eq!(serde_json::to_string(&odd)?, r#""page_range""#);
//!
//! let pages: Lenient<PageRange> = "1,3,5-7".parse::<PageRange>().unwrap().into();
//! assert_eq!(pages.get().map(|range| range.page_count()), Ok(5));
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeOwned, Deserializer};
use serde::ser::{Serialize, Serializer};

/// A type with a rule its wire values must follow.
pub trait Checked: Sized {
    /// The value as it travels on the wire.
    type Raw: Clone + fmt::Debug + PartialEq + Serialize + DeserializeOwned;
    /// Why a raw value breaks the rule.
    type Error: Clone + fmt::Debug + fmt::Display;

    /// The typed value of `raw`, or why it is not one.
    ///
    /// # Errors
    ///
    /// When `raw` breaks the rule.
    fn check(raw: &Self::Raw) -> Result<Self, Self::Error>;

    /// The wire form of a valid value.
    fn to_raw(&self) -> Self::Raw;
}

/// A value as sent, checked against `T`'s rule when read.
pub struct Lenient<T: Checked> {
    raw: T::Raw,
    rule: PhantomData<fn() -> T>,
}

impl<T: Checked> Lenient<T> {
    /// Keeps `raw` as given; [`get`](Self::get) checks it.
    pub fn new(raw: T::Raw) -> Self {
        Self {
            raw,
            rule: PhantomData,
        }
    }

    /// The value as sent.
    pub fn raw(&self) -> &T::Raw {
        &self.raw
    }

    /// The typed value.
    ///
    /// # Errors
    ///
    /// Why the value as sent breaks the rule.
    pub fn get(&self) -> Result<T, T::Error> {
        T::check(&self.raw)
    }

    /// Whether the value follows the rule.
    pub fn is_valid(&self) -> bool {
        self.get().is_ok()
    }

    /// The value as sent, consuming the wrapper.
    pub fn into_raw(self) -> T::Raw {
        self.raw
    }
}

impl<T: Checked> Clone for Lenient<T> {
    fn clone(&self) -> Self {
        Self::new(self.raw.clone())
    }
}

impl<T: Checked> From<T> for Lenient<T> {
    fn from(value: T) -> Self {
        Self::new(value.to_raw())
    }
}

impl<T: Checked> PartialEq for Lenient<T> {
    /// Two values are equal when they were sent the same.
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl<T: Checked + fmt::Debug> fmt::Debug for Lenient<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.get() {
            Ok(value) => value.fmt(f),
            Err(error) => f
                .debug_struct("Invalid")
                .field("raw", &self.raw)
                .field("error", &format_args!("{error}"))
                .finish(),
        }
    }
}

impl<T: Checked> Serialize for Lenient<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.raw.serialize(serializer)
    }
}

impl<'de, T: Checked> Deserialize<'de> for Lenient<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::Raw::deserialize(deserializer).map(Self::new)
    }
}

impl Checked for crate::PageRange {
    type Raw = String;
    type Error = crate::PageRangeError;

    fn check(raw: &String) -> Result<Self, Self::Error> {
        raw.parse()
    }

    fn to_raw(&self) -> String {
        self.to_string()
    }
}

impl Checked for crate::NumPagesContext {
    type Raw = i64;
    type Error = crate::NumPagesContextError;

    fn check(raw: &i64) -> Result<Self, Self::Error> {
        Self::try_from(*raw)
    }

    fn to_raw(&self) -> i64 {
        i64::from(self.get())
    }
}
