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
/// container types they use (leaves have no constraints of their own). The default method
/// accepts every value, so a type with nothing to check implements it with an empty `impl`.
pub trait Validate {
    /// Checks the value; the error names `field` (or a path below it).
    fn validate(&self, field: &str) -> Result<()> {
        let _ = field;
        Ok(())
    }
}

/// Checks of a type that the spec cannot express, written by hand in the SDK crate.
///
/// A schema marked `x-sdk-extra-validate: true` gets a `Validate` that runs the spec's checks
/// and then this one, so a value is refused before sending by both. The SDK crate implements it
/// for such types next to the rules it applies (for example a key's WebCrypto import rules, in
/// `crate::keys`); without an implementation the generated code does not compile.
pub trait ExtraValidate {
    /// Checks the value; the error names `field` (or a path below it) and never the value.
    fn extra_validate(&self, field: &str) -> Result<()>;
}

macro_rules! always_valid {
    ($($ty:ty),* $(,)?) => {
        $(impl Validate for $ty {})*
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

/// The spec's constraints on one value, as generated code declares them (a `const`-friendly
/// struct: `Rules { max_length: Some(32), ..Rules::NONE }`), checked by [`check`].
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Rules {
    /// `minLength`, in characters.
    pub min_length: Option<u64>,
    /// `maxLength`, in characters.
    pub max_length: Option<u64>,
    /// `x-sdk-max-bytes`, in UTF-8 bytes.
    pub max_bytes: Option<u64>,
    /// `pattern` (a regex-lite expression).
    pub pattern: Option<&'static str>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

impl Rules {
    /// No constraint at all (the base of `..Rules::NONE`).
    pub const NONE: Rules = Rules {
        min_length: None,
        max_length: None,
        max_bytes: None,
        pattern: None,
        minimum: None,
        maximum: None,
        min_items: None,
        max_items: None,
    };

    /// Sets `min_length` (a `const fn`, so generated code can chain the rules it needs).
    pub const fn min_length(self, min: u64) -> Rules {
        Rules {
            min_length: Some(min),
            ..self
        }
    }

    /// Sets `max_length`.
    pub const fn max_length(self, max: u64) -> Rules {
        Rules {
            max_length: Some(max),
            ..self
        }
    }

    /// Sets `max_bytes`.
    pub const fn max_bytes(self, max: u64) -> Rules {
        Rules {
            max_bytes: Some(max),
            ..self
        }
    }

    /// Sets `pattern`.
    pub const fn pattern(self, pattern: &'static str) -> Rules {
        Rules {
            pattern: Some(pattern),
            ..self
        }
    }

    /// Sets `minimum`.
    pub const fn minimum(self, min: f64) -> Rules {
        Rules {
            minimum: Some(min),
            ..self
        }
    }

    /// Sets `maximum`.
    pub const fn maximum(self, max: f64) -> Rules {
        Rules {
            maximum: Some(max),
            ..self
        }
    }

    /// Sets `min_items`.
    pub const fn min_items(self, min: u64) -> Rules {
        Rules {
            min_items: Some(min),
            ..self
        }
    }

    /// Sets `max_items`.
    pub const fn max_items(self, max: u64) -> Rules {
        Rules {
            max_items: Some(max),
            ..self
        }
    }

    /// Whether any rule applies to a single text or number (as opposed to a list's length).
    fn has_value_rules(&self) -> bool {
        Rules {
            min_items: None,
            max_items: None,
            ..*self
        } != Rules::NONE
    }
}

/// A value that [`check`] can hold against [`Rules`]: text (lengths, bytes, pattern), numbers
/// (minimum, maximum), lists (item counts, then each item), maps (each value) and `Option`
/// (the value, when there is one). Rules that do not apply to a kind of value are ignored.
pub trait Check {
    /// Checks the value against `rules`; the error names `field` (or a path below it).
    fn check(&self, field: &str, rules: &Rules) -> Result<()>;
}

/// Checks `value` against `rules`, naming `field` in the error. The error never holds the value.
pub fn check<T: Check + ?Sized>(field: &str, value: &T, rules: &Rules) -> Result<()> {
    value.check(field, rules)
}

impl Check for str {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        if let Some(min) = rules.min_length {
            min_length(field, self, min)?;
        }
        if let Some(max) = rules.max_length {
            max_length(field, self, max)?;
        }
        if let Some(max) = rules.max_bytes {
            max_bytes(field, self, max)?;
        }
        if let Some(expression) = rules.pattern {
            pattern(field, self, expression)?;
        }
        Ok(())
    }
}

impl Check for String {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        self.as_str().check(field, rules)
    }
}

impl Check for SecretString {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        self.expose_secret().check(field, rules)
    }
}

macro_rules! check_as_number {
    ($($ty:ty),* $(,)?) => {
        $(
            impl Check for $ty {
                fn check(&self, field: &str, rules: &Rules) -> Result<()> {
                    // Integers beyond 2^53 lose precision here; the spec's bounds are far below.
                    let value = *self as f64;
                    if let Some(min) = rules.minimum {
                        minimum(field, value, min)?;
                    }
                    if let Some(max) = rules.maximum {
                        maximum(field, value, max)?;
                    }
                    Ok(())
                }
            }
        )*
    };
}

check_as_number!(i8, i16, i32, i64, u8, u16, u32, u64, f32, f64);

impl<T: Check + ?Sized> Check for &T {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        (**self).check(field, rules)
    }
}

impl<T: Check> Check for Option<T> {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        match self {
            Some(value) => value.check(field, rules),
            None => Ok(()),
        }
    }
}

impl<T: Check> Check for [T] {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        if let Some(min) = rules.min_items {
            min_items(field, self.len(), min)?;
        }
        if let Some(max) = rules.max_items {
            max_items(field, self.len(), max)?;
        }
        if rules.has_value_rules() {
            let item_rules = Rules {
                min_items: None,
                max_items: None,
                ..*rules
            };
            for (index, item) in self.iter().enumerate() {
                item.check(&format!("{field}[{index}]"), &item_rules)?;
            }
        }
        Ok(())
    }
}

impl<T: Check> Check for Vec<T> {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        self.as_slice().check(field, rules)
    }
}

impl<T: Check> Check for BTreeMap<String, T> {
    fn check(&self, field: &str, rules: &Rules) -> Result<()> {
        for (key, value) in self {
            value.check(&format!("{field}.{key}"), rules)?;
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
    fn rules_check_text_numbers_lists_and_options() {
        let name = Rules {
            min_length: Some(1),
            max_length: Some(3),
            pattern: Some("^[a-z]+$"),
            ..Rules::NONE
        };
        assert!(check("name", "abc", &name).is_ok());
        assert!(check("name", "abcd", &name).is_err());
        assert!(check("name", "", &name).is_err());
        assert!(check("name", "ABC", &name).is_err());
        let absent: Option<String> = None;
        assert!(check("name", &absent, &name).is_ok());
        assert!(check("name", &Some("ABC".to_owned()), &name).is_err());
        let per_page = Rules::NONE.minimum(5.0).maximum(100.0);
        assert!(check("per_page", &5u8, &per_page).is_ok());
        assert!(check("per_page", &101u8, &per_page).is_err());
        assert!(check("per_page", &4i64, &per_page).is_err());
        let scopes = Rules {
            min_items: Some(1),
            max_items: Some(2),
            max_bytes: Some(3),
            ..Rules::NONE
        };
        assert!(check("scopes", &vec!["abc".to_owned()], &scopes).is_ok());
        assert!(check("scopes", &Vec::<String>::new(), &scopes).is_err());
        let error = check("scopes", &vec!["a".to_owned(), "abcd".to_owned()], &scopes).unwrap_err();
        assert_eq!(error.field(), Some("scopes[1]"));
        let secret = SecretString::from("hunter2-hunter2");
        let error = check("value", &secret, &name).unwrap_err();
        assert!(!format!("{error} {error:?}").contains("hunter2"));
    }

    /// Seeded random values: `check` agrees with the single-rule functions it is built from.
    #[test]
    fn rules_agree_with_the_single_checks_on_random_values() {
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..2_000 {
            let length = rng.usize(0..8);
            let text: String = (0..length)
                .map(|_| rng.choice(['a', 'é', '1']).unwrap_or('a'))
                .collect();
            let max = rng.u64(0..8);
            let rules = Rules {
                max_length: Some(max),
                max_bytes: Some(max + 2),
                ..Rules::NONE
            };
            let expected =
                max_length("x", &text, max).is_ok() && max_bytes("x", &text, max + 2).is_ok();
            assert_eq!(
                check("x", text.as_str(), &rules).is_ok(),
                expected,
                "{text:?} {max}"
            );
            let number = rng.i64(-50..150);
            let bounds = Rules {
                minimum: Some(0.0),
                maximum: Some(100.0),
                ..Rules::NONE
            };
            assert_eq!(
                check("n", &number, &bounds).is_ok(),
                (0..=100).contains(&number)
            );
        }
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
