//! Emits `generated/ids.rs`: one newtype per identifier schema (`x-sdk-id: true`).

use proc_macro2::TokenStream;
use quote::quote;

use super::{PathExpr, docs_or, ident, validate_value};
use crate::model::{IdDef, Model, TypeRef};

pub(super) fn emit(model: &Model) -> TokenStream {
    let items = model.ids.values().map(id);
    quote! {
        #![doc = " Identifier newtypes: each kind of identifier is its own type, so a store id cannot be passed where a secret id belongs."]
        #(#items)*
    }
}

fn id(def: &IdDef) -> TokenStream {
    let name = ident(&def.rust_name);
    let docs = docs_or(&def.docs, format!("The `{}` identifier.", def.api_name));
    let checks = validate_value(
        &super::Checked::default(),
        quote!(value),
        &PathExpr::str_variable("field"),
        &TypeRef::String,
        &def.constraints,
    );
    let validate_body = match checks {
        Some(checks) => quote! { let value = &self.0; #checks Ok(()) },
        None => quote! { let _ = field; Ok(()) },
    };
    quote! {
        #docs
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct #name(String);

        impl #name {
            /// Wraps an identifier.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// Returns the identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Returns the identifier as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for #name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for #name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<&String> for #name {
            fn from(value: &String) -> Self {
                Self(value.clone())
            }
        }

        impl From<&#name> for #name {
            fn from(value: &#name) -> Self {
                value.clone()
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl crate::runtime::Validate for #name {
            fn validate(&self, field: &str) -> crate::runtime::Result<()> {
                #validate_body
            }
        }
    }
}
