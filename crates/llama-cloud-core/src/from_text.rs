//! [`FromText`]: deserializing a value from a JSON string with its `FromStr`,
//! for the value types that are text on the wire (the prefixed ids, the
//! files API's id).

use std::fmt;
use std::marker::PhantomData;
use std::str::FromStr;

use serde::de::{self, Visitor};

/// A serde visitor that parses a string with `T`'s `FromStr`; its error's
/// message becomes serde's.
pub(crate) struct FromText<T> {
    /// What a valid value looks like, for serde's "expected ..." message.
    expected: &'static str,
    kind: PhantomData<T>,
}

impl<T> FromText<T> {
    pub(crate) const fn new(expected: &'static str) -> Self {
        Self {
            expected,
            kind: PhantomData,
        }
    }
}

impl<T> Visitor<'_> for FromText<T>
where
    T: FromStr,
    T::Err: fmt::Display,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expected)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        value.parse().map_err(E::custom)
    }
}
