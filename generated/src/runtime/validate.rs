//! Client-side checks of the spec's constraints, run before a request is sent.
//!
//! Every check returns [`Error::validation`] naming the field and the constraint; none ever
//! puts the checked value in the message, because the value may be a secret.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};

use super::error::{Error, Result};
use super::secret::{SecretJson, SecretString};
use super::unknown::UnknownValue;

/// A value that can check itself against the spec's constraints.
///
/// `field` is the path of this value in the request, such as `body` or `body[0].name`; errors
/// name it. Generated types implement this; the runtime implements it for the leaf and
/// container types they use (leaves have no constraints of their own).
pub trait Validate {
    /// Checks the value; the error names `field` (or a path below it).
    fn validate(&self, field: &str) -> Result<()>;
}

macro_rules! always_valid {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Validate for $ty {
                fn validate(&self, _field: &str) -> Result<()> {
                    Ok(())
                }
            }
        )*
    };
}

always_valid!(
    String,
    str,
    bool,
    i8,
    i16,
    i32,
    i64,
    u8,
    u16,
    u32,
    u64,
    f32,
    f64,
    serde_json::Value,
    jiff::Timestamp,
    SecretString,
    SecretJson,
    UnknownValue,
);

impl<T: Validate + ?Sized> Validate for &T {
    fn validate(&self, field: &str) -> Result<()> {
        (**self).validate(field)
    }
}

impl<T: Validate + ?Sized> Validate for Box<T> {
    fn validate(&self, field: &str) -> Result<()> {
        (**self).validate(field)
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate(&self, field: &str) -> Result<()> {
        match self {
            Some(value) => value.validate(field),
            None => Ok(()),
        }
    }
}

impl<T: Validate> Validate for [T] {
    fn validate(&self, field: &str) -> Result<()> {
        for (index, item) in self.iter().enumerate() {
            item.validate(&format!("{field}[{index}]"))?;
        }
        Ok(())
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate(&self, field: &str) -> Result<()> {
        self.as_slice().validate(field)
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate(&self, field: &str) -> Result<()> {
        for (key, value) in self {
            value.validate(&format!("{field}.{key}"))?;
        }
        Ok(())
    }
}

impl<T: Validate, S> Validate for HashMap<String, T, S> {
    fn validate(&self, field: &str) -> Result<()> {
        for (key, value) in self {
            value.validate(&format!("{field}.{key}"))?;
        }
        Ok(())
    }
}

/// Fails when `value` has fewer than `min` characters.
pub fn min_length(field: &str, value: &str, min: u64) -> Result<()> {
    if (value.chars().count() as u64) < min {
        return Err(Error::validation(
            field,
            format!("must be at least {min} characters long"),
        ));
    }
    Ok(())
}

/// Fails when `value` has more than `max` characters.
pub fn max_length(field: &str, value: &str, max: u64) -> Result<()> {
    if value.chars().count() as u64 > max {
        return Err(Error::validation(
            field,
            format!("must be at most {max} characters long"),
        ));
    }
    Ok(())
}

/// Fails when `value` is longer than `max` bytes in UTF-8.
pub fn max_bytes(field: &str, value: &str, max: u64) -> Result<()> {
    let length = value.len() as u64;
    if length > max {
        return Err(Error::validation(
            field,
            format!("must be at most {max} bytes in UTF-8 (it is {length} bytes)"),
        ));
    }
    Ok(())
}

/// Compiled patterns by pattern text; `None` for a pattern that does not compile.
type PatternCache = Mutex<HashMap<&'static str, Option<Arc<regex_lite::Regex>>>>;

/// The process-wide pattern cache.
fn pattern_cache() -> &'static PatternCache {
    static CACHE: OnceLock<PatternCache> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// Fails when `value` does not match `pattern` (a regular expression from the spec, compiled
/// once). A pattern that does not compile fails validation rather than passing silently.
pub fn pattern(field: &str, value: &str, pattern: &'static str) -> Result<()> {
    let regex = {
        let mut cache = match pattern_cache().lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        cache
            .entry(pattern)
            .or_insert_with(|| regex_lite::Regex::new(pattern).ok().map(Arc::new))
            .clone()
    };
    match regex {
        Some(regex) if regex.is_match(value) => Ok(()),
        Some(_) => Err(Error::validation(
            field,
            format!("must match the pattern `{pattern}`"),
        )),
        None => Err(Error::validation(
            field,
            format!("cannot be checked: the spec's pattern `{pattern}` does not compile"),
        )),
    }
}

/// Fails when `value` is less than `min`.
pub fn minimum(field: &str, value: f64, min: f64) -> Result<()> {
    if value.is_nan() || value < min {
        return Err(Error::validation(field, format!("must be at least {min}")));
    }
    Ok(())
}

/// Fails when `value` is more than `max`.
pub fn maximum(field: &str, value: f64, max: f64) -> Result<()> {
    if value.is_nan() || value > max {
        return Err(Error::validation(field, format!("must be at most {max}")));
    }
    Ok(())
}

/// Fails when a list has fewer than `min` items.
pub fn min_items(field: &str, len: usize, min: u64) -> Result<()> {
    if (len as u64) < min {
        return Err(Error::validation(
            field,
            format!("must have at least {min} items"),
        ));
    }
    Ok(())
}

/// Fails when a list has more than `max` items.
pub fn max_items(field: &str, len: usize, max: u64) -> Result<()> {
    if len as u64 > max {
        return Err(Error::validation(
            field,
            format!("must have at most {max} items"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_and_bytes() {
        assert!(max_length("name", "ééé", 3).is_ok());
        assert!(max_length("name", "éééé", 3).is_err());
        assert!(min_length("name", "", 1).is_err());
        assert!(max_bytes("value", "ééé", 5).is_err());
        assert!(max_bytes("value", "ééé", 6).is_ok());
    }

    #[test]
    fn messages_never_hold_the_value() {
        let secret = "hunter2-hunter2";
        let errors = [
            max_length("value", secret, 3).unwrap_err(),
            max_bytes("value", secret, 3).unwrap_err(),
            pattern("value", secret, "^[0-9]+$").unwrap_err(),
        ];
        for error in errors {
            let text = format!("{error} {error:?}");
            assert!(!text.contains(secret), "{text}");
            assert_eq!(error.field(), Some("value"));
        }
    }

    #[test]
    fn patterns_numbers_and_items() {
        assert!(pattern("id", "abc123", "^[a-z0-9]{1,32}$").is_ok());
        assert!(pattern("id", "ABC", "^[a-z0-9]{1,32}$").is_err());
        assert!(pattern("id", "x", "(").is_err());
        assert!(minimum("page", 0.0, 1.0).is_err());
        assert!(maximum("per_page", 101.0, 100.0).is_err());
        assert!(maximum("per_page", f64::NAN, 100.0).is_err());
        assert!(min_items("body", 0, 1).is_err());
        assert!(max_items("body", 3, 2).is_err());
        assert!(max_items("body", 2, 2).is_ok());
    }

    #[test]
    fn containers_name_the_failing_item() {
        struct Name(&'static str);
        impl Validate for Name {
            fn validate(&self, field: &str) -> Result<()> {
                min_length(field, self.0, 1)
            }
        }
        let names = vec![Name("a"), Name("")];
        let error = names.validate("body").unwrap_err();
        assert_eq!(error.field(), Some("body[1]"));
        assert!(Some(Name("a")).validate("x").is_ok());
    }
}
