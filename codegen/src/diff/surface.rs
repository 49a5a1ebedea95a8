//! What a user of the generated crate sees of a model item: how its types are spelled and what
//! code may do with a type (build it, write a struct literal, match it exhaustively). The
//! change report judges every change against these facts.
//!
//! The facts are read from the model the way the emitters write the code (ARCHITECTURE.md, "The
//! generated API" and "Enums"). Whether a type is `#[non_exhaustive]` is decided in one place,
//! [`non_exhaustive`].

use crate::model::{Direction, Openness, TypeDef, TypeKind, TypeRef};

/// The Rust spelling of a type reference, as users see it.
pub fn rust_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Secret => "SecretString".to_owned(),
        TypeRef::SecretJson => "SecretJson".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "f64".to_owned(),
        TypeRef::Timestamp => "jiff::Timestamp".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Id(name) | TypeRef::Named(name) => name.clone(),
        TypeRef::Vec(inner) => format!("Vec<{}>", rust_type(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", rust_type(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
    }
}

/// The type with every secret replaced by its plain form (`SecretString` → `String`,
/// `SecretJson` → `serde_json::Value`): two types that differ only in sensitivity read the same
/// on the wire.
pub(super) fn without_secrets(ty: &TypeRef) -> TypeRef {
    match ty {
        TypeRef::Secret => TypeRef::String,
        TypeRef::SecretJson => TypeRef::Json,
        TypeRef::Vec(inner) => TypeRef::Vec(Box::new(without_secrets(inner))),
        TypeRef::Map(inner) => TypeRef::Map(Box::new(without_secrets(inner))),
        TypeRef::Nullable(inner) => TypeRef::Nullable(Box::new(without_secrets(inner))),
        other => other.clone(),
    }
}

/// How many secrets a type holds in its spelling (`Vec<SecretString>` holds one).
pub(super) fn secret_count(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Secret | TypeRef::SecretJson => 1,
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => secret_count(inner),
        _ => 0,
    }
}

/// The Rust type of a struct field holding `inner`: optional and nullable fields are wrapped in
/// `Option`, both in `Option<Option<_>>` (absent, `null`, or a value).
pub(super) fn field_type(inner: &str, required: bool, nullable: bool) -> String {
    match (required, nullable) {
        (true, false) => inner.to_owned(),
        (true, true) | (false, false) => format!("Option<{inner}>"),
        (false, true) => format!("Option<Option<{inner}>>"),
    }
}

/// Whether the generated type is `#[non_exhaustive]`, as the model decides it for the emitters
/// (`TypeDef::is_non_exhaustive`: today every struct, enum and union, in both directions).
pub(super) fn non_exhaustive(def: &TypeDef) -> bool {
    def.is_non_exhaustive()
}

/// What code may do with one generated type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TypeSurface {
    /// `#[non_exhaustive]`: no struct literals, no exhaustive patterns or matches outside the crate.
    pub non_exhaustive: bool,
    /// Callers build values: structs get `new` and setters, unions one constructor per variant.
    pub built_by_callers: bool,
    /// The server sends values of it.
    pub sent_by_server: bool,
    /// The fields are private (`x-sdk-required-when`): read through getters, built through one
    /// constructor per value of the deciding field.
    pub private_fields: bool,
    /// The catch-all variant of an enum or union (`Unknown`, `Other`), if it has one.
    pub catch_all: Option<&'static str>,
    /// The type is `Copy` (closed string enums).
    pub copy: bool,
    /// The type is an enum or a union (code matches its variants), not a struct.
    pub variants: bool,
}

impl TypeSurface {
    /// The surface of a generated type.
    pub fn of(def: &TypeDef) -> TypeSurface {
        let non_exhaustive = non_exhaustive(def);
        match &def.kind {
            TypeKind::Struct {
                direction,
                required_when,
                ..
            } => TypeSurface {
                non_exhaustive,
                built_by_callers: direction.is_request(),
                sent_by_server: direction.is_response(),
                private_fields: !required_when.is_empty(),
                catch_all: None,
                copy: false,
                variants: false,
            },
            TypeKind::Union { direction, .. } => TypeSurface {
                non_exhaustive,
                built_by_callers: direction.is_request(),
                sent_by_server: direction.is_response(),
                private_fields: false,
                catch_all: direction.is_response().then_some("Unknown"),
                copy: false,
                variants: true,
            },
            TypeKind::Enum { openness, .. } => TypeSurface {
                non_exhaustive,
                built_by_callers: true,
                sent_by_server: *openness != Openness::Closed,
                private_fields: false,
                catch_all: match openness {
                    Openness::Closed => None,
                    Openness::OpenUnknown => Some("Unknown"),
                    Openness::Extensible => Some("Other"),
                },
                copy: *openness == Openness::Closed,
                variants: true,
            },
        }
    }

    /// Whether code outside the crate may write struct literals of it, destructure it without
    /// `..`, or match its variants without a wildcard: adding a field or variant breaks that code.
    pub fn exhaustive(self) -> bool {
        !self.non_exhaustive && !self.private_fields
    }

    /// What changes for users when a type's surface goes from `old` to `new`, worst first:
    /// `(breaking, note)` pairs.
    pub fn changes(old: TypeSurface, new: TypeSurface) -> Vec<(bool, String)> {
        let mut out = Vec::new();
        if old.built_by_callers && !new.built_by_callers {
            out.push((true, "callers can no longer build it".to_owned()));
        }
        if old.exhaustive() && new.non_exhaustive {
            let what = if new.variants {
                "exhaustive matches"
            } else {
                "struct literals and exhaustive patterns"
            };
            out.push((
                true,
                format!("it becomes `#[non_exhaustive]`, so {what} no longer compile"),
            ));
        }
        if let Some(variant) = old
            .catch_all
            .filter(|&variant| new.catch_all != Some(variant))
        {
            out.push((true, format!("its `{variant}` variant is gone")));
        }
        if old.copy && !new.copy {
            out.push((true, "it is no longer `Copy`".to_owned()));
        }
        if !old.built_by_callers && new.built_by_callers {
            out.push((false, "callers can now build it".to_owned()));
        }
        if old.non_exhaustive && !new.non_exhaustive {
            out.push((false, "it is no longer `#[non_exhaustive]`".to_owned()));
        }
        if let Some(variant) = new
            .catch_all
            .filter(|&variant| old.catch_all != Some(variant))
        {
            out.push((
                old.exhaustive(),
                format!("it gains an `{variant}` variant for values the spec does not list"),
            ));
        }
        if old.sent_by_server && !new.sent_by_server {
            out.push((false, "the server no longer sends it".to_owned()));
        }
        if !old.sent_by_server && new.sent_by_server {
            out.push((false, "the server now sends it too".to_owned()));
        }
        out.sort_by_key(|(breaking, _)| !breaking);
        out
    }
}

/// Whether a resource method argument of this type accepts a string (`&str`, `String`): the
/// emitters take strings, secrets and identifiers as `impl Into<T>`, so two such arguments that
/// swap places still compile.
pub(super) fn accepts_text(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Secret | TypeRef::SecretJson | TypeRef::Id(_)
    )
}

/// The name of a direction, as the report writes it.
pub(super) fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request",
        Direction::Response => "response",
        Direction::Both => "request and response",
    }
}

/// The name of an enum's openness, as the report writes it.
pub(super) fn openness_name(openness: Openness) -> &'static str {
    match openness {
        Openness::Closed => "closed",
        Openness::OpenUnknown => "open (keeps unknown server values)",
        Openness::Extensible => "extensible (`Other(String)`)",
    }
}

/// The kind of a generated type, as the report writes it.
pub(super) fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct { .. } => "struct",
        TypeKind::Enum { .. } => "enum",
        TypeKind::Union { .. } => "tagged union",
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;

    /// Whether the emitted `types.rs` declares `def` `#[non_exhaustive]`: the attribute among
    /// the lines right above `pub struct Name` / `pub enum Name` or the `string_enum!` kind line,
    /// or a `string_enum!` kind whose macro arm adds it (`unknown` and `other`).
    fn emitted_non_exhaustive(types_rs: &str, def: &TypeDef) -> bool {
        let name = &def.rust_name;
        let lines: Vec<&str> = types_rs.lines().collect();
        let declaration = lines.iter().position(|line| {
            line.starts_with(&format!("pub struct {name} "))
                || line.starts_with(&format!("pub enum {name} "))
                || [
                    format!("    closed {name} {{"),
                    format!("    unknown {name} {{"),
                    format!("    other {name} {{"),
                ]
                .contains(&line.to_string())
        });
        let Some(declaration) = declaration else {
            panic!("`{name}` is not declared in types.rs");
        };
        let line = lines[declaration];
        let by_macro = !line.starts_with("pub ") && !line.trim_start().starts_with("closed ");
        let by_attribute = lines[..declaration]
            .iter()
            .rev()
            .take_while(|line| line.trim_start().starts_with("#["))
            .any(|line| line.trim_start() == "#[non_exhaustive]");
        by_macro || by_attribute
    }

    /// The report's idea of `#[non_exhaustive]` must be what the emitters write, for every type
    /// of the real spec (which has request-only and response structs, unions and enums).
    #[test]
    fn non_exhaustive_is_what_the_emitters_write() {
        let spec = include_str!("../../../spec/openapi.yaml");
        let model = crate::build_model(spec).expect("the spec builds");
        let files = crate::generate(spec).expect("the spec generates");
        let types_rs = files
            .iter()
            .find(|file| file.path.ends_with("types.rs"))
            .expect("types.rs is generated");
        let mut seen = BTreeSet::new();
        for def in model.types.values() {
            let emitted = emitted_non_exhaustive(&types_rs.contents, def);
            assert_eq!(non_exhaustive(def), emitted, "{}", def.rust_name);
            seen.insert((kind_name(&def.kind), emitted));
        }
        // Every kind is `#[non_exhaustive]` in both directions (`TypeDef::is_non_exhaustive`).
        assert_eq!(seen.len(), 3, "every kind of type: {seen:?}");
    }

    #[test]
    fn rust_types_are_spelled_as_users_see_them() {
        let ty = TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::Vec(
            Box::new(TypeRef::Named("Secret".to_owned())),
        )))));
        assert_eq!(rust_type(&ty), "BTreeMap<String, Option<Vec<Secret>>>");
        assert_eq!(field_type("String", false, true), "Option<Option<String>>");
        let secret = TypeRef::Vec(Box::new(TypeRef::Secret));
        assert_eq!(
            without_secrets(&secret),
            TypeRef::Vec(Box::new(TypeRef::String))
        );
        assert_eq!(secret_count(&secret), 1);
    }
}
