//! Emits `generated/types.rs`: structs, enums and tagged unions, each with `Validate`.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::{
    Checked, PathExpr, Scope, argument_type, argument_value, docs, docs_or, escape_format, ident,
    rust_type, validate_value,
};
use crate::error::{Error, Result};
use crate::model::{
    Direction, EnumValue, Field, Model, Openness, RequiredWhen, TypeDef, TypeKind, TypeRef,
    UnionVariant,
};
use crate::naming::Namespace;

pub(super) fn emit(model: &Model) -> Result<TokenStream> {
    let checked = Checked::new(model);
    let mut items = Vec::with_capacity(model.types.len());
    let mut double_option = false;
    for def in model.types.values() {
        items.push(match &def.kind {
            TypeKind::Struct {
                fields,
                direction,
                required_when,
            } => {
                double_option |= fields.iter().any(|field| !field.required && field.nullable);
                strukt(model, &checked, def, fields, *direction, required_when)?
            }
            TypeKind::Enum { values, openness } => enumeration(def, values, *openness),
            TypeKind::Union {
                tag,
                variants,
                direction,
            } => union(model, def, tag, variants, *direction)?,
        });
    }
    let helper = if double_option {
        quote! {
            /// Serde support for optional nullable fields (`Option<Option<T>>`): an absent field
            /// is `None`, `null` is `Some(None)`.
            mod double_option {
                pub(super) fn serialize<T, S>(value: &Option<Option<T>>, serializer: S) -> ::core::result::Result<S::Ok, S::Error>
                where
                    T: ::serde::Serialize,
                    S: ::serde::Serializer,
                {
                    match value {
                        Some(inner) => ::serde::Serialize::serialize(inner, serializer),
                        None => serializer.serialize_none(),
                    }
                }

                pub(super) fn deserialize<'de, T, D>(deserializer: D) -> ::core::result::Result<Option<Option<T>>, D::Error>
                where
                    T: ::serde::Deserialize<'de>,
                    D: ::serde::Deserializer<'de>,
                {
                    <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
                }
            }
        }
    } else {
        TokenStream::new()
    };
    Ok(quote! {
        #![doc = " Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ)."]
        #![allow(clippy::too_many_arguments, clippy::large_enum_variant)]
        #(#items)*
        #helper
    })
}

/// The Rust type of a field, with the `Option`s its optionality and nullability add.
fn field_type(field: &Field) -> TokenStream {
    let inner = rust_type(&field.ty, Scope::Types);
    match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => quote!(Option<#inner>),
        (false, true) => quote!(Option<Option<#inner>>),
    }
}

fn serde_attributes(field: &Field) -> TokenStream {
    let rename = if field.rust_name != field.api_name {
        let api_name = &field.api_name;
        quote!(#[serde(rename = #api_name)])
    } else {
        TokenStream::new()
    };
    let option = match (field.required, field.nullable) {
        (true, _) => TokenStream::new(),
        (false, false) => quote!(#[serde(default, skip_serializing_if = "Option::is_none")]),
        (false, true) => {
            quote!(#[serde(default, skip_serializing_if = "Option::is_none", with = "double_option")])
        }
    };
    quote!(#rename #option)
}

/// Statements validating one field of `self` (the struct's `validate` body).
fn validate_field(checked: &Checked, field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let format = format!("{{field}}.{}", escape_format(&field.api_name));
    let Some(checks) = validate_value(
        checked,
        quote!(value),
        &PathExpr::string_variable("path"),
        &field.ty,
        &field.constraints,
    ) else {
        return TokenStream::new();
    };
    let body = quote! {
        let path = format!(#format);
        #checks
    };
    match (field.required, field.nullable) {
        (true, false) => quote! { { let value = &self.#name; #body } },
        (true, true) | (false, false) => quote! { if let Some(value) = &self.#name { #body } },
        (false, true) => quote! { if let Some(Some(value)) = &self.#name { #body } },
    }
}

/// The constructor arguments for a request struct's required fields (minus `skip`).
fn required_arguments<'f>(fields: &'f [Field], skip: &[&str]) -> Vec<&'f Field> {
    fields
        .iter()
        .filter(|field| field.required && !skip.contains(&field.api_name.as_str()))
        .collect()
}

fn argument(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    let ty = if field.nullable {
        let inner = rust_type(&field.ty, Scope::Types);
        quote!(Option<#inner>)
    } else {
        argument_type(&field.ty, Scope::Types)
    };
    quote!(#name: #ty)
}

/// The `name: value` (or shorthand `name`) initialiser for a required field from its argument.
fn argument_init(field: &Field) -> TokenStream {
    let name = ident(&field.rust_name);
    if field.nullable || !super::takes_into(&field.ty) {
        quote!(#name)
    } else {
        let value = argument_value(&name, &field.ty);
        quote!(#name: #value)
    }
}

fn setter(field: &Field, method: &Ident) -> TokenStream {
    let name = ident(&field.rust_name);
    let docs = docs_or(&field.docs, format!("Sets `{}`.", field.api_name));
    if field.nullable {
        let inner = rust_type(&field.ty, Scope::Types);
        quote! {
            #docs
            ///
            /// `None` sends an explicit `null`.
            pub fn #method(mut self, #name: Option<#inner>) -> Self {
                self.#name = Some(#name);
                self
            }
        }
    } else {
        let ty = argument_type(&field.ty, Scope::Types);
        let value = argument_value(&name, &field.ty);
        quote! {
            #docs
            pub fn #method(mut self, #name: #ty) -> Self {
                self.#name = Some(#value);
                self
            }
        }
    }
}

fn strukt(
    model: &Model,
    checked: &Checked,
    def: &TypeDef,
    fields: &[Field],
    direction: Direction,
    required_when: &[RequiredWhen],
) -> Result<TokenStream> {
    let name = ident(&def.rust_name);
    let type_docs = docs_or(&def.docs, format!("The `{}` object.", def.api_name));
    let private = !required_when.is_empty();
    let field_items = fields.iter().map(|field| {
        let field_name = ident(&field.rust_name);
        let field_docs = docs_or(&field.docs, format!("The `{}` field.", field.api_name));
        let ty = field_type(field);
        let attributes = serde_attributes(field);
        let visibility = if private {
            TokenStream::new()
        } else {
            quote!(pub)
        };
        quote! {
            #field_docs
            #attributes
            #visibility #field_name: #ty,
        }
    });
    let non_exhaustive = if direction.is_response() {
        quote!(#[non_exhaustive])
    } else {
        TokenStream::new()
    };
    let methods = if private {
        keyed_constructors(model, def, fields, required_when)?
    } else if direction.is_request() {
        let arguments = required_arguments(fields, &[]);
        let parameters = arguments.iter().map(|field| argument(field));
        let inits = fields.iter().map(|field| {
            let field_name = ident(&field.rust_name);
            if field.required {
                argument_init(field)
            } else {
                quote!(#field_name: None)
            }
        });
        let mut methods = Namespace::with_reserved(&["new", "validate"]);
        let setters = fields.iter().filter(|field| !field.required).map(|field| {
            let method = ident(&methods.claim(field.rust_name.clone()));
            setter(field, &method)
        });
        let new_docs = format!(" Builds a `{}` from its required fields.", def.rust_name);
        let default = if arguments.is_empty() {
            quote! {
                impl Default for #name {
                    fn default() -> Self {
                        Self::new()
                    }
                }
            }
        } else {
            TokenStream::new()
        };
        quote! {
            impl #name {
                #[doc = #new_docs]
                pub fn new(#(#parameters),*) -> Self {
                    Self { #(#inits),* }
                }
                #(#setters)*
            }

            #default
        }
    } else {
        TokenStream::new()
    };
    let checks = fields.iter().map(|field| validate_field(checked, field));
    let rules = required_when
        .iter()
        .map(|rule| required_when_check(model, fields, rule));
    Ok(quote! {
        #type_docs
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
        #non_exhaustive
        pub struct #name {
            #(#field_items)*
        }

        #methods

        impl crate::runtime::Validate for #name {
            fn validate(&self, field: &str) -> crate::runtime::Result<()> {
                let _ = field;
                #(#rules)*
                #(#checks)*
                Ok(())
            }
        }
    })
}

/// The enum variant (`KeyFormat::Raw`) for one value of the deciding property.
fn decider_variant(model: &Model, decider: &Field, value: &str) -> Option<TokenStream> {
    let TypeRef::Named(enum_name) = &decider.ty else {
        return None;
    };
    let def = model.types.get(enum_name)?;
    let TypeKind::Enum { values, .. } = &def.kind else {
        return None;
    };
    let variant = values
        .iter()
        .find(|candidate| candidate.api_name == value)?;
    let enum_ident = ident(enum_name);
    let variant_ident = ident(&variant.rust_name);
    Some(quote!(#enum_ident::#variant_ident))
}

fn required_when_check(model: &Model, fields: &[Field], rule: &RequiredWhen) -> TokenStream {
    let (Some(target), Some(decider)) = (
        fields.iter().find(|field| field.api_name == rule.field),
        fields.iter().find(|field| field.api_name == rule.property),
    ) else {
        return TokenStream::new();
    };
    let patterns: Vec<TokenStream> = rule
        .values
        .iter()
        .filter_map(|value| decider_variant(model, decider, value))
        .collect();
    let target_ident = ident(&target.rust_name);
    let decider_ident = ident(&decider.rust_name);
    let format = format!("{{field}}.{}", escape_format(&rule.field));
    let message = format!(
        "is required when `{}` is {}",
        rule.property,
        rule.values.join(", ")
    );
    quote! {
        if matches!(self.#decider_ident, #(#patterns)|*) && self.#target_ident.is_none() {
            return Err(crate::runtime::Error::validation(format!(#format), #message));
        }
    }
}

/// Private fields, one constructor per value of the deciding property, and getters.
fn keyed_constructors(
    model: &Model,
    def: &TypeDef,
    fields: &[Field],
    required_when: &[RequiredWhen],
) -> Result<TokenStream> {
    let name = ident(&def.rust_name);
    let property = &required_when[0].property;
    if required_when.iter().any(|rule| &rule.property != property) {
        return Err(Error::new(
            format!("{}/x-sdk-required-when", def.pointer),
            "all `x-sdk-required-when` rules of one schema must use the same `property`",
        ));
    }
    let Some(decider) = fields.iter().find(|field| &field.api_name == property) else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` is not a field"),
        ));
    };
    let TypeRef::Named(enum_name) = &decider.ty else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` must be an enum"),
        ));
    };
    let Some(TypeKind::Enum { values, .. }) =
        model.types.get(enum_name).map(|enum_def| &enum_def.kind)
    else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` must be an enum"),
        ));
    };
    let mut methods = Namespace::with_reserved(&["new", "validate"]);
    let getters: Vec<TokenStream> = fields
        .iter()
        .map(|field| {
            let field_name = ident(&field.rust_name);
            let method = ident(&methods.claim(field.rust_name.clone()));
            let docs = docs_or(&field.docs, format!("The `{}` field.", field.api_name));
            let inner = rust_type(&field.ty, Scope::Types);
            match (field.required, field.nullable) {
                (true, false) => match &field.ty {
                    TypeRef::String => quote! { #docs pub fn #method(&self) -> &str { &self.#field_name } },
                    TypeRef::Vec(item) => {
                        let item = rust_type(item, Scope::Types);
                        quote! { #docs pub fn #method(&self) -> &[#item] { &self.#field_name } }
                    }
                    TypeRef::Bool | TypeRef::Integer | TypeRef::Number => {
                        quote! { #docs pub fn #method(&self) -> #inner { self.#field_name } }
                    }
                    _ => quote! { #docs pub fn #method(&self) -> &#inner { &self.#field_name } },
                },
                (true, true) | (false, false) => {
                    quote! { #docs pub fn #method(&self) -> Option<&#inner> { self.#field_name.as_ref() } }
                }
                (false, true) => quote! {
                    #docs pub fn #method(&self) -> Option<&Option<#inner>> { self.#field_name.as_ref() }
                },
            }
        })
        .collect();
    let conditional: Vec<&str> = required_when
        .iter()
        .map(|rule| rule.field.as_str())
        .collect();
    let setters: Vec<TokenStream> = fields
        .iter()
        .filter(|field| !field.required && !conditional.contains(&field.api_name.as_str()))
        .map(|field| {
            let method = ident(&methods.claim(format!("with_{}", field.rust_name)));
            setter(field, &method)
        })
        .collect();
    let constructors: Vec<TokenStream> = values
        .iter()
        .map(|value: &EnumValue| {
            let needed: Vec<&Field> = required_when
                .iter()
                .filter(|rule| rule.values.contains(&value.api_name))
                .filter_map(|rule| fields.iter().find(|field| field.api_name == rule.field))
                .collect();
            let mut arguments = required_arguments(fields, &[property.as_str()]);
            arguments.extend(needed.iter().copied());
            let parameters = arguments.iter().map(|field| {
                let field_name = ident(&field.rust_name);
                let ty = if field.required && field.nullable {
                    let inner = rust_type(&field.ty, Scope::Types);
                    quote!(Option<#inner>)
                } else {
                    argument_type(&field.ty, Scope::Types)
                };
                quote!(#field_name: #ty)
            });
            let enum_ident = ident(enum_name);
            let variant_ident = ident(&value.rust_name);
            let inits = fields.iter().map(|field| {
                let field_name = ident(&field.rust_name);
                if &field.api_name == property {
                    quote!(#field_name: #enum_ident::#variant_ident)
                } else if field.required {
                    argument_init(field)
                } else if needed
                    .iter()
                    .any(|candidate| candidate.api_name == field.api_name)
                {
                    let value = super::argument_value(&field_name, &field.ty);
                    quote!(#field_name: Some(#value))
                } else {
                    quote!(#field_name: None)
                }
            });
            let method = ident(&methods.claim(crate::naming::field_name(&value.api_name)));
            let docs = format!(
                " Builds a `{}` with `{property}: {}`.",
                def.rust_name, value.api_name
            );
            quote! {
                #[doc = #docs]
                pub fn #method(#(#parameters),*) -> Self {
                    Self { #(#inits),* }
                }
            }
        })
        .collect();
    Ok(quote! {
        impl #name {
            #(#constructors)*
            #(#getters)*
            #(#setters)*
        }
    })
}

fn enumeration(def: &TypeDef, values: &[EnumValue], openness: Openness) -> TokenStream {
    let name = ident(&def.rust_name);
    let type_docs = docs_or(&def.docs, format!("The `{}` values.", def.api_name));
    let variants = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let doc = format!(" `{}`.", value.api_name);
        quote! { #[doc = #doc] #variant, }
    });
    let (derive, extra_variant, attributes) = match openness {
        Openness::Closed => (
            quote!(#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]),
            TokenStream::new(),
            TokenStream::new(),
        ),
        Openness::OpenUnknown => (
            quote!(#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]),
            quote! {
                /// A value this version of the SDK does not know (sent by the server).
                Unknown(crate::runtime::UnknownValue),
            },
            quote!(#[non_exhaustive]),
        ),
        Openness::Extensible => (
            quote!(#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]),
            quote! {
                /// Any other value (the API accepts values the spec does not list).
                Other(String),
            },
            quote!(#[non_exhaustive]),
        ),
    };
    let as_str_arms = values.iter().map(|value| {
        let variant = ident(&value.rust_name);
        let api_name = &value.api_name;
        quote! { Self::#variant => #api_name, }
    });
    let extra_as_str = match openness {
        Openness::Closed => TokenStream::new(),
        Openness::OpenUnknown => quote! { Self::Unknown(value) => value.as_str(), },
        Openness::Extensible => quote! { Self::Other(value) => value.as_str(), },
    };
    let parse_arms: Vec<TokenStream> = values
        .iter()
        .map(|value| {
            let variant = ident(&value.rust_name);
            let api_name = &value.api_name;
            quote! { #api_name => Some(Self::#variant), }
        })
        .collect();
    let expected: Vec<&str> = values.iter().map(|value| value.api_name.as_str()).collect();
    let expected_message = format!(
        "is not a known `{}` value (expected one of: {})",
        def.rust_name,
        expected.join(", ")
    );
    let from_str_body = match openness {
        Openness::Extensible => {
            quote! { Ok(Self::known(value).unwrap_or_else(|| Self::Other(value.to_owned()))) }
        }
        _ => quote! {
            Self::known(value).ok_or_else(|| crate::runtime::Error::validation("value", #expected_message))
        },
    };
    let deserialize_fallback = match openness {
        Openness::Closed => quote! {
            Err(<D::Error as ::serde::de::Error>::unknown_variant(&value, &[#(#expected),*]))
        },
        Openness::OpenUnknown => quote! {
            <crate::runtime::UnknownValue as ::serde::Deserialize>::deserialize(
                ::serde::de::value::StringDeserializer::<D::Error>::new(value),
            )
            .map(Self::Unknown)
        },
        Openness::Extensible => quote! { Ok(Self::Other(value)) },
    };
    let self_type = if matches!(openness, Openness::Closed) {
        quote!(self)
    } else {
        quote!(&self)
    };
    let as_str_return = if matches!(openness, Openness::Closed) {
        quote!(&'static str)
    } else {
        quote!(&str)
    };
    let as_str_self = if matches!(openness, Openness::Closed) {
        quote!(self)
    } else {
        quote!(&self)
    };
    let _ = self_type;
    quote! {
        #type_docs
        #derive
        #attributes
        pub enum #name {
            #(#variants)*
            #extra_variant
        }

        impl #name {
            /// The value as it appears on the wire.
            pub fn as_str(#as_str_self) -> #as_str_return {
                match self {
                    #(#as_str_arms)*
                    #extra_as_str
                }
            }

            /// The variant for a value the spec lists.
            fn known(value: &str) -> Option<Self> {
                match value {
                    #(#parse_arms)*
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = crate::runtime::Error;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                #from_str_body
            }
        }

        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                match Self::known(&value) {
                    Some(known) => Ok(known),
                    None => #deserialize_fallback,
                }
            }
        }

        impl crate::runtime::Validate for #name {
            fn validate(&self, _field: &str) -> crate::runtime::Result<()> {
                Ok(())
            }
        }
    }
}

fn union(
    model: &Model,
    def: &TypeDef,
    tag: &str,
    variants: &[UnionVariant],
    direction: Direction,
) -> Result<TokenStream> {
    let name = ident(&def.rust_name);
    let type_docs = docs_or(&def.docs, format!("The `{}` union.", def.api_name));
    if direction.is_response()
        && variants
            .iter()
            .any(|variant| variant.rust_name == "Unknown")
    {
        return Err(Error::new(
            def.pointer.clone(),
            "a tag value whose variant is named `Unknown` clashes with the `Unknown` variant every union seen in a response gets (for kinds the SDK does not know); the generator does not support such a tag value in a response union",
        ));
    }
    let non_exhaustive = if direction.is_response() {
        quote!(#[non_exhaustive])
    } else {
        TokenStream::new()
    };
    let variant_items = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let type_ident = ident(&variant.type_name);
        let tag_value = &variant.tag_value;
        let doc = format!(" `{tag}: {tag_value}`.");
        quote! {
            #[doc = #doc]
            #[serde(rename = #tag_value)]
            #variant_ident(#type_ident),
        }
    });
    let validate_arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        quote! { Self::#variant_ident(value) => crate::runtime::Validate::validate(value, field), }
    });
    let from_impls = variants
        .iter()
        .filter(|variant| {
            variants
                .iter()
                .filter(|other| other.type_name == variant.type_name)
                .count()
                == 1
        })
        .map(|variant| {
            let variant_ident = ident(&variant.rust_name);
            let type_ident = ident(&variant.type_name);
            quote! {
                impl From<#type_ident> for #name {
                    fn from(value: #type_ident) -> Self {
                        Self::#variant_ident(value)
                    }
                }
            }
        });
    let constructors: Vec<TokenStream> = if direction.is_request() {
        variants
            .iter()
            .filter_map(|variant| {
                let variant_def = model.types.get(&variant.type_name)?;
                let TypeKind::Struct {
                    fields,
                    required_when,
                    direction,
                } = &variant_def.kind
                else {
                    return None;
                };
                if !required_when.is_empty() || !direction.is_request() {
                    return None;
                }
                let arguments = required_arguments(fields, &[]);
                let parameters = arguments.iter().map(|field| argument(field));
                let names = arguments.iter().map(|field| ident(&field.rust_name));
                let method = ident(&variant.constructor);
                let variant_ident = ident(&variant.rust_name);
                let type_ident = ident(&variant.type_name);
                let doc = format!(
                    " Builds the `{}` variant (`{tag}: {}`).",
                    variant.rust_name, variant.tag_value
                );
                Some(quote! {
                    #[doc = #doc]
                    pub fn #method(#(#parameters),*) -> Self {
                        Self::#variant_ident(#type_ident::new(#(#names),*))
                    }
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    let constructor_impl = if constructors.is_empty() {
        TokenStream::new()
    } else {
        quote! { impl #name { #(#constructors)* } }
    };
    let _ = docs;
    if !direction.is_response() {
        return Ok(quote! {
            #type_docs
            #[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
            #[serde(tag = #tag)]
            pub enum #name {
                #(#variant_items)*
            }

            #constructor_impl

            #(#from_impls)*

            impl crate::runtime::Validate for #name {
                fn validate(&self, field: &str) -> crate::runtime::Result<()> {
                    match self {
                        #(#validate_arms)*
                    }
                }
            }
        });
    }
    // Seen in a response: a tag the spec does not list decodes as `Unknown`, kept as received.
    let decode_arms = variants.iter().map(|variant| {
        let variant_ident = ident(&variant.rust_name);
        let tag_value = &variant.tag_value;
        quote! {
            #tag_value => ::serde_json::from_value(value)
                .map(Self::#variant_ident)
                .map_err(<D::Error as ::serde::de::Error>::custom),
        }
    });
    let not_object = format!("expected an object with a string `{tag}` field");
    let not_string = format!("the `{tag}` field must be a string");
    Ok(quote! {
        #type_docs
        #[derive(Clone, Debug, PartialEq, ::serde::Serialize)]
        #[serde(tag = #tag)]
        #non_exhaustive
        pub enum #name {
            #(#variant_items)*
            /// A kind the SDK does not know yet; the JSON is kept as received, minus nothing.
            #[serde(untagged)]
            Unknown(crate::runtime::UnknownVariant),
        }

        #constructor_impl

        #(#from_impls)*

        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                let Some(object) = value.as_object() else {
                    return Err(<D::Error as ::serde::de::Error>::custom(#not_object));
                };
                let tag = match object.get(#tag) {
                    Some(::serde_json::Value::String(tag)) => tag.clone(),
                    Some(_) => return Err(<D::Error as ::serde::de::Error>::custom(#not_string)),
                    None => return Err(<D::Error as ::serde::de::Error>::missing_field(#tag)),
                };
                match tag.as_str() {
                    #(#decode_arms)*
                    _ => ::serde::de::DeserializeSeed::deserialize(crate::runtime::UnknownVariantSeed::new(#tag), value)
                        .map(Self::Unknown)
                        .map_err(<D::Error as ::serde::de::Error>::custom),
                }
            }
        }

        impl crate::runtime::Validate for #name {
            fn validate(&self, field: &str) -> crate::runtime::Result<()> {
                match self {
                    #(#validate_arms)*
                    Self::Unknown(_) => Ok(()),
                }
            }
        }
    })
}
