//! The positioned tree to openapiv3's types, read by hand.
//!
//! openapiv3's own `Deserialize` buffers every `ReferenceOr`, every schema (twice: `Schema`
//! flattens two structs) and every parameter into serde's private `Content` and re-reads it,
//! and its errors lose their path behind those untagged enums. This reader makes the same
//! values in one walk: each reader matches its object's keys once, so a shape error names the
//! exact value at fault. It follows openapiv3 2.2's rules: unknown keys are ignored, `x-` keys
//! become extensions, `null` is "absent" for optional fields only, a mapping with a string
//! `$ref` is a reference, and a schema becomes the typed variant its keywords allow (see
//! [`schema_kind`]). The two rare objects it does not model, security schemes and links, go
//! through openapiv3's `Deserialize` from JSON. A test (`matches_openapiv3_deserialize`) checks
//! the two against each other on seeded mutations of the specs.

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Callback, Components, Contact,
    CookieStyle, Discriminator, Encoding, Example, ExternalDocumentation, Header, HeaderStyle,
    Info, IntegerType, License, MediaType, NumberType, ObjectType, OpenAPI, Operation, Parameter,
    ParameterData, ParameterSchemaOrContent, PathItem, PathStyle, Paths, QueryStyle, ReferenceOr,
    RequestBody, Response, Responses, Schema, SchemaData, SchemaKind, SecurityRequirement, Server,
    ServerVariable, StatusCode, StringType, Tag, Type,
};
use serde_json::Value as Json;

use super::tree::{Entry, NodeId, Number, Tree, Value};
use crate::error::{Error, join};

/// Where a reader is: a node and the way there from the root (for the error's pointer).
#[derive(Clone, Copy)]
struct Place<'a> {
    node: NodeId,
    step: Step<'a>,
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Root,
    Key(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
}

impl<'a> Place<'a> {
    fn key(&'a self, node: NodeId, key: &'a str) -> Place<'a> {
        Place {
            node,
            step: Step::Key(self, key),
        }
    }

    fn index(&'a self, node: NodeId, index: usize) -> Place<'a> {
        Place {
            node,
            step: Step::Index(self, index),
        }
    }

    /// The JSON pointer of this place (built only for errors).
    fn pointer(&self) -> String {
        let mut segments: Vec<String> = Vec::new();
        let mut place = self;
        loop {
            match place.step {
                Step::Root => break,
                Step::Key(parent, key) => {
                    segments.push(key.to_owned());
                    place = parent;
                }
                Step::Index(parent, index) => {
                    segments.push(index.to_string());
                    place = parent;
                }
            }
        }
        segments
            .iter()
            .rev()
            .fold(String::from("#"), |pointer, segment| {
                join(&pointer, segment)
            })
    }
}

type Result<T> = std::result::Result<T, Error>;

/// Reads the whole document at `root`.
pub fn openapi(tree: &Tree<'_>, root: NodeId) -> Result<OpenAPI> {
    let reader = Reader { tree };
    reader.openapi(&Place {
        node: root,
        step: Step::Root,
    })
}

struct Reader<'t, 'text> {
    tree: &'t Tree<'text>,
}

/// The error for a value that does not have the shape its place needs.
fn shape_error(at: &Place<'_>, problem: impl std::fmt::Display) -> Error {
    Error::new(
        at.pointer(),
        format!(
            "the spec does not have the shape of an OpenAPI 3.0 document here ({problem}); compare it with the OpenAPI 3.0.3 specification"
        ),
    )
}

fn missing(at: &Place<'_>, field: &str) -> Error {
    shape_error(at, format_args!("missing field `{field}`"))
}

/// A required field, or the error that it is missing.
fn required<T>(value: Option<T>, at: &Place<'_>, field: &str) -> Result<T> {
    value.ok_or_else(|| missing(at, field))
}

impl<'t, 'text> Reader<'t, 'text> {
    // ----- Scalars and containers -----

    fn value(&self, at: &Place<'_>) -> &'t Value<'text> {
        &self.tree.node(at.node).value
    }

    /// What the value at `at` is, for error messages.
    fn describe(&self, at: &Place<'_>) -> String {
        match self.value(at) {
            Value::Null => "null".to_owned(),
            Value::Bool(flag) => format!("the boolean `{flag}`"),
            Value::Number(Number::PosInt(number)) => format!("the integer `{number}`"),
            Value::Number(Number::NegInt(number)) => format!("the integer `{number}`"),
            Value::Number(Number::Float(number)) => format!("the number `{number}`"),
            Value::String(text) => {
                let shown: String = text.chars().take(40).collect();
                let more = if shown.len() < text.len() { "…" } else { "" };
                format!("the string {:?}", format!("{shown}{more}"))
            }
            Value::Sequence { .. } => "a list".to_owned(),
            Value::Mapping { .. } | Value::Alias(_) => "a mapping".to_owned(),
        }
    }

    fn expected(&self, at: &Place<'_>, what: &str) -> Error {
        shape_error(
            at,
            format_args!("expected {what}, found {}", self.describe(at)),
        )
    }

    fn is_null(&self, at: &Place<'_>) -> bool {
        matches!(self.value(at), Value::Null)
    }

    /// An optional field: `null` is absent, as serde reads `Option`.
    fn optional<T>(
        &self,
        at: &Place<'_>,
        read: impl FnOnce(&Self, &Place<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        if self.is_null(at) {
            Ok(None)
        } else {
            read(self, at).map(Some)
        }
    }

    fn string(&self, at: &Place<'_>) -> Result<String> {
        match self.value(at) {
            Value::String(text) => Ok(text.to_string()),
            _ => Err(self.expected(at, "a string")),
        }
    }

    fn optional_string(&self, at: &Place<'_>) -> Result<Option<String>> {
        self.optional(at, Self::string)
    }

    fn boolean(&self, at: &Place<'_>) -> Result<bool> {
        match self.value(at) {
            Value::Bool(flag) => Ok(*flag),
            _ => Err(self.expected(at, "`true` or `false`")),
        }
    }

    fn optional_boolean(&self, at: &Place<'_>) -> Result<Option<bool>> {
        self.optional(at, Self::boolean)
    }

    fn count(&self, at: &Place<'_>) -> Result<usize> {
        match self.value(at) {
            Value::Number(Number::PosInt(number)) => usize::try_from(*number)
                .map_err(|_| self.expected(at, "a count that fits in this machine's usize")),
            _ => Err(self.expected(at, "a non-negative integer")),
        }
    }

    fn optional_count(&self, at: &Place<'_>) -> Result<Option<usize>> {
        self.optional(at, Self::count)
    }

    fn number(&self, at: &Place<'_>) -> Result<Number> {
        match self.value(at) {
            Value::Number(number) => Ok(*number),
            _ => Err(self.expected(at, "a number")),
        }
    }

    fn json(&self, at: &Place<'_>) -> Json {
        self.tree.to_json(at.node)
    }

    fn optional_json(&self, at: &Place<'_>) -> Option<Json> {
        (!self.is_null(at)).then(|| self.json(at))
    }

    /// The entries of the mapping at `at`.
    fn mapping(&self, at: &Place<'_>) -> Result<&'t [Entry<'text>]> {
        match self.value(at) {
            Value::Mapping { .. } => Ok(self.tree.entries(at.node)),
            _ => Err(self.expected(at, "a mapping")),
        }
    }

    fn list<T>(
        &self,
        at: &Place<'_>,
        mut read: impl FnMut(&Self, &Place<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        match self.value(at) {
            Value::Sequence { .. } => self
                .tree
                .items(at.node)
                .iter()
                .enumerate()
                .map(|(index, item)| read(self, &at.index(*item, index)))
                .collect(),
            _ => Err(self.expected(at, "a list")),
        }
    }

    fn map<T>(
        &self,
        at: &Place<'_>,
        mut read: impl FnMut(&Self, &Place<'_>) -> Result<T>,
    ) -> Result<IndexMap<String, T>> {
        let entries = self.mapping(at)?;
        let mut map = IndexMap::with_capacity(entries.len());
        for entry in entries {
            let value = read(self, &at.key(entry.value, &entry.key))?;
            map.insert(entry.key.to_string(), value);
        }
        Ok(map)
    }

    fn string_list(&self, at: &Place<'_>) -> Result<Vec<String>> {
        self.list(at, Self::string)
    }

    /// The `x-` entries of a mapping, as openapiv3 keeps them.
    fn extensions(&self, entries: &[Entry<'text>]) -> IndexMap<String, Json> {
        entries
            .iter()
            .filter(|entry| entry.key.starts_with("x-"))
            .map(|entry| (entry.key.to_string(), self.tree.to_json(entry.value)))
            .collect()
    }

    /// A reference (a mapping with a string `$ref`; its other keys are ignored) or an item.
    fn reference_or<T>(
        &self,
        at: &Place<'_>,
        read: impl FnOnce(&Self, &Place<'_>) -> Result<T>,
    ) -> Result<ReferenceOr<T>> {
        if let Some(entry) = self.tree.get(at.node, "$ref")
            && let Value::String(reference) = &self.tree.node(entry.value).value
            && matches!(self.value(at), Value::Mapping { .. })
        {
            return Ok(ReferenceOr::Reference {
                reference: reference.to_string(),
            });
        }
        read(self, at).map(ReferenceOr::Item)
    }

    /// An object openapiv3 reads itself (security schemes and links: rare, and not used by
    /// the generator), through its `Deserialize` from JSON.
    fn through_serde<T: serde::de::DeserializeOwned>(&self, at: &Place<'_>) -> Result<T> {
        let json = self.json(at);
        serde_path_to_error::deserialize::<_, T>(&json).map_err(|error| {
            let mut pointer = at.pointer();
            for segment in error.path() {
                match segment {
                    serde_path_to_error::Segment::Seq { index } => {
                        pointer = join(&pointer, &index.to_string());
                    }
                    serde_path_to_error::Segment::Map { key } => pointer = join(&pointer, key),
                    serde_path_to_error::Segment::Enum { .. }
                    | serde_path_to_error::Segment::Unknown => {}
                }
            }
            let inner = error.into_inner();
            Error::new(
                pointer,
                format!(
                    "the spec does not have the shape of an OpenAPI 3.0 document here ({inner}); compare it with the OpenAPI 3.0.3 specification"
                ),
            )
        })
    }

    // ----- The document -----

    fn openapi(&self, at: &Place<'_>) -> Result<OpenAPI> {
        let entries = self.mapping(at)?;
        let mut openapi = None;
        let mut info = None;
        let mut servers = Vec::new();
        let mut paths = None;
        let mut components = None;
        let mut security = None;
        let mut tags = Vec::new();
        let mut external_docs = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "openapi" => openapi = Some(self.string(at)?),
                "info" => info = Some(self.info(at)?),
                "servers" => servers = self.list(at, Self::server)?,
                "paths" => paths = Some(self.paths(at)?),
                "components" => components = self.optional(at, Self::components)?,
                "security" => security = self.optional(at, Self::security)?,
                "tags" => tags = self.list(at, Self::tag)?,
                "externalDocs" => external_docs = self.optional(at, Self::external_docs)?,
                _ => {}
            }
        }
        Ok(OpenAPI {
            openapi: required(openapi, at, "openapi")?,
            info: required(info, at, "info")?,
            servers,
            paths: required(paths, at, "paths")?,
            components,
            security,
            tags,
            external_docs,
            extensions: self.extensions(entries),
        })
    }

    fn info(&self, at: &Place<'_>) -> Result<Info> {
        let entries = self.mapping(at)?;
        let mut info = Info::default();
        let (mut title, mut version) = (None, None);
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "title" => title = Some(self.string(at)?),
                "description" => info.description = self.optional_string(at)?,
                "termsOfService" => info.terms_of_service = self.optional_string(at)?,
                "contact" => info.contact = self.optional(at, Self::contact)?,
                "license" => info.license = self.optional(at, Self::license)?,
                "version" => version = Some(self.string(at)?),
                _ => {}
            }
        }
        info.title = required(title, at, "title")?;
        info.version = required(version, at, "version")?;
        info.extensions = self.extensions(entries);
        Ok(info)
    }

    fn contact(&self, at: &Place<'_>) -> Result<Contact> {
        let entries = self.mapping(at)?;
        let mut contact = Contact::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "name" => contact.name = self.optional_string(at)?,
                "url" => contact.url = self.optional_string(at)?,
                "email" => contact.email = self.optional_string(at)?,
                _ => {}
            }
        }
        contact.extensions = self.extensions(entries);
        Ok(contact)
    }

    fn license(&self, at: &Place<'_>) -> Result<License> {
        let entries = self.mapping(at)?;
        let mut name = None;
        let mut url = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "name" => name = Some(self.string(at)?),
                "url" => url = self.optional_string(at)?,
                _ => {}
            }
        }
        Ok(License {
            name: required(name, at, "name")?,
            url,
            extensions: self.extensions(entries),
        })
    }

    fn server(&self, at: &Place<'_>) -> Result<Server> {
        let entries = self.mapping(at)?;
        let mut url = None;
        let mut server = Server::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "url" => url = Some(self.string(at)?),
                "description" => server.description = self.optional_string(at)?,
                "variables" => {
                    server.variables =
                        self.optional(at, |reader, at| reader.map(at, Self::server_variable))?;
                }
                _ => {}
            }
        }
        server.url = required(url, at, "url")?;
        server.extensions = self.extensions(entries);
        Ok(server)
    }

    fn server_variable(&self, at: &Place<'_>) -> Result<ServerVariable> {
        let entries = self.mapping(at)?;
        let mut variable = ServerVariable::default();
        let mut default = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "enum" => variable.enumeration = self.string_list(at)?,
                "default" => default = Some(self.string(at)?),
                "description" => variable.description = self.optional_string(at)?,
                _ => {}
            }
        }
        variable.default = required(default, at, "default")?;
        variable.extensions = self.extensions(entries);
        Ok(variable)
    }

    fn security(&self, at: &Place<'_>) -> Result<Vec<SecurityRequirement>> {
        self.list(at, |reader, at| reader.map(at, Self::string_list))
    }

    fn tag(&self, at: &Place<'_>) -> Result<Tag> {
        let entries = self.mapping(at)?;
        let mut name = None;
        let mut tag = Tag::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "name" => name = Some(self.string(at)?),
                "description" => tag.description = self.optional_string(at)?,
                "externalDocs" => tag.external_docs = self.optional(at, Self::external_docs)?,
                _ => {}
            }
        }
        tag.name = required(name, at, "name")?;
        tag.extensions = self.extensions(entries);
        Ok(tag)
    }

    fn external_docs(&self, at: &Place<'_>) -> Result<ExternalDocumentation> {
        let entries = self.mapping(at)?;
        let mut url = None;
        let mut description = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "url" => url = Some(self.string(at)?),
                "description" => description = self.optional_string(at)?,
                _ => {}
            }
        }
        Ok(ExternalDocumentation {
            description,
            url: required(url, at, "url")?,
            extensions: self.extensions(entries),
        })
    }

    // ----- Paths and operations -----

    fn paths(&self, at: &Place<'_>) -> Result<Paths> {
        let entries = self.mapping(at)?;
        let mut paths = IndexMap::with_capacity(entries.len());
        for entry in entries {
            if entry.key.starts_with('/') {
                let at = &at.key(entry.value, &entry.key);
                let item = self.reference_or(at, Self::path_item)?;
                paths.insert(entry.key.to_string(), item);
            }
        }
        Ok(Paths {
            paths,
            extensions: self.extensions(entries),
        })
    }

    fn path_item(&self, at: &Place<'_>) -> Result<PathItem> {
        let entries = self.mapping(at)?;
        let mut item = PathItem::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            let operation = |reader: &Self| reader.optional(at, Self::operation);
            match entry.key.as_ref() {
                "summary" => item.summary = self.optional_string(at)?,
                "description" => item.description = self.optional_string(at)?,
                "get" => item.get = operation(self)?,
                "put" => item.put = operation(self)?,
                "post" => item.post = operation(self)?,
                "delete" => item.delete = operation(self)?,
                "options" => item.options = operation(self)?,
                "head" => item.head = operation(self)?,
                "patch" => item.patch = operation(self)?,
                "trace" => item.trace = operation(self)?,
                "servers" => item.servers = self.list(at, Self::server)?,
                "parameters" => item.parameters = self.parameters(at)?,
                _ => {}
            }
        }
        item.extensions = self.extensions(entries);
        Ok(item)
    }

    fn parameters(&self, at: &Place<'_>) -> Result<Vec<ReferenceOr<Parameter>>> {
        self.list(at, |reader, at| reader.reference_or(at, Self::parameter))
    }

    fn operation(&self, at: &Place<'_>) -> Result<Operation> {
        let entries = self.mapping(at)?;
        let mut operation = Operation::default();
        let mut responses = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "tags" => operation.tags = self.string_list(at)?,
                "summary" => operation.summary = self.optional_string(at)?,
                "description" => operation.description = self.optional_string(at)?,
                "externalDocs" => {
                    operation.external_docs = self.optional(at, Self::external_docs)?;
                }
                "operationId" => operation.operation_id = self.optional_string(at)?,
                "parameters" => operation.parameters = self.parameters(at)?,
                "requestBody" => {
                    operation.request_body = self
                        .optional(at, |reader, at| reader.reference_or(at, Self::request_body))?;
                }
                "responses" => responses = Some(self.responses(at)?),
                "callbacks" => operation.callbacks = self.map(at, Self::callback)?,
                "deprecated" => operation.deprecated = self.boolean(at)?,
                "security" => operation.security = self.optional(at, Self::security)?,
                "servers" => operation.servers = self.list(at, Self::server)?,
                _ => {}
            }
        }
        operation.responses = required(responses, at, "responses")?;
        operation.extensions = self.extensions(entries);
        Ok(operation)
    }

    fn callback(&self, at: &Place<'_>) -> Result<Callback> {
        self.map(at, Self::path_item)
    }

    fn parameter(&self, at: &Place<'_>) -> Result<Parameter> {
        let entries = self.mapping(at)?;
        let Some(location) = entries.iter().find(|entry| entry.key == "in") else {
            return Err(missing(at, "in"));
        };
        let location_at = &at.key(location.value, &location.key);
        let location = self.string(location_at)?;
        // The keys each kind of parameter reads itself; the rest are the parameter's data.
        let own_keys: &[&str] = match location.as_str() {
            "query" => &["in", "allowReserved", "style", "allowEmptyValue"],
            "header" | "path" | "cookie" => &["in", "style"],
            other => {
                return Err(shape_error(
                    location_at,
                    format_args!(
                        "unknown parameter location `{other}`, expected one of `query`, `header`, `path`, `cookie`"
                    ),
                ));
            }
        };
        let style_at = entries
            .iter()
            .find(|entry| entry.key == "style")
            .map(|entry| at.key(entry.value, &entry.key));
        let style = |allowed: &[&str]| -> Result<Option<String>> {
            let Some(style_at) = &style_at else {
                return Ok(None);
            };
            let style = self.string(style_at)?;
            if allowed.contains(&style.as_str()) {
                Ok(Some(style))
            } else {
                let allowed: Vec<String> = allowed.iter().map(|name| format!("`{name}`")).collect();
                Err(shape_error(
                    style_at,
                    format_args!("unknown style `{style}`, expected {}", allowed.join(" or ")),
                ))
            }
        };
        let parameter_data = self.parameter_data(at, entries, own_keys)?;
        Ok(match location.as_str() {
            "query" => {
                let mut allow_reserved = false;
                let mut allow_empty_value = None;
                for entry in entries {
                    let at = &at.key(entry.value, &entry.key);
                    match entry.key.as_ref() {
                        "allowReserved" => allow_reserved = self.boolean(at)?,
                        "allowEmptyValue" => allow_empty_value = self.optional_boolean(at)?,
                        _ => {}
                    }
                }
                let style = match style(&["form", "spaceDelimited", "pipeDelimited", "deepObject"])?
                    .as_deref()
                {
                    Some("spaceDelimited") => QueryStyle::SpaceDelimited,
                    Some("pipeDelimited") => QueryStyle::PipeDelimited,
                    Some("deepObject") => QueryStyle::DeepObject,
                    _ => QueryStyle::Form,
                };
                Parameter::Query {
                    parameter_data,
                    allow_reserved,
                    style,
                    allow_empty_value,
                }
            }
            "header" => {
                style(&["simple"])?;
                Parameter::Header {
                    parameter_data,
                    style: HeaderStyle::Simple,
                }
            }
            "path" => {
                let style = match style(&["matrix", "label", "simple"])?.as_deref() {
                    Some("matrix") => PathStyle::Matrix,
                    Some("label") => PathStyle::Label,
                    _ => PathStyle::Simple,
                };
                Parameter::Path {
                    parameter_data,
                    style,
                }
            }
            _ => {
                style(&["form"])?;
                Parameter::Cookie {
                    parameter_data,
                    style: CookieStyle::Form,
                }
            }
        })
    }

    /// The data every parameter has, from the entries other than `own_keys`.
    fn parameter_data(
        &self,
        at: &Place<'_>,
        entries: &'t [Entry<'text>],
        own_keys: &[&str],
    ) -> Result<ParameterData> {
        let mut name = None;
        let mut description = None;
        let mut required_flag = false;
        let mut deprecated = None;
        let mut example = None;
        let mut examples = IndexMap::new();
        let mut explode = None;
        for entry in entries {
            if own_keys.contains(&entry.key.as_ref()) {
                continue;
            }
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "name" => name = Some(self.string(at)?),
                "description" => description = self.optional_string(at)?,
                "required" => required_flag = self.boolean(at)?,
                "deprecated" => deprecated = self.optional_boolean(at)?,
                "example" => example = self.optional_json(at),
                "examples" => examples = self.examples(at)?,
                "explode" => explode = self.optional_boolean(at)?,
                _ => {}
            }
        }
        let name = required(name, at, "name")?;
        let format = self.schema_or_content(at, entries)?;
        let extensions = self.extensions(entries);
        Ok(ParameterData {
            name,
            description,
            required: required_flag,
            deprecated,
            format,
            example,
            examples,
            explode,
            extensions,
        })
    }

    /// The first of `schema` and `content` in a parameter or header.
    fn schema_or_content(
        &self,
        at: &Place<'_>,
        entries: &'t [Entry<'text>],
    ) -> Result<ParameterSchemaOrContent> {
        let Some(entry) = entries
            .iter()
            .find(|entry| entry.key == "schema" || entry.key == "content")
        else {
            return Err(shape_error(
                at,
                "neither `schema` nor `content`: a parameter or header needs one of them",
            ));
        };
        let at = &at.key(entry.value, &entry.key);
        if entry.key == "schema" {
            Ok(ParameterSchemaOrContent::Schema(
                self.reference_or(at, Self::schema)?,
            ))
        } else {
            Ok(ParameterSchemaOrContent::Content(
                self.map(at, Self::media_type)?,
            ))
        }
    }

    fn examples(&self, at: &Place<'_>) -> Result<IndexMap<String, ReferenceOr<Example>>> {
        self.map(at, |reader, at| reader.reference_or(at, Self::example))
    }

    fn example(&self, at: &Place<'_>) -> Result<Example> {
        let entries = self.mapping(at)?;
        let mut example = Example::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "summary" => example.summary = self.optional_string(at)?,
                "description" => example.description = self.optional_string(at)?,
                "value" => example.value = self.optional_json(at),
                "externalValue" => example.external_value = self.optional_string(at)?,
                _ => {}
            }
        }
        example.extensions = self.extensions(entries);
        Ok(example)
    }

    fn request_body(&self, at: &Place<'_>) -> Result<RequestBody> {
        let entries = self.mapping(at)?;
        let mut body = RequestBody::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "description" => body.description = self.optional_string(at)?,
                "content" => body.content = self.map(at, Self::media_type)?,
                "required" => body.required = self.boolean(at)?,
                _ => {}
            }
        }
        body.extensions = self.extensions(entries);
        Ok(body)
    }

    fn media_type(&self, at: &Place<'_>) -> Result<MediaType> {
        let entries = self.mapping(at)?;
        let mut media = MediaType::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "schema" => {
                    media.schema =
                        self.optional(at, |reader, at| reader.reference_or(at, Self::schema))?;
                }
                "example" => media.example = self.optional_json(at),
                "examples" => media.examples = self.examples(at)?,
                "encoding" => media.encoding = self.map(at, Self::encoding)?,
                _ => {}
            }
        }
        media.extensions = self.extensions(entries);
        Ok(media)
    }

    fn encoding(&self, at: &Place<'_>) -> Result<Encoding> {
        let entries = self.mapping(at)?;
        let mut encoding = Encoding::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "contentType" => encoding.content_type = self.optional_string(at)?,
                "headers" => encoding.headers = self.headers(at)?,
                "style" => {
                    encoding.style = self.optional(at, |reader, at| {
                        match reader.string(at)?.as_str() {
                            "form" => Ok(QueryStyle::Form),
                            "spaceDelimited" => Ok(QueryStyle::SpaceDelimited),
                            "pipeDelimited" => Ok(QueryStyle::PipeDelimited),
                            "deepObject" => Ok(QueryStyle::DeepObject),
                            other => Err(shape_error(
                                at,
                                format_args!(
                                    "unknown style `{other}`, expected `form`, `spaceDelimited`, `pipeDelimited` or `deepObject`"
                                ),
                            )),
                        }
                    })?;
                }
                "explode" => encoding.explode = self.boolean(at)?,
                "allowReserved" => encoding.allow_reserved = self.boolean(at)?,
                _ => {}
            }
        }
        encoding.extensions = self.extensions(entries);
        Ok(encoding)
    }

    fn headers(&self, at: &Place<'_>) -> Result<IndexMap<String, ReferenceOr<Header>>> {
        self.map(at, |reader, at| reader.reference_or(at, Self::header))
    }

    fn header(&self, at: &Place<'_>) -> Result<Header> {
        let entries = self.mapping(at)?;
        let mut description = None;
        let mut required_flag = false;
        let mut deprecated = None;
        let mut example = None;
        let mut examples = IndexMap::new();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "description" => description = self.optional_string(at)?,
                "style" => {
                    let style = self.string(at)?;
                    if style != "simple" {
                        return Err(shape_error(
                            at,
                            format_args!("unknown style `{style}`, expected `simple`"),
                        ));
                    }
                }
                "required" => required_flag = self.boolean(at)?,
                "deprecated" => deprecated = self.optional_boolean(at)?,
                "example" => example = self.optional_json(at),
                "examples" => examples = self.examples(at)?,
                _ => {}
            }
        }
        let format = self.schema_or_content(at, entries)?;
        Ok(Header {
            description,
            style: HeaderStyle::Simple,
            required: required_flag,
            deprecated,
            format,
            example,
            examples,
            extensions: self.extensions(entries),
        })
    }

    fn responses(&self, at: &Place<'_>) -> Result<Responses> {
        let entries = self.mapping(at)?;
        let mut responses = Responses::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            if entry.key == "default" {
                responses.default =
                    self.optional(at, |reader, at| reader.reference_or(at, Self::response))?;
            }
            // Keys that are not status codes (`default`, `x-…`, anything else) are skipped,
            // as openapiv3 does.
            if let Some(code) = status_code(&entry.key) {
                let response = self.reference_or(at, Self::response)?;
                responses.responses.insert(code, response);
            }
        }
        responses.extensions = self.extensions(entries);
        Ok(responses)
    }

    fn response(&self, at: &Place<'_>) -> Result<Response> {
        let entries = self.mapping(at)?;
        let mut response = Response::default();
        let mut description = None;
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "description" => description = Some(self.string(at)?),
                "headers" => response.headers = self.headers(at)?,
                "content" => response.content = self.map(at, Self::media_type)?,
                "links" => {
                    response.links = self.map(at, |reader, at| {
                        reader.reference_or(at, Self::through_serde)
                    })?;
                }
                _ => {}
            }
        }
        response.description = required(description, at, "description")?;
        response.extensions = self.extensions(entries);
        Ok(response)
    }

    fn components(&self, at: &Place<'_>) -> Result<Components> {
        let entries = self.mapping(at)?;
        let mut components = Components::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "schemas" => {
                    components.schemas =
                        self.map(at, |reader, at| reader.reference_or(at, Self::schema))?;
                }
                "responses" => {
                    components.responses =
                        self.map(at, |reader, at| reader.reference_or(at, Self::response))?;
                }
                "parameters" => {
                    components.parameters =
                        self.map(at, |reader, at| reader.reference_or(at, Self::parameter))?;
                }
                "examples" => components.examples = self.examples(at)?,
                "requestBodies" => {
                    components.request_bodies =
                        self.map(at, |reader, at| reader.reference_or(at, Self::request_body))?;
                }
                "headers" => components.headers = self.headers(at)?,
                "securitySchemes" => {
                    components.security_schemes = self.map(at, |reader, at| {
                        reader.reference_or(at, Self::through_serde)
                    })?;
                }
                "links" => {
                    components.links = self.map(at, |reader, at| {
                        reader.reference_or(at, Self::through_serde)
                    })?;
                }
                "callbacks" => {
                    components.callbacks =
                        self.map(at, |reader, at| reader.reference_or(at, Self::callback))?;
                }
                _ => {}
            }
        }
        components.extensions = self.extensions(entries);
        Ok(components)
    }

    // ----- Schemas -----

    fn schema(&self, at: &Place<'_>) -> Result<Schema> {
        let entries = self.mapping(at)?;
        let mut data = SchemaData::default();
        let mut raw = RawSchema::default();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "nullable" => data.nullable = self.boolean(at)?,
                "readOnly" => data.read_only = self.boolean(at)?,
                "writeOnly" => data.write_only = self.boolean(at)?,
                "deprecated" => data.deprecated = self.boolean(at)?,
                "externalDocs" => data.external_docs = self.optional(at, Self::external_docs)?,
                "example" => data.example = self.optional_json(at),
                "title" => data.title = self.optional_string(at)?,
                "description" => data.description = self.optional_string(at)?,
                "discriminator" => data.discriminator = self.optional(at, Self::discriminator)?,
                "default" => data.default = self.optional_json(at),
                "type" => raw.typ = self.optional_string(at)?,
                "pattern" => raw.pattern = self.optional_string(at)?,
                "multipleOf" => raw.multiple_of = self.optional(at, Self::number)?,
                "exclusiveMinimum" => raw.exclusive_minimum = self.optional_boolean(at)?,
                "exclusiveMaximum" => raw.exclusive_maximum = self.optional_boolean(at)?,
                "minimum" => raw.minimum = self.optional(at, Self::number)?,
                "maximum" => raw.maximum = self.optional(at, Self::number)?,
                "properties" => {
                    raw.properties = self.optional(at, |reader, at| {
                        reader.map(at, Self::boxed_schema_or_reference)
                    })?;
                }
                "required" => raw.required = self.optional(at, Self::string_list)?,
                "additionalProperties" => {
                    raw.additional_properties = self.optional(at, Self::additional_properties)?;
                }
                "minProperties" => raw.min_properties = self.optional_count(at)?,
                "maxProperties" => raw.max_properties = self.optional_count(at)?,
                "items" => raw.items = self.optional(at, Self::boxed_schema_or_reference)?,
                "minItems" => raw.min_items = self.optional_count(at)?,
                "maxItems" => raw.max_items = self.optional_count(at)?,
                "uniqueItems" => raw.unique_items = self.optional_boolean(at)?,
                "enum" => {
                    raw.enumeration =
                        self.optional(at, |reader, at| reader.list(at, |r, at| Ok(r.json(at))))?;
                }
                "format" => raw.format = self.optional_string(at)?,
                "minLength" => raw.min_length = self.optional_count(at)?,
                "maxLength" => raw.max_length = self.optional_count(at)?,
                "oneOf" => raw.one_of = self.optional(at, Self::schema_list)?,
                "allOf" => raw.all_of = self.optional(at, Self::schema_list)?,
                "anyOf" => raw.any_of = self.optional(at, Self::schema_list)?,
                "not" => {
                    raw.not = self.optional(at, |reader, at| {
                        reader.reference_or(at, Self::schema).map(Box::new)
                    })?;
                }
                _ => {}
            }
        }
        data.extensions = self.extensions(entries);
        Ok(Schema {
            schema_data: data,
            schema_kind: schema_kind(raw),
        })
    }

    fn boxed_schema_or_reference(&self, at: &Place<'_>) -> Result<ReferenceOr<Box<Schema>>> {
        self.reference_or(at, |reader, at| reader.schema(at).map(Box::new))
    }

    fn schema_list(&self, at: &Place<'_>) -> Result<Vec<ReferenceOr<Schema>>> {
        self.list(at, |reader, at| reader.reference_or(at, Self::schema))
    }

    fn additional_properties(&self, at: &Place<'_>) -> Result<AdditionalProperties> {
        match self.value(at) {
            Value::Bool(flag) => Ok(AdditionalProperties::Any(*flag)),
            Value::Mapping { .. } => Ok(AdditionalProperties::Schema(Box::new(
                self.reference_or(at, Self::schema)?,
            ))),
            _ => Err(self.expected(at, "`true`, `false` or a schema")),
        }
    }

    fn discriminator(&self, at: &Place<'_>) -> Result<Discriminator> {
        let entries = self.mapping(at)?;
        let mut property_name = None;
        let mut mapping = IndexMap::new();
        for entry in entries {
            let at = &at.key(entry.value, &entry.key);
            match entry.key.as_ref() {
                "propertyName" => property_name = Some(self.string(at)?),
                "mapping" => mapping = self.map(at, Self::string)?,
                _ => {}
            }
        }
        Ok(Discriminator {
            property_name: required(property_name, at, "propertyName")?,
            mapping,
            extensions: self.extensions(entries),
        })
    }
}

/// A response key as openapiv3 reads it: three digits from 100 to 999, or a digit and `XX`
/// (any case); anything else is not a status code.
fn status_code(key: &str) -> Option<StatusCode> {
    if key.len() != 3 {
        return None;
    }
    if let Ok(number) = key.parse::<i64>() {
        return (100..1000)
            .contains(&number)
            .then(|| StatusCode::Code(u16::try_from(number).unwrap_or_default()));
    }
    match key.as_bytes() {
        [digit, x1, x2]
            if digit.is_ascii_digit()
                && x1.eq_ignore_ascii_case(&b'x')
                && x2.eq_ignore_ascii_case(&b'x') =>
        {
            Some(StatusCode::Range(u16::from(digit - b'0')))
        }
        _ => None,
    }
}

/// Every keyword of a schema that decides its kind, as read.
#[derive(Default)]
struct RawSchema {
    typ: Option<String>,
    pattern: Option<String>,
    multiple_of: Option<Number>,
    exclusive_minimum: Option<bool>,
    exclusive_maximum: Option<bool>,
    minimum: Option<Number>,
    maximum: Option<Number>,
    properties: Option<IndexMap<String, ReferenceOr<Box<Schema>>>>,
    required: Option<Vec<String>>,
    additional_properties: Option<AdditionalProperties>,
    min_properties: Option<usize>,
    max_properties: Option<usize>,
    items: Option<ReferenceOr<Box<Schema>>>,
    min_items: Option<usize>,
    max_items: Option<usize>,
    unique_items: Option<bool>,
    enumeration: Option<Vec<Json>>,
    format: Option<String>,
    min_length: Option<usize>,
    max_length: Option<usize>,
    one_of: Option<Vec<ReferenceOr<Schema>>>,
    all_of: Option<Vec<ReferenceOr<Schema>>>,
    any_of: Option<Vec<ReferenceOr<Schema>>>,
    not: Option<Box<ReferenceOr<Schema>>>,
}

fn as_f64(number: Number) -> f64 {
    match number {
        Number::PosInt(value) => value as f64,
        Number::NegInt(value) => value as f64,
        Number::Float(value) => value,
    }
}

fn as_i64(number: Number) -> Option<i64> {
    match number {
        Number::PosInt(value) => i64::try_from(value).ok(),
        Number::NegInt(value) => Some(value),
        Number::Float(_) => None,
    }
}

/// True when every value of `enumeration` is null or passes `check`.
fn enumeration_is(enumeration: &Option<Vec<Json>>, check: impl Fn(&Json) -> bool) -> bool {
    enumeration
        .as_ref()
        .is_none_or(|values| values.iter().all(|value| value.is_null() || check(value)))
}

/// The values of `enumeration` (nulls as `None`), each converted by `convert`, which the
/// caller has checked succeeds on every non-null value.
fn enumeration_as<T>(
    enumeration: Option<Vec<Json>>,
    convert: impl Fn(&Json) -> Option<T>,
) -> Vec<Option<T>> {
    enumeration
        .unwrap_or_default()
        .iter()
        .filter_map(|value| match value {
            Json::Null => Some(None),
            value => convert(value).map(Some),
        })
        .collect()
}

/// The kind of a schema, decided as openapiv3 2.2's `SchemaKind` deserializer decides it: a
/// `type` with only the keywords of that type (and valid `enum` values) is that type;
/// exactly one of `oneOf`, `allOf`, `anyOf`, `not` with no other keyword is that composition;
/// anything else is `Any`.
fn schema_kind(raw: RawSchema) -> SchemaKind {
    let no_numeric = raw.multiple_of.is_none()
        && raw.exclusive_minimum.is_none()
        && raw.exclusive_maximum.is_none()
        && raw.minimum.is_none()
        && raw.maximum.is_none();
    let no_object = raw.properties.is_none()
        && raw.required.is_none()
        && raw.additional_properties.is_none()
        && raw.min_properties.is_none()
        && raw.max_properties.is_none();
    let no_array = raw.items.is_none()
        && raw.min_items.is_none()
        && raw.max_items.is_none()
        && raw.unique_items.is_none();
    let no_string = raw.pattern.is_none() && raw.min_length.is_none() && raw.max_length.is_none();
    let compositions = [
        raw.one_of.is_some(),
        raw.all_of.is_some(),
        raw.any_of.is_some(),
        raw.not.is_some(),
    ];
    let no_composition = compositions.iter().all(|present| !present);
    let no_enum_or_format = raw.enumeration.is_none() && raw.format.is_none();
    let int_or_absent = |number: &Option<Number>| number.is_none_or(|n| as_i64(n).is_some());
    let typ = raw.typ.as_deref();

    if typ == Some("string")
        && no_numeric
        && no_object
        && no_array
        && no_composition
        && enumeration_is(&raw.enumeration, Json::is_string)
    {
        return SchemaKind::Type(Type::String(StringType {
            format: raw.format.into(),
            pattern: raw.pattern,
            enumeration: enumeration_as(raw.enumeration, |value| value.as_str().map(str::to_owned)),
            min_length: raw.min_length,
            max_length: raw.max_length,
        }));
    }
    if typ == Some("number")
        && no_string
        && no_object
        && no_array
        && no_composition
        && enumeration_is(&raw.enumeration, Json::is_number)
    {
        return SchemaKind::Type(Type::Number(NumberType {
            format: raw.format.into(),
            multiple_of: raw.multiple_of.map(as_f64),
            exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
            exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
            minimum: raw.minimum.map(as_f64),
            maximum: raw.maximum.map(as_f64),
            enumeration: enumeration_as(raw.enumeration, Json::as_f64),
        }));
    }
    if typ == Some("integer")
        && no_string
        && no_object
        && no_array
        && no_composition
        && enumeration_is(&raw.enumeration, Json::is_i64)
        && int_or_absent(&raw.multiple_of)
        && int_or_absent(&raw.minimum)
        && int_or_absent(&raw.maximum)
    {
        return SchemaKind::Type(Type::Integer(IntegerType {
            format: raw.format.into(),
            multiple_of: raw.multiple_of.and_then(as_i64),
            exclusive_minimum: raw.exclusive_minimum.unwrap_or_default(),
            exclusive_maximum: raw.exclusive_maximum.unwrap_or_default(),
            minimum: raw.minimum.and_then(as_i64),
            maximum: raw.maximum.and_then(as_i64),
            enumeration: enumeration_as(raw.enumeration, Json::as_i64),
        }));
    }
    if typ == Some("boolean")
        && no_numeric
        && no_object
        && no_array
        && no_string
        && no_composition
        && raw.format.is_none()
        && enumeration_is(&raw.enumeration, Json::is_boolean)
    {
        return SchemaKind::Type(Type::Boolean(BooleanType {
            enumeration: enumeration_as(raw.enumeration, Json::as_bool),
        }));
    }
    if typ == Some("object")
        && no_numeric
        && no_array
        && no_string
        && no_composition
        && no_enum_or_format
    {
        return SchemaKind::Type(Type::Object(ObjectType {
            properties: raw.properties.unwrap_or_default(),
            required: raw.required.unwrap_or_default(),
            additional_properties: raw.additional_properties,
            min_properties: raw.min_properties,
            max_properties: raw.max_properties,
        }));
    }
    if typ == Some("array")
        && no_numeric
        && no_object
        && no_string
        && no_composition
        && no_enum_or_format
    {
        return SchemaKind::Type(Type::Array(ArrayType {
            items: raw.items,
            min_items: raw.min_items,
            max_items: raw.max_items,
            unique_items: raw.unique_items.unwrap_or_default(),
        }));
    }
    let only_composition = typ.is_none()
        && no_numeric
        && no_object
        && no_array
        && no_string
        && no_enum_or_format
        && compositions.iter().filter(|present| **present).count() == 1;
    if only_composition {
        if let Some(one_of) = raw.one_of {
            return SchemaKind::OneOf { one_of };
        }
        if let Some(all_of) = raw.all_of {
            return SchemaKind::AllOf { all_of };
        }
        if let Some(any_of) = raw.any_of {
            return SchemaKind::AnyOf { any_of };
        }
        if let Some(not) = raw.not {
            return SchemaKind::Not { not };
        }
    }
    SchemaKind::Any(AnySchema {
        typ: raw.typ,
        pattern: raw.pattern,
        multiple_of: raw.multiple_of.map(as_f64),
        exclusive_minimum: raw.exclusive_minimum,
        exclusive_maximum: raw.exclusive_maximum,
        minimum: raw.minimum.map(as_f64),
        maximum: raw.maximum.map(as_f64),
        properties: raw.properties.unwrap_or_default(),
        required: raw.required.unwrap_or_default(),
        additional_properties: raw.additional_properties,
        min_properties: raw.min_properties,
        max_properties: raw.max_properties,
        items: raw.items,
        min_items: raw.min_items,
        max_items: raw.max_items,
        unique_items: raw.unique_items,
        enumeration: raw.enumeration.unwrap_or_default(),
        format: raw.format,
        min_length: raw.min_length,
        max_length: raw.max_length,
        one_of: raw.one_of.unwrap_or_default(),
        all_of: raw.all_of.unwrap_or_default(),
        any_of: raw.any_of.unwrap_or_default(),
        not: raw.not,
    })
}

#[cfg(test)]
mod tests {
    //! The reader against openapiv3's own `Deserialize`, on the real spec, the golden specs and
    //! seeded mutations of their JSON form (each mutation changes one value or key where an
    //! OpenAPI keyword, type or reference is likely to matter).

    use std::path::{Path, PathBuf};

    use serde_json::{Map, Value as Json, json};

    use super::super::tree::Tree;
    use super::*;

    fn specs() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths: Vec<PathBuf> = vec![root.join("../spec/openapi.yaml")];
        for golden in [root.join("tests/golden"), root.join("../tests/golden")] {
            if let Ok(entries) = std::fs::read_dir(&golden) {
                for entry in entries.flatten() {
                    paths.push(entry.path().join("spec.yaml"));
                }
            }
        }
        paths.sort();
        paths
            .into_iter()
            .filter_map(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                Some((path.display().to_string(), text))
            })
            .collect()
    }

    /// The reader's result and openapiv3's for the same text; `None` for openapiv3 when it
    /// panicked.
    fn both(
        text: &str,
    ) -> (
        Result<OpenAPI>,
        Option<std::result::Result<OpenAPI, String>>,
    ) {
        let tree = Tree::parse(text).expect("the text is YAML");
        let root = tree.root().expect("a document");
        let json = tree.to_json(root);
        let theirs = std::panic::catch_unwind(|| {
            serde_json::from_value::<OpenAPI>(json).map_err(|error| error.to_string())
        })
        .ok();
        (openapi(&tree, root), theirs)
    }

    #[test]
    fn every_spec_reads_as_openapiv3_reads_it() {
        let specs = specs();
        assert!(specs.len() >= 2, "the real spec and the golden specs");
        for (name, text) in specs {
            let (ours, theirs) = both(&text);
            let ours = ours.unwrap_or_else(|error| panic!("{name}: {error}"));
            let theirs = theirs.expect("no panic").expect("openapiv3 reads it");
            assert!(ours == theirs, "{name} reads differently");
        }
    }

    /// Keys whose values decide a shape; mutations put them where they do not belong, too.
    const KEYWORDS: &[&str] = &[
        "$ref",
        "type",
        "format",
        "enum",
        "items",
        "properties",
        "required",
        "nullable",
        "additionalProperties",
        "oneOf",
        "allOf",
        "anyOf",
        "not",
        "minimum",
        "maximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "uniqueItems",
        "exclusiveMinimum",
        "in",
        "name",
        "schema",
        "content",
        "style",
        "explode",
        "allowReserved",
        "description",
        "responses",
        "default",
        "200",
        "4XX",
        "x-ext",
        "parameters",
        "requestBody",
        "discriminator",
        "readOnly",
        "example",
        "deprecated",
    ];

    /// The keywords that decide a schema's kind.
    const SCHEMA_KEYWORDS: &[&str] = &[
        "format",
        "enum",
        "items",
        "properties",
        "required",
        "additionalProperties",
        "oneOf",
        "allOf",
        "anyOf",
        "not",
        "minimum",
        "maximum",
        "multipleOf",
        "minLength",
        "maxLength",
        "pattern",
        "minItems",
        "uniqueItems",
        "exclusiveMinimum",
        "nullable",
    ];

    /// Values that are valid somewhere in a spec and wrong in most other places.
    fn random_value(rng: &mut fastrand::Rng) -> Json {
        let words = [
            "string",
            "integer",
            "number",
            "boolean",
            "object",
            "array",
            "query",
            "path",
            "header",
            "cookie",
            "simple",
            "form",
            "matrix",
            "deepObject",
            "int32",
            "date-time",
            "#/components/schemas/Anything",
        ];
        match rng.usize(0..12) {
            0 => Json::Null,
            1 => Json::Bool(rng.bool()),
            2 => json!(rng.i64(-3..300)),
            3 => json!(u64::MAX),
            4 => json!(1.5),
            5 => json!(words[rng.usize(0..words.len())]),
            6 => json!({}),
            7 => json!([]),
            8 => json!({"$ref": words[rng.usize(0..words.len())]}),
            9 => json!({"type": words[rng.usize(0..words.len())]}),
            10 => json!([words[rng.usize(0..words.len())], null, 3]),
            _ => json!({"in": words[rng.usize(0..words.len())], "name": "n", "schema": {}}),
        }
    }

    /// A random place in `value`, as a path of keys and indexes (possibly empty).
    /// A value that fits `key` where it belongs (so that a schema keeps its shape but gains a
    /// keyword of another type, for example).
    fn fitting_value(rng: &mut fastrand::Rng, key: &str) -> Json {
        let types = ["string", "integer", "number", "boolean", "object", "array"];
        match key {
            "type" => json!(types[rng.usize(0..types.len())]),
            "format" => {
                json!(["int32", "int64", "date-time", "byte", "float", "uuid"][rng.usize(0..6)])
            }
            "enum" => [
                json!(["a", null]),
                json!([1, 2]),
                json!([1.5]),
                json!([true]),
                json!([-1, u64::MAX]),
            ][rng.usize(0..5)]
            .clone(),
            "minimum" | "maximum" | "multipleOf" => {
                [json!(1), json!(-2), json!(2.5), json!(u64::MAX)][rng.usize(0..4)].clone()
            }
            "minLength" | "maxLength" | "minItems" => json!(rng.u8(..)),
            "pattern" | "description" | "name" => json!("x"),
            "items" | "not" | "schema" => json!({"type": types[rng.usize(0..types.len())]}),
            "additionalProperties" => {
                [json!(true), json!({"type": "string"})][rng.usize(0..2)].clone()
            }
            "properties" => json!({"p": {"type": "string"}}),
            "required" => json!(["p"]),
            "oneOf" | "allOf" | "anyOf" => json!([{"type": "string"}, {"$ref": "#/x"}]),
            "nullable" | "readOnly" | "uniqueItems" | "exclusiveMinimum" | "explode"
            | "allowReserved" | "deprecated" => json!(rng.bool()),
            "in" => json!(["query", "path", "header", "cookie"][rng.usize(0..4)]),
            "style" => json!(["form", "simple", "label", "deepObject"][rng.usize(0..4)]),
            _ => random_value(rng),
        }
    }

    fn random_path(rng: &mut fastrand::Rng, value: &Json) -> Vec<Json> {
        let mut path = Vec::new();
        let mut current = value;
        loop {
            let next = match current {
                Json::Object(map) if !map.is_empty() && rng.usize(0..8) != 0 => {
                    let key = map
                        .keys()
                        .nth(rng.usize(0..map.len()))
                        .cloned()
                        .unwrap_or_default();
                    path.push(Json::String(key.clone()));
                    &map[&key]
                }
                Json::Array(items) if !items.is_empty() && rng.usize(0..8) != 0 => {
                    let index = rng.usize(0..items.len());
                    path.push(json!(index));
                    &items[index]
                }
                _ => return path,
            };
            current = next;
        }
    }

    fn at_path<'v>(value: &'v mut Json, path: &[Json]) -> &'v mut Json {
        path.iter().fold(value, |current, step| match step {
            Json::String(key) => &mut current[key.as_str()],
            _ => &mut current[step.as_u64().unwrap_or(0) as usize],
        })
    }

    fn mutate(rng: &mut fastrand::Rng, document: &Json) -> Json {
        let mut mutated = document.clone();
        let path = random_path(rng, &mutated);
        let donor_path = random_path(rng, document);
        let donor = at_path(&mut document.clone(), &donor_path).clone();
        let target = at_path(&mut mutated, &path);
        match rng.usize(0..6) {
            0 => *target = random_value(rng),
            5 => {
                // A schema with a `type` and keywords that may belong to another type.
                let mut schema = Map::new();
                schema.insert("type".to_owned(), fitting_value(rng, "type"));
                for _ in 0..rng.usize(0..3) {
                    let key = SCHEMA_KEYWORDS[rng.usize(0..SCHEMA_KEYWORDS.len())];
                    schema.insert(key.to_owned(), fitting_value(rng, key));
                }
                if rng.bool() {
                    schema.remove("type");
                }
                *target = Json::Object(schema);
            }
            1 => *target = donor,
            2 => {
                if let Json::Object(map) = target {
                    for _ in 0..rng.usize(1..4) {
                        let key = KEYWORDS[rng.usize(0..KEYWORDS.len())];
                        let value = match rng.bool() {
                            true => fitting_value(rng, key),
                            false => random_value(rng),
                        };
                        map.insert(key.to_owned(), value);
                    }
                }
            }
            3 => {
                if let Json::Object(map) = target
                    && !map.is_empty()
                {
                    let key = map.keys().nth(rng.usize(0..map.len())).cloned();
                    if let Some(key) = key {
                        map.remove(&key);
                    }
                }
            }
            _ => {
                if let Json::Object(map) = target {
                    let renamed: Map<String, Json> = std::mem::take(map)
                        .into_iter()
                        .map(|(key, value)| match rng.usize(0..6) {
                            0 => (KEYWORDS[rng.usize(0..KEYWORDS.len())].to_owned(), value),
                            _ => (key, value),
                        })
                        .collect();
                    *map = renamed;
                }
            }
        }
        mutated
    }

    #[test]
    fn matches_openapiv3_deserialize() {
        let mut rng = fastrand::Rng::with_seed(0x0a91_5eed);
        let mut failures = Vec::new();
        let mut refused = 0;
        let mut cases = 0;
        for (name, text) in specs() {
            let tree = Tree::parse(&text).expect("yaml");
            let document = tree.to_json(tree.root().expect("root"));
            for case in 0..250 {
                cases += 1;
                let mutated = mutate(&mut rng, &document);
                let text = serde_json::to_string(&mutated).expect("json");
                let (ours, theirs) = both(&text);
                match (ours, theirs) {
                    (_, None) => {}
                    (Ok(ours), Some(Ok(theirs))) => {
                        if ours != theirs {
                            failures.push(format!("{name} case {case}: read differently: {text}"));
                        }
                    }
                    (Err(_), Some(Err(_))) => refused += 1,
                    (Ok(_), Some(Err(error))) => {
                        failures.push(format!(
                            "{name} case {case}: only openapiv3 refuses ({error}): {text}"
                        ));
                    }
                    (Err(error), Some(Ok(_))) => {
                        failures.push(format!(
                            "{name} case {case}: only we refuse ({error}): {text}"
                        ));
                    }
                }
            }
        }
        assert!(
            failures.is_empty(),
            "{} of {cases} differ:\n{}",
            failures.len(),
            failures
                .iter()
                .map(|f| f.chars().take(600).collect::<String>())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            refused > cases / 10,
            "the mutations should often break the shape: {refused}"
        );
    }
}
