//! Checks of the object-schema extensions: `x-sdk-optional-in-response` (required when sent,
//! optional when received) and `x-sdk-required-when` (required for some values of an enum
//! property), which must name properties of the schema they sit on, and
//! `x-sdk-extra-validate` (the type also has hand-written checks) and, on a `oneOf`,
//! `x-sdk-lenient-union` (a known member that does not fit is kept as `Unknown`), which must be
//! booleans.

use openapiv3::{Schema, SchemaKind, Type};

use super::components::join;
use super::schemas::{Kind, Property};
use crate::error::{Error, Result};

/// Checks `x-sdk-optional-in-response`: a list of properties of this schema, each in `required`.
pub fn check_optional_in_response(
    schema: &Schema,
    properties: &[Property<'_>],
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
    let shape_error = |pointer: String| {
        Error::new(
            pointer,
            "`x-sdk-optional-in-response` must be a list of property names, for example `[algorithm, format]`",
        )
    };
    let Some(names) = names.as_array() else {
        return Err(shape_error(list_pointer));
    };
    for (index, name) in names.iter().enumerate() {
        let entry_pointer = join(&list_pointer, &index.to_string());
        let Some(name) = name.as_str() else {
            return Err(shape_error(entry_pointer));
        };
        let Some(property) = properties.iter().find(|property| property.name == name) else {
            return Err(Error::new(
                entry_pointer,
                format!("`{name}` is not a property of this schema; list only its properties"),
            ));
        };
        if !property.required {
            return Err(Error::new(
                entry_pointer,
                format!(
                    "`{name}` is not in `required`, so it is optional both ways already; remove it from `x-sdk-optional-in-response` or add it to `required`"
                ),
            ));
        }
    }
    Ok(())
}

/// Checks `x-sdk-required-when`: rules `{field, property, values}` where `field` is an optional
/// property, `property` a required string enum (the same one for every rule) and `values` some
/// of its values.
pub fn check_required_when(
    schema: &Schema,
    properties: &[Property<'_>],
    pointer: &str,
) -> Result<()> {
    let Some(rules) = schema.schema_data.extensions.get("x-sdk-required-when") else {
        return Ok(());
    };
    let rules_pointer = join(pointer, "x-sdk-required-when");
    let shape_error = || {
        Error::new(
            rules_pointer.clone(),
            "`x-sdk-required-when` must be a list of `{field, property, values: [...]}`",
        )
    };
    let rules = rules.as_array().ok_or_else(shape_error)?;
    let mut first_property: Option<&str> = None;
    for (index, rule) in rules.iter().enumerate() {
        let rule_pointer = join(&rules_pointer, &index.to_string());
        let text = |key: &str| rule.get(key).and_then(serde_json::Value::as_str);
        let (Some(field), Some(property), Some(values)) = (
            text("field"),
            text("property"),
            rule.get("values").and_then(serde_json::Value::as_array),
        ) else {
            return Err(shape_error());
        };
        let values: Vec<&str> = values
            .iter()
            .map(serde_json::Value::as_str)
            .collect::<Option<_>>()
            .ok_or_else(shape_error)?;
        let Some(target) = properties.iter().find(|candidate| candidate.name == field) else {
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
        let Some(decider) = properties
            .iter()
            .find(|candidate| candidate.name == property)
        else {
            return Err(Error::new(
                rule_pointer,
                format!("`{property}` is not a property of this schema"),
            ));
        };
        let enum_values: Option<Vec<&str>> = match &decider.facts.kind {
            Kind::Named { schema, .. } => match &schema.schema_kind {
                SchemaKind::Type(Type::String(string)) => Some(
                    string
                        .enumeration
                        .iter()
                        .flatten()
                        .map(String::as_str)
                        .collect(),
                ),
                _ => None,
            },
            _ => None,
        };
        for (name, property) in [(field, target), (property, decider)] {
            if property.facts.read_only {
                return Err(Error::new(
                    rule_pointer,
                    format!(
                        "`{name}` is `readOnly`, so requests never carry it; `x-sdk-required-when` is about what requests send"
                    ),
                ));
            }
        }
        let (Some(enum_values), true) = (enum_values, decider.required) else {
            return Err(Error::new(
                rule_pointer,
                format!("`{property}` must be a required string enum"),
            ));
        };
        for value in &values {
            if !enum_values.contains(value) {
                return Err(Error::new(
                    rule_pointer,
                    format!("`{value}` is not a value of `{property}`"),
                ));
            }
        }
        match first_property {
            Some(first) if first != property => {
                return Err(Error::new(
                    rule_pointer,
                    "all `x-sdk-required-when` rules of one schema must use the same `property`",
                ));
            }
            _ => first_property = Some(property),
        }
    }
    Ok(())
}

/// Checks `x-sdk-extra-validate`: a boolean. When `true`, the request shape's `Validate` also
/// calls `runtime::ExtraValidate::extra_validate`, which hand-written code of the SDK crate
/// implements for the type (a missing implementation is a compile error there).
pub fn check_extra_validate(schema: &Schema, pointer: &str) -> Result<()> {
    match schema.schema_data.extensions.get("x-sdk-extra-validate") {
        None | Some(serde_json::Value::Bool(_)) => Ok(()),
        Some(_) => Err(Error::new(
            join(pointer, "x-sdk-extra-validate"),
            "`x-sdk-extra-validate` must be `true` or `false`",
        )),
    }
}

/// Checks `x-sdk-lenient-union` on a `oneOf`: a boolean. When `true`, a response member whose tag
/// names a variant but whose fields do not fit it decodes as the union's `Unknown` (its JSON kept)
/// instead of failing the whole response.
pub fn check_lenient_union(schema: &Schema, pointer: &str) -> Result<()> {
    match schema.schema_data.extensions.get("x-sdk-lenient-union") {
        None | Some(serde_json::Value::Bool(_)) => Ok(()),
        Some(_) => Err(Error::new(
            join(pointer, "x-sdk-lenient-union"),
            "`x-sdk-lenient-union` must be `true` or `false`",
        )),
    }
}

#[cfg(test)]
mod tests {
    const SPEC: &str = include_str!("../../../spec/openapi.yaml");

    fn types_rs(spec: &str) -> String {
        crate::generate(spec)
            .expect("generates")
            .into_iter()
            .find(|file| file.path == "generated/types.rs")
            .expect("types.rs")
            .contents
    }

    /// `x-sdk-extra-validate` and `x-sdk-lenient-union` reach the emitted code, and only when
    /// `true`.
    #[test]
    fn the_boolean_conventions_reach_the_emitted_code_only_when_true() {
        let on = types_rs(SPEC);
        assert!(on.contains("runtime::ExtraValidate::extra_validate(self, field)?;"));
        assert!(on.contains("runtime::union_variant_or_unknown::<D, _>(\"name\", value)"));
        let off = types_rs(
            &SPEC
                .replace("x-sdk-extra-validate: true", "x-sdk-extra-validate: false")
                .replace("x-sdk-lenient-union: true", "x-sdk-lenient-union: false"),
        );
        assert!(!off.contains("ExtraValidate"));
        assert!(!off.contains("union_variant_or_unknown"));
        assert!(off.contains("\"HMAC\" => runtime::union_variant::<D, _>(value).map(Self::Hmac),"));
    }

    /// A value that is not a boolean is a located error naming the convention.
    #[test]
    fn a_value_that_is_not_a_boolean_is_refused_where_it_is() {
        for (from, to, pointer) in [
            (
                "x-sdk-extra-validate: true",
                "x-sdk-extra-validate: \"yes\"",
                "#/components/schemas/SecretKey/x-sdk-extra-validate",
            ),
            (
                "x-sdk-lenient-union: true",
                "x-sdk-lenient-union: 1",
                "#/components/schemas/KeyAlgorithm/x-sdk-lenient-union",
            ),
        ] {
            let error = crate::generate(&SPEC.replace(from, to)).expect_err(to);
            assert_eq!(error.pointer, pointer, "{error}");
            assert!(
                error.to_string().contains("must be `true` or `false`"),
                "{error}"
            );
        }
    }
}
