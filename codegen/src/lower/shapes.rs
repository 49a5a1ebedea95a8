//! The shapes pass: each raw type the operations reach becomes one model [`TypeDef`], or two
//! when it splits (the response shape under the schema's name, the request shape as `...Input`).
//! A shape keeps the fields its direction sends or receives, names them, and resolves their raw
//! types to the names the naming pass claimed. Nothing here reads the spec.

use std::collections::BTreeMap;

use super::names::{Names, Side};
use super::{Lowerer, RawField, RawKind, RawType, unexpected};
use crate::error::Result;
use crate::model::{Direction, EnumValue, Field, Openness, TypeDef, TypeKind, UnionVariant};
use crate::naming::{Namespace, field_name, variant_name};

impl Lowerer<'_> {
    /// Builds the model's types, keyed by Rust name.
    pub(super) fn build_types(&self, names: &Names) -> Result<BTreeMap<String, TypeDef>> {
        let mut types = BTreeMap::new();
        for (index, raw_type) in self.types.iter().enumerate() {
            let type_names = names.of(super::TypeIndex(index));
            let shapes: Vec<(&String, Side, Direction)> = match &type_names.input {
                Some(input) => vec![
                    (&type_names.base, Side::Response, Direction::Response),
                    (input, Side::Request, Direction::Request),
                ],
                None if raw_type.request && raw_type.response => {
                    vec![(&type_names.base, Side::Request, Direction::Both)]
                }
                None if raw_type.request => {
                    vec![(&type_names.base, Side::Request, Direction::Request)]
                }
                None if raw_type.response => {
                    vec![(&type_names.base, Side::Response, Direction::Response)]
                }
                None => Vec::new(),
            };
            for (rust_name, side, direction) in shapes {
                let kind = shape(raw_type, names, side, direction)?;
                types.insert(
                    rust_name.clone(),
                    TypeDef {
                        rust_name: rust_name.clone(),
                        api_name: raw_type.api_name().to_owned(),
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

/// The model kind of one shape of a raw type.
fn shape(raw_type: &RawType, names: &Names, side: Side, direction: Direction) -> Result<TypeKind> {
    Ok(match &raw_type.kind {
        RawKind::Pending => return Err(unexpected(&raw_type.pointer)),
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
            extra_validate,
        } => {
            let mut field_names = Namespace::new();
            TypeKind::Struct {
                fields: fields
                    .iter()
                    .filter(|field| keeps(raw_type, field, direction))
                    .map(|field| Field {
                        api_name: field.api_name.clone(),
                        rust_name: field_names.claim(field_name(&field.api_name)),
                        ty: names.resolve(&field.ty, side),
                        required: field.required
                            && !(direction == Direction::Response && field.optional_in_response),
                        nullable: field.nullable,
                        docs: field.docs.clone(),
                        constraints: field.constraints.clone(),
                        sensitive: field.sensitive,
                    })
                    .collect(),
                direction,
                required_when: if direction.is_request() {
                    required_when.clone()
                } else {
                    Vec::new()
                },
                extra_validate: *extra_validate && direction.is_request(),
            }
        }
        RawKind::Union {
            tag,
            variants,
            lenient,
        } => {
            let tags: Vec<&str> = variants.iter().map(|(tag, _)| tag.as_str()).collect();
            let prefix = common_prefix(&tags);
            let mut variant_names = Namespace::new();
            let mut constructors = Namespace::with_reserved(&["validate", "new"]);
            TypeKind::Union {
                tag: tag.clone(),
                variants: variants
                    .iter()
                    .map(|(tag_value, index)| UnionVariant {
                        tag_value: tag_value.clone(),
                        rust_name: variant_names.claim(variant_name(tag_value)),
                        type_name: names.named(*index, side).to_owned(),
                        constructor: constructors.claim(field_name(&tag_value[prefix..])),
                    })
                    .collect(),
                direction,
                lenient: *lenient,
            }
        }
    })
}

/// Whether a shape keeps a field: union tags never (the union writes them), `readOnly` fields
/// only when receiving, `writeOnly` fields only when sending.
fn keeps(raw_type: &RawType, field: &RawField, direction: Direction) -> bool {
    !raw_type.drop_fields.contains(&field.api_name)
        && match direction {
            Direction::Request => !field.read_only,
            Direction::Response => !field.write_only,
            Direction::Both => true,
        }
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
