//! The intermediate model: what the generator knows about the API once the spec is parsed,
//! validated, and every name and `$ref` is resolved.
//!
//! Emitters read only this model. `codegen::diff` (the API change report) compares two models,
//! so everything here is plain data with public fields, `Clone`, `Debug` and `PartialEq`, and
//! every map is a `BTreeMap` so that iteration order never depends on hashing.

use std::collections::BTreeMap;

/// Everything the emitters need, derived from one spec.
#[derive(Clone, Debug, PartialEq)]
pub struct Model {
    /// The spec's `info` block.
    pub info: Info,
    /// Identifier newtypes, keyed by Rust name (`AccountId`).
    pub ids: BTreeMap<String, IdDef>,
    /// Generated types, keyed by Rust name (`SecretBinding`, `SecretBindingInput`).
    pub types: BTreeMap<String, TypeDef>,
    /// Operations in spec order (paths in file order, methods in a fixed order).
    pub operations: Vec<Operation>,
    /// The resource tree built from the tags' `x-sdk-resource` paths.
    pub resources: ResourceTree,
}

/// The spec's `info` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Info {
    /// `info.title`.
    pub title: String,
    /// `info.version`.
    pub version: String,
}

/// An identifier newtype such as `AccountId` (a `type: string` schema with `x-sdk-id: true`).
#[derive(Clone, Debug, PartialEq)]
pub struct IdDef {
    /// The Rust type name (`AccountId`).
    pub rust_name: String,
    /// The schema name in `components/schemas` (`account_id` or `AccountId`).
    pub api_name: String,
    /// Where the schema is in the spec (`#/components/schemas/AccountId`).
    pub pointer: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Constraints checked before sending.
    pub constraints: Constraints,
}

/// One generated type (a struct, an enum, or a tagged union).
#[derive(Clone, Debug, PartialEq)]
pub struct TypeDef {
    /// The Rust type name.
    pub rust_name: String,
    /// The schema name in the spec (for inline schemas: the synthesized name).
    pub api_name: String,
    /// Where the schema is in the spec.
    pub pointer: String,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// What kind of type this is.
    pub kind: TypeKind,
}

impl TypeDef {
    /// Whether the generated type is `#[non_exhaustive]`: code outside the SDK cannot build it
    /// with a struct literal or match it without a wildcard, so a new field, enum value or union
    /// variant is an addition rather than a breaking change. Every kind is, in both directions:
    /// callers build request types with `new`, the keyed constructors and the setters. The
    /// emitters and the change report (`codegen::diff`) both read this.
    pub fn is_non_exhaustive(&self) -> bool {
        match &self.kind {
            TypeKind::Struct { .. } | TypeKind::Enum { .. } | TypeKind::Union { .. } => true,
        }
    }
}

/// The shape of a generated type.
#[derive(Clone, Debug, PartialEq)]
pub enum TypeKind {
    /// An object with named properties.
    Struct {
        /// Fields in spec order.
        fields: Vec<Field>,
        /// Which way the type travels.
        direction: Direction,
        /// Fields required only for some values of another field (`x-sdk-required-when`).
        required_when: Vec<RequiredWhen>,
        /// Whether `Validate` also runs the type's hand-written `runtime::ExtraValidate`
        /// (`x-sdk-extra-validate`); only on a shape that is sent.
        extra_validate: bool,
    },
    /// A string enum.
    Enum {
        /// Values in spec order.
        values: Vec<EnumValue>,
        /// What happens with values the spec does not list.
        openness: Openness,
    },
    /// A `oneOf` with a discriminator: an internally tagged enum.
    Union {
        /// The discriminator property (`type`).
        tag: String,
        /// Variants in spec order.
        variants: Vec<UnionVariant>,
        /// Which way the type travels.
        direction: Direction,
        /// Whether a response member whose tag is known but whose fields do not fit the variant
        /// decodes as `Unknown` (kept as received) instead of failing (`x-sdk-lenient-union`).
        lenient: bool,
    },
}

/// Which way a type travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Direction {
    /// Only in request bodies or parameters.
    Request,
    /// Only in responses.
    Response,
    /// In both, with the same shape.
    Both,
}

impl Direction {
    /// Whether values of this type are built by callers (they get `new` and setters).
    pub fn is_request(self) -> bool {
        matches!(self, Direction::Request | Direction::Both)
    }

    /// Whether values of this type come from the server.
    pub fn is_response(self) -> bool {
        matches!(self, Direction::Response | Direction::Both)
    }
}

/// What an enum does with values the spec does not list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Openness {
    /// Request-only: unknown values are an error.
    Closed,
    /// Seen in a response: unknown server values are kept in `Unknown(UnknownValue)`.
    OpenUnknown,
    /// `x-sdk-extensible-enum`: callers may send any value with `Other(String)`.
    Extensible,
}

/// One value of a string enum.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EnumValue {
    /// The value on the wire (`deriveKey`).
    pub api_name: String,
    /// The Rust variant name (`DeriveKey`).
    pub rust_name: String,
}

/// One variant of a tagged union.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnionVariant {
    /// The discriminator value (`secret_text`).
    pub tag_value: String,
    /// The Rust variant name (`SecretText`).
    pub rust_name: String,
    /// The Rust name of the variant's struct (`SecretTextInput`).
    pub type_name: String,
    /// The snake_case name of the convenience constructor (`text`).
    pub constructor: String,
}

/// A rule from `x-sdk-required-when`: `field` is required when `property` has one of `values`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredWhen {
    /// The API name of the conditionally required field (`key_base64`).
    pub field: String,
    /// The API name of the enum property that decides (`format`).
    pub property: String,
    /// The values of `property` that require `field` (`raw`, `pkcs8`, `spki`).
    pub values: Vec<String>,
}

/// A property of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The name on the wire.
    pub api_name: String,
    /// The Rust field name.
    pub rust_name: String,
    /// The field's type (without the `Option` added for optional or nullable fields).
    pub ty: TypeRef,
    /// Listed in `required`.
    pub required: bool,
    /// `nullable: true`.
    pub nullable: bool,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Constraints checked by `Validate`.
    pub constraints: Constraints,
    /// `x-sensitive: true`.
    pub sensitive: bool,
}

/// A reference to a type, as used by fields, parameters and results.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TypeRef {
    /// `String`.
    String,
    /// `crate::runtime::SecretString`.
    Secret,
    /// `crate::runtime::SecretJson`.
    SecretJson,
    /// `bool`.
    Bool,
    /// `i64`.
    Integer,
    /// `f64`.
    Number,
    /// `::jiff::Timestamp`.
    Timestamp,
    /// `serde_json::Value`.
    Json,
    /// An identifier newtype, by Rust name.
    Id(String),
    /// A generated type, by Rust name.
    Named(String),
    /// `Vec<T>`.
    Vec(Box<TypeRef>),
    /// `BTreeMap<String, T>`.
    Map(Box<TypeRef>),
    /// `Option<T>` that is always serialized (`null`), used for nullable map values.
    Nullable(Box<TypeRef>),
}

/// Constraints from the spec, checked before a request is sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Constraints {
    /// `minLength` (characters).
    pub min_length: Option<u64>,
    /// `maxLength` (characters).
    pub max_length: Option<u64>,
    /// `x-sdk-max-bytes` (UTF-8 bytes).
    pub max_bytes: Option<u64>,
    /// `pattern` (a regex-lite pattern).
    pub pattern: Option<String>,
    /// `minimum`.
    pub minimum: Option<f64>,
    /// `maximum`.
    pub maximum: Option<f64>,
    /// `minItems`.
    pub min_items: Option<u64>,
    /// `maxItems`.
    pub max_items: Option<u64>,
}

impl Constraints {
    /// Whether there is nothing to check.
    pub fn is_empty(&self) -> bool {
        *self == Constraints::default()
    }
}

/// One API operation.
#[derive(Clone, Debug, PartialEq)]
pub struct Operation {
    /// The spec's `operationId`.
    pub operation_id: String,
    /// The builder struct name (PascalCase of the operationId).
    pub rust_name: String,
    /// The method name on the resource (`x-sdk-method`).
    pub method_name: String,
    /// The HTTP method in upper case (`GET`).
    pub http_method: String,
    /// The path template (`/accounts/{account_id}/...`).
    pub path: String,
    /// Where the operation is in the spec.
    pub pointer: String,
    /// `summary`.
    pub summary: String,
    /// `description` lines.
    pub description: Vec<String>,
    /// The operation's single tag.
    pub tag: String,
    /// The resource path (`["workers", "scripts", "secrets"]`).
    pub resource: Vec<String>,
    /// Path parameters in path order, then query parameters in spec order.
    pub params: Vec<Param>,
    /// The request body, if any.
    pub body: Option<Body>,
    /// What `result` holds on success.
    pub result: ResultShape,
    /// Whether the operation is a paginated list (`page` + `per_page` and an array result).
    pub paginated: bool,
    /// Whether the operation may be retried after the server may have acted.
    pub idempotent: bool,
    /// The 2xx statuses listed in the spec.
    pub success_statuses: Vec<u16>,
    /// Token permissions, any one of which allows the call (`x-sdk-permissions`); empty when the spec names none.
    pub permissions: Vec<String>,
}

/// Where a parameter goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ParamLocation {
    /// A path segment.
    Path,
    /// A query parameter.
    Query,
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The name on the wire.
    pub api_name: String,
    /// The Rust name (argument or builder method).
    pub rust_name: String,
    /// Path or query.
    pub location: ParamLocation,
    /// Whether the caller must give it (path parameters always are).
    pub required: bool,
    /// The parameter's type.
    pub ty: TypeRef,
    /// Documentation lines.
    pub docs: Vec<String>,
    /// Constraints checked before sending.
    pub constraints: Constraints,
    /// The spec's `default`, as JSON text, for documentation.
    pub default: Option<String>,
    /// `x-sdk-url-encoded-flag`: the path parameter whose encoding decides this flag.
    pub url_encoded_flag_for: Option<String>,
}

/// How a request body is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BodyEncoding {
    /// `application/json`.
    Json,
    /// `application/merge-patch+json`.
    MergePatch,
}

/// A request body.
#[derive(Clone, Debug, PartialEq)]
pub struct Body {
    /// The body's type.
    pub ty: TypeRef,
    /// Whether the body must be given.
    pub required: bool,
    /// The content type.
    pub encoding: BodyEncoding,
    /// Documentation lines.
    pub docs: Vec<String>,
}

/// What the envelope's `result` holds on success.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResultShape {
    /// `result: null` (`()`).
    Unit,
    /// A value of this type. For paginated operations this is the item type.
    Value(TypeRef),
}

/// The resource tree: `client.workers().scripts().secrets()`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResourceTree {
    /// Top-level resources, keyed by API name (`workers`).
    pub roots: BTreeMap<String, Resource>,
}

/// One resource (a node of the tree).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    /// The segment (`scripts`).
    pub api_name: String,
    /// The accessor method name (`scripts`).
    pub method_name: String,
    /// The struct name (`WorkersScripts`).
    pub rust_name: String,
    /// Documentation lines (the tag description, for leaves).
    pub docs: Vec<String>,
    /// Child resources, keyed by API name.
    pub children: BTreeMap<String, Resource>,
    /// Indexes into `Model::operations` of the operations on this resource, in spec order.
    pub operations: Vec<usize>,
}

impl Model {
    /// The chain of method calls that reaches an operation from a client:
    /// `secrets_store().stores().secrets().get`. It is the one source of the "Built by
    /// `client.…`" docs and of the Rust items in the API change report, so the two always agree.
    pub fn call_chain(&self, operation: &Operation) -> String {
        let mut out = String::new();
        let mut level = Some(&self.resources.roots);
        for segment in &operation.resource {
            let resource = level.and_then(|children| children.get(segment));
            match resource {
                Some(resource) => out.push_str(&resource.method_name),
                None => out.push_str(&crate::naming::field_name(segment)),
            }
            out.push_str("().");
            level = resource.map(|resource| &resource.children);
        }
        out.push_str(&operation.method_name);
        out
    }
}
