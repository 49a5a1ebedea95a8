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

use crate::error::Result;
use crate::model::{Constraints, Model, TypeRef};

/// Emits every generated file as `(path relative to generated/src, tokens)`, in a fixed order.
pub fn emit(model: &Model) -> Result<Vec<(String, TokenStream)>> {
    Ok(vec![
        ("generated/mod.rs".to_owned(), mod_file(model)),
        ("generated/ids.rs".to_owned(), ids::emit(model)),
        ("generated/types.rs".to_owned(), types::emit(model)?),
        (
            "generated/operations.rs".to_owned(),
            operations::emit(model)?,
        ),
        ("generated/resources.rs".to_owned(), resources::emit(model)),
    ])
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

/// Statements that check `value` (an identifier bound to a `&T`) against the type and
/// constraints; `path` names the value. Returns `None` when there is nothing to check.
pub(crate) fn validate_value(
    value: TokenStream,
    path: &PathExpr,
    ty: &TypeRef,
    constraints: &Constraints,
) -> Option<TokenStream> {
    validate_at_depth(value, path, ty, constraints, 0)
}

fn validate_at_depth(
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
        TypeRef::Id(_) | TypeRef::Named(_) => {
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
            if let Some(inner_checks) =
                validate_at_depth(quote!(#present), path, inner, constraints, depth + 1)
            {
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
