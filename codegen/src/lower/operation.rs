//! Operations: parameters (path ones in path order, then query ones), the request body, and
//! the envelope's `result`, lowered into a [`RawOperation`]. The schemas they use are lowered by
//! [`super::schema`].

use openapiv3::{Parameter, ParameterSchemaOrContent, ReferenceOr, StatusCode};

use super::{Lowerer, RawBody, RawOperation, RawParam, RawRef, doc_lines, unexpected};
use crate::error::Result;
use crate::model::{BodyEncoding, ParamLocation};
use crate::naming::{Namespace, field_name, type_name};
use crate::validate::components::join;
use crate::validate::operations::{envelope_result, parameters, request_body, response};
use crate::validate::resources::resource_path;
use crate::validate::schemas::is_null_result;
use crate::validate::template_params;

impl<'a> Lowerer<'a> {
    /// Lowers one operation.
    pub(super) fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &'a openapiv3::PathItem,
        operation: &'a openapiv3::Operation,
        pointer: &str,
    ) -> Result<RawOperation> {
        let operation_id = operation
            .operation_id
            .clone()
            .ok_or_else(|| unexpected(pointer))?;
        let context = type_name(&operation_id);
        let template = template_params(path);
        let mut path_params: Vec<RawParam> = Vec::new();
        let mut query_params: Vec<RawParam> = Vec::new();
        let mut rust_names = Namespace::with_reserved(&["body", "client", "options"]);
        for (parameter, parameter_pointer) in parameters(self.api, path, item, operation, pointer)?
        {
            let (location, data) = match parameter {
                Parameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    return Err(unexpected(&parameter_pointer));
                }
            };
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                return Err(unexpected(&parameter_pointer));
            };
            let lowered = self.schema_use(
                schema,
                &join(&parameter_pointer, "schema"),
                &format!("{context}{}", type_name(&data.name)),
            )?;
            let default = match schema {
                ReferenceOr::Item(schema) => schema
                    .schema_data
                    .default
                    .as_ref()
                    .map(|value| value.to_string()),
                ReferenceOr::Reference { .. } => None,
            };
            let param = RawParam {
                api_name: data.name.clone(),
                rust_name: rust_names.claim(field_name(&data.name)),
                location,
                required: data.required || location == ParamLocation::Path,
                ty: lowered.ty,
                docs: doc_lines(data.description.as_deref()),
                constraints: lowered.constraints,
                default,
                url_encoded_flag_for: data
                    .extensions
                    .get("x-sdk-url-encoded-flag")
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned),
            };
            match location {
                ParamLocation::Path => path_params.push(param),
                ParamLocation::Query => query_params.push(param),
            }
        }
        path_params.sort_by_key(|param| template.iter().position(|name| *name == param.api_name));
        let mut params = path_params;
        params.append(&mut query_params);

        let body = match &operation.request_body {
            None => None,
            Some(body) => Some(self.body(body, &join(pointer, "requestBody"), &context)?),
        };
        let (mut result, success_statuses) = self.result(operation, pointer, &context)?;
        let has_query = |name: &str| {
            params
                .iter()
                .any(|param| param.location == ParamLocation::Query && param.api_name == name)
        };
        let mut paginated = false;
        if has_query("page")
            && has_query("per_page")
            && let Some(RawRef::Vec(item)) = result
        {
            paginated = true;
            result = Some(*item);
        }
        let extensions = &operation.extensions;
        let tag = operation
            .tags
            .first()
            .cloned()
            .ok_or_else(|| unexpected(pointer))?;
        Ok(RawOperation {
            method_name: extensions
                .get("x-sdk-method")
                .and_then(serde_json::Value::as_str)
                .map(field_name)
                .ok_or_else(|| unexpected(pointer))?,
            http_method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            pointer: pointer.to_owned(),
            summary: operation
                .summary
                .as_deref()
                .map(str::trim)
                .filter(|summary| !summary.is_empty())
                .ok_or_else(|| unexpected(pointer))?
                .to_owned(),
            description: doc_lines(operation.description.as_deref()),
            resource: resource_path(self.api, &tag)
                .into_iter()
                .map(str::to_owned)
                .collect(),
            tag,
            params,
            body,
            result,
            paginated,
            idempotent: extensions
                .get("x-sdk-idempotent")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(method != "post"),
            success_statuses,
            permissions: extensions
                .get("x-sdk-permissions")
                .and_then(serde_json::Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter_map(serde_json::Value::as_str)
                        .map(|name| name.trim().to_owned())
                        .collect()
                })
                .unwrap_or_default(),
            operation_id,
        })
    }

    /// Lowers the request body: its one content type and its schema.
    fn body(
        &mut self,
        body: &'a ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        context: &str,
    ) -> Result<RawBody> {
        let (body, pointer) = request_body(self.api, body, pointer)?;
        let (content_type, media) = body.content.first().ok_or_else(|| unexpected(&pointer))?;
        let encoding = match content_type.as_str() {
            "application/merge-patch+json" => BodyEncoding::MergePatch,
            _ => BodyEncoding::Json,
        };
        let media_pointer = join(&join(&pointer, "content"), content_type);
        let schema = media
            .schema
            .as_ref()
            .ok_or_else(|| unexpected(&media_pointer))?;
        let lowered = self.schema_use(
            schema,
            &join(&media_pointer, "schema"),
            &format!("{context}Body"),
        )?;
        Ok(RawBody {
            ty: lowered.ty,
            required: body.required,
            encoding,
            docs: doc_lines(body.description.as_deref()),
        })
    }

    /// The type of the envelope's `result` on success (`None` for `()`), and the 2xx statuses.
    /// The first success response decides, except that a later one with a result replaces an
    /// earlier one without.
    fn result(
        &mut self,
        operation: &'a openapiv3::Operation,
        pointer: &str,
        context: &str,
    ) -> Result<(Option<RawRef>, Vec<u16>)> {
        let responses_pointer = join(pointer, "responses");
        let mut statuses = Vec::new();
        let mut result: Option<Option<RawRef>> = None;
        for (status, response) in &operation.responses.responses {
            let StatusCode::Code(code) = status else {
                continue;
            };
            if !(200..300).contains(code) {
                continue;
            }
            statuses.push(*code);
            let (response, response_pointer) = self::response(
                self.api,
                response,
                &join(&responses_pointer, &code.to_string()),
            )?;
            let found = match response.content.get("application/json") {
                None => None,
                Some(media) => {
                    let media_pointer =
                        join(&join(&response_pointer, "content"), "application/json");
                    let schema = media
                        .schema
                        .as_ref()
                        .ok_or_else(|| unexpected(&media_pointer))?;
                    self.envelope(schema, &join(&media_pointer, "schema"), context)?
                }
            };
            match (&result, found) {
                (None, found) | (Some(None), found @ Some(_)) => result = Some(found),
                _ => {}
            }
        }
        Ok((result.flatten(), statuses))
    }

    /// Lowers the `result` of an envelope `allOf: [ApiResponseCommon, {properties: {result}}]`.
    fn envelope(
        &mut self,
        schema: &'a ReferenceOr<openapiv3::Schema>,
        pointer: &str,
        context: &str,
    ) -> Result<Option<RawRef>> {
        let (result, result_pointer) =
            envelope_result(self.api, schema, pointer)?.ok_or_else(|| unexpected(pointer))?;
        if is_null_result(result) {
            return Ok(None);
        }
        let lowered = self.schema_use(result, &result_pointer, &format!("{context}Result"))?;
        Ok(Some(if lowered.nullable {
            RawRef::Nullable(Box::new(lowered.ty))
        } else {
            lowered.ty
        }))
    }
}
