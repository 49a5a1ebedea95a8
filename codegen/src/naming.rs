//! The one place where API names become Rust identifiers.
//!
//! Every identifier the generator emits goes through [`type_name`], [`field_name`] or
//! [`variant_name`], and collisions inside one namespace are resolved by [`Namespace`]. The
//! rules: characters that cannot appear in an identifier split words; a leading digit gets a
//! prefix (`V` for types and variants, `_` for snake_case names); Rust keywords get a trailing
//! underscore (`type_`); an empty name becomes `value` / `Value`; names a generated file relies
//! on (`Option`, `Result`, `String`, ...) get the suffix `Value`.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Keywords of Rust 2024 (strict, reserved and weak ones that cannot be identifiers).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated files use unqualified, or that would shadow the prelude.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "Err",
    "Into",
    "None",
    "Ok",
    "Option",
    "Result",
    "Self",
    "Some",
    "String",
    "Vec",
    "BTreeMap",
    "Default",
    "Clone",
    "Debug",
    "PartialEq",
    "From",
    "Iterator",
];

/// Replaces every character that cannot be part of an ASCII identifier with a space, so heck
/// treats it as a word boundary.
fn clean(api_name: &str) -> String {
    api_name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// The UpperCamelCase name for a type (`secrets-store quota` becomes `SecretsStoreQuota`).
pub fn type_name(api_name: &str) -> String {
    let mut name = clean(api_name).to_upper_camel_case();
    if name.is_empty() {
        name = "Value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if RESERVED_TYPES.contains(&name.as_str()) || KEYWORDS.contains(&name.as_str()) {
        name.push_str("Value");
    }
    name
}

/// The UpperCamelCase name for an enum variant (`deriveKey` becomes `DeriveKey`).
pub fn variant_name(api_name: &str) -> String {
    let mut name = clean(api_name).to_upper_camel_case();
    if name.is_empty() {
        name = "Empty".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    name
}

/// The snake_case name for a field, parameter or method (`type` becomes `type_`).
pub fn field_name(api_name: &str) -> String {
    let mut name = clean(api_name).to_snake_case();
    if name.is_empty() {
        name = "value".to_owned();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    if KEYWORDS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// A set of names already taken in one scope (the fields of one struct, the variants of one
/// enum, the types of one module). Colliding names get a numeric suffix.
#[derive(Clone, Debug, Default)]
pub struct Namespace {
    taken: BTreeSet<String>,
}

impl Namespace {
    /// An empty namespace.
    pub fn new() -> Self {
        Namespace::default()
    }

    /// A namespace in which `names` are already taken.
    pub fn with_reserved(names: &[&str]) -> Self {
        Namespace {
            taken: names.iter().map(|name| (*name).to_owned()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Claims `name`, or `name2`, `name3`, ... (`name_2` for snake_case names) if it is taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let snake = name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_');
        let mut counter = 2u32;
        loop {
            let candidate = if snake {
                format!("{name}_{counter}")
            } else {
                format!("{name}{counter}")
            };
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            counter += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_identifiers() {
        assert_eq!(type_name("secrets-store quota"), "SecretsStoreQuota");
        assert_eq!(type_name("1password"), "V1password");
        assert_eq!(type_name("Result"), "ResultValue");
        assert_eq!(type_name("+++"), "Value");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("2fa"), "_2fa");
        assert_eq!(field_name("key-base64"), "key_base64");
        assert_eq!(variant_name("deriveKey"), "DeriveKey");
        assert_eq!(variant_name("ai_gateway"), "AiGateway");
        assert_eq!(variant_name(""), "Empty");
    }

    #[test]
    fn collisions_get_suffixes() {
        let mut fields = Namespace::new();
        assert_eq!(fields.claim(field_name("foo-bar")), "foo_bar");
        assert_eq!(fields.claim(field_name("foo_bar")), "foo_bar_2");
        assert_eq!(fields.claim(field_name("fooBar")), "foo_bar_3");
        let mut types = Namespace::with_reserved(&["Unknown"]);
        assert_eq!(types.claim(variant_name("unknown")), "Unknown2");
    }
}
