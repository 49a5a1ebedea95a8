//! Emits `generated/operations.rs`: for each operation, a struct of its parameters, its
//! `runtime::Operation` impl (what it is, what it returns, how the parameters become a
//! request), and the setters of its optional parameters on `RequestBuilder<ThatOperation>`.
//! Sending, retries, timeouts, `.await` and pagination are the runtime's
//! (`generated/src/runtime/operation.rs`).

use std::fmt::Write as _;

use super::{
    Checked, Scope, argument_type, check_statements, docs_or, param_constraints, param_type,
    push_docs, rust_type, spec_line, string_literal,
};
use crate::error::{Error, Result};
use crate::model::{BodyEncoding, Model, Operation, Param, ParamLocation, ResultShape, TypeRef};

pub(super) fn emit(model: &Model) -> Result<String> {
    let mut out = header(model);
    out.push_str(&emit_range(model, 0..model.operations.len())?);
    Ok(out)
}

/// The operations in `range` (a part of the file, emitted on its own thread).
pub(super) fn emit_range(model: &Model, range: std::ops::Range<usize>) -> Result<String> {
    let checked = Checked::new(model);
    let mut out = String::new();
    for operation in model.operations.get(range).unwrap_or_default() {
        out.push('\n');
        emit_operation(&mut out, model, &checked, operation)?;
    }
    Ok(out)
}

/// The file's docs and the table of every operation.
pub(super) fn header(model: &Model) -> String {
    let mut out = String::from(
        "//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.\n\n#[allow(unused_imports)]\nuse super::{ids, types};\nuse crate::runtime;\n\n",
    );
    out.push_str("/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.\n");
    out.push_str("pub static OPERATIONS: &[&runtime::OperationInfo] = &[\n");
    for operation in &model.operations {
        let _ = writeln!(
            out,
            "    <{} as runtime::Operation>::INFO,",
            operation.rust_name
        );
    }
    out.push_str("];\n");
    out
}

/// The "Token permissions" sentence of an operation's docs.
pub(super) fn permissions_doc(operation: &Operation) -> String {
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

/// The documentation of an operation's resource method (what users read first).
pub(super) fn operation_docs(operation: &Operation) -> Vec<String> {
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
    lines
}

/// The type `send()` returns, as `runtime::Single<T>` or `runtime::Paged<T>`.
fn response_type(operation: &Operation) -> String {
    match (&operation.result, operation.paginated) {
        (ResultShape::Unit, _) => "runtime::Single<()>".to_owned(),
        (ResultShape::Value(ty), false) => {
            format!("runtime::Single<{}>", rust_type(ty, Scope::Other))
        }
        (ResultShape::Value(ty), true) => {
            format!("runtime::Paged<{}>", rust_type(ty, Scope::Other))
        }
    }
}

/// The arguments the resource method takes: path parameters and required query parameters
/// (a required body comes after them).
pub(super) fn required_params(operation: &Operation) -> Vec<&Param> {
    operation
        .params
        .iter()
        .filter(|param| param.required)
        .collect()
}

fn param_docs(param: &Param) -> Vec<String> {
    let mut lines = docs_or(
        &param.docs,
        format!("Sets the `{}` query parameter.", param.api_name),
    );
    if let Some(default) = &param.default {
        lines.push(String::new());
        lines.push(format!("The API's default is `{default}`."));
    }
    if let Some(target) = param
        .url_encoded_flag_for
        .as_ref()
        .filter(|_| param.docs.is_empty())
    {
        lines.push(String::new());
        lines.push(format!(
            "When not set, the SDK sends `true` exactly when `{target}` had to be percent-encoded."
        ));
    }
    lines
}

fn emit_operation(
    out: &mut String,
    model: &Model,
    checked: &Checked,
    operation: &Operation,
) -> Result<()> {
    let name = &operation.rust_name;
    out.push_str("runtime::operation! {\n");
    push_docs(
        out,
        "    ",
        &[
            operation.summary.clone(),
            String::new(),
            format!(
                "Built by `client.{}(...)`. {} {}",
                model.call_chain(operation),
                spec_line(&operation.pointer),
                permissions_doc(operation)
            ),
        ],
    );
    emit_parameters(out, operation);
    out.push_str("}\n");
    let _ = writeln!(out, "\nimpl runtime::Operation for {name} {{");
    let _ = writeln!(out, "    type Response = {};", response_type(operation));
    out.push_str("    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {\n");
    let _ = writeln!(
        out,
        "        id: {},",
        string_literal(&operation.operation_id)
    );
    let _ = writeln!(
        out,
        "        method: runtime::Method::{},",
        operation.http_method
    );
    let _ = writeln!(
        out,
        "        path_template: {},",
        string_literal(&operation.path)
    );
    let _ = writeln!(out, "        idempotent: {},", operation.idempotent);
    let permissions: Vec<String> = operation
        .permissions
        .iter()
        .map(|permission| string_literal(permission))
        .collect();
    let _ = writeln!(out, "        permissions: &[{}],", permissions.join(", "));
    out.push_str("    };\n");
    let statements = build_statements(checked, operation)?;
    let request = if statements.is_empty() {
        "_request"
    } else {
        "request"
    };
    let _ = writeln!(
        out,
        "    fn build(&self, {request}: &mut runtime::Request) -> runtime::Result<()> {{"
    );
    for statement in statements {
        for line in statement.lines() {
            let _ = writeln!(out, "        {line}");
        }
    }
    out.push_str("        Ok(())\n    }\n}\n");

    Ok(())
}

/// The rest of the `operation!` block: the required parameters (and a required body), then the
/// optional ones with their docs and setter argument types; the runtime macro writes the
/// struct and the setters.
fn emit_parameters(out: &mut String, operation: &Operation) {
    let _ = writeln!(out, "    {} {{", operation.rust_name);
    for param in operation.params.iter().filter(|param| param.required) {
        let _ = writeln!(out, "        {}: {},", param.rust_name, param_type(param));
    }
    if let Some(body) = operation.body.as_ref().filter(|body| body.required) {
        let _ = writeln!(out, "        body: {},", rust_type(&body.ty, Scope::Other));
    }
    out.push_str("    }\n");
    let mut optional = String::new();
    for param in operation.params.iter().filter(|param| !param.required) {
        push_docs(&mut optional, "        ", &param_docs(param));
        let ty = param_type(param);
        let argument = match &param.ty {
            TypeRef::Integer => ty.clone(),
            other => argument_type(other, ty.clone()),
        };
        if argument == ty {
            let _ = writeln!(optional, "        {}: {ty},", param.rust_name);
        } else {
            let _ = writeln!(optional, "        {}: {ty} as {argument},", param.rust_name);
        }
    }
    if let Some(body) = operation.body.as_ref().filter(|body| !body.required) {
        push_docs(
            &mut optional,
            "        ",
            &docs_or(&body.docs, "Sets the request body.".to_owned()),
        );
        let _ = writeln!(
            optional,
            "        body: {},",
            rust_type(&body.ty, Scope::Other)
        );
    }
    if !optional.is_empty() {
        out.push_str("    optional {\n");
        out.push_str(&optional);
        out.push_str("    }\n");
    }
}

/// The body of `build`: the checks, then the path, the query and the body.
fn build_statements(checked: &Checked, operation: &Operation) -> Result<Vec<String>> {
    let mut statements = Vec::new();
    let unchecked = Checked::default();
    // Path parameters are checked by `path_params` (an identifier's own rules); the spec's
    // constraints on the parameter itself, if any, are checked here.
    for param in &operation.params {
        let value = format!("&self.{}", param.rust_name);
        let checked = if param.location == ParamLocation::Path {
            &unchecked
        } else {
            checked
        };
        let path = string_literal(&param.api_name);
        let ty = param_ty_for_checks(param);
        statements.extend(check_statements(
            checked,
            &value,
            &path,
            &ty,
            &param_constraints(param),
        ));
    }
    if let Some(body) = &operation.body {
        statements.extend(check_statements(
            checked,
            "&self.body",
            "\"body\"",
            &body.ty,
            &Default::default(),
        ));
    }
    statements.extend(path_statement(operation)?);
    for param in operation
        .params
        .iter()
        .filter(|param| param.location == ParamLocation::Query)
    {
        statements.push(query_statement(operation, param)?);
    }
    if let Some(body) = &operation.body {
        let call = match body.encoding {
            BodyEncoding::Json => "json_body",
            BodyEncoding::MergePatch => "merge_patch_body",
        };
        if body.required {
            statements.push(format!("request.{call}(&self.body)?;"));
        } else {
            statements.push(format!(
                "if let Some(body) = &self.body {{\n    request.{call}(body)?;\n}}"
            ));
        }
    }
    Ok(statements)
}

/// The type whose values a parameter's checks see (an optional parameter is an `Option`).
fn param_ty_for_checks(param: &Param) -> TypeRef {
    if param.required {
        param.ty.clone()
    } else {
        TypeRef::Nullable(Box::new(param.ty.clone()))
    }
}

/// `request.path_params([...])?;`, keeping the "was it percent-encoded" flags (`encoded[i]`,
/// in path order) when an `x-sdk-url-encoded-flag` query parameter needs them.
fn path_statement(operation: &Operation) -> Result<Option<String>> {
    let mut values = Vec::new();
    let mut any_flagged = false;
    let mut rest = operation.path.as_str();
    while let Some(start) = rest.find('{') {
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
        let field = &param.rust_name;
        if !matches!(
            &param.ty,
            TypeRef::String
                | TypeRef::Id(_)
                | TypeRef::Integer
                | TypeRef::Number
                | TypeRef::Bool
                | TypeRef::Named(_)
        ) {
            return Err(Error::new(
                operation.pointer.clone(),
                format!("path parameter `{name}` must be a string, an id, a number or an enum"),
            ));
        }
        values.push(format!("&self.{field}"));
        let flagged = operation
            .params
            .iter()
            .any(|other| other.url_encoded_flag_for.as_deref() == Some(name));
        any_flagged |= flagged;
        rest = &after[end + 1..];
    }
    if values.is_empty() {
        return Ok(Some("request.path_params([])?;".to_owned()));
    }
    let binding = if any_flagged { "let encoded = " } else { "" };
    let one_line = format!("{binding}request.path_params([{}])?;", values.join(", "));
    // The statement sits 8 columns in; past 100 columns the values go one per line.
    if one_line.len() + 8 <= 100 {
        return Ok(Some(one_line));
    }
    let mut text = format!("{binding}request.path_params([\n");
    for value in &values {
        let _ = writeln!(text, "    {value},");
    }
    text.push_str("])?;");
    Ok(Some(text))
}

fn query_statement(operation: &Operation, param: &Param) -> Result<String> {
    let key = string_literal(&param.api_name);
    let field = &param.rust_name;
    let displayable = match &param.ty {
        TypeRef::Vec(inner) => is_query_value(inner),
        ty => is_query_value(ty),
    };
    if !displayable {
        return Err(Error::new(
            operation.pointer.clone(),
            format!(
                "query parameter `{}` must be a string, number, boolean, enum, id, or an array of those",
                param.api_name
            ),
        ));
    }
    if let Some(target) = &param.url_encoded_flag_for {
        let index = path_placeholders(&operation.path)
            .position(|placeholder| placeholder == target)
            .ok_or_else(|| {
                Error::new(
                    operation.pointer.clone(),
                    format!("`x-sdk-url-encoded-flag` names `{target}`, which is not in the path"),
                )
            })?;
        return Ok(format!(
            "request.query({key}, &self.{field}.or(encoded[{index}].then_some(true)));"
        ));
    }
    Ok(format!("request.query({key}, &self.{field});"))
}

/// The names of a path template's `{placeholders}`, in order.
fn path_placeholders(path: &str) -> impl Iterator<Item = &str> {
    path.split('{')
        .skip(1)
        .filter_map(|piece| piece.split_once('}').map(|(name, _)| name))
}

fn is_query_value(ty: &TypeRef) -> bool {
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
