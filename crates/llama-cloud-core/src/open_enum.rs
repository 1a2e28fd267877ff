//! Forward-compatible enums for the string values of the API.
//!
//! The API adds values over time (new models, new job states). A closed Rust
//! enum would fail to decode a job as soon as the server sent a value newer
//! than the client, making that job unreadable. [`open_enum!`](crate::open_enum!)
//! defines an enum with a variant per documented value and an `Unknown`
//! variant that keeps any other string exactly as received, so it re-encodes
//! unchanged. `cargo xtask codegen` emits one for every string enum of the
//! contract, so a value the upstream adds becomes a variant on regeneration.
//!
//! Every such enum works the same way:
//!
//! - converting from a string never fails: `From<&str>`, `From<String>` and
//!   `str::parse` (with `Infallible` as the error) map a documented value to
//!   its variant and anything else to `Unknown`; matching is exact and
//!   case-sensitive, as on the wire;
//! - `as_str` and `Display` give the wire string, and serde (de)serializes
//!   the enum as that string;
//! - `KNOWN` lists the documented values, and `is_unknown` tells them apart
//!   from the rest;
//! - the enums are `#[non_exhaustive]`, so matches need a wildcard arm and
//!   new variants can be added without breaking code.
//!
//! An `Unknown` value never holds a documented name: its [`UnknownValue`] is
//! made only by the conversions above, which pick the named variant whenever
//! there is one. So `==` between two values is the same as comparing their
//! strings. A value that is `Unknown` today may get its own variant in a later
//! release: to react to one, compare `as_str()` rather than matching on the
//! `Unknown` contents.
//!
//! ```
//! llama_cloud_core::open_enum! {
//!     /// A colour.
//!     pub enum Colour {
//!         /// Red.
//!         Red = "RED",
//!     }
//! }
//!
//! assert_eq!(Colour::from("RED"), Colour::Red);
//! let blue = Colour::from("BLUE");
//! assert!(blue.is_unknown());
//! assert_eq!(serde_json::to_string(&blue)?, r#""BLUE""#);
//! # Ok::<(), serde_json::Error>(())
//! ```

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Visitor};

/// A string value that this version does not know, kept as received.
///
/// Found in the `Unknown` variant of every open enum. Converting a string
/// into the enum produces it, and only for strings that are not one of the
/// enum's documented values.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value as the server sent it (or as it was given to `from`).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// For [`open_enum!`](crate::open_enum) only: wraps a value the enum
    /// has checked is not a documented one.
    #[doc(hidden)]
    pub fn __new(value: String) -> Self {
        Self(value)
    }
}

/// Decodes an open enum from a string; taking a `String` by value avoids a
/// copy when the deserializer already owns one.
#[doc(hidden)]
#[derive(Debug)]
pub struct OpenEnumVisitor<T> {
    name: &'static str,
    marker: PhantomData<T>,
}

impl<T> OpenEnumVisitor<T> {
    /// A visitor for the enum called `name`.
    pub fn new(name: &'static str) -> Self {
        Self {
            name,
            marker: PhantomData,
        }
    }
}

impl<T> Visitor<'_> for OpenEnumVisitor<T>
where
    T: for<'a> From<&'a str> + From<String>,
{
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a {} string", self.name)
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
        Ok(T::from(value))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<T, E> {
        Ok(T::from(value))
    }
}

/// What the macro's expansion names, so that a crate using it needs no
/// dependency of its own on serde.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// Defines an open enum: a variant per documented wire value, plus
/// `Unknown(UnknownValue)` for any other string, with its conversions and
/// serde support. See the [module docs](mod@crate::open_enum) for the behaviour.
#[macro_export]
macro_rules! open_enum {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            $(
                $(#[$variant_meta:meta])*
                $variant:ident = $wire:literal,
            )+
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $(
                $(#[$variant_meta])*
                #[doc = ""]
                #[doc = concat!("On the wire: `\"", $wire, "\"`.")]
                $variant,
            )+
            /// A value this version does not know, kept exactly as given so
            /// that it re-encodes unchanged. Never holds one of the
            /// documented values: compare `as_str()` to react to it.
            Unknown($crate::open_enum::UnknownValue),
        }

        impl $name {
            /// Every documented value, in the order the API lists them.
            pub const KNOWN: &'static [Self] = &[$(Self::$variant),+];

            /// The wire string: the documented name, or the unknown value as
            /// received.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(value) => value.as_str(),
                }
            }

            /// Whether this is a value this version does not know.
            pub fn is_unknown(&self) -> bool {
                matches!(self, Self::Unknown(_))
            }

            /// The variant for a documented wire string, if it is one.
            fn known(value: &str) -> ::std::option::Option<Self> {
                match value {
                    $($wire => ::std::option::Option::Some(Self::$variant),)+
                    _ => ::std::option::Option::None,
                }
            }
        }

        impl ::std::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| {
                    Self::Unknown($crate::open_enum::UnknownValue::__new(value.to_owned()))
                })
            }
        }

        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::known(&value) {
                    ::std::option::Option::Some(known) => known,
                    ::std::option::Option::None => {
                        Self::Unknown($crate::open_enum::UnknownValue::__new(value))
                    }
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::open_enum::__private::serde::Serialize for $name {
            fn serialize<S>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error>
            where
                S: $crate::open_enum::__private::serde::Serializer,
            {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::open_enum::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: $crate::open_enum::__private::serde::Deserializer<'de>,
            {
                deserializer.deserialize_string($crate::open_enum::OpenEnumVisitor::new(
                    ::std::stringify!($name),
                ))
            }
        }
    };
}
