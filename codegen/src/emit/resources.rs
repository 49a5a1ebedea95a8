//! Emits `generated/resources.rs`: the resource tree (`client.workers().scripts().secrets()`),
//! whose methods start requests (`runtime::RequestBuilder<operations::X>`).

use std::fmt::Write as _;

use super::operations::{operation_docs, required_params};
use super::{
    Scope, argument_type, argument_value, docs_or, param_type, push_call, push_docs, rust_type,
};
use crate::model::{Model, Operation, Resource, TypeRef};

pub(super) fn emit(model: &Model) -> String {
    let mut out = String::from(
        "//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.\n\n#[allow(unused_imports)]\nuse super::{ids, operations, types};\nuse crate::runtime;\n",
    );
    for resource in model.resources.roots.values() {
        resource_items(&mut out, model, resource);
    }
    out.push_str("\nimpl crate::Client {\n");
    for (index, resource) in model.resources.roots.values().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let _ = writeln!(
            out,
            "    /// The `{}` resource.\n    pub fn {}(&self) -> {} {{\n        {} {{ client: self.clone() }}\n    }}",
            resource.api_name, resource.method_name, resource.rust_name, resource.rust_name
        );
    }
    out.push_str("}\n");
    out
}

fn resource_items(out: &mut String, model: &Model, resource: &Resource) {
    out.push('\n');
    push_docs(
        out,
        "",
        &docs_or(
            &resource.docs,
            format!("The `{}` resource.", resource.api_name),
        ),
    );
    let name = &resource.rust_name;
    let _ = writeln!(
        out,
        "#[derive(Clone, Debug)]\npub struct {name} {{\n    client: crate::Client,\n}}\n\nimpl {name} {{"
    );
    let mut first = true;
    for child in resource.children.values() {
        if !first {
            out.push('\n');
        }
        first = false;
        let _ = writeln!(
            out,
            "    /// The `{}` resource.\n    pub fn {}(&self) -> {} {{\n        {} {{ client: self.client.clone() }}\n    }}",
            child.api_name, child.method_name, child.rust_name, child.rust_name
        );
    }
    for operation in resource
        .operations
        .iter()
        .filter_map(|index| model.operations.get(*index))
    {
        if !first {
            out.push('\n');
        }
        first = false;
        operation_method(out, operation);
    }
    out.push_str("}\n");
    for child in resource.children.values() {
        resource_items(out, model, child);
    }
}

fn operation_method(out: &mut String, operation: &Operation) {
    push_docs(out, "    ", &operation_docs(operation));
    let mut parameters = vec!["&self".to_owned()];
    for param in required_params(operation) {
        let ty = match &param.ty {
            TypeRef::Integer => param_type(param),
            ty => argument_type(ty, rust_type(ty, Scope::Other)),
        };
        parameters.push(format!("{}: {ty}", param.rust_name));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        // A named body type is taken as `impl Into<Body>`: `put` takes a `SecretKeyInput` as well
        // as a `SecretBindingInput`, the way `BulkPatchSecretsRequest::set` does. A list body
        // stays a `Vec`, so that `.collect()` still infers its type.
        let ty = rust_type(&body.ty, Scope::Other);
        parameters.push(match body.ty {
            TypeRef::Named(_) => format!("body: impl Into<{ty}>"),
            _ => format!("body: {ty}"),
        });
    }
    let builder = &operation.rust_name;
    push_call(
        out,
        "    ",
        &format!("pub fn {}", operation.method_name),
        &parameters,
        &format!(" -> runtime::RequestBuilder<operations::{builder}> {{"),
    );
    let mut inits = Vec::new();
    for param in &operation.params {
        let value = if param.required {
            argument_value(&param.rust_name, &param.ty)
        } else {
            "None".to_owned()
        };
        inits.push(if value == param.rust_name {
            value
        } else {
            format!("{}: {value}", param.rust_name)
        });
    }
    if let Some(body) = &operation.body {
        inits.push(match (body.required, &body.ty) {
            (true, TypeRef::Named(_)) => "body: body.into()".to_owned(),
            (true, _) => "body".to_owned(),
            (false, _) => "body: None".to_owned(),
        });
    }
    if inits.is_empty() {
        let _ = writeln!(out, "        let operation = operations::{builder} {{}};");
    } else {
        let _ = writeln!(out, "        let operation = operations::{builder} {{");
        for init in inits {
            let _ = writeln!(out, "            {init},");
        }
        out.push_str("        };\n");
    }
    out.push_str("        runtime::RequestBuilder::new(self.client.clone(), operation)\n    }\n");
}
