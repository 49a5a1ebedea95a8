//! Stage 4: the model becomes Rust source text, one string per generated file.
//!
//! Each submodule writes one file and reads only [`crate::model`]. The text is written already
//! laid out (indentation, line breaks, blank lines between items), so nothing is parsed again
//! after it is built; [`crate::format`] only tidies blank lines.
//!
//! The generated layer is thin: what does not depend on the spec is hand-written in the
//! runtime (`generated/src/runtime/`), and generated code only declares what differs. Each file
//! starts with the same `use crate::runtime;` (and `use super::{ids, types, ...};`, allowed to be
//! unused), then names everything as `runtime::X`, `types::X` or `ids::X`, so no `use` can go
//! stale when the spec changes.

mod ids;
mod operations;
mod resources;
mod types;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::error::Result;
use crate::model::{Constraints, Model, Param, TypeKind, TypeRef};

/// The files the generator writes, relative to `generated/src`, in output order.
pub const FILES: [&str; 5] = [
    "generated/mod.rs",
    "generated/ids.rs",
    "generated/types.rs",
    "generated/operations.rs",
    "generated/resources.rs",
];

/// Emits every generated file as `(path relative to generated/src, text)`, in a fixed order.
pub fn emit(model: &Model) -> Result<Vec<(String, String)>> {
    FILES
        .iter()
        .map(|path| Ok(((*path).to_owned(), emit_file(model, path)?)))
        .collect()
}

/// How many parts `operations.rs` is emitted in, in parallel. The number is fixed (not the
/// number of cores), and the parts are joined in order, so the text does not depend on the
/// machine.
pub const OPERATION_PARTS: usize = 2;

/// One unit of parallel work: a whole file, or one part of `operations.rs`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// Which file the part belongs to (one of [`FILES`]).
    pub path: &'static str,
    /// The part's position in the file.
    pub index: usize,
}

/// Every part of every file, in output order.
pub fn parts() -> Vec<Part> {
    let mut parts = Vec::new();
    for path in FILES {
        let count = if path == "generated/operations.rs" {
            OPERATION_PARTS
        } else {
            1
        };
        parts.extend((0..count).map(|index| Part { path, index }));
    }
    parts
}

/// Emits one part. Part 0 of `operations.rs` holds the header and the first operations.
pub fn emit_part(model: &Model, part: Part) -> Result<String> {
    if part.path != "generated/operations.rs" {
        return emit_file(model, part.path);
    }
    let total = model.operations.len();
    let size = total.div_ceil(OPERATION_PARTS);
    let start = (part.index * size).min(total);
    let end = ((part.index + 1) * size).min(total);
    let mut text = if part.index == 0 {
        operations::header(model)
    } else {
        String::new()
    };
    text.push_str(&operations::emit_range(model, start..end)?);
    Ok(text)
}

/// Emits one of [`FILES`].
pub fn emit_file(model: &Model, path: &str) -> Result<String> {
    match path {
        "generated/mod.rs" => Ok(mod_file(model)),
        "generated/ids.rs" => Ok(ids::emit(model)),
        "generated/types.rs" => types::emit(model),
        "generated/operations.rs" => operations::emit(model),
        "generated/resources.rs" => Ok(resources::emit(model)),
        other => Err(crate::error::Error::new(
            "#",
            format!("internal error: the generator does not know the file `{other}`"),
        )),
    }
}

fn mod_file(model: &Model) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! Code generated from `{}` version {}: identifiers, types, request builders and resources.",
        model.info.title, model.info.version
    );
    out.push_str("pub mod ids;\npub mod operations;\npub mod resources;\npub mod types;\n");
    out
}

/// Writes documentation lines as `///` comments at `indent`.
pub(crate) fn push_docs(out: &mut String, indent: &str, lines: &[String]) {
    for line in lines {
        for piece in line.split('\n') {
            let piece = piece.trim_end();
            if piece.is_empty() {
                let _ = writeln!(out, "{indent}///");
            } else {
                let _ = writeln!(out, "{indent}/// {piece}");
            }
        }
    }
}

/// Documentation lines, or `fallback` when the spec gives none.
pub(crate) fn docs_or(lines: &[String], fallback: String) -> Vec<String> {
    if lines.is_empty() {
        vec![fallback]
    } else {
        lines.to_vec()
    }
}

/// The widest a generated line of code should be before its parameters go on lines of their own.
const MAX_WIDTH: usize = 100;

/// Writes `head(params) tail` on one line when it fits, else with one parameter per line (the
/// way rustfmt lays out a long signature or call). `tail` starts right after the `)`.
pub(crate) fn push_call(out: &mut String, indent: &str, head: &str, params: &[String], tail: &str) {
    let joined = params.join(", ");
    if indent.len() + head.len() + joined.len() + 2 + tail.len() <= MAX_WIDTH {
        let _ = writeln!(out, "{indent}{head}({joined}){tail}");
        return;
    }
    let _ = writeln!(out, "{indent}{head}(");
    for param in params {
        let _ = writeln!(out, "{indent}    {param},");
    }
    let _ = writeln!(out, "{indent}){tail}");
}

/// A Rust string literal for `text`.
pub(crate) fn string_literal(text: &str) -> String {
    format!("{text:?}")
}

/// A Rust `f64` literal.
fn float_literal(value: f64) -> String {
    let text = format!("{value:?}");
    if text.contains(['.', 'e', 'E']) {
        text
    } else {
        format!("{text}.0")
    }
}

/// Where a type reference is emitted: `types.rs` names its own types directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Types,
    Other,
}

/// The Rust type for a type reference.
pub(crate) fn rust_type(ty: &TypeRef, scope: Scope) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Secret => "runtime::SecretString".to_owned(),
        TypeRef::SecretJson => "runtime::SecretJson".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "f64".to_owned(),
        TypeRef::Timestamp => "::jiff::Timestamp".to_owned(),
        TypeRef::Json => "::serde_json::Value".to_owned(),
        TypeRef::Id(name) => format!("ids::{name}"),
        TypeRef::Named(name) => match scope {
            Scope::Types => name.clone(),
            Scope::Other => format!("types::{name}"),
        },
        TypeRef::Vec(inner) => format!("Vec<{}>", rust_type(inner, scope)),
        TypeRef::Map(inner) => format!(
            "::std::collections::BTreeMap<String, {}>",
            rust_type(inner, scope)
        ),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(inner, scope)),
    }
}

/// The Rust integer type a parameter's bounds imply, and the range that type holds.
///
/// A parameter whose `minimum` is at least 0 is unsigned (the smallest of `u8`, `u16`, `u32`
/// that holds its `maximum`, else `u64`); one that may be negative is `i64` unless both bounds
/// fit a smaller signed type. So `per_page` (0 to 100) takes a `u8`: `.per_page(100)` compiles
/// and `.per_page(-1)` does not.
pub fn integer_type(constraints: &Constraints) -> (&'static str, f64, f64) {
    const UNSIGNED: [(&str, f64); 3] = [
        ("u8", u8::MAX as f64),
        ("u16", u16::MAX as f64),
        ("u32", u32::MAX as f64),
    ];
    const SIGNED: [(&str, f64, f64); 3] = [
        ("i8", i8::MIN as f64, i8::MAX as f64),
        ("i16", i16::MIN as f64, i16::MAX as f64),
        ("i32", i32::MIN as f64, i32::MAX as f64),
    ];
    match (constraints.minimum, constraints.maximum) {
        (Some(min), max) if min >= 0.0 => {
            for (name, type_max) in UNSIGNED {
                if max.is_some_and(|max| max <= type_max) {
                    return (name, 0.0, type_max);
                }
            }
            ("u64", 0.0, u64::MAX as f64)
        }
        (Some(min), Some(max)) => {
            for (name, type_min, type_max) in SIGNED {
                if min >= type_min && max <= type_max {
                    return (name, type_min, type_max);
                }
            }
            ("i64", i64::MIN as f64, i64::MAX as f64)
        }
        _ => ("i64", i64::MIN as f64, i64::MAX as f64),
    }
}

/// The Rust type of a parameter: like [`rust_type`], except that integers get the type their
/// bounds imply ([`integer_type`]).
pub(crate) fn param_type(param: &Param) -> String {
    match &param.ty {
        TypeRef::Integer => integer_type(&param.constraints).0.to_owned(),
        ty => rust_type(ty, Scope::Other),
    }
}

/// The constraints left to check at run time for a parameter: the bounds its Rust type already
/// guarantees are dropped (a `u64` page cannot be below 0).
pub(crate) fn param_constraints(param: &Param) -> Constraints {
    let mut constraints = param.constraints.clone();
    if param.ty == TypeRef::Integer {
        let (_, type_min, type_max) = integer_type(&param.constraints);
        if constraints.minimum.is_some_and(|min| min <= type_min) {
            constraints.minimum = None;
        }
        if constraints.maximum.is_some_and(|max| max >= type_max) {
            constraints.maximum = None;
        }
    }
    constraints
}

/// Whether a constructor or setter argument of this type takes `impl Into<T>`.
pub(crate) fn takes_into(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Secret | TypeRef::SecretJson | TypeRef::Id(_)
    )
}

/// An argument type: `impl Into<T>` for strings, secrets and ids, `T` otherwise.
pub(crate) fn argument_type(ty: &TypeRef, rust: String) -> String {
    if takes_into(ty) {
        format!("impl Into<{rust}>")
    } else {
        rust
    }
}

/// The expression that turns an argument into the field value.
pub(crate) fn argument_value(name: &str, ty: &TypeRef) -> String {
    if takes_into(ty) {
        format!("{name}.into()")
    } else {
        name.to_owned()
    }
}

/// Escapes `{` and `}` for use inside a `format!` string.
pub(crate) fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// The `runtime::Rules` expression for constraints (built with its `const fn` setters).
pub(crate) fn rules_expression(constraints: &Constraints) -> String {
    let mut out = String::from("runtime::Rules::NONE");
    let mut whole = |name: &str, value: Option<u64>| {
        if let Some(value) = value {
            let _ = write!(out, ".{name}({value})");
        }
    };
    whole("min_length", constraints.min_length);
    whole("max_length", constraints.max_length);
    whole("max_bytes", constraints.max_bytes);
    if let Some(pattern) = &constraints.pattern {
        let _ = write!(out, ".pattern({})", string_literal(pattern));
    }
    if let Some(min) = constraints.minimum {
        let _ = write!(out, ".minimum({})", float_literal(min));
    }
    if let Some(max) = constraints.maximum {
        let _ = write!(out, ".maximum({})", float_literal(max));
    }
    let mut items = |name: &str, value: Option<u64>| {
        if let Some(value) = value {
            let _ = write!(out, ".{name}({value})");
        }
    };
    items("min_items", constraints.min_items);
    items("max_items", constraints.max_items);
    out
}

/// The statements (one per line, without indentation) that check `value` (a `&T` expression)
/// against its constraints and, when the type can fail validation, its own `Validate`; `path`
/// is the `&str` expression naming the value. Empty when there is nothing to check.
pub(crate) fn check_statements(
    checked: &Checked,
    value: &str,
    path: &str,
    ty: &TypeRef,
    constraints: &Constraints,
) -> Vec<String> {
    let mut statements = Vec::new();
    if !constraints.is_empty() {
        let rules = format!("&{}", rules_expression(constraints));
        statements.push(call_statement("runtime::check", &[path, value, &rules]));
    }
    if checked.holds_checked(ty) {
        statements.push(call_statement(
            "runtime::Validate::validate",
            &[value, path],
        ));
    }
    statements
}

/// `function(arguments)?;` on one line when it fits at the 8 columns checks are written at,
/// else with one argument per line.
fn call_statement(function: &str, arguments: &[&str]) -> String {
    let one_line = format!("{function}({})?;", arguments.join(", "));
    if one_line.len() + 8 <= MAX_WIDTH {
        return one_line;
    }
    let mut text = format!("{function}(\n");
    for argument in arguments {
        let _ = writeln!(text, "    {argument},");
    }
    text.push_str(")?;");
    text
}

/// The names of ids and types whose `Validate` can fail. Calls to the others are left out of
/// generated code (their `validate` always returns `Ok`).
#[derive(Clone, Debug, Default)]
pub(crate) struct Checked {
    names: BTreeSet<String>,
}

impl Checked {
    /// Computes the set for a model: the least fixed point, found with a work list over the
    /// types that refer to each name, so it takes time linear in the size of the model
    /// (recursive types are handled).
    pub(crate) fn new(model: &Model) -> Self {
        let mut names: BTreeSet<String> = BTreeSet::new();
        let mut queue: Vec<&str> = Vec::new();
        for id in model.ids.values() {
            if !id.constraints.is_empty() && names.insert(id.rust_name.clone()) {
                queue.push(&id.rust_name);
            }
        }
        // For each name, the types that need checking when a value of that name does.
        let mut dependents: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        let mut refs: Vec<&str> = Vec::new();
        for def in model.types.values() {
            refs.clear();
            let direct = match &def.kind {
                // A response-only type is never sent, so it has nothing to check.
                TypeKind::Struct { direction, .. } | TypeKind::Union { direction, .. }
                    if !direction.is_request() =>
                {
                    continue;
                }
                TypeKind::Struct {
                    fields,
                    required_when,
                    extra_validate,
                    ..
                } => {
                    *extra_validate
                        || !required_when.is_empty()
                        || fields.iter().any(|field| {
                            !field.constraints.is_empty() || {
                                referenced_names(&field.ty, &mut refs);
                                false
                            }
                        })
                }
                TypeKind::Union { variants, .. } => {
                    refs.extend(variants.iter().map(|variant| variant.type_name.as_str()));
                    false
                }
                TypeKind::Enum { .. } => false,
            };
            if direct {
                if names.insert(def.rust_name.clone()) {
                    queue.push(&def.rust_name);
                }
            } else {
                for name in &refs {
                    dependents.entry(name).or_default().push(&def.rust_name);
                }
            }
        }
        while let Some(name) = queue.pop() {
            for dependent in dependents.get(name).into_iter().flatten() {
                if names.insert((*dependent).to_owned()) {
                    queue.push(dependent);
                }
            }
        }
        Checked { names }
    }

    /// Whether a value of this type holds (directly, or in a `Vec`, a map or an `Option`) an id
    /// or type whose validation can fail.
    pub(crate) fn holds_checked(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Id(name) | TypeRef::Named(name) => self.names.contains(name),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.holds_checked(inner)
            }
            _ => false,
        }
    }
}

/// The names of ids and types a value of this type holds (directly, or in a `Vec`, a map or an
/// `Option`).
fn referenced_names<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Id(name) | TypeRef::Named(name) => out.push(name),
        TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            referenced_names(inner, out)
        }
        _ => {}
    }
}

/// The sentence naming where an item comes from in the spec, for its rustdoc.
pub(crate) fn spec_line(pointer: &str) -> String {
    format!("Spec: `{pointer}`.")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bounds(minimum: Option<f64>, maximum: Option<f64>) -> Constraints {
        Constraints {
            minimum,
            maximum,
            ..Constraints::default()
        }
    }

    #[test]
    fn integer_types_follow_the_bounds() {
        assert_eq!(integer_type(&bounds(Some(0.0), Some(100.0))).0, "u8");
        assert_eq!(integer_type(&bounds(Some(1.0), None)).0, "u64");
        assert_eq!(integer_type(&bounds(Some(0.0), Some(1000.0))).0, "u16");
        assert_eq!(integer_type(&bounds(Some(0.0), Some(70_000.0))).0, "u32");
        assert_eq!(integer_type(&bounds(Some(-5.0), Some(5.0))).0, "i8");
        assert_eq!(integer_type(&bounds(Some(-5.0), None)).0, "i64");
        assert_eq!(integer_type(&bounds(None, Some(5.0))).0, "i64");
        assert_eq!(integer_type(&Constraints::default()).0, "i64");
    }

    /// Seeded random bounds: the chosen type always holds every value the bounds allow.
    #[test]
    fn the_chosen_integer_type_holds_the_allowed_range() {
        let mut rng = fastrand::Rng::with_seed(9);
        for _ in 0..5_000 {
            let minimum = rng.bool().then(|| rng.i64(-100_000..100_000) as f64);
            let maximum = rng.bool().then(|| rng.i64(-100_000..5_000_000_000) as f64);
            let (name, type_min, type_max) = integer_type(&bounds(minimum, maximum));
            if let Some(min) = minimum {
                assert!(min >= type_min, "{name} cannot hold {min}");
            }
            if let Some(max) = maximum
                && minimum.is_none_or(|min| min <= max)
            {
                assert!(max <= type_max, "{name} cannot hold {max}");
            }
            if minimum.is_none() {
                assert_eq!(name, "i64");
            }
        }
    }

    #[test]
    fn long_calls_break_one_parameter_per_line() {
        let mut out = String::new();
        push_call(&mut out, "", "pub fn f", &["a: u8".to_owned()], " -> u8 {");
        assert_eq!(out, "pub fn f(a: u8) -> u8 {\n");
        let mut out = String::new();
        let params = vec!["argument_with_a_long_name: impl Into<ids::AccountId>".to_owned(); 2];
        push_call(&mut out, "    ", "pub fn f", &params, " -> Self {");
        assert!(out.starts_with("    pub fn f(\n        argument_with_a_long_name"));
        assert!(out.ends_with("\n    ) -> Self {\n"));
    }

    #[test]
    fn rules_are_spelled_with_the_runtime_setters() {
        let constraints = Constraints {
            max_length: Some(32),
            pattern: Some("^[a-z\"]+$".to_owned()),
            maximum: Some(100.0),
            ..Constraints::default()
        };
        assert_eq!(
            rules_expression(&constraints),
            "runtime::Rules::NONE.max_length(32).pattern(\"^[a-z\\\"]+$\").maximum(100.0)"
        );
    }
}
