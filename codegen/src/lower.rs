//! Stage 3: the validated spec becomes the intermediate model ([`crate::model`]).
//!
//! Lowering happens in passes, each linear in the size of the spec:
//! 1. walk every operation and collect the types it reaches ("raw" types keyed by schema name,
//!    or by a synthesized name for inline schemas), resolving `$ref`s;
//! 2. mark each raw type with the directions it travels in (request, response);
//! 3. decide which types split into a response shape and an `Input` request shape;
//! 4. claim every Rust name once, in a fixed order;
//! 5. build the model's types, operations and resource tree.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, OpenAPI, Parameter, ParameterSchemaOrContent, ReferenceOr, Schema,
    SchemaKind, StatusCode, Type, VariantOrUnknownOrEmpty,
};

use crate::error::{Error, Result, join};
use crate::model::{
    Body, BodyEncoding, Constraints, Direction, EnumValue, Field, IdDef, Info, Model, Openness,
    Operation, Param, ParamLocation, RequiredWhen, Resource, ResourceTree, ResultShape, TypeDef,
    TypeKind, TypeRef, UnionVariant,
};
use crate::naming::{Namespace, field_name, type_name, variant_name};
use crate::validate::{path_operations, template_params};

/// A type reference before names are final: `Named` holds a raw type key.
#[derive(Clone, Debug, PartialEq)]
enum RawRef {
    Prim(TypeRef),
    Id(String),
    Named(String),
    Vec(Box<RawRef>),
    Map(Box<RawRef>),
    Nullable(Box<RawRef>),
}

/// A lowered schema use: its type plus what the use site needs to know.
#[derive(Clone, Debug)]
struct Lowered {
    ty: RawRef,
    constraints: Constraints,
    nullable: bool,
    sensitive: bool,
}

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
    /// Being lowered (guards recursive schemas).
    Pending,
    Struct {
        fields: Vec<RawField>,
        required_when: Vec<RequiredWhen>,
    },
    Enum {
        values: Vec<String>,
        extensible: bool,
    },
    Union {
        tag: String,
        variants: Vec<(String, String)>,
    },
}

#[derive(Clone, Debug)]
struct RawType {
    base_name: String,
    api_name: String,
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

/// A raw operation: the model's operation with raw type references.
struct RawOperation {
    operation: Operation,
    params: Vec<(Param, RawRef)>,
    body: Option<(Body, RawRef)>,
    result: Option<RawRef>,
}

struct Lowerer<'a> {
    api: &'a OpenAPI,
    ids: BTreeMap<String, IdDef>,
    types: BTreeMap<String, RawType>,
    /// Component schemas that are plain aliases (a string with constraints, an array, ...),
    /// currently being resolved, to reject alias cycles.
    resolving: BTreeSet<String>,
}

/// Lowers a validated spec into the model.
pub fn lower(api: &OpenAPI) -> Result<Model> {
    let mut lowerer = Lowerer {
        api,
        ids: BTreeMap::new(),
        types: BTreeMap::new(),
        resolving: BTreeSet::new(),
    };
    let mut operations = Vec::new();
    for (path, item) in api.paths.paths.iter() {
        let path_pointer = join("#/paths", path);
        let ReferenceOr::Item(item) = item else {
            continue;
        };
        for (method, operation) in path_operations(item) {
            let pointer = join(&path_pointer, method);
            operations.push(lowerer.operation(path, method, item, operation, &pointer)?);
        }
    }
    lowerer.mark_directions(&operations);
    lowerer.decide_splits();
    let names = lowerer.claim_names();
    let types = lowerer.build_types(&names)?;
    check_direct_recursion(&types)?;
    let mut model_operations = Vec::with_capacity(operations.len());
    let mut builder_names = Namespace::new();
    for raw_operation in operations {
        let mut operation = raw_operation.operation;
        operation.rust_name = builder_names.claim(type_name(&operation.operation_id));
        operation.params = raw_operation
            .params
            .into_iter()
            .map(|(mut param, ty)| {
                param.ty = resolve(&ty, Side::Request, &names, &lowerer.types);
                param
            })
            .collect();
        operation.body = raw_operation.body.map(|(mut body, ty)| {
            body.ty = resolve(&ty, Side::Request, &names, &lowerer.types);
            body
        });
        operation.result = match raw_operation.result {
            None => ResultShape::Unit,
            Some(ty) => ResultShape::Value(resolve(&ty, Side::Response, &names, &lowerer.types)),
        };
        model_operations.push(operation);
    }
    let resources = build_resources(api, &model_operations)?;
    Ok(Model {
        info: Info {
            title: api.info.title.clone(),
            version: api.info.version.clone(),
        },
        ids: lowerer
            .ids
            .into_values()
            .map(|id| (id.rust_name.clone(), id))
            .collect(),
        types,
        operations: model_operations,
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

fn ext_bool(extensions: &IndexMap<String, serde_json::Value>, key: &str) -> bool {
    extensions
        .get(key)
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

fn ext_u64(extensions: &IndexMap<String, serde_json::Value>, key: &str) -> Option<u64> {
    extensions.get(key).and_then(serde_json::Value::as_u64)
}

/// The component name a `$ref` points at, for references into `components/<section>`.
fn ref_name<'r>(reference: &'r str, section: &str) -> Option<&'r str> {
    reference
        .strip_prefix("#/components/")?
        .strip_prefix(section)?
        .strip_prefix('/')
        .filter(|name| !name.contains('/'))
}

fn unsupported_ref(pointer: &str, reference: &str, section: &str) -> Error {
    Error::new(
        join(pointer, "$ref"),
        format!(
            "`{reference}` must point into `#/components/{section}/`; move the definition there"
        ),
    )
}

impl<'a> Lowerer<'a> {
    fn component_schema(&self, name: &str, pointer: &str) -> Result<&'a Schema> {
        let components = self.api.components.as_ref();
        match components.and_then(|components| components.schemas.get(name)) {
            Some(ReferenceOr::Item(schema)) => Ok(schema),
            Some(ReferenceOr::Reference { .. }) => Err(Error::new(
                format!(
                    "#/components/schemas/{}",
                    crate::error::escape_segment(name)
                ),
                "a component schema that is only a `$ref` is not supported; reference the target directly",
            )),
            None => Err(Error::new(
                join(pointer, "$ref"),
                format!(
                    "schema `{name}` is not defined in `#/components/schemas`; define it or fix the reference"
                ),
            )),
        }
    }

    /// Lowers a schema or reference used at `pointer`. `context` names inline types.
    fn schema_ref(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
        context: &str,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer, context, None),
        }
    }

    fn schema_ref_boxed(
        &mut self,
        schema: &ReferenceOr<Box<Schema>>,
        pointer: &str,
        context: &str,
    ) -> Result<Lowered> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer, context, None),
        }
    }

    /// Lowers a `$ref` to a component schema.
    fn reference(&mut self, reference: &str, pointer: &str) -> Result<Lowered> {
        let Some(name) = ref_name(reference, "schemas") else {
            return Err(unsupported_ref(pointer, reference, "schemas"));
        };
        let schema = self.component_schema(name, pointer)?;
        let target = format!(
            "#/components/schemas/{}",
            crate::error::escape_segment(name)
        );
        let nullable = schema.schema_data.nullable;
        let sensitive = ext_bool(&schema.schema_data.extensions, "x-sensitive");
        if ext_bool(&schema.schema_data.extensions, "x-sdk-id") {
            return self.id(name, schema, &target).map(|ty| Lowered {
                ty,
                constraints: Constraints::default(),
                nullable,
                sensitive: false,
            });
        }
        if self.types.contains_key(name) {
            return Ok(Lowered {
                ty: RawRef::Named(name.to_owned()),
                constraints: Constraints::default(),
                nullable,
                sensitive,
            });
        }
        if is_named_kind(schema) {
            return self.schema(schema, &target, name, Some(name));
        }
        if !self.resolving.insert(name.to_owned()) {
            return Err(Error::new(
                target,
                "this schema refers to itself without an object in between; break the cycle",
            ));
        }
        let lowered = self.schema(schema, &target, name, None);
        self.resolving.remove(name);
        lowered
    }

    fn id(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<RawRef> {
        if !self.ids.contains_key(name) {
            let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
                return Err(Error::new(
                    pointer,
                    "`x-sdk-id: true` is only supported on `type: string` schemas",
                ));
            };
            let constraints = string_constraints(string, &schema.schema_data.extensions);
            self.ids.insert(
                name.to_owned(),
                IdDef {
                    rust_name: String::new(),
                    api_name: name.to_owned(),
                    pointer: pointer.to_owned(),
                    docs: doc_lines(schema.schema_data.description.as_deref()),
                    constraints,
                },
            );
        }
        Ok(RawRef::Id(name.to_owned()))
    }

    /// Registers a named raw type and lowers its body.
    fn named(
        &mut self,
        key: String,
        base_name: String,
        component: bool,
        schema: &Schema,
        pointer: &str,
    ) -> Result<RawRef> {
        if self.types.contains_key(&key) {
            return Ok(RawRef::Named(key));
        }
        self.types.insert(
            key.clone(),
            RawType {
                base_name: base_name.clone(),
                api_name: key.clone(),
                pointer: pointer.to_owned(),
                docs: doc_lines(schema.schema_data.description.as_deref()),
                kind: RawKind::Pending,
                component,
                request: false,
                response: false,
                split: false,
                drop_fields: BTreeSet::new(),
            },
        );
        let kind = self.named_kind(schema, pointer, &base_name)?;
        if let Some(raw_type) = self.types.get_mut(&key) {
            raw_type.kind = kind;
        }
        Ok(RawRef::Named(key))
    }

    fn named_kind(&mut self, schema: &Schema, pointer: &str, base_name: &str) -> Result<RawKind> {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let mut values = Vec::new();
                for (index, value) in string.enumeration.iter().enumerate() {
                    match value {
                        Some(value) => values.push(value.clone()),
                        None if schema.schema_data.nullable => {}
                        None => {
                            return Err(Error::new(
                                join(&join(pointer, "enum"), &index.to_string()),
                                "`null` in an enum needs `nullable: true` on the schema",
                            ));
                        }
                    }
                }
                Ok(RawKind::Enum {
                    values,
                    extensible: ext_bool(&schema.schema_data.extensions, "x-sdk-extensible-enum"),
                })
            }
            SchemaKind::Type(Type::Object(object)) => {
                let properties: Vec<(&String, &ReferenceOr<Box<Schema>>)> =
                    object.properties.iter().collect();
                let mut fields = self.fields(&properties, &object.required, pointer, base_name)?;
                mark_optional_in_response(schema, &mut fields, pointer)?;
                let required_when = self.required_when(schema, &fields, pointer)?;
                Ok(RawKind::Struct {
                    fields,
                    required_when,
                })
            }
            SchemaKind::AllOf { all_of } => {
                let mut properties: Vec<(String, ReferenceOr<Box<Schema>>, String)> = Vec::new();
                let mut required = Vec::new();
                self.merge_all_of(all_of, pointer, &mut properties, &mut required)?;
                let mut fields = Vec::new();
                for (name, property, property_pointer) in &properties {
                    fields.push(self.field(
                        name,
                        property,
                        required.contains(name),
                        &property_pointer.clone(),
                        base_name,
                    )?);
                }
                mark_optional_in_response(schema, &mut fields, pointer)?;
                let required_when = self.required_when(schema, &fields, pointer)?;
                Ok(RawKind::Struct {
                    fields,
                    required_when,
                })
            }
            SchemaKind::OneOf { one_of } => self.union(schema, one_of, pointer),
            _ => Err(Error::new(pointer, "internal: not a named kind")),
        }
    }

    fn merge_all_of(
        &mut self,
        all_of: &[ReferenceOr<Schema>],
        pointer: &str,
        properties: &mut Vec<(String, ReferenceOr<Box<Schema>>, String)>,
        required: &mut Vec<String>,
    ) -> Result<()> {
        for (index, part) in all_of.iter().enumerate() {
            let part_pointer = join(&join(pointer, "allOf"), &index.to_string());
            let (schema, schema_pointer) = match part {
                ReferenceOr::Reference { reference } => {
                    let Some(name) = ref_name(reference, "schemas") else {
                        return Err(unsupported_ref(&part_pointer, reference, "schemas"));
                    };
                    let schema = self.component_schema(name, &part_pointer)?;
                    (
                        schema,
                        format!(
                            "#/components/schemas/{}",
                            crate::error::escape_segment(name)
                        ),
                    )
                }
                ReferenceOr::Item(schema) => (schema, part_pointer.clone()),
            };
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => {
                    for (name, property) in &object.properties {
                        let property_pointer = join(&join(&schema_pointer, "properties"), name);
                        properties.retain(|(existing, _, _)| existing != name);
                        properties.push((name.clone(), property.clone(), property_pointer));
                    }
                    required.extend(object.required.iter().cloned());
                }
                SchemaKind::AllOf { all_of } => {
                    self.merge_all_of(all_of, &schema_pointer, properties, required)?;
                }
                _ => {
                    return Err(Error::new(
                        part_pointer,
                        "every part of an `allOf` must be an object schema (or a `$ref` to one); other combinations are not supported",
                    ));
                }
            }
        }
        Ok(())
    }

    fn fields(
        &mut self,
        properties: &[(&String, &ReferenceOr<Box<Schema>>)],
        required: &[String],
        pointer: &str,
        base_name: &str,
    ) -> Result<Vec<RawField>> {
        let properties_pointer = join(pointer, "properties");
        for name in required {
            if !properties.iter().any(|(property, _)| *property == name) {
                return Err(Error::new(
                    join(pointer, "required"),
                    format!(
                        "`{name}` is listed in `required` but is not a property; add the property or remove it from `required`"
                    ),
                ));
            }
        }
        let mut fields = Vec::with_capacity(properties.len());
        for (name, property) in properties {
            let property_pointer = join(&properties_pointer, name);
            fields.push(self.field(
                name,
                property,
                required.contains(name),
                &property_pointer,
                base_name,
            )?);
        }
        Ok(fields)
    }

    fn field(
        &mut self,
        name: &str,
        property: &ReferenceOr<Box<Schema>>,
        required: bool,
        pointer: &str,
        base_name: &str,
    ) -> Result<RawField> {
        let context = format!("{base_name}{}", type_name(name));
        let lowered = self.schema_ref_boxed(property, pointer, &context)?;
        let (read_only, write_only, docs) = match property {
            ReferenceOr::Item(schema) => (
                schema.schema_data.read_only,
                schema.schema_data.write_only,
                doc_lines(schema.schema_data.description.as_deref()),
            ),
            ReferenceOr::Reference { reference } => {
                let data = ref_name(reference, "schemas")
                    .and_then(|target| self.component_schema(target, pointer).ok())
                    .map(|schema| &schema.schema_data);
                (
                    data.is_some_and(|data| data.read_only),
                    data.is_some_and(|data| data.write_only),
                    doc_lines(data.and_then(|data| data.description.as_deref())),
                )
            }
        };
        if read_only && write_only {
            return Err(Error::new(
                pointer,
                "a property cannot be both `readOnly` and `writeOnly`; keep one",
            ));
        }
        Ok(RawField {
            api_name: name.to_owned(),
            ty: lowered.ty,
            required,
            nullable: lowered.nullable,
            read_only,
            write_only,
            optional_in_response: false,
            docs,
            constraints: lowered.constraints,
            sensitive: lowered.sensitive,
        })
    }

    fn required_when(
        &self,
        schema: &Schema,
        fields: &[RawField],
        pointer: &str,
    ) -> Result<Vec<RequiredWhen>> {
        let Some(rules) = schema.schema_data.extensions.get("x-sdk-required-when") else {
            return Ok(Vec::new());
        };
        let rules_pointer = join(pointer, "x-sdk-required-when");
        let shape_error = || {
            Error::new(
                rules_pointer.clone(),
                "`x-sdk-required-when` must be a list of `{field, property, values: [...]}`",
            )
        };
        let rules = rules.as_array().ok_or_else(shape_error)?;
        let mut parsed = Vec::new();
        for (index, rule) in rules.iter().enumerate() {
            let rule_pointer = join(&rules_pointer, &index.to_string());
            let text = |key: &str| {
                rule.get(key)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            };
            let (Some(field), Some(property), Some(values)) = (
                text("field"),
                text("property"),
                rule.get("values").and_then(serde_json::Value::as_array),
            ) else {
                return Err(shape_error());
            };
            let values: Vec<String> = values
                .iter()
                .map(|value| value.as_str().map(str::to_owned))
                .collect::<Option<_>>()
                .ok_or_else(shape_error)?;
            let Some(target) = fields.iter().find(|candidate| candidate.api_name == field) else {
                return Err(Error::new(
                    rule_pointer,
                    format!("`{field}` is not a property of this schema"),
                ));
            };
            if target.required {
                return Err(Error::new(
                    rule_pointer,
                    format!(
                        "`{field}` is already required; conditionally required fields must be optional"
                    ),
                ));
            }
            let Some(decider) = fields
                .iter()
                .find(|candidate| candidate.api_name == property)
            else {
                return Err(Error::new(
                    rule_pointer,
                    format!("`{property}` is not a property of this schema"),
                ));
            };
            let enum_values = match &decider.ty {
                RawRef::Named(key) => match self.types.get(key).map(|raw| &raw.kind) {
                    Some(RawKind::Enum { values, .. }) => Some(values.clone()),
                    _ => None,
                },
                _ => None,
            };
            let Some(enum_values) = enum_values else {
                return Err(Error::new(
                    rule_pointer,
                    format!("`{property}` must be a required string enum"),
                ));
            };
            if !decider.required {
                return Err(Error::new(
                    rule_pointer,
                    format!("`{property}` must be a required string enum"),
                ));
            }
            for value in &values {
                if !enum_values.contains(value) {
                    return Err(Error::new(
                        rule_pointer,
                        format!("`{value}` is not a value of `{property}`"),
                    ));
                }
            }
            parsed.push(RequiredWhen {
                field,
                property,
                values,
            });
        }
        Ok(parsed)
    }

    fn union(
        &mut self,
        schema: &Schema,
        one_of: &[ReferenceOr<Schema>],
        pointer: &str,
    ) -> Result<RawKind> {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return Err(Error::new(
                pointer,
                "`oneOf` without a `discriminator` is not supported; add `discriminator: {propertyName, mapping}` with one mapping entry per variant",
            ));
        };
        let discriminator_pointer = join(pointer, "discriminator");
        if discriminator.mapping.is_empty() {
            return Err(Error::new(
                join(&discriminator_pointer, "mapping"),
                "the discriminator has no `mapping`; map each tag value to its variant (`secret_text: '#/components/schemas/SecretText'`)",
            ));
        }
        let mut variants = Vec::new();
        for (tag_value, target) in &discriminator.mapping {
            let mapping_pointer = join(&join(&discriminator_pointer, "mapping"), tag_value);
            let Some(name) = ref_name(target, "schemas") else {
                return Err(Error::new(
                    mapping_pointer,
                    format!("mapping target `{target}` must be `#/components/schemas/<Name>`"),
                ));
            };
            let listed = one_of.iter().any(
                |item| matches!(item, ReferenceOr::Reference { reference } if reference == target),
            );
            if !listed {
                return Err(Error::new(
                    mapping_pointer,
                    format!(
                        "mapping target `{target}` is not one of the `oneOf` variants; list it in `oneOf` or fix the mapping"
                    ),
                ));
            }
            let variant_schema = self.component_schema(name, &mapping_pointer)?;
            if !matches!(
                variant_schema.schema_kind,
                SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }
            ) {
                return Err(Error::new(
                    mapping_pointer,
                    format!("variant `{name}` must be an object schema"),
                ));
            }
            let lowered = self.reference(target, &mapping_pointer)?;
            let RawRef::Named(key) = lowered.ty else {
                return Err(Error::new(
                    mapping_pointer,
                    format!("variant `{name}` must be an object schema"),
                ));
            };
            if let Some(raw_type) = self.types.get_mut(&key) {
                raw_type
                    .drop_fields
                    .insert(discriminator.property_name.clone());
            }
            variants.push((tag_value.clone(), key));
        }
        for (index, item) in one_of.iter().enumerate() {
            let item_pointer = join(&join(pointer, "oneOf"), &index.to_string());
            match item {
                ReferenceOr::Reference { reference }
                    if discriminator
                        .mapping
                        .values()
                        .any(|target| target == reference) => {}
                _ => {
                    return Err(Error::new(
                        item_pointer,
                        "every `oneOf` variant must be a `$ref` that the discriminator's `mapping` names",
                    ));
                }
            }
        }
        Ok(RawKind::Union {
            tag: discriminator.property_name.clone(),
            variants,
        })
    }

    /// Lowers an inline schema (or the body of a component schema). `component` is the
    /// component name when the schema is one.
    fn schema(
        &mut self,
        schema: &Schema,
        pointer: &str,
        context: &str,
        component: Option<&str>,
    ) -> Result<Lowered> {
        let data = &schema.schema_data;
        let nullable = data.nullable;
        let sensitive = ext_bool(&data.extensions, "x-sensitive");
        let plain = |ty: TypeRef, constraints: Constraints| Lowered {
            ty: RawRef::Prim(ty),
            constraints,
            nullable,
            sensitive,
        };
        if is_named_kind(schema) {
            if let SchemaKind::AllOf { all_of } = &schema.schema_kind
                && all_of.len() == 1
                && let ReferenceOr::Reference { reference } = &all_of[0]
            {
                let mut lowered = self.reference(reference, &join(pointer, "allOf/0"))?;
                lowered.nullable |= nullable;
                return Ok(lowered);
            }
            let (key, base_name) = match component {
                Some(name) => (name.to_owned(), type_name(name)),
                None => (format!("{context}@{pointer}"), type_name(context)),
            };
            let ty = self.named(key, base_name, component.is_some(), schema, pointer)?;
            return Ok(Lowered {
                ty,
                constraints: Constraints::default(),
                nullable,
                sensitive: false,
            });
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                let constraints = string_constraints(string, &data.extensions);
                let ty = if sensitive {
                    TypeRef::Secret
                } else if matches!(
                    &string.format,
                    VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime)
                ) {
                    TypeRef::Timestamp
                } else {
                    TypeRef::String
                };
                Ok(plain(ty, constraints))
            }
            SchemaKind::Type(Type::Integer(integer)) => Ok(plain(
                TypeRef::Integer,
                Constraints {
                    minimum: integer.minimum.map(|value| value as f64),
                    maximum: integer.maximum.map(|value| value as f64),
                    ..Constraints::default()
                },
            )),
            SchemaKind::Type(Type::Number(number)) => Ok(plain(
                TypeRef::Number,
                Constraints {
                    minimum: number.minimum,
                    maximum: number.maximum,
                    ..Constraints::default()
                },
            )),
            SchemaKind::Type(Type::Boolean(_)) => Ok(plain(TypeRef::Bool, Constraints::default())),
            SchemaKind::Type(Type::Array(array)) => {
                let Some(items) = &array.items else {
                    return Err(Error::new(
                        pointer,
                        "an array schema needs `items`; say what the array holds",
                    ));
                };
                let item = self.schema_ref_boxed(
                    items,
                    &join(pointer, "items"),
                    &format!("{context}Item"),
                )?;
                let item_ty = if item.nullable {
                    RawRef::Nullable(Box::new(item.ty))
                } else {
                    item.ty
                };
                let primitive = match &item_ty {
                    RawRef::Prim(_) => true,
                    RawRef::Nullable(inner) => matches!(**inner, RawRef::Prim(_)),
                    _ => false,
                };
                if !item.constraints.is_empty() && !primitive {
                    return Err(Error::new(
                        join(pointer, "items"),
                        "constraints on nested arrays are not supported",
                    ));
                }
                let mut constraints = item.constraints;
                constraints.min_items = array.min_items.map(|value| value as u64);
                constraints.max_items = array.max_items.map(|value| value as u64);
                Ok(Lowered {
                    ty: RawRef::Vec(Box::new(item_ty)),
                    constraints,
                    nullable,
                    sensitive: false,
                })
            }
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let value = self.schema_ref(
                        values,
                        &join(pointer, "additionalProperties"),
                        &format!("{context}Value"),
                    )?;
                    let value_ty = if value.nullable {
                        RawRef::Nullable(Box::new(value.ty))
                    } else {
                        value.ty
                    };
                    if !value.constraints.is_empty() {
                        return Err(Error::new(
                            join(pointer, "additionalProperties"),
                            "constraints on map values are not supported; put them on a named object schema",
                        ));
                    }
                    Ok(Lowered {
                        ty: RawRef::Map(Box::new(value_ty)),
                        constraints: Constraints::default(),
                        nullable,
                        sensitive: false,
                    })
                }
                _ => Ok(plain(
                    if sensitive {
                        TypeRef::SecretJson
                    } else {
                        TypeRef::Json
                    },
                    Constraints::default(),
                )),
            },
            SchemaKind::Any(any) if is_free_form(any) => Ok(plain(
                if sensitive {
                    TypeRef::SecretJson
                } else {
                    TypeRef::Json
                },
                Constraints::default(),
            )),
            SchemaKind::OneOf { .. } | SchemaKind::AllOf { .. } => Err(Error::new(
                pointer,
                "internal: named kind reached plain lowering",
            )),
            SchemaKind::AnyOf { .. } => Err(Error::new(
                pointer,
                "`anyOf` is not supported; use `oneOf` with a discriminator, or a single schema",
            )),
            SchemaKind::Not { .. } => Err(Error::new(pointer, "`not` is not supported; remove it")),
            SchemaKind::Any(_) => Err(Error::new(
                pointer,
                "unsupported schema shape (keywords that do not belong to one `type`); give the schema a single `type` and only that type's keywords",
            )),
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &str,
        item: &openapiv3::PathItem,
        operation: &openapiv3::Operation,
        pointer: &str,
    ) -> Result<RawOperation> {
        let operation_id = operation.operation_id.clone().unwrap_or_default();
        let context = type_name(&operation_id);
        let mut params: Vec<(Param, RawRef)> = Vec::new();
        let mut raw_params: Vec<(Parameter, String)> = Vec::new();
        for (index, parameter) in item.parameters.iter().enumerate() {
            let parameter_pointer = join(
                &join(&join("#/paths", path), "parameters"),
                &index.to_string(),
            );
            raw_params.push(self.parameter(parameter, &parameter_pointer)?);
        }
        for (index, parameter) in operation.parameters.iter().enumerate() {
            let parameter_pointer = join(&join(pointer, "parameters"), &index.to_string());
            let (parameter, parameter_pointer) = self.parameter(parameter, &parameter_pointer)?;
            let name = parameter.parameter_data_ref().name.clone();
            let same_location = |other: &Parameter| {
                std::mem::discriminant(other) == std::mem::discriminant(&parameter)
                    && other.parameter_data_ref().name == name
            };
            raw_params.retain(|(other, _)| !same_location(other));
            raw_params.push((parameter, parameter_pointer));
        }
        let template = template_params(path);
        let mut path_params: Vec<(Param, RawRef)> = Vec::new();
        let mut query_params: Vec<(Param, RawRef)> = Vec::new();
        let mut names = Namespace::with_reserved(&["body", "client", "options"]);
        for (parameter, parameter_pointer) in &raw_params {
            let (location, data) = match parameter {
                Parameter::Path { parameter_data, .. } => (ParamLocation::Path, parameter_data),
                Parameter::Query { parameter_data, .. } => (ParamLocation::Query, parameter_data),
                Parameter::Header { .. } | Parameter::Cookie { .. } => {
                    return Err(Error::new(
                        parameter_pointer.clone(),
                        "header and cookie parameters are not supported; the runtime sends the headers",
                    ));
                }
            };
            if location == ParamLocation::Path && !template.contains(&data.name.as_str()) {
                return Err(Error::new(
                    parameter_pointer.clone(),
                    format!(
                        "path parameter `{}` does not appear in the path `{path}`; remove it or fix its name",
                        data.name
                    ),
                ));
            }
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                return Err(Error::new(
                    parameter_pointer.clone(),
                    "parameters with `content` are not supported; give the parameter a `schema`",
                ));
            };
            let lowered = self.schema_ref(
                schema,
                &join(parameter_pointer, "schema"),
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
            let url_encoded_flag_for = match data.extensions.get("x-sdk-url-encoded-flag") {
                None => None,
                Some(serde_json::Value::String(target)) => {
                    if !template.contains(&target.as_str())
                        || !matches!(lowered.ty, RawRef::Prim(TypeRef::Bool))
                    {
                        return Err(Error::new(
                            join(parameter_pointer, "x-sdk-url-encoded-flag"),
                            "`x-sdk-url-encoded-flag` must be on a boolean query parameter and name a path parameter of this operation",
                        ));
                    }
                    Some(target.clone())
                }
                Some(_) => {
                    return Err(Error::new(
                        join(parameter_pointer, "x-sdk-url-encoded-flag"),
                        "`x-sdk-url-encoded-flag` must name a path parameter",
                    ));
                }
            };
            let ty = lowered.ty;
            let param = Param {
                api_name: data.name.clone(),
                rust_name: names.claim(field_name(&data.name)),
                location,
                required: data.required || location == ParamLocation::Path,
                ty: TypeRef::Bool,
                docs: doc_lines(data.description.as_deref()),
                constraints: lowered.constraints,
                default,
                url_encoded_flag_for: url_encoded_flag_for.clone(),
            };
            if location == ParamLocation::Path && !data.required {
                return Err(Error::new(
                    parameter_pointer.clone(),
                    "path parameters must have `required: true`",
                ));
            }
            match location {
                ParamLocation::Path => path_params.push((param, ty)),
                ParamLocation::Query => query_params.push((param, ty)),
            }
        }
        for name in &template {
            if !path_params.iter().any(|(param, _)| param.api_name == *name) {
                return Err(Error::new(
                    pointer.to_owned(),
                    format!(
                        "path parameter `{name}` in `{path}` is not declared; add it to `parameters` with `in: path`"
                    ),
                ));
            }
        }
        path_params
            .sort_by_key(|(param, _)| template.iter().position(|name| *name == param.api_name));
        params.extend(path_params);
        params.extend(query_params);

        let body = match &operation.request_body {
            None => None,
            Some(body) => Some(self.body(body, &join(pointer, "requestBody"), &context)?),
        };
        let (result, collection, success_statuses) = self.result(operation, pointer, &context)?;
        let has_query = |name: &str| {
            params
                .iter()
                .any(|(param, _)| param.location == ParamLocation::Query && param.api_name == name)
        };
        let mut result = result;
        let mut paginated = false;
        if has_query("page")
            && has_query("per_page")
            && let Some(RawRef::Vec(item)) = &result
        {
            paginated = true;
            result = Some((**item).clone());
        }
        let _ = collection;
        let http_method = method.to_ascii_uppercase();
        let idempotent = operation
            .extensions
            .get("x-sdk-idempotent")
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(method != "post");
        let permissions = operation
            .extensions
            .get("x-sdk-permissions")
            .and_then(serde_json::Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(serde_json::Value::as_str)
                    .map(|name| name.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        let method_name = operation
            .extensions
            .get("x-sdk-method")
            .and_then(serde_json::Value::as_str)
            .map(field_name)
            .unwrap_or_default();
        let tag = operation.tags.first().cloned().unwrap_or_default();
        let resource = self
            .api
            .tags
            .iter()
            .find(|candidate| candidate.name == tag)
            .and_then(|candidate| candidate.extensions.get("x-sdk-resource"))
            .and_then(serde_json::Value::as_str)
            .map(|path| path.split('.').map(str::to_owned).collect())
            .unwrap_or_default();
        let Some(summary) = operation
            .summary
            .clone()
            .filter(|summary| !summary.trim().is_empty())
        else {
            return Err(Error::new(
                pointer.to_owned(),
                format!(
                    "operation `{operation_id}` has no `summary`; add a one-line summary (it becomes the method's doc comment)"
                ),
            ));
        };
        Ok(RawOperation {
            operation: Operation {
                operation_id,
                rust_name: String::new(),
                method_name,
                http_method,
                path: path.to_owned(),
                pointer: pointer.to_owned(),
                summary: summary.trim().to_owned(),
                description: doc_lines(operation.description.as_deref()),
                tag,
                resource,
                params: Vec::new(),
                body: None,
                result: ResultShape::Unit,
                paginated,
                idempotent,
                success_statuses,
                permissions,
            },
            params,
            body,
            result,
        })
    }

    fn parameter(
        &self,
        parameter: &ReferenceOr<Parameter>,
        pointer: &str,
    ) -> Result<(Parameter, String)> {
        match parameter {
            ReferenceOr::Item(parameter) => Ok((parameter.clone(), pointer.to_owned())),
            ReferenceOr::Reference { reference } => {
                let Some(name) = ref_name(reference, "parameters") else {
                    return Err(unsupported_ref(pointer, reference, "parameters"));
                };
                let target = format!(
                    "#/components/parameters/{}",
                    crate::error::escape_segment(name)
                );
                match self
                    .api
                    .components
                    .as_ref()
                    .and_then(|components| components.parameters.get(name))
                {
                    Some(ReferenceOr::Item(parameter)) => Ok((parameter.clone(), target)),
                    _ => Err(Error::new(
                        join(pointer, "$ref"),
                        format!("parameter `{name}` is not defined in `#/components/parameters`"),
                    )),
                }
            }
        }
    }

    fn body(
        &mut self,
        body: &ReferenceOr<openapiv3::RequestBody>,
        pointer: &str,
        context: &str,
    ) -> Result<(Body, RawRef)> {
        let (body, pointer) = match body {
            ReferenceOr::Item(body) => (body, pointer.to_owned()),
            ReferenceOr::Reference { reference } => {
                let Some(name) = ref_name(reference, "requestBodies") else {
                    return Err(unsupported_ref(pointer, reference, "requestBodies"));
                };
                match self
                    .api
                    .components
                    .as_ref()
                    .and_then(|components| components.request_bodies.get(name))
                {
                    Some(ReferenceOr::Item(body)) => (
                        body,
                        format!(
                            "#/components/requestBodies/{}",
                            crate::error::escape_segment(name)
                        ),
                    ),
                    _ => {
                        return Err(Error::new(
                            join(pointer, "$ref"),
                            format!(
                                "request body `{name}` is not defined in `#/components/requestBodies`"
                            ),
                        ));
                    }
                }
            }
        };
        if body.content.len() != 1 {
            return Err(Error::new(
                join(&pointer, "content"),
                "a request body must have exactly one content type: `application/json` or `application/merge-patch+json`",
            ));
        }
        let Some((content_type, media)) = body.content.first() else {
            return Err(Error::new(
                join(&pointer, "content"),
                "the request body has no content",
            ));
        };
        let encoding = match content_type.as_str() {
            "application/json" => BodyEncoding::Json,
            "application/merge-patch+json" => BodyEncoding::MergePatch,
            other => {
                return Err(Error::new(
                    join(&join(&pointer, "content"), other),
                    format!(
                        "content type `{other}` is not supported; use `application/json` or `application/merge-patch+json`"
                    ),
                ));
            }
        };
        let media_pointer = join(&join(&pointer, "content"), content_type);
        let Some(schema) = &media.schema else {
            return Err(Error::new(
                media_pointer,
                "the request body has no `schema`; add one",
            ));
        };
        let lowered = self.schema_ref(
            schema,
            &join(&media_pointer, "schema"),
            &format!("{context}Body"),
        )?;
        if !lowered.constraints.is_empty()
            && !matches!(lowered.ty, RawRef::Vec(_) | RawRef::Prim(_))
        {
            return Err(Error::new(
                media_pointer,
                "constraints on the body schema are not supported",
            ));
        }
        if lowered.nullable || lowered.sensitive {
            return Err(Error::new(
                join(&media_pointer, "schema"),
                "a request body cannot be nullable or sensitive; mark the properties instead",
            ));
        }
        let ty = lowered.ty;
        let _ = lowered.constraints;
        Ok((
            Body {
                ty: TypeRef::Json,
                required: body.required,
                encoding,
                docs: doc_lines(body.description.as_deref()),
            },
            ty,
        ))
    }

    /// Finds the success result: the type of the envelope's `result`.
    fn result(
        &mut self,
        operation: &openapiv3::Operation,
        pointer: &str,
        context: &str,
    ) -> Result<(Option<RawRef>, bool, Vec<u16>)> {
        let responses_pointer = join(pointer, "responses");
        let mut statuses = Vec::new();
        let mut result: Option<Option<RawRef>> = None;
        let mut collection = false;
        for (status, response) in &operation.responses.responses {
            let StatusCode::Code(code) = status else {
                continue;
            };
            if !(200..300).contains(code) {
                continue;
            }
            statuses.push(*code);
            let response_pointer = join(&responses_pointer, &code.to_string());
            let (response, response_pointer) = match response {
                ReferenceOr::Item(response) => (response, response_pointer),
                ReferenceOr::Reference { reference } => {
                    let Some(name) = ref_name(reference, "responses") else {
                        return Err(unsupported_ref(&response_pointer, reference, "responses"));
                    };
                    match self
                        .api
                        .components
                        .as_ref()
                        .and_then(|components| components.responses.get(name))
                    {
                        Some(ReferenceOr::Item(response)) => (
                            response,
                            format!(
                                "#/components/responses/{}",
                                crate::error::escape_segment(name)
                            ),
                        ),
                        _ => {
                            return Err(Error::new(
                                join(&response_pointer, "$ref"),
                                format!(
                                    "response `{name}` is not defined in `#/components/responses`"
                                ),
                            ));
                        }
                    }
                }
            };
            let Some(media) = response.content.get("application/json") else {
                if result.is_none() && response.content.is_empty() {
                    result = Some(None);
                    continue;
                }
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
            let (found, is_collection) =
                self.envelope(schema, &join(&media_pointer, "schema"), context)?;
            collection |= is_collection;
            match (&result, found) {
                (None, found) | (Some(None), found @ Some(_)) => result = Some(found),
                _ => {}
            }
        }
        if statuses.is_empty() {
            return Err(Error::new(
                responses_pointer,
                "the operation lists no 2xx response; add the success response with the Cloudflare envelope",
            ));
        }
        Ok((result.flatten(), collection, statuses))
    }

    /// Reads the envelope `allOf: [ApiResponseCommon, {properties: {result: ...}}]`.
    fn envelope(
        &mut self,
        schema: &ReferenceOr<Schema>,
        pointer: &str,
        context: &str,
    ) -> Result<(Option<RawRef>, bool)> {
        let (schema, schema_pointer) = match schema {
            ReferenceOr::Item(schema) => (schema, pointer.to_owned()),
            ReferenceOr::Reference { reference } => {
                let Some(name) = ref_name(reference, "schemas") else {
                    return Err(unsupported_ref(pointer, reference, "schemas"));
                };
                (
                    self.component_schema(name, pointer)?,
                    format!(
                        "#/components/schemas/{}",
                        crate::error::escape_segment(name)
                    ),
                )
            }
        };
        let envelope_error = || {
            Error::new(
                schema_pointer.clone(),
                "success responses must use the Cloudflare envelope: `allOf: [{$ref: '#/components/schemas/ApiResponseCommon'}, {type: object, properties: {result: ...}}]`",
            )
        };
        let SchemaKind::AllOf { all_of } = &schema.schema_kind else {
            return Err(envelope_error());
        };
        let mut result_schema: Option<(ReferenceOr<Box<Schema>>, String)> = None;
        let mut collection = false;
        for (index, part) in all_of.iter().enumerate() {
            let part_pointer = join(&join(&schema_pointer, "allOf"), &index.to_string());
            let (part, part_pointer) = match part {
                ReferenceOr::Item(part) => (part, part_pointer),
                ReferenceOr::Reference { reference } => {
                    let Some(name) = ref_name(reference, "schemas") else {
                        return Err(unsupported_ref(&part_pointer, reference, "schemas"));
                    };
                    (
                        self.component_schema(name, &part_pointer)?,
                        format!(
                            "#/components/schemas/{}",
                            crate::error::escape_segment(name)
                        ),
                    )
                }
            };
            if let SchemaKind::Type(Type::Object(object)) = &part.schema_kind {
                if object.properties.contains_key("result_info") {
                    collection = true;
                }
                if let Some(result) = object.properties.get("result") {
                    let result_pointer = join(&join(&part_pointer, "properties"), "result");
                    if result_schema.is_none() || !is_null_result(result) {
                        result_schema = Some((result.clone(), result_pointer));
                    }
                }
            }
        }
        let Some((result, result_pointer)) = result_schema else {
            return Err(envelope_error());
        };
        if is_null_result(&result) {
            return Ok((None, collection));
        }
        let lowered =
            self.schema_ref_boxed(&result, &result_pointer, &format!("{context}Result"))?;
        if !lowered.constraints.is_empty()
            && !matches!(lowered.ty, RawRef::Prim(_) | RawRef::Vec(_))
        {
            return Err(Error::new(
                result_pointer,
                "constraints on the result are not supported",
            ));
        }
        let ty = if lowered.nullable {
            RawRef::Nullable(Box::new(lowered.ty))
        } else {
            lowered.ty
        };
        Ok((Some(ty), collection))
    }

    /// Marks every raw type with the directions it is used in.
    fn mark_directions(&mut self, operations: &[RawOperation]) {
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for operation in operations {
            for (_, ty) in &operation.params {
                request_roots.push(ty.clone());
            }
            if let Some((_, ty)) = &operation.body {
                request_roots.push(ty.clone());
            }
            if let Some(ty) = &operation.result {
                response_roots.push(ty.clone());
            }
        }
        for (roots, request) in [(request_roots, true), (response_roots, false)] {
            let mut stack: Vec<String> = Vec::new();
            for root in &roots {
                collect_named(root, &mut stack);
            }
            while let Some(key) = stack.pop() {
                let Some(raw_type) = self.types.get_mut(&key) else {
                    continue;
                };
                let flag = if request {
                    &mut raw_type.request
                } else {
                    &mut raw_type.response
                };
                if *flag {
                    continue;
                }
                *flag = true;
                match &raw_type.kind {
                    RawKind::Struct { fields, .. } => {
                        for field in fields {
                            let skip = if request {
                                field.read_only
                            } else {
                                field.write_only
                            };
                            if !skip && !raw_type.drop_fields.contains(&field.api_name) {
                                collect_named(&field.ty, &mut stack);
                            }
                        }
                    }
                    RawKind::Union { variants, .. } => {
                        stack.extend(variants.iter().map(|(_, key)| key.clone()));
                    }
                    RawKind::Enum { .. } | RawKind::Pending => {}
                }
            }
        }
    }

    /// Decides which types split into a response shape and an `Input` request shape.
    fn decide_splits(&mut self) {
        for raw_type in self.types.values_mut() {
            if let RawKind::Struct { fields, .. } = &raw_type.kind {
                raw_type.split = raw_type.request
                    && raw_type.response
                    && fields.iter().any(|field| {
                        field.read_only || field.write_only || field.optional_in_response
                    });
            }
        }
        loop {
            let mut changed = Vec::new();
            for (key, raw_type) in &self.types {
                if raw_type.split || !(raw_type.request && raw_type.response) {
                    continue;
                }
                let mut referenced = Vec::new();
                match &raw_type.kind {
                    RawKind::Struct { fields, .. } => {
                        for field in fields {
                            collect_named(&field.ty, &mut referenced);
                        }
                    }
                    RawKind::Union { variants, .. } => {
                        referenced.extend(variants.iter().map(|(_, key)| key.clone()));
                    }
                    RawKind::Enum { .. } | RawKind::Pending => {}
                }
                if referenced
                    .iter()
                    .any(|other| self.types.get(other).is_some_and(|other| other.split))
                {
                    changed.push(key.clone());
                }
            }
            if changed.is_empty() {
                break;
            }
            for key in changed {
                if let Some(raw_type) = self.types.get_mut(&key) {
                    raw_type.split = true;
                }
            }
        }
    }

    /// Claims every Rust name: ids first, then component types, then inline types.
    fn claim_names(&mut self) -> Names {
        let mut namespace = Namespace::new();
        for id in self.ids.values_mut() {
            id.rust_name = namespace.claim(type_name(&id.api_name));
        }
        let mut order: Vec<&String> = self.types.keys().collect();
        order.sort_by_key(|key| (!self.types[*key].component, (*key).clone()));
        let mut names = Names::default();
        for key in order {
            let raw_type = &self.types[key];
            if !raw_type.request && !raw_type.response {
                continue;
            }
            let base = namespace.claim(raw_type.base_name.clone());
            if raw_type.split {
                let input = namespace.claim(format!("{base}Input"));
                names.input.insert(key.clone(), input);
            }
            names.base.insert(key.clone(), base);
        }
        names.ids = self
            .ids
            .iter()
            .map(|(key, id)| (key.clone(), id.rust_name.clone()))
            .collect();
        names
    }

    fn build_types(&self, names: &Names) -> Result<BTreeMap<String, TypeDef>> {
        let mut types = BTreeMap::new();
        for (key, raw_type) in &self.types {
            let Some(base) = names.base.get(key) else {
                continue;
            };
            let shapes: Vec<(String, Side, Direction)> = if raw_type.split {
                vec![
                    (base.clone(), Side::Response, Direction::Response),
                    (names.input[key].clone(), Side::Request, Direction::Request),
                ]
            } else if raw_type.request && raw_type.response {
                vec![(base.clone(), Side::Request, Direction::Both)]
            } else if raw_type.request {
                vec![(base.clone(), Side::Request, Direction::Request)]
            } else {
                vec![(base.clone(), Side::Response, Direction::Response)]
            };
            for (rust_name, side, direction) in shapes {
                let kind = match &raw_type.kind {
                    RawKind::Pending => {
                        return Err(Error::new(
                            raw_type.pointer.clone(),
                            "internal: unresolved schema",
                        ));
                    }
                    RawKind::Enum { values, extensible } => {
                        let mut variants = Namespace::with_reserved(&["Unknown", "Other"]);
                        TypeKind::Enum {
                            values: values
                                .iter()
                                .map(|value| EnumValue {
                                    api_name: value.clone(),
                                    rust_name: variants.claim(variant_name(value)),
                                })
                                .collect(),
                            openness: if *extensible {
                                Openness::Extensible
                            } else if raw_type.response {
                                Openness::OpenUnknown
                            } else {
                                Openness::Closed
                            },
                        }
                    }
                    RawKind::Struct {
                        fields,
                        required_when,
                    } => {
                        let mut field_names = Namespace::new();
                        let fields = fields
                            .iter()
                            .filter(|field| !raw_type.drop_fields.contains(&field.api_name))
                            .filter(|field| match direction {
                                Direction::Request => !field.read_only,
                                Direction::Response => !field.write_only,
                                Direction::Both => true,
                            })
                            .map(|field| Field {
                                api_name: field.api_name.clone(),
                                rust_name: field_names.claim(field_name(&field.api_name)),
                                ty: resolve(&field.ty, side, names, &self.types),
                                required: field.required
                                    && !(direction == Direction::Response
                                        && field.optional_in_response),
                                nullable: field.nullable,
                                docs: field.docs.clone(),
                                constraints: field.constraints.clone(),
                                sensitive: field.sensitive,
                            })
                            .collect();
                        TypeKind::Struct {
                            fields,
                            direction,
                            required_when: if direction.is_request() {
                                required_when.clone()
                            } else {
                                Vec::new()
                            },
                        }
                    }
                    RawKind::Union { tag, variants } => {
                        let tags: Vec<&str> =
                            variants.iter().map(|(tag, _)| tag.as_str()).collect();
                        let prefix = common_prefix(&tags);
                        let mut variant_names = Namespace::new();
                        let mut constructors = Namespace::with_reserved(&["validate", "new"]);
                        TypeKind::Union {
                            tag: tag.clone(),
                            variants: variants
                                .iter()
                                .map(|(tag_value, variant_key)| UnionVariant {
                                    tag_value: tag_value.clone(),
                                    rust_name: variant_names.claim(variant_name(tag_value)),
                                    type_name: resolve_named(variant_key, side, names, &self.types),
                                    constructor: constructors
                                        .claim(field_name(&tag_value[prefix..])),
                                })
                                .collect(),
                            direction,
                        }
                    }
                };
                types.insert(
                    rust_name.clone(),
                    TypeDef {
                        rust_name,
                        api_name: raw_type
                            .api_name
                            .split('@')
                            .next()
                            .unwrap_or_default()
                            .to_owned(),
                        pointer: raw_type.pointer.clone(),
                        docs: raw_type.docs.clone(),
                        kind,
                    },
                );
            }
        }
        Ok(types)
    }
}

/// Reads `x-sdk-optional-in-response` (a list of required property names) and marks those
/// fields: the request shape keeps them required, the response shape makes them optional.
fn mark_optional_in_response(
    schema: &Schema,
    fields: &mut [RawField],
    pointer: &str,
) -> Result<()> {
    let Some(names) = schema
        .schema_data
        .extensions
        .get("x-sdk-optional-in-response")
    else {
        return Ok(());
    };
    let list_pointer = join(pointer, "x-sdk-optional-in-response");
    let Some(names) = names.as_array() else {
        return Err(Error::new(
            list_pointer,
            "`x-sdk-optional-in-response` must be a list of property names, for example `[algorithm, format]`",
        ));
    };
    for (index, name) in names.iter().enumerate() {
        let entry_pointer = join(&list_pointer, &index.to_string());
        let Some(name) = name.as_str() else {
            return Err(Error::new(
                entry_pointer,
                "`x-sdk-optional-in-response` must be a list of property names, for example `[algorithm, format]`",
            ));
        };
        let Some(field) = fields.iter_mut().find(|field| field.api_name == name) else {
            return Err(Error::new(
                entry_pointer,
                format!("`{name}` is not a property of this schema; list only its properties"),
            ));
        };
        if !field.required {
            return Err(Error::new(
                entry_pointer,
                format!(
                    "`{name}` is not in `required`, so it is optional both ways already; remove it from `x-sdk-optional-in-response` or add it to `required`"
                ),
            ));
        }
        field.optional_in_response = true;
    }
    Ok(())
}

/// The length of the longest prefix ending in `_` that all tags share, when every tag is
/// longer than it (`secret_text`, `secret_key` share `secret_`).
fn common_prefix(tags: &[&str]) -> usize {
    let Some(first) = tags.first() else {
        return 0;
    };
    let mut best = 0;
    for (index, character) in first.char_indices() {
        if character != '_' {
            continue;
        }
        let prefix = &first[..=index];
        if tags
            .iter()
            .all(|tag| tag.starts_with(prefix) && tag.len() > prefix.len())
        {
            best = index + 1;
        }
    }
    if tags.len() < 2 { 0 } else { best }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Side {
    Request,
    Response,
}

#[derive(Default)]
struct Names {
    base: BTreeMap<String, String>,
    input: BTreeMap<String, String>,
    ids: BTreeMap<String, String>,
}

fn resolve_named(
    key: &str,
    side: Side,
    names: &Names,
    types: &BTreeMap<String, RawType>,
) -> String {
    let split = types.get(key).is_some_and(|raw_type| raw_type.split);
    if split && side == Side::Request {
        names.input.get(key).cloned().unwrap_or_default()
    } else {
        names.base.get(key).cloned().unwrap_or_default()
    }
}

fn resolve(ty: &RawRef, side: Side, names: &Names, types: &BTreeMap<String, RawType>) -> TypeRef {
    match ty {
        RawRef::Prim(ty) => ty.clone(),
        RawRef::Id(key) => TypeRef::Id(names.ids.get(key).cloned().unwrap_or_default()),
        RawRef::Named(key) => TypeRef::Named(resolve_named(key, side, names, types)),
        RawRef::Vec(inner) => TypeRef::Vec(Box::new(resolve(inner, side, names, types))),
        RawRef::Map(inner) => TypeRef::Map(Box::new(resolve(inner, side, names, types))),
        RawRef::Nullable(inner) => TypeRef::Nullable(Box::new(resolve(inner, side, names, types))),
    }
}

fn collect_named(ty: &RawRef, out: &mut Vec<String>) {
    match ty {
        RawRef::Named(key) => out.push(key.clone()),
        RawRef::Vec(inner) | RawRef::Map(inner) | RawRef::Nullable(inner) => {
            collect_named(inner, out)
        }
        RawRef::Prim(_) | RawRef::Id(_) => {}
    }
}

/// Whether a schema becomes a named type (an object with properties, a string enum, a union,
/// an `allOf`).
fn is_named_kind(schema: &Schema) -> bool {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
        SchemaKind::OneOf { .. } | SchemaKind::AllOf { .. } => true,
        _ => false,
    }
}

fn is_free_form(any: &openapiv3::AnySchema) -> bool {
    let typ_ok = matches!(any.typ.as_deref(), None | Some("object"));
    typ_ok
        && any.pattern.is_none()
        && any.properties.is_empty()
        && any.items.is_none()
        && any.enumeration.is_empty()
        && any.one_of.is_empty()
        && any.all_of.is_empty()
        && any.any_of.is_empty()
        && any.not.is_none()
        && any.minimum.is_none()
        && any.maximum.is_none()
        && any.format.is_none()
}

/// Whether the envelope's `result` says "no result": `x-sdk-null-result: true`.
fn is_null_result(schema: &ReferenceOr<Box<Schema>>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => ext_bool(&schema.schema_data.extensions, "x-sdk-null-result"),
        ReferenceOr::Reference { .. } => false,
    }
}

fn string_constraints(
    string: &openapiv3::StringType,
    extensions: &IndexMap<String, serde_json::Value>,
) -> Constraints {
    Constraints {
        min_length: string.min_length.map(|value| value as u64),
        max_length: string.max_length.map(|value| value as u64),
        max_bytes: ext_u64(extensions, "x-sdk-max-bytes"),
        pattern: string.pattern.clone(),
        ..Constraints::default()
    }
}

/// Builds the resource tree from the operations' resource paths.
fn build_resources(api: &OpenAPI, operations: &[Operation]) -> Result<ResourceTree> {
    let mut tree = ResourceTree::default();
    let mut struct_names = Namespace::new();
    for (index, operation) in operations.iter().enumerate() {
        let mut level = &mut tree.roots;
        let mut path: Vec<String> = Vec::new();
        for segment in &operation.resource {
            path.push(segment.clone());
            let entry = level.entry(segment.clone()).or_insert_with(|| Resource {
                api_name: segment.clone(),
                method_name: field_name(segment),
                rust_name: struct_names.claim(type_name(&path.join(" "))),
                docs: Vec::new(),
                children: BTreeMap::new(),
                operations: Vec::new(),
            });
            let current = entry;
            if path.len() == operation.resource.len() {
                if current.docs.is_empty() {
                    let tag = api.tags.iter().find(|tag| tag.name == operation.tag);
                    current.docs = doc_lines(tag.and_then(|tag| tag.description.as_deref()));
                }
                current.operations.push(index);
                break;
            }
            level = &mut current.children;
        }
    }
    check_resource_names(&tree.roots, operations)?;
    Ok(tree)
}

fn check_resource_names(
    level: &BTreeMap<String, Resource>,
    operations: &[Operation],
) -> Result<()> {
    for resource in level.values() {
        let mut taken: BTreeMap<&str, String> = resource
            .children
            .values()
            .map(|child| {
                (
                    child.method_name.as_str(),
                    format!("child resource `{}`", child.api_name),
                )
            })
            .collect();
        for index in &resource.operations {
            let operation = &operations[*index];
            if let Some(other) = taken.insert(
                operation.method_name.as_str(),
                format!("operation `{}`", operation.operation_id),
            ) {
                return Err(Error::new(
                    join(&operation.pointer, "x-sdk-method"),
                    format!(
                        "method `{}` is already used on this resource by {other}; choose another `x-sdk-method`",
                        operation.method_name
                    ),
                ));
            }
        }
        check_resource_names(&resource.children, operations)?;
    }
    Ok(())
}

/// The named types a value of `ty` contains inline (not behind a `Vec` or a map, which would
/// give the type a finite size).
fn direct_names<'t>(ty: &'t TypeRef, out: &mut Vec<&'t str>) {
    match ty {
        TypeRef::Named(name) => out.push(name),
        TypeRef::Nullable(inner) => direct_names(inner, out),
        _ => {}
    }
}

/// Rejects a type that contains itself without an array or a map in between: Rust would need
/// a `Box` there, which the generator does not emit.
fn check_direct_recursion(types: &BTreeMap<String, TypeDef>) -> Result<()> {
    let edges = |def: &TypeDef| -> Vec<String> {
        let mut out = Vec::new();
        match &def.kind {
            TypeKind::Struct { fields, .. } => {
                for field in fields {
                    direct_names(&field.ty, &mut out);
                }
            }
            TypeKind::Union { variants, .. } => {
                out.extend(variants.iter().map(|variant| variant.type_name.as_str()));
            }
            TypeKind::Enum { .. } => {}
        }
        out.into_iter().map(str::to_owned).collect()
    };
    for (name, def) in types {
        let mut seen = BTreeSet::new();
        let mut stack = edges(def);
        while let Some(next) = stack.pop() {
            if &next == name {
                return Err(Error::new(
                    def.pointer.clone(),
                    format!(
                        "`{}` contains itself without an array or a map in between, which the generator does not support; make the recursive property an array or break the cycle",
                        def.api_name
                    ),
                ));
            }
            if seen.insert(next.clone())
                && let Some(target) = types.get(&next)
            {
                stack.extend(edges(target));
            }
        }
    }
    Ok(())
}
