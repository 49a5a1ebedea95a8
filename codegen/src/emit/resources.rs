//! Emits `generated/resources.rs`: the resource tree (`client.workers().scripts().secrets()`).

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::{operation_docs, required_params};
use super::{Scope, argument_type, argument_value, docs_or, ident, rust_type};
use crate::model::{Model, Resource};

pub(super) fn emit(model: &Model) -> TokenStream {
    let mut items = Vec::new();
    for resource in model.resources.roots.values() {
        resource_items(model, resource, &mut items);
    }
    let roots = model.resources.roots.values().map(|resource| {
        let method = ident(&resource.method_name);
        let struct_name = ident(&resource.rust_name);
        let doc = format!(" The `{}` resource.", resource.api_name);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> super::resources::#struct_name {
                super::resources::#struct_name { client: self.clone() }
            }
        }
    });
    quote! {
        #![doc = " The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client."]
        #(#items)*

        impl crate::Client {
            #(#roots)*
        }
    }
}

fn resource_items(model: &Model, resource: &Resource, items: &mut Vec<TokenStream>) {
    let name = ident(&resource.rust_name);
    let docs = docs_or(
        &resource.docs,
        format!("The `{}` resource.", resource.api_name),
    );
    let children = resource.children.values().map(|child| {
        let method = ident(&child.method_name);
        let child_name = ident(&child.rust_name);
        let doc = format!(" The `{}` resource.", child.api_name);
        quote! {
            #[doc = #doc]
            pub fn #method(&self) -> #child_name {
                #child_name { client: self.client.clone() }
            }
        }
    });
    let operations = resource
        .operations
        .iter()
        .filter_map(|index| model.operations.get(*index))
        .map(|operation| {
            let method = ident(&operation.method_name);
            let builder = ident(&operation.rust_name);
            let docs = operation_docs(operation);
            let params = required_params(operation);
            let mut parameters: Vec<TokenStream> = params
                .iter()
                .map(|param| {
                    let param_ident = ident(&param.rust_name);
                    let ty = argument_type(&param.ty, Scope::Other);
                    quote!(#param_ident: #ty)
                })
                .collect();
            let mut values: Vec<TokenStream> = params
                .iter()
                .map(|param| argument_value(&ident(&param.rust_name), &param.ty))
                .collect();
            if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
                let ty = rust_type(&body.ty, Scope::Other);
                parameters.push(quote!(body: #ty));
                values.push(quote!(body));
            }
            quote! {
                #docs
                pub fn #method(&self, #(#parameters),*) -> super::operations::#builder {
                    super::operations::#builder::new(self.client.clone(), #(#values),*)
                }
            }
        });
    items.push(quote! {
        #docs
        #[derive(Clone, Debug)]
        pub struct #name {
            client: crate::Client,
        }

        impl #name {
            #(#children)*
            #(#operations)*
        }
    });
    for child in resource.children.values() {
        resource_items(model, child, items);
    }
}
