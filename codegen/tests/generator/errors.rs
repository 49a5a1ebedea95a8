//! The generator rejects malformed or unsupported specs with a `codegen::Error` that points
//! into the spec (a JSON pointer) and says what to do, and never panics. That the xtask writes
//! nothing when generation fails is tested with the xtask (`xtask/tests/xtask/codegen_command.rs`).

use std::fs;

use cloudflare_secrets_codegen::{Error, Location, generate, generate_named};

/// A small valid spec; `{OPERATION}` and `{SCHEMAS}` are replaced by each case.
const TEMPLATE: &str = r#"openapi: 3.0.3
info:
  title: Errors
  version: "1"
tags:
  - name: Things
    x-sdk-resource: things
paths:
  /things/{thing_id}:
    get:
{OPERATION}
components:
  schemas:
    ApiResponseCommon:
      type: object
      properties:
        success:
          type: boolean
    ThingId:
      type: string
      x-sdk-id: true
{SCHEMAS}
"#;

const GOOD_OPERATION: &str = r#"      operationId: get-thing
      tags: [Things]
      summary: Get a thing
      x-sdk-method: get
      parameters:
        - name: thing_id
          in: path
          required: true
          schema:
            $ref: '#/components/schemas/ThingId'
      responses:
        '200':
          description: The thing.
          content:
            application/json:
              schema:
                allOf:
                  - $ref: '#/components/schemas/ApiResponseCommon'
                  - type: object
                    properties:
                      result:
                        $ref: '#/components/schemas/Thing'"#;

const GOOD_SCHEMAS: &str = r#"    Thing:
      type: object
      properties:
        name:
          type: string"#;

fn spec(operation: &str, schemas: &str) -> String {
    TEMPLATE
        .replace("{OPERATION}", operation)
        .replace("{SCHEMAS}", schemas)
}

fn error_for(text: &str) -> Error {
    match generate(text) {
        Ok(_) => panic!("expected an error for:\n{text}"),
        Err(error) => error,
    }
}

fn assert_error(text: &str, pointer: &str, message_part: &str) {
    let error = error_for(text);
    assert_eq!(
        error.pointer, pointer,
        "wrong pointer; message: {}",
        error.message
    );
    assert!(
        error.message.contains(message_part),
        "message {:?} does not contain {message_part:?}",
        error.message
    );
}

#[test]
fn the_template_itself_is_valid() {
    let files = generate(&spec(GOOD_OPERATION, GOOD_SCHEMAS)).expect("valid spec");
    assert_eq!(files.len(), 5);
}

#[test]
fn not_yaml() {
    assert_error("openapi: [3.0.3\ninfo: {", "#", "not valid YAML");
}

#[test]
fn not_a_mapping() {
    assert_error("", "#", "YAML mapping");
    assert_error("- just\n- a list\n", "#", "YAML mapping");
}

#[test]
fn wrong_openapi_version() {
    let text = spec(GOOD_OPERATION, GOOD_SCHEMAS).replace("openapi: 3.0.3", "openapi: 3.1.0");
    assert_error(&text, "#/openapi", "OpenAPI 3.0.3");
    let swagger = spec(GOOD_OPERATION, GOOD_SCHEMAS).replace("openapi: 3.0.3", "swagger: '2.0'");
    assert_error(&swagger, "#/openapi", "no `openapi` field");
}

#[test]
fn not_an_openapi_document() {
    let text = spec(GOOD_OPERATION, GOOD_SCHEMAS)
        .replace("info:\n  title: Errors\n  version: \"1\"\n", "");
    assert_error(&text, "#", "shape of an OpenAPI 3.0 document");
}

#[test]
fn dangling_ref() {
    let text = spec(
        &GOOD_OPERATION.replace("schemas/Thing'", "schemas/Missing'"),
        GOOD_SCHEMAS,
    );
    assert_error(
        &text,
        "#/paths/~1things~1{thing_id}/get/responses/200/content/application~1json/schema/allOf/1/properties/result/$ref",
        "does not resolve",
    );
}

#[test]
fn external_ref() {
    let text = spec(
        &GOOD_OPERATION.replace("'#/components/schemas/Thing'", "'other.yaml#/Thing'"),
        GOOD_SCHEMAS,
    );
    assert_error(
        &text,
        "#/paths/~1things~1{thing_id}/get/responses/200/content/application~1json/schema/allOf/1/properties/result/$ref",
        "not a local reference",
    );
}

#[test]
fn missing_operation_id() {
    let text = spec(
        &GOOD_OPERATION.replace("      operationId: get-thing\n", ""),
        GOOD_SCHEMAS,
    );
    assert_error(
        &text,
        "#/paths/~1things~1{thing_id}/get",
        "no `operationId`",
    );
}

#[test]
fn duplicate_operation_id() {
    let second = format!(
        "    delete:\n{}",
        GOOD_OPERATION.replace("x-sdk-method: get", "x-sdk-method: delete")
    );
    let text = spec(&format!("{GOOD_OPERATION}\n{second}"), GOOD_SCHEMAS);
    let error = error_for(&text);
    assert_eq!(
        error.pointer,
        "#/paths/~1things~1{thing_id}/delete/operationId"
    );
    assert!(
        error
            .message
            .contains("also used at #/paths/~1things~1{thing_id}/get"),
        "{}",
        error.message
    );
}

#[test]
fn missing_sdk_method() {
    let text = spec(
        &GOOD_OPERATION.replace("      x-sdk-method: get\n", ""),
        GOOD_SCHEMAS,
    );
    assert_error(&text, "#/paths/~1things~1{thing_id}/get", "x-sdk-method");
}

#[test]
fn malformed_permissions() {
    for bad in ["[]", "\"Things Read\"", "[\"\"]", "[1]"] {
        let text = spec(
            &GOOD_OPERATION.replace(
                "      x-sdk-method: get\n",
                &format!("      x-sdk-method: get\n      x-sdk-permissions: {bad}\n"),
            ),
            GOOD_SCHEMAS,
        );
        assert_error(
            &text,
            "#/paths/~1things~1{thing_id}/get/x-sdk-permissions",
            "non-empty list of token permission names",
        );
    }
}

#[test]
fn clashing_sdk_methods() {
    let second = format!(
        "    delete:\n{}",
        GOOD_OPERATION.replace("get-thing", "delete-thing")
    );
    let text = spec(&format!("{GOOD_OPERATION}\n{second}"), GOOD_SCHEMAS);
    assert_error(
        &text,
        "#/paths/~1things~1{thing_id}/delete/x-sdk-method",
        "already used",
    );
}

#[test]
fn tag_without_resource() {
    let text = spec(GOOD_OPERATION, GOOD_SCHEMAS).replace("    x-sdk-resource: things\n", "");
    assert_error(&text, "#/tags/0", "x-sdk-resource");
}

#[test]
fn undeclared_tag() {
    let text = spec(
        &GOOD_OPERATION.replace("tags: [Things]", "tags: [Other]"),
        GOOD_SCHEMAS,
    );
    assert_error(
        &text,
        "#/paths/~1things~1{thing_id}/get/tags",
        "not declared",
    );
}

#[test]
fn undeclared_path_parameter() {
    let operation = GOOD_OPERATION.replace(
        "      parameters:\n        - name: thing_id\n          in: path\n          required: true\n          schema:\n            $ref: '#/components/schemas/ThingId'\n",
        "",
    );
    assert_error(
        &spec(&operation, GOOD_SCHEMAS),
        "#/paths/~1things~1{thing_id}/get",
        "`thing_id`",
    );
}

#[test]
fn unsupported_schema_shape() {
    let schemas = "    Thing:\n      anyOf:\n        - type: string\n        - type: integer";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing",
        "`anyOf` is not supported",
    );
}

#[test]
fn one_of_without_discriminator() {
    let schemas = "    Thing:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n    A:\n      type: object\n      properties:\n        x:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing",
        "without a `discriminator`",
    );
}

#[test]
fn discriminator_without_mapping() {
    let schemas = "    Thing:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n      discriminator:\n        propertyName: type\n    A:\n      type: object\n      properties:\n        type:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/discriminator/mapping",
        "no `mapping`",
    );
}

#[test]
fn discriminator_mapping_to_an_unlisted_variant() {
    let schemas = "    Thing:\n      oneOf:\n        - $ref: '#/components/schemas/A'\n      discriminator:\n        propertyName: type\n        mapping:\n          b: '#/components/schemas/B'\n    A:\n      type: object\n      properties:\n        type:\n          type: string\n    B:\n      type: object\n      properties:\n        type:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/discriminator/mapping/b",
        "not one of the `oneOf` variants",
    );
}

#[test]
fn response_without_envelope() {
    let operation = GOOD_OPERATION.replace(
        "                allOf:\n                  - $ref: '#/components/schemas/ApiResponseCommon'\n                  - type: object\n                    properties:\n                      result:\n                        $ref: '#/components/schemas/Thing'",
        "                $ref: '#/components/schemas/Thing'",
    );
    assert_error(
        &spec(&operation, GOOD_SCHEMAS),
        "#/components/schemas/Thing",
        "Cloudflare envelope",
    );
}

#[test]
fn required_when_names_a_missing_field() {
    let schemas = "    Thing:\n      type: object\n      x-sdk-required-when:\n        - field: nope\n          property: name\n          values: [a]\n      properties:\n        name:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/x-sdk-required-when/0",
        "`nope` is not a property",
    );
}

#[test]
fn optional_in_response_names_a_missing_property() {
    let schemas = "    Thing:\n      type: object\n      required: [name]\n      x-sdk-optional-in-response: [name, nope]\n      properties:\n        name:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/x-sdk-optional-in-response/1",
        "`nope` is not a property of this schema",
    );
}

#[test]
fn optional_in_response_names_an_optional_property() {
    let schemas = "    Thing:\n      type: object\n      x-sdk-optional-in-response: [name]\n      properties:\n        name:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/x-sdk-optional-in-response/0",
        "is not in `required`",
    );
}

#[test]
fn optional_in_response_is_not_a_list() {
    let schemas = "    Thing:\n      type: object\n      required: [name]\n      x-sdk-optional-in-response: name\n      properties:\n        name:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/x-sdk-optional-in-response",
        "must be a list of property names",
    );
}

#[test]
fn path_parameter_of_an_unsupported_type() {
    let operation = GOOD_OPERATION.replace(
        "          schema:\n            $ref: '#/components/schemas/ThingId'\n",
        "          schema:\n            type: array\n            items:\n              type: string\n",
    );
    assert_error(
        &spec(&operation, GOOD_SCHEMAS),
        "#/paths/~1things~1{thing_id}/get/parameters/0/schema",
        "path parameter `thing_id` must be a string",
    );
}

#[test]
fn query_parameter_of_an_unsupported_type() {
    let operation = GOOD_OPERATION.replace(
        "      responses:\n",
        "        - name: filter\n          in: query\n          schema:\n            $ref: '#/components/schemas/Thing'\n      responses:\n",
    );
    assert_error(
        &spec(&operation, GOOD_SCHEMAS),
        "#/paths/~1things~1{thing_id}/get/parameters/1/schema",
        "query parameter `filter` must be a string, number, boolean, enum, id, or an array of those",
    );
}

#[test]
fn unclosed_path_template() {
    let text =
        spec(GOOD_OPERATION, GOOD_SCHEMAS).replace("/things/{thing_id}:", "/things/{thing_id:");
    assert_error(&text, "#/paths/~1things~1{thing_id", "without its `}`");
}

#[test]
fn required_when_decided_by_a_read_only_property() {
    let schemas = "    Thing:\n      type: object\n      required: [kind]\n      x-sdk-required-when:\n        - field: material\n          property: kind\n          values: [a]\n      properties:\n        kind:\n          type: string\n          enum: [a, b]\n          readOnly: true\n        material:\n          type: string";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/x-sdk-required-when/0",
        "`kind` is `readOnly`",
    );
}

#[test]
fn a_schema_that_wraps_itself() {
    // `allOf` with one `$ref` stands for its target; wrapping itself used to recurse forever.
    let schemas = "    Thing:\n      allOf:\n        - $ref: '#/components/schemas/Thing'";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing",
        "refers to itself without an object in between",
    );
}

#[test]
fn array_without_items() {
    let schemas =
        "    Thing:\n      type: object\n      properties:\n        list:\n          type: array";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing/properties/list",
        "needs `items`",
    );
}

#[test]
fn direct_recursion() {
    let schemas = "    Thing:\n      type: object\n      properties:\n        parent:\n          $ref: '#/components/schemas/Thing'\n        children:\n          type: array\n          items:\n            $ref: '#/components/schemas/Thing'";
    assert_error(
        &spec(GOOD_OPERATION, schemas),
        "#/components/schemas/Thing",
        "contains itself",
    );
    let through_array = "    Thing:\n      type: object\n      properties:\n        children:\n          type: array\n          items:\n            $ref: '#/components/schemas/Thing'";
    assert!(
        generate(&spec(GOOD_OPERATION, through_array)).is_ok(),
        "recursion through an array is fine"
    );
}

#[test]
fn errors_display_the_pointer_and_the_message() {
    let error = error_for("openapi: 2.0.0\n");
    let text = error.to_string();
    assert!(
        text.contains("#/openapi") && text.contains("OpenAPI 3.0.3"),
        "{text}"
    );
}

/// Errors read `file:line:column: pointer: message`; the line is the key the pointer names, or
/// for a missing key the object that should hold it.
#[test]
fn errors_show_the_file_line_and_column() {
    let text = spec(
        &GOOD_OPERATION.replace("      operationId: get-thing\n", ""),
        GOOD_SCHEMAS,
    );
    let error = generate_named("spec/other.yaml", &text).expect_err("no operationId");
    let get_line = text
        .lines()
        .position(|line| line == "    get:")
        .expect("get")
        + 1;
    assert_eq!(
        error.location,
        Some(Location {
            line: get_line,
            column: 5
        })
    );
    assert_eq!(
        error.to_string(),
        format!(
            "spec/other.yaml:{get_line}:5: #/paths/~1things~1{{thing_id}}/get: {}",
            error.message
        )
    );

    let dangling = spec(
        &GOOD_OPERATION.replace("schemas/Thing'", "schemas/Missing'"),
        GOOD_SCHEMAS,
    );
    let error = generate_named("s.yaml", &dangling).expect_err("dangling");
    let ref_line = dangling
        .lines()
        .position(|line| line.contains("schemas/Missing"))
        .expect("ref")
        + 1;
    assert_eq!(error.location.map(|at| at.line), Some(ref_line), "{error}");

    let syntax = generate_named("s.yaml", "openapi: 3.0.3\ninfo:\n  title: [unclosed\n")
        .expect_err("syntax");
    assert!(syntax.to_string().starts_with("s.yaml:"), "{syntax}");
    assert!(syntax.message.contains("not valid YAML"), "{syntax}");
    assert!(syntax.location.is_some_and(|at| at.line >= 3), "{syntax}");
}

/// Every prefix of a valid spec (cut at each line) either generates or fails with an error;
/// none panics.
#[test]
fn truncated_specs_never_panic() {
    let text = fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/workers_secrets/spec.yaml"
    ))
    .expect("fixture");
    let lines: Vec<&str> = text.lines().collect();
    let mut errors = 0;
    for end in 0..lines.len() {
        let prefix = lines[..end].join("\n");
        let outcome = std::panic::catch_unwind(|| generate(&prefix));
        match outcome {
            Ok(Ok(_)) => {}
            Ok(Err(error)) => {
                assert!(
                    error.pointer.starts_with('#'),
                    "bad pointer {:?}",
                    error.pointer
                );
                assert!(!error.message.is_empty());
                errors += 1;
            }
            Err(_) => panic!("the generator panicked on the first {end} lines"),
        }
    }
    assert!(errors > 0, "truncation should produce errors");
}
