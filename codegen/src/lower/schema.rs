//! Schemas to raw types, properties to [`RawField`]s: each schema use is lowered here, and each
//! named schema (an object with properties, a string enum, a union, an `allOf`) becomes one raw
//! type the first time it is reached. A property is lowered exactly once, by [`Lowerer::field`];
//! its `readOnly`, `writeOnly` and description come from the lowered use, so no `$ref` is
//! followed twice.

use std::borrow::Borrow;

use openapiv3::{
    AdditionalProperties, ReferenceOr, Schema, SchemaKind, StringType, Type,
    VariantOrUnknownOrEmpty,
};

use super::{
    IdIndex, Lowered, Lowerer, RawField, RawId, RawKind, RawRef, RawType, TypeIndex, doc_lines,
    unexpected,
};
use crate::error::Result;
use crate::model::{Constraints, RequiredWhen, TypeRef};
use crate::naming::type_name;
use crate::validate::components;
use crate::validate::components::join;
use crate::validate::schemas::{
    ext_bool, ext_u64, is_free_form, is_named_kind, merge_all_of, wrapped_reference,
};

/// The constraints of a string schema.
pub(super) fn string_constraints(
    string: &StringType,
    extensions: &indexmap::IndexMap<String, serde_json::Value>,
) -> Constraints {
    Constraints {
        min_length: string.min_length.map(|value| value as u64),
        max_length: string.max_length.map(|value| value as u64),
        max_bytes: ext_u64(extensions, "x-sdk-max-bytes"),
        pattern: string.pattern.clone(),
        ..Constraints::default()
    }
}

impl<'a> Lowerer<'a> {
    /// The component schema a `$ref` names.
    pub(super) fn component(
        &self,
        reference: &str,
        pointer: &str,
    ) -> Result<(&'a str, &'a Schema)> {
        let component = components::schema(self.api, reference)
            .found()
            .ok_or_else(|| unexpected(pointer))?;
        Ok((component.name, component.item))
    }

    /// Lowers a schema or reference used at `pointer`, held inline (a parameter, a body, a map's
    /// values) or boxed (a property, an array's items). `context` names inline types.
    pub(super) fn schema_use<S: Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        pointer: &str,
        context: &str,
    ) -> Result<Lowered<'a>> {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference, pointer),
            ReferenceOr::Item(schema) => self.schema(schema.borrow(), pointer, context),
        }
    }

    /// Lowers a `$ref` to a component schema: an id, a named type, or (for a component that
    /// stands for another schema) whatever that schema lowers to.
    fn reference(&mut self, reference: &str, pointer: &str) -> Result<Lowered<'a>> {
        let (name, schema) = self.component(reference, pointer)?;
        let target = || join("#/components/schemas", name);
        let data = &schema.schema_data;
        let lowered = |ty: RawRef| Lowered {
            ty,
            constraints: Constraints::default(),
            nullable: data.nullable,
            sensitive: false,
            read_only: data.read_only,
            write_only: data.write_only,
            description: data.description.as_deref(),
        };
        if ext_bool(&data.extensions, "x-sdk-id") {
            let index = match self.id_keys.get(name) {
                Some(index) => *index,
                None => self.id(name, schema, &target())?,
            };
            return Ok(lowered(RawRef::Id(index)));
        }
        if is_named_kind(schema) {
            let index = match self.type_keys.get(name) {
                Some(index) => *index,
                None => self.named(name.to_owned(), type_name(name), true, schema, &target())?,
            };
            return Ok(lowered(RawRef::Named(index)));
        }
        let target = target();
        if !self.resolving.insert(name.to_owned()) {
            return Err(unexpected(&target));
        }
        let result = self.schema(schema, &target, name);
        self.resolving.remove(name);
        result
    }

    /// Registers an identifier schema; called the first time it is reached.
    fn id(&mut self, name: &str, schema: &Schema, pointer: &str) -> Result<IdIndex> {
        let SchemaKind::Type(Type::String(string)) = &schema.schema_kind else {
            return Err(unexpected(pointer));
        };
        let index = IdIndex(self.ids.len());
        self.ids.push(RawId {
            api_name: name.to_owned(),
            pointer: pointer.to_owned(),
            docs: doc_lines(schema.schema_data.description.as_deref()),
            constraints: string_constraints(string, &schema.schema_data.extensions),
        });
        self.id_keys.insert(name.to_owned(), index);
        Ok(index)
    }

    /// Registers a named raw type the first time it is reached, and lowers its body.
    fn named(
        &mut self,
        key: String,
        base_name: String,
        component: bool,
        schema: &'a Schema,
        pointer: &str,
    ) -> Result<TypeIndex> {
        if let Some(index) = self.type_keys.get(&key) {
            return Ok(*index);
        }
        let index = TypeIndex(self.types.len());
        self.types.push(RawType {
            key: key.clone(),
            base_name: base_name.clone(),
            pointer: pointer.to_owned(),
            docs: doc_lines(schema.schema_data.description.as_deref()),
            kind: RawKind::Pending,
            component,
            request: false,
            response: false,
            split: false,
            drop_fields: Default::default(),
        });
        self.type_keys.insert(key, index);
        let kind = self.named_kind(schema, pointer, &base_name)?;
        self.types[index.0].kind = kind;
        Ok(index)
    }

    /// Lowers the body of a named schema.
    fn named_kind(
        &mut self,
        schema: &'a Schema,
        pointer: &str,
        base_name: &str,
    ) -> Result<RawKind> {
        let (properties, required) = match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                return Ok(RawKind::Enum {
                    values: string.enumeration.iter().flatten().cloned().collect(),
                    extensible: ext_bool(&schema.schema_data.extensions, "x-sdk-extensible-enum"),
                });
            }
            SchemaKind::OneOf { .. } => return self.union(schema, pointer),
            SchemaKind::Type(Type::Object(object)) => {
                let properties_pointer = join(pointer, "properties");
                let properties = object
                    .properties
                    .iter()
                    .map(|(name, property)| {
                        (name.as_str(), property, join(&properties_pointer, name))
                    })
                    .collect();
                (
                    properties,
                    object.required.iter().map(String::as_str).collect(),
                )
            }
            SchemaKind::AllOf { all_of } => merge_all_of(self.api, all_of, pointer)
                .map_err(|error| unexpected(&error.pointer))?,
            _ => return Err(unexpected(pointer)),
        };
        let optional_in_response = string_list(schema, "x-sdk-optional-in-response");
        let mut fields = Vec::with_capacity(properties.len());
        for (name, property, property_pointer) in &properties {
            let mut field = self.field(name, property, property_pointer, base_name)?;
            field.required = required.contains(name);
            field.optional_in_response = optional_in_response.contains(name);
            fields.push(field);
        }
        Ok(RawKind::Struct {
            required_when: required_when(schema),
            extra_validate: ext_bool(&schema.schema_data.extensions, "x-sdk-extra-validate"),
            fields,
        })
    }

    /// Lowers one property, once. Requiredness is set by the caller, which knows `required`.
    fn field(
        &mut self,
        name: &str,
        property: &'a ReferenceOr<Box<Schema>>,
        pointer: &str,
        base_name: &str,
    ) -> Result<RawField> {
        let context = format!("{base_name}{}", type_name(name));
        let lowered = self.schema_use(property, pointer, &context)?;
        Ok(RawField {
            api_name: name.to_owned(),
            ty: lowered.ty,
            required: false,
            nullable: lowered.nullable,
            read_only: lowered.read_only,
            write_only: lowered.write_only,
            optional_in_response: false,
            docs: doc_lines(lowered.description),
            constraints: lowered.constraints,
            sensitive: lowered.sensitive,
        })
    }

    /// Lowers a `oneOf` with a discriminator: one variant per mapping entry, in spec order.
    fn union(&mut self, schema: &'a Schema, pointer: &str) -> Result<RawKind> {
        let discriminator = schema
            .schema_data
            .discriminator
            .as_ref()
            .ok_or_else(|| unexpected(pointer))?;
        let mapping_pointer = join(&join(pointer, "discriminator"), "mapping");
        let mut variants = Vec::with_capacity(discriminator.mapping.len());
        for (tag_value, target) in &discriminator.mapping {
            let variant_pointer = join(&mapping_pointer, tag_value);
            let RawRef::Named(index) = self.reference(target, &variant_pointer)?.ty else {
                return Err(unexpected(&variant_pointer));
            };
            self.types[index.0]
                .drop_fields
                .insert(discriminator.property_name.clone());
            variants.push((tag_value.clone(), index));
        }
        Ok(RawKind::Union {
            tag: discriminator.property_name.clone(),
            variants,
            lenient: ext_bool(&schema.schema_data.extensions, "x-sdk-lenient-union"),
        })
    }

    /// Lowers an inline schema, or the body of a component that stands for another schema.
    fn schema(&mut self, schema: &'a Schema, pointer: &str, context: &str) -> Result<Lowered<'a>> {
        let data = &schema.schema_data;
        let sensitive = ext_bool(&data.extensions, "x-sensitive");
        let lowered = |ty: RawRef, constraints: Constraints, sensitive: bool| Lowered {
            ty,
            constraints,
            nullable: data.nullable,
            sensitive,
            read_only: data.read_only,
            write_only: data.write_only,
            description: data.description.as_deref(),
        };
        let plain = |ty: TypeRef, constraints: Constraints| {
            lowered(RawRef::Prim(ty), constraints, sensitive)
        };
        if let Some(reference) = wrapped_reference(schema) {
            let inner = self.reference(reference, &join(&join(pointer, "allOf"), "0"))?;
            return Ok(Lowered {
                nullable: inner.nullable || data.nullable,
                read_only: data.read_only,
                write_only: data.write_only,
                description: data.description.as_deref(),
                ..inner
            });
        }
        if is_named_kind(schema) {
            let key = format!("{context}@{pointer}");
            let index = self.named(key, type_name(context), false, schema, pointer)?;
            return Ok(lowered(RawRef::Named(index), Constraints::default(), false));
        }
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
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
                Ok(plain(ty, string_constraints(string, &data.extensions)))
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
                let items = array.items.as_ref().ok_or_else(|| unexpected(pointer))?;
                let item =
                    self.schema_use(items, &join(pointer, "items"), &format!("{context}Item"))?;
                let item_ty = if item.nullable {
                    RawRef::Nullable(Box::new(item.ty))
                } else {
                    item.ty
                };
                let constraints = Constraints {
                    min_items: array.min_items.map(|value| value as u64),
                    max_items: array.max_items.map(|value| value as u64),
                    ..item.constraints
                };
                Ok(lowered(RawRef::Vec(Box::new(item_ty)), constraints, false))
            }
            SchemaKind::Type(Type::Object(object)) => match &object.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let value = self.schema_use(
                        values,
                        &join(pointer, "additionalProperties"),
                        &format!("{context}Value"),
                    )?;
                    let value_ty = if value.nullable {
                        RawRef::Nullable(Box::new(value.ty))
                    } else {
                        value.ty
                    };
                    Ok(lowered(
                        RawRef::Map(Box::new(value_ty)),
                        Constraints::default(),
                        false,
                    ))
                }
                _ => Ok(plain(json_type(sensitive), Constraints::default())),
            },
            SchemaKind::Any(any) if is_free_form(any) => {
                Ok(plain(json_type(sensitive), Constraints::default()))
            }
            _ => Err(unexpected(pointer)),
        }
    }
}

/// Free-form JSON, secret or not.
fn json_type(sensitive: bool) -> TypeRef {
    if sensitive {
        TypeRef::SecretJson
    } else {
        TypeRef::Json
    }
}

/// A list-of-strings extension (`x-sdk-optional-in-response: [algorithm, format]`).
fn string_list<'s>(schema: &'s Schema, key: &str) -> Vec<&'s str> {
    schema
        .schema_data
        .extensions
        .get(key)
        .and_then(serde_json::Value::as_array)
        .map(|names| names.iter().filter_map(serde_json::Value::as_str).collect())
        .unwrap_or_default()
}

/// The rules of `x-sdk-required-when` (validated before lowering).
fn required_when(schema: &Schema) -> Vec<RequiredWhen> {
    let Some(rules) = schema
        .schema_data
        .extensions
        .get("x-sdk-required-when")
        .and_then(serde_json::Value::as_array)
    else {
        return Vec::new();
    };
    rules
        .iter()
        .filter_map(|rule| {
            let text = |key: &str| {
                rule.get(key)
                    .and_then(serde_json::Value::as_str)
                    .map(str::to_owned)
            };
            Some(RequiredWhen {
                field: text("field")?,
                property: text("property")?,
                values: rule
                    .get("values")?
                    .as_array()?
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .collect()
}
