//! Emits `generated/operations.rs`: one request builder per operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::{
    Checked, PathExpr, Scope, argument_type, argument_value, docs, ident, rust_type, validate_value,
};
use crate::error::{Error, Result};
use crate::model::{BodyEncoding, Model, Operation, Param, ParamLocation, ResultShape, TypeRef};

pub(super) fn emit(model: &Model) -> Result<TokenStream> {
    let mut tokens = header(model);
    tokens.extend(emit_range(model, 0..model.operations.len())?);
    Ok(tokens)
}

/// The builders for the operations in `range` (a part of the file, formatted on its own).
pub(super) fn emit_range(model: &Model, range: std::ops::Range<usize>) -> Result<TokenStream> {
    let checked = Checked::new(model);
    let items = model
        .operations
        .get(range)
        .unwrap_or_default()
        .iter()
        .map(|op| operation(model, &checked, op))
        .collect::<Result<Vec<_>>>()?;
    Ok(quote! { #(#items)* })
}

/// The file's inner attributes and the table of every operation (the `request_builder!` macro
/// is added as text by [`finish`]).
pub(super) fn header(model: &Model) -> TokenStream {
    let infos = model.operations.iter().map(|operation| {
        let name = ident(&operation.rust_name);
        quote!(&#name::OPERATION)
    });
    quote! {
        #![doc = " Request builders, one per operation: required arguments are given to the resource method, optional ones are builder methods, and the request is sent with `.send()`, `.send_with_response()` or `.await`."]
        #![allow(clippy::too_many_arguments)]

        /// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
        pub static OPERATIONS: &[&crate::runtime::OperationInfo] = &[#(#infos),*];
    }
}

/// The "Token permissions" sentence of an operation's docs.
fn permissions_doc(operation: &Operation) -> String {
    let names = operation
        .permissions
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>();
    match names.as_slice() {
        [] => "Token permissions: none are named in the spec.".to_owned(),
        [one] => format!("Token permission: {one}."),
        [rest @ .., last] => format!("Token permissions: any of {} or {last}.", rest.join(", ")),
    }
}

/// The documentation of an operation (used on the builder and on the resource method).
pub(super) fn operation_docs(operation: &Operation) -> TokenStream {
    let mut lines = vec![operation.summary.clone()];
    if !operation.description.is_empty() {
        lines.push(String::new());
        lines.extend(operation.description.iter().cloned());
    }
    lines.push(String::new());
    lines.push(format!(
        "Sends `{} {}`.",
        operation.http_method, operation.path
    ));
    lines.push(String::new());
    lines.push(permissions_doc(operation));
    lines.push(String::new());
    lines.push(format!("Operation ID: `{}`.", operation.operation_id));
    docs(&lines)
}

/// The type `send()` returns.
pub(super) fn output_type(operation: &Operation) -> TokenStream {
    match (&operation.result, operation.paginated) {
        (ResultShape::Unit, _) => quote!(()),
        (ResultShape::Value(ty), false) => rust_type(ty, Scope::Other),
        (ResultShape::Value(ty), true) => {
            let item = rust_type(ty, Scope::Other);
            quote!(crate::runtime::Page<#item>)
        }
    }
}

/// The arguments the resource method takes: path parameters, required query parameters, and
/// a required body.
pub(super) fn required_params(operation: &Operation) -> Vec<&Param> {
    operation
        .params
        .iter()
        .filter(|param| param.required)
        .collect()
}

fn param_docs(param: &Param) -> TokenStream {
    let mut lines = if param.docs.is_empty() {
        vec![format!("Sets the `{}` query parameter.", param.api_name)]
    } else {
        param.docs.clone()
    };
    if let Some(default) = &param.default {
        lines.push(String::new());
        lines.push(format!("The API's default is `{default}`."));
    }
    if let Some(target) = &param.url_encoded_flag_for {
        lines.push(String::new());
        lines.push(format!(
            "When not set, the SDK sends `true` exactly when `{target}` had to be percent-encoded."
        ));
    }
    docs(&lines)
}

fn operation(model: &Model, checked: &Checked, operation: &Operation) -> Result<TokenStream> {
    let name = ident(&operation.rust_name);
    let builder_docs = docs(&[
        operation.summary.clone(),
        String::new(),
        format!(
            "Built by `client.{}(...)`; sends `{} {}`. Operation ID: `{}`.",
            model.call_chain(operation),
            operation.http_method,
            operation.path,
            operation.operation_id
        ),
        String::new(),
        permissions_doc(operation),
    ]);
    let id = &operation.operation_id;
    let method = ident(&operation.http_method);
    let path_template = &operation.path;
    let idempotent = operation.idempotent;
    let permissions = &operation.permissions;
    let output = output_type(operation);

    let mut fields = Vec::new();
    let mut new_parameters = Vec::new();
    let mut new_inits = Vec::new();
    let mut setters = Vec::new();
    let mut checks = Vec::new();
    for param in &operation.params {
        let param_ident = ident(&param.rust_name);
        let ty = rust_type(&param.ty, Scope::Other);
        let path_literal = &param.api_name;
        if param.required {
            fields.push(quote!(#param_ident: #ty,));
            new_parameters.push(quote!(#param_ident: #ty));
            new_inits.push(quote!(#param_ident));
            if let Some(check) = validate_value(
                checked,
                quote!(value),
                &PathExpr::literal(path_literal),
                &param.ty,
                &param.constraints,
            ) {
                checks.push(quote! { { let value = &self.#param_ident; #check } });
            }
        } else {
            fields.push(quote!(#param_ident: Option<#ty>,));
            new_inits.push(quote!(#param_ident: None));
            let argument = argument_type(&param.ty, Scope::Other);
            let value = argument_value(&param_ident, &param.ty);
            let docs = param_docs(param);
            setters.push(quote! {
                #docs
                pub fn #param_ident(mut self, #param_ident: #argument) -> Self {
                    self.#param_ident = Some(#value);
                    self
                }
            });
            if let Some(check) = validate_value(
                checked,
                quote!(value),
                &PathExpr::literal(path_literal),
                &param.ty,
                &param.constraints,
            ) {
                checks.push(quote! { if let Some(value) = &self.#param_ident { #check } });
            }
        }
    }
    let mut body_statement = TokenStream::new();
    if let Some(body) = &operation.body {
        let ty = rust_type(&body.ty, Scope::Other);
        let call = match body.encoding {
            BodyEncoding::Json => quote!(json_body),
            BodyEncoding::MergePatch => quote!(merge_patch_body),
        };
        if body.required {
            fields.push(quote!(body: #ty,));
            new_parameters.push(quote!(body: #ty));
            new_inits.push(quote!(body));
            if let Some(check) = validate_value(
                checked,
                quote!(value),
                &PathExpr::literal("body"),
                &body.ty,
                &Default::default(),
            ) {
                checks.push(quote! { { let value = &self.body; #check } });
            }
            body_statement = quote! { request.#call(&self.body)?; };
        } else {
            fields.push(quote!(body: Option<#ty>,));
            new_inits.push(quote!(body: None));
            let docs = if body.docs.is_empty() {
                docs(&["Sets the request body.".to_owned()])
            } else {
                docs(&body.docs)
            };
            setters.push(quote! {
                #docs
                pub fn body(mut self, body: #ty) -> Self {
                    self.body = Some(body);
                    self
                }
            });
            if let Some(check) = validate_value(
                checked,
                quote!(value),
                &PathExpr::literal("body"),
                &body.ty,
                &Default::default(),
            ) {
                checks.push(quote! { if let Some(value) = &self.body { #check } });
            }
            body_statement = quote! { if let Some(body) = &self.body { request.#call(body)?; } };
        }
    }

    let path_statements = path_statements(operation)?;
    let query_statements = operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Query)
        .map(|param| query_statement(operation, param))
        .collect::<Result<Vec<_>>>()?;

    let (execute, stream) = if operation.paginated {
        let ResultShape::Value(item) = &operation.result else {
            return Err(Error::new(
                operation.pointer.clone(),
                "internal: paginated operation without a result",
            ));
        };
        let item = rust_type(item, Scope::Other);
        (
            quote!(execute_page),
            quote! {
                /// Streams every item of every page, starting at `page` (or 1), one request per page.
                pub fn stream(self) -> crate::runtime::PageStream<#item> {
                    let first_page = self.page.and_then(|page| u32::try_from(page).ok()).unwrap_or(1);
                    let per_page = self.per_page.and_then(|per_page| u32::try_from(per_page).ok());
                    crate::runtime::paginate(first_page, per_page, move |page| {
                        let mut request = self.clone();
                        request.page = Some(i64::from(page));
                        request.send()
                    })
                }
            },
        )
    } else {
        (quote!(execute), TokenStream::new())
    };
    let operation_doc = format!(" What the runtime needs to know about `{id}`.");
    let new_doc = format!(" Starts a `{id}` request.");
    Ok(quote! {
        #builder_docs
        #[derive(Clone, Debug)]
        #[must_use = "a request does nothing until it is sent with `.send().await` or `.await`"]
        pub struct #name {
            client: crate::Client,
            #(#fields)*
            options: crate::runtime::RequestOptions,
        }

        impl #name {
            #[doc = #operation_doc]
            pub const OPERATION: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
                id: #id,
                method: crate::runtime::Method::#method,
                path_template: #path_template,
                idempotent: #idempotent,
                permissions: &[#(#permissions),*],
            };

            #[doc = #new_doc]
            pub(crate) fn new(client: crate::Client, #(#new_parameters),*) -> Self {
                Self {
                    client,
                    #(#new_inits,)*
                    options: crate::runtime::RequestOptions::default(),
                }
            }

            #(#setters)*

            /// Checks every argument against the spec, then builds the request.
            fn build(&self) -> crate::runtime::Result<crate::runtime::Request> {
                static OPERATION: crate::runtime::OperationInfo = #name::OPERATION;
                #(#checks)*
                let mut request = crate::runtime::Request::new(&OPERATION);
                #(#path_statements)*
                #(#query_statements)*
                #body_statement
                Ok(request)
            }

            #stream
        }

        request_builder!(#name, #output, #execute);
    })
}

fn path_statements(operation: &Operation) -> Result<Vec<TokenStream>> {
    let mut statements = Vec::new();
    let mut rest = operation.path.as_str();
    while let Some(start) = rest.find('{') {
        let literal = &rest[..start];
        if !literal.is_empty() {
            statements.push(quote! { request.path(#literal); });
        }
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return Err(Error::new(
                operation.pointer.clone(),
                "the path template has an unclosed `{`",
            ));
        };
        let name = &after[..end];
        let Some(param) = operation
            .params
            .iter()
            .find(|param| param.location == ParamLocation::Path && param.api_name == name)
        else {
            return Err(Error::new(
                operation.pointer.clone(),
                format!("path parameter `{name}` is not declared"),
            ));
        };
        let param_ident = ident(&param.rust_name);
        let value = match &param.ty {
            TypeRef::String | TypeRef::Id(_) => quote!(self.#param_ident.as_str()),
            TypeRef::Integer | TypeRef::Number | TypeRef::Bool | TypeRef::Named(_) => {
                quote!(&self.#param_ident.to_string())
            }
            _ => {
                return Err(Error::new(
                    operation.pointer.clone(),
                    format!("path parameter `{name}` must be a string, an id, a number or an enum"),
                ));
            }
        };
        let flagged = operation
            .params
            .iter()
            .any(|other| other.url_encoded_flag_for.as_deref() == Some(name));
        if flagged {
            let encoded = ident(&format!("{}_encoded", param.rust_name));
            statements.push(quote! { let #encoded = request.path_param(#name, #value)?; });
        } else {
            statements.push(quote! { request.path_param(#name, #value)?; });
        }
        rest = &after[end + 1..];
    }
    if !rest.is_empty() {
        statements.push(quote! { request.path(#rest); });
    }
    Ok(statements)
}

fn query_statement(operation: &Operation, param: &Param) -> Result<TokenStream> {
    let param_ident = ident(&param.rust_name);
    let key = &param.api_name;
    let single = |value: TokenStream| match &param.ty {
        TypeRef::Vec(inner) if is_displayable(inner) => Ok(quote! {
            let values: Vec<&dyn ::std::fmt::Display> = #value.iter().map(|value| value as &dyn ::std::fmt::Display).collect();
            request.query_all(#key, &values);
        }),
        ty if is_displayable(ty) => Ok(quote! { request.query(#key, #value); }),
        _ => Err(Error::new(
            operation.pointer.clone(),
            format!(
                "query parameter `{key}` must be a string, number, boolean, enum, id, or an array of those"
            ),
        )),
    };
    if let Some(target) = &param.url_encoded_flag_for {
        let target_name = operation
            .params
            .iter()
            .find(|other| other.location == ParamLocation::Path && &other.api_name == target)
            .map_or_else(
                || crate::naming::field_name(target),
                |other| other.rust_name.clone(),
            );
        let encoded = ident(&format!("{target_name}_encoded"));
        return Ok(quote! {
            match self.#param_ident {
                Some(value) => request.query(#key, &value),
                None if #encoded => request.query(#key, &true),
                None => {}
            }
        });
    }
    if param.required {
        single(quote!(&self.#param_ident))
    } else {
        let statement = single(quote!(value))?;
        Ok(quote! { if let Some(value) = &self.#param_ident { #statement } })
    }
}

fn is_displayable(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::String
            | TypeRef::Bool
            | TypeRef::Integer
            | TypeRef::Number
            | TypeRef::Id(_)
            | TypeRef::Named(_)
    )
}

/// The `request_builder!` macro, as formatted text: prettyplease cannot lay out the body of a
/// `macro_rules!`, so the definition is kept here as it should read.
const REQUEST_BUILDER_MACRO: &str = r#"/// Adds the methods every request builder shares: `timeout`, `max_retries`, `send`,
/// `send_with_response` and `IntoFuture`. `$execute` is the client method that sends the request.
macro_rules! request_builder {
    ($builder:ident, $output:ty, $execute:ident) => {
        impl $builder {
            /// Sets the timeout for this request (each attempt), overriding the client's.
            pub fn timeout(mut self, timeout: ::std::time::Duration) -> Self {
                self.options.set_timeout(timeout);
                self
            }

            /// Sets how many times this request is retried, overriding the client's.
            pub fn max_retries(mut self, max_retries: u32) -> Self {
                self.options.set_max_retries(max_retries);
                self
            }

            /// Checks the arguments, sends the request and returns the result.
            pub async fn send(self) -> crate::runtime::Result<$output> {
                self.send_with_response().await.map(crate::runtime::ApiResponse::into_result)
            }

            /// Like `send`, and also returns the status, headers and messages.
            pub async fn send_with_response(
                self,
            ) -> crate::runtime::Result<crate::runtime::ApiResponse<$output>> {
                let request = self.build()?;
                self.client.$execute(request, &self.options).await
            }
        }

        impl ::std::future::IntoFuture for $builder {
            type Output = crate::runtime::Result<$output>;
            type IntoFuture =
                ::std::pin::Pin<Box<dyn ::std::future::Future<Output = Self::Output> + Send>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.send())
            }
        }
    };
}
"#;

/// Inserts the `request_builder!` macro after the file's inner attributes.
pub(super) fn finish(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + REQUEST_BUILDER_MACRO.len() + 2);
    let mut inserted = false;
    for line in text.lines() {
        if !(inserted || line.starts_with("//!") || line.starts_with("#![")) {
            out.push('\n');
            out.push_str(REQUEST_BUILDER_MACRO);
            if !line.is_empty() {
                out.push('\n');
            }
            inserted = true;
        }
        out.push_str(line);
        out.push('\n');
    }
    if !inserted {
        out.push_str(REQUEST_BUILDER_MACRO);
    }
    out
}
