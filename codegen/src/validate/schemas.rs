//! Checks every schema an operation reaches, in the order lowering will visit it, and rejects
//! what the generator cannot lower, with the place in the spec and what to do.
//!
//! The walk starts at the parameters, request bodies and success results of each operation
//! ([`super::operations`]) and follows `$ref`s into `components/schemas`, checking each named
//! component once. Unused components are not judged. For each use of a schema the walk returns
//! [`Facts`]: the little that the place using it needs to know (is it a boolean, an array, a
//! named type; is it nullable, sensitive, constrained). Lowering computes the same things again
//! from the same rules, without error paths.

use std::collections::{BTreeMap, BTreeSet};

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type, VariantOrUnknownOrEmpty,
};

use super::components::join;
use super::components::{self, Lookup, referenced_name};
use super::extensions;
use crate::error::{Error, Result};

/// Reads a boolean extension (`x-sensitive: true`); absent or not a boolean is `false`.
pub fn ext_bool(extensions: &IndexMap<String, serde_json::Value>, key: &str) -> bool {
    extensions
        .get(key)
        .and_then(serde_json::Value::as_bool)
        .unwrap_or(false)
}

/// Reads a non-negative integer extension (`x-sdk-max-bytes: 65536`).
pub fn ext_u64(extensions: &IndexMap<String, serde_json::Value>, key: &str) -> Option<u64> {
    extensions.get(key).and_then(serde_json::Value::as_u64)
}

/// The reference inside a nullable-reference wrapper, `allOf: [{$ref: ...}]` with one entry.
pub fn wrapped_reference(schema: &Schema) -> Option<&str> {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => match &all_of[0] {
            ReferenceOr::Reference { reference } => Some(reference),
            ReferenceOr::Item(_) => None,
        },
        _ => None,
    }
}

/// Whether a schema becomes a named type: an object with properties, a string enum, a union,
/// or an `allOf` (other than the one-reference wrapper, which stands for its target).
pub fn is_named_kind(schema: &Schema) -> bool {
    if wrapped_reference(schema).is_some() {
        return false;
    }
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => !string.enumeration.is_empty(),
        SchemaKind::Type(Type::Object(object)) => !object.properties.is_empty(),
        SchemaKind::OneOf { .. } | SchemaKind::AllOf { .. } => true,
        _ => false,
    }
}

/// Whether a schema without `type` is free-form JSON (`{}` or `type: object` alone).
pub fn is_free_form(any: &openapiv3::AnySchema) -> bool {
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
pub fn is_null_result(schema: &ReferenceOr<Box<Schema>>) -> bool {
    match schema {
        ReferenceOr::Item(schema) => ext_bool(&schema.schema_data.extensions, "x-sdk-null-result"),
        ReferenceOr::Reference { .. } => false,
    }
}

/// The error for a `$ref` that points outside the section a place needs.
pub fn unsupported_ref(pointer: &str, reference: &str, section: &str) -> Error {
    Error::new(
        join(pointer, "$ref"),
        format!(
            "`{reference}` must point into `#/components/{section}/`; move the definition there"
        ),
    )
}

/// Looks up a `$ref` into `components/schemas`, with the errors for each way it can fail.
pub fn component<'a>(
    api: &'a OpenAPI,
    reference: &str,
    pointer: &str,
) -> Result<(&'a str, &'a Schema)> {
    match components::schema(api, reference) {
        Lookup::Found(component) => Ok((component.name, component.item)),
        Lookup::OutsideSection => Err(unsupported_ref(pointer, reference, "schemas")),
        Lookup::OnlyReference => Err(Error::new(
            format!(
                "#/components/schemas/{}",
                crate::error::escape_segment(referenced_name(reference, "schemas"))
            ),
            "a component schema that is only a `$ref` is not supported; reference the target directly",
        )),
        Lookup::Missing => Err(Error::new(
            join(pointer, "$ref"),
            format!(
                "schema `{}` is not defined in `#/components/schemas`; define it or fix the reference",
                referenced_name(reference, "schemas")
            ),
        )),
    }
}

/// The properties an `allOf` at `pointer` declares, and the names its parts list in `required`.
///
/// The parts are walked in order, following `$ref`s and nested `allOf`s; a property replaces an
/// earlier one of the same name. Validation reports the errors; lowering, which only meets
/// validated specs, treats any error as an internal one.
pub fn merge_all_of<'a>(
    api: &'a OpenAPI,
    all_of: &'a [ReferenceOr<Schema>],
    pointer: &str,
) -> Result<(Vec<DeclaredProperty<'a>>, Vec<&'a str>)> {
    let mut properties = Vec::new();
    let mut required = Vec::new();
    collect_all_of(api, all_of, pointer, &mut properties, &mut required)?;
    Ok((properties, required))
}

/// Adds the properties and `required` names of every part of `all_of` to those collected so far.
fn collect_all_of<'a>(
    api: &'a OpenAPI,
    all_of: &'a [ReferenceOr<Schema>],
    pointer: &str,
    properties: &mut Vec<DeclaredProperty<'a>>,
    required: &mut Vec<&'a str>,
) -> Result<()> {
    for (index, part) in all_of.iter().enumerate() {
        let part_pointer = join(&join(pointer, "allOf"), &index.to_string());
        let (schema, schema_pointer) = match part {
            ReferenceOr::Reference { reference } => {
                let (name, schema) = component(api, reference, &part_pointer)?;
                (schema, join("#/components/schemas", name))
            }
            ReferenceOr::Item(schema) => (schema, part_pointer.clone()),
        };
        match &schema.schema_kind {
            SchemaKind::Type(Type::Object(object)) => {
                for (name, property) in &object.properties {
                    let property_pointer = join(&join(&schema_pointer, "properties"), name);
                    properties.retain(|(existing, _, _)| existing != name);
                    properties.push((name, property, property_pointer));
                }
                required.extend(object.required.iter().map(String::as_str));
            }
            SchemaKind::AllOf { all_of } => {
                collect_all_of(api, all_of, &schema_pointer, properties, required)?;
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

/// What the place that uses a schema needs to know about it.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    /// What the schema lowers to.
    pub kind: Kind<'a>,
    /// Whether it carries constraints (`maxLength`, `minimum`, `minItems`, ...).
    pub constrained: bool,
    /// `nullable: true` (on the schema, or on the wrapper around a reference).
    pub nullable: bool,
    /// `x-sensitive: true` on a schema that lowers to a plain value.
    pub sensitive: bool,
    /// `readOnly: true` where the property is declared (or on the schema it references).
    pub read_only: bool,
    /// `writeOnly: true`, likewise.
    pub write_only: bool,
}

impl Facts<'_> {
    /// Whether a value of this kind can go into a path segment or a query value: a string, a
    /// number, a boolean, an id or a string enum (not nullable inside an array).
    pub fn is_displayable(&self) -> bool {
        match &self.kind {
            Kind::Text | Kind::Number | Kind::Boolean | Kind::Id => true,
            Kind::Named { schema, .. } => matches!(
                &schema.schema_kind,
                SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty()
            ),
            Kind::Other | Kind::Array { .. } | Kind::Map => false,
        }
    }
}

/// What a schema lowers to, as far as validation cares.
#[derive(Clone, Debug)]
pub enum Kind<'a> {
    /// `bool`.
    Boolean,
    /// A plain string (not sensitive, not a timestamp).
    Text,
    /// An integer or a number.
    Number,
    /// Another plain value: a secret string, a timestamp, free-form JSON.
    Other,
    /// An array of `item`.
    Array { item: Box<Facts<'a>> },
    /// A map (`additionalProperties`).
    Map,
    /// An identifier newtype (`x-sdk-id`).
    Id,
    /// A named type: `node` in the containment graph, `schema` its definition.
    Named { node: usize, schema: &'a Schema },
}

/// A named schema in the graph of which named types contain which others directly (not
/// through an array or a map), to reject types that would contain themselves.
struct Node {
    name: String,
    pointer: String,
    contains: Vec<usize>,
}

/// A property as declared: its name, its schema, and where it is.
pub type DeclaredProperty<'a> = (&'a str, &'a ReferenceOr<Box<Schema>>, String);

/// A property of an object schema, as the checks of `required` and the `x-sdk-*` lists see it.
pub struct Property<'a> {
    /// The property's name.
    pub name: &'a str,
    /// Listed in `required`.
    pub required: bool,
    /// What the property's schema lowers to.
    pub facts: Facts<'a>,
}

/// The schema walk. Keeps which named components were checked and the containment graph.
pub struct Schemas<'a> {
    api: &'a OpenAPI,
    /// Named component schemas already reached, and their node.
    named: BTreeMap<&'a str, usize>,
    /// Components that stand for another schema (aliases), being followed now.
    resolving: BTreeSet<&'a str>,
    nodes: Vec<Node>,
}

impl<'a> Schemas<'a> {
    /// Starts a walk over `api`.
    pub fn new(api: &'a OpenAPI) -> Self {
        Schemas {
            api,
            named: BTreeMap::new(),
            resolving: BTreeSet::new(),
            nodes: Vec::new(),
        }
    }

    /// Checks a schema or reference used at `pointer`.
    pub fn check_use(
        &mut self,
        schema: &'a ReferenceOr<Schema>,
        pointer: &str,
    ) -> Result<Facts<'a>> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer),
        }
    }

    /// Checks a boxed schema or reference (properties, items) used at `pointer`.
    pub fn check_boxed_use(
        &mut self,
        schema: &'a ReferenceOr<Box<Schema>>,
        pointer: &str,
    ) -> Result<Facts<'a>> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema, pointer),
        }
    }

    /// Looks up a `$ref` into `components/schemas`, with the errors for each way it can fail.
    pub fn component(&self, reference: &str, pointer: &str) -> Result<(&'a str, &'a Schema)> {
        component(self.api, reference, pointer)
    }

    fn reference(&mut self, reference: &str, pointer: &str) -> Result<Facts<'a>> {
        let (name, schema) = self.component(reference, pointer)?;
        let target = || join("#/components/schemas", name);
        let data = &schema.schema_data;
        if ext_bool(&data.extensions, "x-sdk-id") {
            if !matches!(schema.schema_kind, SchemaKind::Type(Type::String(_))) {
                return Err(Error::new(
                    target(),
                    "`x-sdk-id: true` is only supported on `type: string` schemas",
                ));
            }
            return Ok(Facts {
                kind: Kind::Id,
                constrained: false,
                nullable: data.nullable,
                sensitive: false,
                read_only: data.read_only,
                write_only: data.write_only,
            });
        }
        if is_named_kind(schema) {
            let node = match self.named.get(name) {
                Some(node) => *node,
                None => {
                    let target = target();
                    let node = self.node(name.to_owned(), &target);
                    self.named.insert(name, node);
                    self.named_body(schema, &target, node)?;
                    node
                }
            };
            return Ok(Facts {
                kind: Kind::Named { node, schema },
                constrained: false,
                nullable: data.nullable,
                sensitive: false,
                read_only: data.read_only,
                write_only: data.write_only,
            });
        }
        let target = target();
        if !self.resolving.insert(name) {
            return Err(Error::new(
                target,
                "this schema refers to itself without an object in between; break the cycle",
            ));
        }
        let facts = self.schema(schema, &target);
        self.resolving.remove(name);
        facts
    }

    fn node(&mut self, name: String, pointer: &str) -> usize {
        self.nodes.push(Node {
            name,
            pointer: pointer.to_owned(),
            contains: Vec::new(),
        });
        self.nodes.len() - 1
    }

    /// Checks an inline schema, or the body of a component that stands for another schema.
    fn schema(&mut self, schema: &'a Schema, pointer: &str) -> Result<Facts<'a>> {
        let data = &schema.schema_data;
        let plain = |kind: Kind<'a>, constrained: bool| Facts {
            kind,
            constrained,
            nullable: data.nullable,
            sensitive: ext_bool(&data.extensions, "x-sensitive"),
            read_only: data.read_only,
            write_only: data.write_only,
        };
        if let Some(reference) = wrapped_reference(schema) {
            let inner = self.reference(reference, &join(&join(pointer, "allOf"), "0"))?;
            return Ok(Facts {
                nullable: inner.nullable || data.nullable,
                read_only: data.read_only,
                write_only: data.write_only,
                ..inner
            });
        }
        if is_named_kind(schema) {
            let name = pointer.rsplit('/').next().unwrap_or_default().to_owned();
            let node = self.node(name, pointer);
            self.named_body(schema, pointer, node)?;
            return Ok(Facts {
                sensitive: false,
                ..plain(Kind::Named { node, schema }, false)
            });
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => Ok(plain(
                if ext_bool(&data.extensions, "x-sensitive")
                    || matches!(
                        &string.format,
                        VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::DateTime)
                    )
                {
                    Kind::Other
                } else {
                    Kind::Text
                },
                string.min_length.is_some()
                    || string.max_length.is_some()
                    || string.pattern.is_some()
                    || ext_u64(&data.extensions, "x-sdk-max-bytes").is_some(),
            )),
            SchemaKind::Type(Type::Integer(integer)) => Ok(plain(
                Kind::Number,
                integer.minimum.is_some() || integer.maximum.is_some(),
            )),
            SchemaKind::Type(Type::Number(number)) => Ok(plain(
                Kind::Number,
                number.minimum.is_some() || number.maximum.is_some(),
            )),
            SchemaKind::Type(Type::Boolean(_)) => Ok(plain(Kind::Boolean, false)),
            SchemaKind::Type(Type::Array(array)) => {
                let Some(items) = &array.items else {
                    return Err(Error::new(
                        pointer,
                        "an array schema needs `items`; say what the array holds",
                    ));
                };
                let items_pointer = join(pointer, "items");
                let item = self.check_boxed_use(items, &items_pointer)?;
                if item.constrained && matches!(item.kind, Kind::Array { .. }) {
                    return Err(Error::new(
                        items_pointer,
                        "constraints on nested arrays are not supported",
                    ));
                }
                let constrained =
                    item.constrained || array.min_items.is_some() || array.max_items.is_some();
                Ok(Facts {
                    sensitive: false,
                    ..plain(
                        Kind::Array {
                            item: Box::new(item),
                        },
                        constrained,
                    )
                })
            }
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let values_pointer = join(pointer, "additionalProperties");
                    let value = self.check_use(values, &values_pointer)?;
                    if value.constrained {
                        return Err(Error::new(
                            values_pointer,
                            "constraints on map values are not supported; put them on a named object schema",
                        ));
                    }
                    Ok(Facts {
                        sensitive: false,
                        ..plain(Kind::Map, false)
                    })
                }
                _ => Ok(plain(Kind::Other, false)),
            },
            SchemaKind::Any(any) if is_free_form(any) => Ok(plain(Kind::Other, false)),
            SchemaKind::AnyOf { .. } => Err(Error::new(
                pointer,
                "`anyOf` is not supported; use `oneOf` with a discriminator, or a single schema",
            )),
            SchemaKind::Not { .. } => Err(Error::new(pointer, "`not` is not supported; remove it")),
            SchemaKind::OneOf { .. } | SchemaKind::AllOf { .. } | SchemaKind::Any(_) => {
                Err(Error::new(
                    pointer,
                    "unsupported schema shape (keywords that do not belong to one `type`); give the schema a single `type` and only that type's keywords",
                ))
            }
        }
    }

    /// Checks the body of a named schema (`node` in the containment graph).
    fn named_body(&mut self, schema: &'a Schema, pointer: &str, node: usize) -> Result<()> {
        let (properties, required): (Vec<DeclaredProperty<'a>>, _) = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                for (index, value) in string.enumeration.iter().enumerate() {
                    if value.is_none() && !schema.schema_data.nullable {
                        return Err(Error::new(
                            join(&join(pointer, "enum"), &index.to_string()),
                            "`null` in an enum needs `nullable: true` on the schema",
                        ));
                    }
                }
                return Ok(());
            }
            SchemaKind::OneOf { one_of } => return self.union(schema, one_of, pointer, node),
            SchemaKind::Type(Type::Object(object)) => {
                for name in &object.required {
                    if !object.properties.contains_key(name) {
                        return Err(Error::new(
                            join(pointer, "required"),
                            format!(
                                "`{name}` is listed in `required` but is not a property; add the property or remove it from `required`"
                            ),
                        ));
                    }
                }
                let properties_pointer = join(pointer, "properties");
                let properties = object
                    .properties
                    .iter()
                    .map(|(name, property)| {
                        (name.as_str(), property, join(&properties_pointer, name))
                    })
                    .collect();
                let required: Vec<&'a str> = object.required.iter().map(String::as_str).collect();
                (properties, required)
            }
            SchemaKind::AllOf { all_of } => merge_all_of(self.api, all_of, pointer)?,
            _ => return Ok(()),
        };
        let mut checked = Vec::with_capacity(properties.len());
        for (name, property, property_pointer) in &properties {
            let facts = self.check_boxed_use(property, property_pointer)?;
            if facts.read_only && facts.write_only {
                return Err(Error::new(
                    property_pointer.clone(),
                    "a property cannot be both `readOnly` and `writeOnly`; keep one",
                ));
            }
            if let Kind::Named {
                node: contained, ..
            } = facts.kind
            {
                self.nodes[node].contains.push(contained);
            }
            checked.push(Property {
                name,
                required: required.contains(name),
                facts,
            });
        }
        extensions::check_optional_in_response(schema, &checked, pointer)?;
        extensions::check_required_when(schema, &checked, pointer)?;
        extensions::check_extra_validate(schema, pointer)
    }

    /// Checks a `oneOf` with a discriminator whose mapping names each variant.
    fn union(
        &mut self,
        schema: &'a Schema,
        one_of: &'a [ReferenceOr<Schema>],
        pointer: &str,
        node: usize,
    ) -> Result<()> {
        extensions::check_lenient_union(schema, pointer)?;
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
        for (tag_value, target) in &discriminator.mapping {
            let mapping_pointer = join(&join(&discriminator_pointer, "mapping"), tag_value);
            if matches!(components::schema(self.api, target), Lookup::OutsideSection) {
                return Err(Error::new(
                    mapping_pointer,
                    format!("mapping target `{target}` must be `#/components/schemas/<Name>`"),
                ));
            }
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
            let (name, variant) = self.component(target, &mapping_pointer)?;
            let variant_error = || {
                Error::new(
                    mapping_pointer.clone(),
                    format!("variant `{name}` must be an object schema"),
                )
            };
            if !matches!(
                variant.schema_kind,
                SchemaKind::Type(Type::Object(_)) | SchemaKind::AllOf { .. }
            ) {
                return Err(variant_error());
            }
            match self.reference(target, &mapping_pointer)?.kind {
                Kind::Named {
                    node: contained, ..
                } => self.nodes[node].contains.push(contained),
                _ => return Err(variant_error()),
            }
        }
        for (index, item) in one_of.iter().enumerate() {
            match item {
                ReferenceOr::Reference { reference }
                    if discriminator
                        .mapping
                        .values()
                        .any(|target| target == reference) => {}
                _ => {
                    return Err(Error::new(
                        join(&join(pointer, "oneOf"), &index.to_string()),
                        "every `oneOf` variant must be a `$ref` that the discriminator's `mapping` names",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Rejects a named type that contains itself without an array or a map in between: Rust
    /// would need a `Box` there, which the generator does not emit. Call after the walk.
    pub fn check_containment(&self) -> Result<()> {
        // `seen[n] == start + 1` marks node `n` as visited from `start`: one array for all walks.
        let mut seen = vec![0usize; self.nodes.len()];
        let mut stack: Vec<usize> = Vec::new();
        for (start, node) in self.nodes.iter().enumerate() {
            stack.clear();
            stack.extend(&node.contains);
            while let Some(next) = stack.pop() {
                if next == start {
                    let name = &node.name;
                    return Err(Error::new(
                        node.pointer.clone(),
                        format!(
                            "`{name}` contains itself without an array or a map in between, which the generator does not support; make the recursive property an array or break the cycle"
                        ),
                    ));
                }
                if seen[next] != start + 1 {
                    seen[next] = start + 1;
                    stack.extend(&self.nodes[next].contains);
                }
            }
        }
        Ok(())
    }
}
