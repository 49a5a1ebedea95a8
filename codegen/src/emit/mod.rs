//! Stage 4: the model becomes token streams, one per generated file.
//!
//! Each submodule emits one file and reads only [`crate::model`]. Generated code calls the
//! runtime by full path (`crate::runtime::...`) and refers to the other generated modules as
//! `super::types::X` and `super::ids::X`, so no `use` can go stale.

mod ids;
mod operations;
mod resources;
mod types;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use std::collections::{BTreeMap, BTreeSet};

use crate::error::Result;
use crate::model::{Constraints, Model, TypeKind, TypeRef};

/// The files the generator writes, relative to `generated/src`, in output order.
pub const FILES: [&str; 5] = [
    "generated/mod.rs",
    "generated/ids.rs",
    "generated/types.rs",
    "generated/operations.rs",
    "generated/resources.rs",
];

/// Emits every generated file as `(path relative to generated/src, tokens)`, in a fixed order.
pub fn emit(model: &Model) -> Result<Vec<(String, TokenStream)>> {
    FILES
        .iter()
        .map(|path| Ok(((*path).to_owned(), emit_file(model, path)?)))
        .collect()
}

/// How many parts `operations.rs` is emitted and formatted in, in parallel. The number is
/// fixed (not the number of cores), and the parts are joined in order, so the text does not
/// depend on the machine.
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
pub fn emit_part(model: &Model, part: Part) -> Result<TokenStream> {
    if part.path != "generated/operations.rs" {
        return emit_file(model, part.path);
    }
    let total = model.operations.len();
    let size = total.div_ceil(OPERATION_PARTS);
    let start = (part.index * size).min(total);
    let end = ((part.index + 1) * size).min(total);
    let mut tokens = if part.index == 0 {
        operations::header(model)
    } else {
        TokenStream::new()
    };
    tokens.extend(operations::emit_range(model, start..end)?);
    Ok(tokens)
}

/// Finishes the formatted text of a file: adds what is kept as text rather than tokens.
pub fn finish(path: &str, text: &str) -> String {
    if path == "generated/operations.rs" {
        operations::finish(text)
    } else {
        text.to_owned()
    }
}

/// Emits one of [`FILES`].
pub fn emit_file(model: &Model, path: &str) -> Result<TokenStream> {
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

fn mod_file(model: &Model) -> TokenStream {
    let doc = format!(
        " Code generated from `{}` version {}: identifiers, types, request builders and resources.",
        model.info.title, model.info.version
    );
    quote! {
        #![doc = #doc]
        pub mod ids;
        pub mod operations;
        pub mod resources;
        pub mod types;
    }
}

/// Builds an identifier. Names come from [`crate::naming`], which only produces valid ones.
pub(crate) fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// One `#[doc = " line"]` per line, so prettyplease prints `///` comments.
pub(crate) fn docs(lines: &[String]) -> TokenStream {
    let attributes = lines.iter().map(|line| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote! { #[doc = #text] }
    });
    quote! { #(#attributes)* }
}

/// Documentation lines, or `fallback` when the spec gives none.
pub(crate) fn docs_or(lines: &[String], fallback: String) -> TokenStream {
    if lines.is_empty() {
        docs(&[fallback])
    } else {
        docs(lines)
    }
}

/// Where a type reference is emitted: `types.rs` names its own types directly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Scope {
    Types,
    Other,
}

/// The Rust type for a type reference.
pub(crate) fn rust_type(ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::String => quote!(String),
        TypeRef::Secret => quote!(crate::runtime::SecretString),
        TypeRef::SecretJson => quote!(crate::runtime::SecretJson),
        TypeRef::Bool => quote!(bool),
        TypeRef::Integer => quote!(i64),
        TypeRef::Number => quote!(f64),
        TypeRef::Timestamp => quote!(::jiff::Timestamp),
        TypeRef::Json => quote!(::serde_json::Value),
        TypeRef::Id(name) => {
            let name = ident(name);
            quote!(super::ids::#name)
        }
        TypeRef::Named(name) => {
            let name = ident(name);
            match scope {
                Scope::Types => quote!(#name),
                Scope::Other => quote!(super::types::#name),
            }
        }
        TypeRef::Vec(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(inner, scope);
            quote!(::std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(inner, scope);
            quote!(Option<#inner>)
        }
    }
}

/// Whether a constructor or setter argument of this type takes `impl Into<T>`.
pub(crate) fn takes_into(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String | TypeRef::Secret | TypeRef::SecretJson | TypeRef::Id(_)
    )
}

/// An argument type: `impl Into<T>` for strings, secrets and ids, `T` otherwise.
pub(crate) fn argument_type(ty: &TypeRef, scope: Scope) -> TokenStream {
    let rust = rust_type(ty, scope);
    if takes_into(ty) {
        quote!(impl Into<#rust>)
    } else {
        rust
    }
}

/// The expression that turns an argument into the field value.
pub(crate) fn argument_value(name: &Ident, ty: &TypeRef) -> TokenStream {
    if takes_into(ty) {
        quote!(#name.into())
    } else {
        quote!(#name)
    }
}

/// Escapes `{` and `}` for use inside a `format!` string.
pub(crate) fn escape_format(text: &str) -> String {
    text.replace('{', "{{").replace('}', "}}")
}

/// How generated validation code names the value it checks.
#[derive(Clone, Debug)]
pub(crate) struct PathExpr {
    /// The text to use inside a `format!` string (`{field}`, `{path}` or `body`).
    pub format: String,
    /// The `&str` expression to pass to the runtime (`field`, `&path` or `"body"`).
    pub argument: TokenStream,
}

impl PathExpr {
    /// A path held in a `&str` variable.
    pub fn str_variable(name: &str) -> Self {
        let variable = ident(name);
        PathExpr {
            format: format!("{{{name}}}"),
            argument: quote!(#variable),
        }
    }

    /// A path held in a `String` variable.
    pub fn string_variable(name: &str) -> Self {
        let variable = ident(name);
        PathExpr {
            format: format!("{{{name}}}"),
            argument: quote!(&#variable),
        }
    }

    /// A fixed path.
    pub fn literal(text: &str) -> Self {
        PathExpr {
            format: escape_format(text),
            argument: quote!(#text),
        }
    }
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
                TypeKind::Struct {
                    fields,
                    required_when,
                    ..
                } => {
                    !required_when.is_empty()
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

    /// Whether a value of this type with these constraints has anything to check.
    pub(crate) fn needs(&self, ty: &TypeRef, constraints: &Constraints) -> bool {
        if !constraints.is_empty() {
            return true;
        }
        match ty {
            TypeRef::Id(name) | TypeRef::Named(name) => self.names.contains(name),
            TypeRef::Vec(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.needs(inner, &Constraints::default())
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

/// Statements that check `value` (an identifier bound to a `&T`) against the type and
/// constraints; `path` names the value. Returns `None` when there is nothing to check.
pub(crate) fn validate_value(
    checked: &Checked,
    value: TokenStream,
    path: &PathExpr,
    ty: &TypeRef,
    constraints: &Constraints,
) -> Option<TokenStream> {
    if !checked.needs(ty, constraints) {
        return None;
    }
    validate_at_depth(checked, value, path, ty, constraints, 0)
}

fn validate_at_depth(
    checked: &Checked,
    value: TokenStream,
    path: &PathExpr,
    ty: &TypeRef,
    constraints: &Constraints,
    depth: usize,
) -> Option<TokenStream> {
    let argument = &path.argument;
    let mut checks = Vec::new();
    let text = match ty {
        TypeRef::String => Some(quote!(#value.as_str())),
        TypeRef::Secret => Some(quote!(#value.expose_secret())),
        _ => None,
    };
    if let Some(text) = &text {
        if let Some(min) = constraints.min_length {
            checks.push(quote! { crate::runtime::validate::min_length(#argument, #text, #min)?; });
        }
        if let Some(max) = constraints.max_length {
            checks.push(quote! { crate::runtime::validate::max_length(#argument, #text, #max)?; });
        }
        if let Some(max) = constraints.max_bytes {
            checks.push(quote! { crate::runtime::validate::max_bytes(#argument, #text, #max)?; });
        }
        if let Some(pattern) = &constraints.pattern {
            checks.push(quote! { crate::runtime::validate::pattern(#argument, #text, #pattern)?; });
        }
    }
    let number = match ty {
        TypeRef::Integer => Some(quote!(*#value as f64)),
        TypeRef::Number => Some(quote!(*#value)),
        _ => None,
    };
    if let Some(number) = &number {
        if let Some(min) = constraints.minimum {
            checks.push(quote! { crate::runtime::validate::minimum(#argument, #number, #min)?; });
        }
        if let Some(max) = constraints.maximum {
            checks.push(quote! { crate::runtime::validate::maximum(#argument, #number, #max)?; });
        }
    }
    let item = ident(if depth == 0 { "item" } else { "inner_item" });
    let item_path_name = if depth == 0 {
        "item_path"
    } else {
        "inner_item_path"
    };
    let item_path = PathExpr::string_variable(item_path_name);
    let item_path_ident = ident(item_path_name);
    match ty {
        TypeRef::Id(name) | TypeRef::Named(name) if checked.names.contains(name) => {
            checks.push(quote! { crate::runtime::Validate::validate(#value, #argument)?; });
        }
        TypeRef::Vec(inner) => {
            if let Some(min) = constraints.min_items {
                checks.push(
                    quote! { crate::runtime::validate::min_items(#argument, #value.len(), #min)?; },
                );
            }
            if let Some(max) = constraints.max_items {
                checks.push(
                    quote! { crate::runtime::validate::max_items(#argument, #value.len(), #max)?; },
                );
            }
            let item_constraints = Constraints {
                min_items: None,
                max_items: None,
                ..constraints.clone()
            };
            if let Some(inner_checks) = validate_at_depth(
                checked,
                quote!(#item),
                &item_path,
                inner,
                &item_constraints,
                depth + 1,
            ) {
                let format = format!("{}[{{index}}]", path.format);
                checks.push(quote! {
                    for (index, #item) in #value.iter().enumerate() {
                        let #item_path_ident = format!(#format);
                        #inner_checks
                    }
                });
            }
        }
        TypeRef::Map(inner) => {
            if let Some(inner_checks) = validate_at_depth(
                checked,
                quote!(#item),
                &item_path,
                inner,
                &Constraints::default(),
                depth + 1,
            ) {
                let format = format!("{}.{{key}}", path.format);
                checks.push(quote! {
                    for (key, #item) in #value {
                        let #item_path_ident = format!(#format);
                        #inner_checks
                    }
                });
            }
        }
        TypeRef::Nullable(inner) => {
            let present = ident(if depth == 0 {
                "present"
            } else {
                "inner_present"
            });
            if let Some(inner_checks) = validate_at_depth(
                checked,
                quote!(#present),
                path,
                inner,
                constraints,
                depth + 1,
            ) {
                checks.push(quote! {
                    if let Some(#present) = #value {
                        #inner_checks
                    }
                });
            }
        }
        _ => {}
    }
    if checks.is_empty() {
        None
    } else {
        Some(quote! { #(#checks)* })
    }
}
