//! Stage 3: the validated spec becomes the intermediate model ([`crate::model`]).
//!
//! Validation ([`crate::validate`]) has already rejected everything the generator does not
//! support, so lowering only translates. It runs in passes, each linear in the size of the spec,
//! one file each:
//! 1. `operation.rs`: walk every operation (parameters, body, envelope `result`) and lower the
//!    schemas it reaches with `schema.rs`: each schema becomes a "raw" type (keyed by component
//!    name, or by a synthesized name for inline schemas) and each property a raw field, once;
//! 2. `direction.rs`: mark each raw type with the directions it travels in, and decide which
//!    types split into a response shape and an `Input` request shape;
//! 3. `names.rs`: claim every Rust type name once, in a fixed order;
//! 4. `shapes.rs`: build the model's types, one per shape, resolving raw references to names;
//! 5. `resources.rs`: build the resource tree from the tags' `x-sdk-resource` paths.
//!
//! Lowering resolves references with the same functions validation used to check them
//! (`validate::components`, `validate::operations::{parameters, request_body, response,
//! envelope_result}`, `validate::schemas::merge_all_of`), which cannot fail on a validated spec.
//! Its own only error is `unexpected`: a spec that validation should have rejected and did not
//! (a bug in the generator, reported instead of a panic). `codegen/tests/generator/validate_then_lower.rs`
//! searches for such a spec.

mod direction;
mod names;
mod operation;
mod resources;
mod schema;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::OpenAPI;

use crate::error::{Error, Result};
use crate::model::{
    Body, BodyEncoding, Constraints, IdDef, Info, Model, Operation, Param, ParamLocation,
    RequiredWhen, ResultShape, TypeRef,
};
use crate::naming::{Namespace, type_name};
use crate::validate::components::join;
use crate::validate::path_operations;

/// An index into [`Lowerer::types`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct TypeIndex(usize);

/// An index into [`Lowerer::ids`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct IdIndex(usize);

/// A type reference before names are final: named types and ids by index.
#[derive(Clone, Debug, PartialEq)]
enum RawRef {
    Prim(TypeRef),
    Id(IdIndex),
    Named(TypeIndex),
    Vec(Box<RawRef>),
    Map(Box<RawRef>),
    Nullable(Box<RawRef>),
}

/// A lowered use of a schema: its type plus what the place that uses it needs to know.
#[derive(Clone, Debug)]
struct Lowered<'a> {
    ty: RawRef,
    constraints: Constraints,
    nullable: bool,
    sensitive: bool,
    /// `readOnly` where the use is declared (or on the schema it references).
    read_only: bool,
    /// `writeOnly`, likewise.
    write_only: bool,
    /// The description where the use is declared (or of the schema it references).
    description: Option<&'a str>,
}

/// A property, lowered once: everything the model's [`crate::model::Field`] needs except the
/// final names, which depend on the shape (request or response) it ends up in.
#[derive(Clone, Debug)]
struct RawField {
    api_name: String,
    ty: RawRef,
    required: bool,
    nullable: bool,
    read_only: bool,
    write_only: bool,
    /// Listed in the schema's `x-sdk-optional-in-response`: required when sent, optional when
    /// received.
    optional_in_response: bool,
    docs: Vec<String>,
    constraints: Constraints,
    sensitive: bool,
}

#[derive(Clone, Debug)]
enum RawKind {
    /// The type's own body is being lowered (a recursive schema refers to it meanwhile).
    /// Replaced before [`Lowerer::named`] returns.
    Pending,
    Struct {
        fields: Vec<RawField>,
        required_when: Vec<RequiredWhen>,
        extra_validate: bool,
    },
    Enum {
        values: Vec<String>,
        extensible: bool,
    },
    Union {
        tag: String,
        variants: Vec<(String, TypeIndex)>,
        lenient: bool,
    },
}

#[derive(Clone, Debug)]
struct RawType {
    /// The component name, or `{context}@{pointer}` for an inline schema.
    key: String,
    /// The Rust name before collisions are resolved (`SecretBinding`).
    base_name: String,
    pointer: String,
    docs: Vec<String>,
    kind: RawKind,
    /// Whether this type came from `components/schemas` (named first).
    component: bool,
    request: bool,
    response: bool,
    split: bool,
    /// Union tags to leave out of this struct (it is a union variant).
    drop_fields: BTreeSet<String>,
}

impl RawType {
    /// The schema name the model shows (`SecretBinding`; the context name for inline schemas).
    fn api_name(&self) -> &str {
        self.key.split('@').next().unwrap_or_default()
    }
}

/// An identifier schema (`x-sdk-id`), before its Rust name is claimed.
#[derive(Clone, Debug)]
struct RawId {
    api_name: String,
    pointer: String,
    docs: Vec<String>,
    constraints: Constraints,
}

/// An operation parameter with a raw type.
struct RawParam {
    api_name: String,
    rust_name: String,
    location: ParamLocation,
    required: bool,
    ty: RawRef,
    docs: Vec<String>,
    constraints: Constraints,
    default: Option<String>,
    url_encoded_flag_for: Option<String>,
}

/// A request body with a raw type.
struct RawBody {
    ty: RawRef,
    required: bool,
    encoding: BodyEncoding,
    docs: Vec<String>,
}

/// An operation with raw types; becomes a model [`Operation`] once names are claimed.
struct RawOperation {
    operation_id: String,
    method_name: String,
    http_method: String,
    path: String,
    pointer: String,
    summary: String,
    description: Vec<String>,
    tag: String,
    resource: Vec<String>,
    params: Vec<RawParam>,
    body: Option<RawBody>,
    /// The type of `result` (the item type for paginated lists); `None` for `()`.
    result: Option<RawRef>,
    paginated: bool,
    idempotent: bool,
    success_statuses: Vec<u16>,
    permissions: Vec<String>,
}

/// The state of the lowering passes.
struct Lowerer<'a> {
    api: &'a OpenAPI,
    ids: Vec<RawId>,
    id_keys: BTreeMap<String, IdIndex>,
    types: Vec<RawType>,
    type_keys: BTreeMap<String, TypeIndex>,
    /// Component schemas that stand for another schema, being followed now (a guard: cycles
    /// among them are rejected by validation).
    resolving: BTreeSet<String>,
}

/// The error for a spec that validation should have rejected: lowering reports it instead of
/// guessing. Reaching it is a bug in the generator.
fn unexpected(pointer: &str) -> Error {
    Error::new(
        pointer,
        "internal error: the generator's validation let through something lowering cannot translate; please report it with the spec",
    )
}

/// Lowers a validated spec into the model.
pub fn lower(api: &OpenAPI) -> Result<Model> {
    let mut lowerer = Lowerer {
        api,
        ids: Vec::new(),
        id_keys: BTreeMap::new(),
        types: Vec::new(),
        type_keys: BTreeMap::new(),
        resolving: BTreeSet::new(),
    };
    let mut raw_operations = Vec::new();
    for (path, item) in api.paths.paths.iter() {
        let openapiv3::ReferenceOr::Item(item) = item else {
            continue;
        };
        let path_pointer = join("#/paths", path);
        for (method, operation) in path_operations(item) {
            let pointer = join(&path_pointer, method);
            raw_operations.push(lowerer.operation(path, method, item, operation, &pointer)?);
        }
    }
    lowerer.mark_directions(&raw_operations);
    lowerer.decide_splits();
    let names = lowerer.claim_names();
    let types = lowerer.build_types(&names)?;
    let mut builder_names = Namespace::new();
    let operations: Vec<Operation> = raw_operations
        .into_iter()
        .map(|raw| Operation {
            rust_name: builder_names.claim(type_name(&raw.operation_id)),
            operation_id: raw.operation_id,
            method_name: raw.method_name,
            http_method: raw.http_method,
            path: raw.path,
            pointer: raw.pointer,
            summary: raw.summary,
            description: raw.description,
            tag: raw.tag,
            resource: raw.resource,
            params: raw
                .params
                .into_iter()
                .map(|param| Param {
                    ty: names.resolve(&param.ty, names::Side::Request),
                    api_name: param.api_name,
                    rust_name: param.rust_name,
                    location: param.location,
                    required: param.required,
                    docs: param.docs,
                    constraints: param.constraints,
                    default: param.default,
                    url_encoded_flag_for: param.url_encoded_flag_for,
                })
                .collect(),
            body: raw.body.map(|body| Body {
                ty: names.resolve(&body.ty, names::Side::Request),
                required: body.required,
                encoding: body.encoding,
                docs: body.docs,
            }),
            result: match &raw.result {
                None => ResultShape::Unit,
                Some(ty) => ResultShape::Value(names.resolve(ty, names::Side::Response)),
            },
            paginated: raw.paginated,
            idempotent: raw.idempotent,
            success_statuses: raw.success_statuses,
            permissions: raw.permissions,
        })
        .collect();
    let resources = resources::build(api, &operations);
    let ids = lowerer
        .ids
        .into_iter()
        .zip(names.ids())
        .map(|(id, rust_name)| {
            let def = IdDef {
                rust_name: rust_name.clone(),
                api_name: id.api_name,
                pointer: id.pointer,
                docs: id.docs,
                constraints: id.constraints,
            };
            (rust_name.clone(), def)
        })
        .collect();
    Ok(Model {
        info: Info {
            title: api.info.title.clone(),
            version: api.info.version.clone(),
        },
        ids,
        types,
        operations,
        resources,
    })
}

/// Splits a description into documentation lines.
pub fn doc_lines(text: Option<&str>) -> Vec<String> {
    let mut lines: Vec<String> = text
        .unwrap_or_default()
        .lines()
        .map(|line| line.trim_end().to_owned())
        .collect();
    while lines.last().is_some_and(|line| line.is_empty()) {
        lines.pop();
    }
    while lines.first().is_some_and(|line| line.is_empty()) {
        lines.remove(0);
    }
    lines
}
