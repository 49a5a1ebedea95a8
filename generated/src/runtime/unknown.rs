//! [`UnknownValue`]: an enum value the server sent that the spec does not know yet.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value of a response enum that this version of the SDK does not know.
///
/// Generated response enums end with an `Unknown(UnknownValue)` variant so that a value
/// Cloudflare adds later still deserializes, and serializes back unchanged. There is no public
/// constructor: callers cannot send a value the spec does not list.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// Wraps a value received from the server. Only the SDK (generated code) builds these.
    #[allow(dead_code, reason = "called by generated enums")]
    pub(crate) fn new(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// Returns the value as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for UnknownValue {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for UnknownValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(UnknownValue)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_as_a_string() {
        let value: UnknownValue = serde_json::from_str("\"quantum\"").unwrap();
        assert_eq!(value.as_str(), "quantum");
        assert_eq!(value.to_string(), "quantum");
        assert_eq!(serde_json::to_string(&value).unwrap(), "\"quantum\"");
        assert!(serde_json::from_str::<UnknownValue>("1").is_err());
    }
}
