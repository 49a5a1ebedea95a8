//! Checks the parts of each operation that lowering reads: its parameters, its request body and
//! its success responses (the Cloudflare envelope), and the schemas they reach.

use openapiv3::{
    OpenAPI, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind,
    StatusCode, Type,
};

use super::components::join;
use super::components::{self, Lookup, referenced_name};
use super::schemas::{Kind, Schemas, component, is_null_result, unsupported_ref};
use super::template_params;
use crate::error::{Error, Result};

/// A parameter with the place it is written (the component, for a `$ref`).
pub type PlacedParameter<'a> = (&'a Parameter, String);

/// Resolves a parameter or a `$ref` to one in `components/parameters`.
pub fn parameter<'a>(
    api: &'a OpenAPI,
    parameter: &'a ReferenceOr<Parameter>,
    pointer: &str,
) -> Result<PlacedParameter<'a>> {
    match parameter {
        ReferenceOr::Item(parameter) => Ok((parameter, pointer.to_owned())),
        ReferenceOr::Reference { reference } => match components::parameter(api, reference) {
            Lookup::Found(component) => Ok((component.item, component.pointer("parameters"))),
            Lookup::OutsideSection => Err(unsupported_ref(pointer, reference, "parameters")),
            Lookup::Missing | Lookup::OnlyReference => Err(Error::new(
                join(pointer, "$ref"),
                format!(
                    "parameter `{}` is not defined in `#/components/parameters`",
                    referenced_name(reference, "parameters")
                ),
            )),
        },
    }
}

/// The parameters of an operation: the path item's, then the operation's, where an operation
/// parameter replaces a path-item one with the same name and location.
pub fn parameters<'a>(
    api: &'a OpenAPI,
    path: &str,
    item: &'a PathItem,
    operation: &'a openapiv3::Operation,
    pointer: &str,
) -> Result<Vec<PlacedParameter<'a>>> {
    let mut placed: Vec<PlacedParameter<'a>> = Vec::new();
    let item_pointer = join(&join("#/paths", path), "parameters");
    for (index, entry) in item.parameters.iter().enumerate() {
        placed.push(parameter(
            api,
            entry,
            &join(&item_pointer, &index.to_string()),
        )?);
    }
    let operation_pointer = join(pointer, "parameters");
    for (index, entry) in operation.parameters.iter().enumerate() {
        let (parameter, parameter_pointer) =
            parameter(api, entry, &join(&operation_pointer, &index.to_string()))?;
        let name = &parameter.parameter_data_ref().name;
        placed.retain(|(other, _)| {
            std::mem::discriminant(*other) != std::mem::discriminant(parameter)
                || &other.parameter_data_ref().name != name
        });
        placed.push((parameter, parameter_pointer));
    }
    Ok(placed)
}

/// Checks one operation.
pub fn check<'a>(
    schemas: &mut Schemas<'a>,
    api: &'a OpenAPI,
    path: &str,
    item: &'a PathItem,
    operation: &'a openapiv3::Operation,
    pointer: &str,
) -> Result<()> {
    let template = template_params(path);
    let mut path_params = Vec::new();
    for (parameter, parameter_pointer) in parameters(api, path, item, operation, pointer)? {
        let (is_path, data) = match parameter {
            Parameter::Path { parameter_data, .. } => (true, parameter_data),
            Parameter::Query { parameter_data, .. } => (false, parameter_data),
            Parameter::Header { .. } | Parameter::Cookie { .. } => {
                return Err(Error::new(
                    parameter_pointer,
                    "header and cookie parameters are not supported; the runtime sends the headers",
                ));
            }
        };
        if is_path && !template.contains(&data.name.as_str()) {
            return Err(Error::new(
                parameter_pointer,
                format!(
                    "path parameter `{}` does not appear in the path `{path}`; remove it or fix its name",
                    data.name
                ),
            ));
        }
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            return Err(Error::new(
                parameter_pointer,
                "parameters with `content` are not supported; give the parameter a `schema`",
            ));
        };
        let schema_pointer = join(&parameter_pointer, "schema");
        let facts = schemas.check_use(schema, &schema_pointer)?;
        if is_path && !facts.is_displayable() {
            return Err(Error::new(
                schema_pointer,
                format!(
                    "path parameter `{}` must be a string, an id, a number, a boolean or a string enum",
                    data.name
                ),
            ));
        }
        let displayable = match &facts.kind {
            Kind::Array { item } => !item.nullable && item.is_displayable(),
            _ => facts.is_displayable(),
        };
        if !is_path && !displayable {
            return Err(Error::new(
                schema_pointer,
                format!(
                    "query parameter `{}` must be a string, number, boolean, enum, id, or an array of those",
                    data.name
                ),
            ));
        }
        match data.extensions.get("x-sdk-url-encoded-flag") {
            None => {}
            Some(serde_json::Value::String(target))
                if template.contains(&target.as_str()) && matches!(facts.kind, Kind::Boolean) => {}
            Some(serde_json::Value::String(_)) => {
                return Err(Error::new(
                    join(&parameter_pointer, "x-sdk-url-encoded-flag"),
                    "`x-sdk-url-encoded-flag` must be on a boolean query parameter and name a path parameter of this operation",
                ));
            }
            Some(_) => {
                return Err(Error::new(
                    join(&parameter_pointer, "x-sdk-url-encoded-flag"),
                    "`x-sdk-url-encoded-flag` must name a path parameter",
                ));
            }
        }
        if is_path {
            if !data.required {
                return Err(Error::new(
                    parameter_pointer,
                    "path parameters must have `required: true`",
                ));
            }
            path_params.push(data.name.as_str());
        }
    }
    for name in &template {
        if !path_params.contains(name) {
            return Err(Error::new(
                pointer,
                format!(
                    "path parameter `{name}` in `{path}` is not declared; add it to `parameters` with `in: path`"
                ),
            ));
        }
    }
    if let Some(body) = &operation.request_body {
        check_body(schemas, api, body, &join(pointer, "requestBody"))?;
    }
    check_responses(schemas, api, operation, pointer)?;
    let has_summary = operation
        .summary
        .as_deref()
        .is_some_and(|summary| !summary.trim().is_empty());
    if !has_summary {
        return Err(Error::new(
            pointer,
            format!(
                "operation `{}` has no `summary`; add a one-line summary (it becomes the method's doc comment)",
                operation.operation_id.as_deref().unwrap_or_default()
            ),
        ));
    }
    Ok(())
}

/// Resolves a request body or a `$ref` to one in `components/requestBodies`.
pub fn request_body<'a>(
    api: &'a OpenAPI,
    body: &'a ReferenceOr<openapiv3::RequestBody>,
    pointer: &str,
) -> Result<(&'a openapiv3::RequestBody, String)> {
    match body {
        ReferenceOr::Item(body) => Ok((body, pointer.to_owned())),
        ReferenceOr::Reference { reference } => match components::request_body(api, reference) {
            Lookup::Found(component) => Ok((component.item, component.pointer("requestBodies"))),
            Lookup::OutsideSection => Err(unsupported_ref(pointer, reference, "requestBodies")),
            Lookup::Missing | Lookup::OnlyReference => Err(Error::new(
                join(pointer, "$ref"),
                format!(
                    "request body `{}` is not defined in `#/components/requestBodies`",
                    referenced_name(reference, "requestBodies")
                ),
            )),
        },
    }
}

fn check_body<'a>(
    schemas: &mut Schemas<'a>,
    api: &'a OpenAPI,
    body: &'a ReferenceOr<openapiv3::RequestBody>,
    pointer: &str,
) -> Result<()> {
    let (body, pointer) = request_body(api, body, pointer)?;
    let content_pointer = join(&pointer, "content");
    let Some((content_type, media)) = body.content.first().filter(|_| body.content.len() == 1)
    else {
        return Err(Error::new(
            content_pointer,
            "a request body must have exactly one content type: `application/json` or `application/merge-patch+json`",
        ));
    };
    if !matches!(
        content_type.as_str(),
        "application/json" | "application/merge-patch+json"
    ) {
        return Err(Error::new(
            join(&content_pointer, content_type),
            format!(
                "content type `{content_type}` is not supported; use `application/json` or `application/merge-patch+json`"
            ),
        ));
    }
    let media_pointer = join(&content_pointer, content_type);
    let Some(schema) = &media.schema else {
        return Err(Error::new(
            media_pointer,
            "the request body has no `schema`; add one",
        ));
    };
    let schema_pointer = join(&media_pointer, "schema");
    let facts = schemas.check_use(schema, &schema_pointer)?;
    if facts.nullable || facts.sensitive {
        return Err(Error::new(
            schema_pointer,
            "a request body cannot be nullable or sensitive; mark the properties instead",
        ));
    }
    Ok(())
}

/// Resolves a response or a `$ref` to one in `components/responses`.
pub fn response<'a>(
    api: &'a OpenAPI,
    response: &'a ReferenceOr<openapiv3::Response>,
    pointer: &str,
) -> Result<(&'a openapiv3::Response, String)> {
    match response {
        ReferenceOr::Item(response) => Ok((response, pointer.to_owned())),
        ReferenceOr::Reference { reference } => match components::response(api, reference) {
            Lookup::Found(component) => Ok((component.item, component.pointer("responses"))),
            Lookup::OutsideSection => Err(unsupported_ref(pointer, reference, "responses")),
            Lookup::Missing | Lookup::OnlyReference => Err(Error::new(
                join(pointer, "$ref"),
                format!(
                    "response `{}` is not defined in `#/components/responses`",
                    referenced_name(reference, "responses")
                ),
            )),
        },
    }
}

/// Checks every 2xx response: `application/json` with the Cloudflare envelope, or no content.
fn check_responses<'a>(
    schemas: &mut Schemas<'a>,
    api: &'a OpenAPI,
    operation: &'a openapiv3::Operation,
    pointer: &str,
) -> Result<()> {
    let responses_pointer = join(pointer, "responses");
    let mut any_success = false;
    for (status, response) in &operation.responses.responses {
        let StatusCode::Code(code) = status else {
            continue;
        };
        if !(200..300).contains(code) {
            continue;
        }
        any_success = true;
        let (response, response_pointer) =
            self::response(api, response, &join(&responses_pointer, &code.to_string()))?;
        let Some(media) = response.content.get("application/json") else {
            if response.content.is_empty() {
                continue;
            }
            return Err(Error::new(
                join(&response_pointer, "content"),
                "success responses must be `application/json` with the Cloudflare envelope",
            ));
        };
        let media_pointer = join(&join(&response_pointer, "content"), "application/json");
        let Some(schema) = &media.schema else {
            return Err(Error::new(
                media_pointer,
                "the response has no `schema`; add the envelope",
            ));
        };
        check_envelope(schemas, api, schema, &join(&media_pointer, "schema"))?;
    }
    if !any_success {
        return Err(Error::new(
            responses_pointer,
            "the operation lists no 2xx response; add the success response with the Cloudflare envelope",
        ));
    }
    Ok(())
}

/// The envelope's `result` property: the schema and where it is, when the envelope has one.
/// A part with a real `result` wins over one with `x-sdk-null-result`.
pub type ResultProperty<'a> = (&'a ReferenceOr<Box<Schema>>, String);

/// Finds the `result` of an envelope `allOf: [ApiResponseCommon, {properties: {result}}]`.
pub fn envelope_result<'a>(
    api: &'a OpenAPI,
    schema: &'a ReferenceOr<Schema>,
    pointer: &str,
) -> Result<Option<ResultProperty<'a>>> {
    let (schema, schema_pointer) = match schema {
        ReferenceOr::Item(schema) => (schema, pointer.to_owned()),
        ReferenceOr::Reference { reference } => {
            let (name, schema) = component(api, reference, pointer)?;
            (
                schema,
                format!(
                    "#/components/schemas/{}",
                    crate::error::escape_segment(name)
                ),
            )
        }
    };
    let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
        return Ok(None);
    };
    let mut result: Option<ResultProperty<'a>> = None;
    for (index, part) in all_of.iter().enumerate() {
        let part_pointer = join(&join(&schema_pointer, "allOf"), &index.to_string());
        let (part, part_pointer) = match part {
            ReferenceOr::Item(part) => (part, part_pointer),
            ReferenceOr::Reference { reference } => {
                let (name, part) = component(api, reference, &part_pointer)?;
                (
                    part,
                    format!(
                        "#/components/schemas/{}",
                        crate::error::escape_segment(name)
                    ),
                )
            }
        };
        if let SchemaKind::Type(Type::Object(object)) = &part.schema_kind
            && let Some(property) = object.properties.get("result")
            && (result.is_none() || !is_null_result(property))
        {
            result = Some((property, join(&join(&part_pointer, "properties"), "result")));
        }
    }
    Ok(result)
}

fn check_envelope<'a>(
    schemas: &mut Schemas<'a>,
    api: &'a OpenAPI,
    schema: &'a ReferenceOr<Schema>,
    pointer: &str,
) -> Result<()> {
    let Some((result, result_pointer)) = envelope_result(api, schema, pointer)? else {
        let schema_pointer = match schema {
            ReferenceOr::Item(_) => pointer.to_owned(),
            ReferenceOr::Reference { reference } => format!(
                "#/components/schemas/{}",
                crate::error::escape_segment(referenced_name(reference, "schemas"))
            ),
        };
        return Err(Error::new(
            schema_pointer,
            "success responses must use the Cloudflare envelope: `allOf: [{$ref: '#/components/schemas/ApiResponseCommon'}, {type: object, properties: {result: ...}}]`",
        ));
    };
    if !is_null_result(result) {
        schemas.check_boxed_use(result, &result_pointer)?;
    }
    Ok(())
}
