//! Emits `generated/types.rs`: structs and tagged unions written out, string enums declared
//! with the runtime's `string_enum!` macro, each with `Validate`.

use std::fmt::Write as _;

use super::{
    Checked, Scope, argument_type, argument_value, check_statements, docs_or, escape_format,
    push_call, push_docs, rust_type, spec_line, string_literal, takes_into,
};
use crate::error::{Error, Result};
use crate::model::{
    Direction, EnumValue, Field, Model, Openness, RequiredWhen, TypeDef, TypeKind, TypeRef,
    UnionVariant,
};
use crate::naming::Namespace;

pub(super) fn emit(model: &Model) -> Result<String> {
    let checked = Checked::new(model);
    let mut out = String::from(
        "//! Request and response types, one per schema (split into a response shape and an `Input` request shape where `readOnly`/`writeOnly` make them differ).\n#![allow(clippy::too_many_arguments, clippy::large_enum_variant)]\n\n#[allow(unused_imports)]\nuse super::ids;\nuse crate::runtime;\n",
    );
    for def in model.types.values() {
        out.push('\n');
        match &def.kind {
            TypeKind::Struct {
                fields,
                direction,
                required_when,
                ..
            } => strukt(
                &mut out,
                model,
                &checked,
                def,
                fields,
                *direction,
                required_when,
            )?,
            TypeKind::Enum { values, openness } => enumeration(&mut out, def, values, *openness),
            TypeKind::Union {
                tag,
                variants,
                direction,
                lenient,
            } => union(&mut out, model, def, tag, variants, (*direction, *lenient))?,
        }
    }
    Ok(out)
}

/// A type's docs, followed by where it is in the spec.
fn type_docs(def: &TypeDef, fallback: String) -> Vec<String> {
    let mut docs = docs_or(&def.docs, fallback);
    docs.push(String::new());
    docs.push(spec_line(&def.pointer));
    docs
}

/// The Rust type of a field, with the `Option`s its optionality and nullability add.
fn field_type(field: &Field) -> String {
    let inner = rust_type(&field.ty, Scope::Types);
    match (field.required, field.nullable) {
        (true, false) => inner,
        (true, true) | (false, false) => format!("Option<{inner}>"),
        (false, true) => format!("Option<Option<{inner}>>"),
    }
}

/// The field's `#[serde(...)]` attribute, if it needs one.
fn serde_attribute(field: &Field) -> Option<String> {
    let mut parts = Vec::new();
    if field.rust_name != field.api_name {
        parts.push(format!("rename = {}", string_literal(&field.api_name)));
    }
    if !field.required {
        parts.push("default, skip_serializing_if = \"Option::is_none\"".to_owned());
        if field.nullable {
            parts.push("with = \"runtime::double_option\"".to_owned());
        }
    }
    (!parts.is_empty()).then(|| format!("#[serde({})]", parts.join(", ")))
}

/// Statements validating one field of `self` (the struct's `validate` body).
fn validate_field(checked: &Checked, field: &Field) -> Vec<String> {
    let path = format!(
        "&format!({})",
        string_literal(&format!("{{field}}.{}", escape_format(&field.api_name)))
    );
    let ty = match (field.required, field.nullable) {
        (true, false) => field.ty.clone(),
        (true, true) | (false, false) => TypeRef::Nullable(Box::new(field.ty.clone())),
        (false, true) => TypeRef::Nullable(Box::new(TypeRef::Nullable(Box::new(field.ty.clone())))),
    };
    check_statements(
        checked,
        &format!("&self.{}", field.rust_name),
        &path,
        &ty,
        &field.constraints,
    )
}

/// The constructor arguments for a request struct's required fields (minus `skip`).
fn required_arguments<'f>(fields: &'f [Field], skip: &[&str]) -> Vec<&'f Field> {
    fields
        .iter()
        .filter(|field| field.required && !skip.contains(&field.api_name.as_str()))
        .collect()
}

fn argument(field: &Field) -> String {
    let ty = if field.nullable {
        format!("Option<{}>", rust_type(&field.ty, Scope::Types))
    } else {
        argument_type(&field.ty, rust_type(&field.ty, Scope::Types))
    };
    format!("{}: {ty}", field.rust_name)
}

/// The `name: value` (or shorthand `name`) initialiser for a required field from its argument.
fn argument_init(field: &Field) -> String {
    if field.nullable || !takes_into(&field.ty) {
        field.rust_name.clone()
    } else {
        format!(
            "{}: {}",
            field.rust_name,
            argument_value(&field.rust_name, &field.ty)
        )
    }
}

/// Writes `Self { a, b: c, ... }` as the last expression of a function body.
fn push_self_literal(out: &mut String, indent: &str, inits: &[String]) {
    let joined = inits.join(", ");
    if joined.is_empty() {
        let _ = writeln!(out, "{indent}Self {{}}");
        return;
    }
    if indent.len() + joined.len() + 9 <= 100 {
        let _ = writeln!(out, "{indent}Self {{ {joined} }}");
        return;
    }
    let _ = writeln!(out, "{indent}Self {{");
    for init in inits {
        let _ = writeln!(out, "{indent}    {init},");
    }
    let _ = writeln!(out, "{indent}}}");
}

/// One `name: Type` entry of a `setters!` block, with its docs.
fn setter_entry(out: &mut String, field: &Field) {
    let mut docs = docs_or(&field.docs, format!("Sets `{}`.", field.api_name));
    let ty = if field.nullable {
        docs.push(String::new());
        docs.push("`None` sends an explicit `null`.".to_owned());
        format!("Option<{}>", rust_type(&field.ty, Scope::Types))
    } else {
        argument_type(&field.ty, rust_type(&field.ty, Scope::Types))
    };
    push_docs(out, "        ", &docs);
    let _ = writeln!(out, "        {}: {ty},", field.rust_name);
}

fn setter(out: &mut String, field: &Field, method: &str) {
    let name = &field.rust_name;
    let mut docs = docs_or(&field.docs, format!("Sets `{}`.", field.api_name));
    if field.nullable {
        docs.push(String::new());
        docs.push("`None` sends an explicit `null`.".to_owned());
        push_docs(out, "    ", &docs);
        let inner = rust_type(&field.ty, Scope::Types);
        let _ = writeln!(
            out,
            "    pub fn {method}(mut self, {name}: Option<{inner}>) -> Self {{\n        self.{name} = Some({name});\n        self\n    }}"
        );
    } else {
        push_docs(out, "    ", &docs);
        let ty = argument_type(&field.ty, rust_type(&field.ty, Scope::Types));
        let value = argument_value(name, &field.ty);
        let _ = writeln!(
            out,
            "    pub fn {method}(mut self, {name}: {ty}) -> Self {{\n        self.{name} = Some({value});\n        self\n    }}"
        );
    }
}

/// Writes `impl runtime::Validate for Name`: empty when nothing can fail.
fn push_validate(out: &mut String, name: &str, statements: &[String]) {
    if statements.is_empty() {
        let _ = writeln!(out, "\nimpl runtime::Validate for {name} {{}}");
        return;
    }
    let _ = writeln!(
        out,
        "\nimpl runtime::Validate for {name} {{\n    fn validate(&self, field: &str) -> runtime::Result<()> {{"
    );
    for statement in statements {
        for line in statement.lines() {
            let _ = writeln!(out, "        {line}");
        }
    }
    out.push_str("        Ok(())\n    }\n}\n");
}

fn strukt(
    out: &mut String,
    model: &Model,
    checked: &Checked,
    def: &TypeDef,
    fields: &[Field],
    direction: Direction,
    required_when: &[RequiredWhen],
) -> Result<()> {
    let name = &def.rust_name;
    push_docs(
        out,
        "",
        &type_docs(def, format!("The `{}` object.", def.api_name)),
    );
    out.push_str("#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n");
    if def.is_non_exhaustive() {
        out.push_str("#[non_exhaustive]\n");
    }
    let private = !required_when.is_empty();
    if fields.is_empty() {
        let _ = writeln!(out, "pub struct {name} {{}}");
    } else {
        let _ = writeln!(out, "pub struct {name} {{");
        for field in fields {
            push_docs(
                out,
                "    ",
                &docs_or(&field.docs, format!("The `{}` field.", field.api_name)),
            );
            if let Some(attribute) = serde_attribute(field) {
                let _ = writeln!(out, "    {attribute}");
            }
            let visibility = if private { "" } else { "pub " };
            let _ = writeln!(
                out,
                "    {visibility}{}: {},",
                field.rust_name,
                field_type(field)
            );
        }
        out.push_str("}\n");
    }
    if private {
        keyed_constructors(out, model, def, fields, required_when)?;
    } else if direction.is_request() {
        let arguments = required_arguments(fields, &[]);
        let parameters: Vec<String> = arguments.iter().map(|field| argument(field)).collect();
        let inits: Vec<String> = fields
            .iter()
            .map(|field| {
                if field.required {
                    argument_init(field)
                } else {
                    format!("{}: None", field.rust_name)
                }
            })
            .collect();
        let _ = writeln!(out, "\nimpl {name} {{");
        let _ = writeln!(out, "    /// Builds a `{name}` from its required fields.");
        push_call(out, "    ", "pub fn new", &parameters, " -> Self {");
        push_self_literal(out, "        ", &inits);
        out.push_str("    }\n");
        let mut methods = Namespace::with_reserved(&["new", "validate"]);
        let mut entries = String::new();
        for field in fields.iter().filter(|field| !field.required) {
            let method = methods.claim(field.rust_name.clone());
            if method == field.rust_name {
                setter_entry(&mut entries, field);
            } else {
                out.push('\n');
                setter(out, field, &method);
            }
        }
        out.push_str("}\n");
        if !entries.is_empty() {
            let _ = write!(
                out,
                "\nruntime::setters! {{\n    struct {name} {{\n{entries}    }}\n}}\n"
            );
        }
        if arguments.is_empty() {
            let _ = writeln!(
                out,
                "\nimpl Default for {name} {{\n    fn default() -> Self {{\n        Self::new()\n    }}\n}}"
            );
        }
    }
    // Only values that are sent are checked: a response-only type has nothing to validate.
    let mut statements: Vec<String> = Vec::new();
    if direction.is_request() {
        statements.extend(
            required_when
                .iter()
                .filter_map(|rule| required_when_check(model, fields, rule)),
        );
        for field in fields {
            statements.extend(validate_field(checked, field));
        }
        if matches!(
            def.kind,
            TypeKind::Struct {
                extra_validate: true,
                ..
            }
        ) {
            statements.push("runtime::ExtraValidate::extra_validate(self, field)?;".to_owned());
        }
    }
    push_validate(out, name, &statements);
    Ok(())
}

/// The enum variant (`KeyFormat::Raw`) for one value of the deciding property.
fn decider_variant(model: &Model, decider: &Field, value: &str) -> Option<String> {
    let TypeRef::Named(enum_name) = &decider.ty else {
        return None;
    };
    let def = model.types.get(enum_name)?;
    let TypeKind::Enum { values, .. } = &def.kind else {
        return None;
    };
    let variant = values
        .iter()
        .find(|candidate| candidate.api_name == value)?;
    Some(format!("{enum_name}::{}", variant.rust_name))
}

fn required_when_check(model: &Model, fields: &[Field], rule: &RequiredWhen) -> Option<String> {
    let target = fields.iter().find(|field| field.api_name == rule.field)?;
    let decider = fields
        .iter()
        .find(|field| field.api_name == rule.property)?;
    let patterns: Vec<String> = rule
        .values
        .iter()
        .filter_map(|value| decider_variant(model, decider, value))
        .collect();
    let format = string_literal(&format!("{{field}}.{}", escape_format(&rule.field)));
    let message = string_literal(&format!(
        "is required when `{}` is {}",
        rule.property,
        rule.values.join(", ")
    ));
    Some(format!(
        "if matches!(self.{}, {}) && self.{}.is_none() {{\n    return Err(runtime::Error::validation(format!({format}), {message}));\n}}",
        decider.rust_name,
        patterns.join(" | "),
        target.rust_name
    ))
}

/// Private fields, one constructor per value of the deciding property, getters and setters.
fn keyed_constructors(
    out: &mut String,
    model: &Model,
    def: &TypeDef,
    fields: &[Field],
    required_when: &[RequiredWhen],
) -> Result<()> {
    let property = &required_when[0].property;
    if required_when.iter().any(|rule| &rule.property != property) {
        return Err(Error::new(
            format!("{}/x-sdk-required-when", def.pointer),
            "all `x-sdk-required-when` rules of one schema must use the same `property`",
        ));
    }
    let Some(decider) = fields.iter().find(|field| &field.api_name == property) else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` is not a field"),
        ));
    };
    let TypeRef::Named(enum_name) = &decider.ty else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` must be an enum"),
        ));
    };
    let Some(TypeKind::Enum { values, .. }) =
        model.types.get(enum_name).map(|enum_def| &enum_def.kind)
    else {
        return Err(Error::new(
            def.pointer.clone(),
            format!("`{property}` must be an enum"),
        ));
    };
    let mut methods = Namespace::with_reserved(&["new", "validate"]);
    let mut getters = Vec::new();
    for field in fields {
        let field_name = &field.rust_name;
        let method = methods.claim(field.rust_name.clone());
        let mut text = String::new();
        push_docs(
            &mut text,
            "    ",
            &docs_or(&field.docs, format!("The `{}` field.", field.api_name)),
        );
        let inner = rust_type(&field.ty, Scope::Types);
        let (returns, body) = match (field.required, field.nullable) {
            (true, false) => match &field.ty {
                TypeRef::String => ("&str".to_owned(), format!("&self.{field_name}")),
                TypeRef::Vec(item) => (
                    format!("&[{}]", rust_type(item, Scope::Types)),
                    format!("&self.{field_name}"),
                ),
                TypeRef::Bool | TypeRef::Integer | TypeRef::Number => {
                    (inner, format!("self.{field_name}"))
                }
                _ => (format!("&{inner}"), format!("&self.{field_name}")),
            },
            (true, true) | (false, false) => (
                format!("Option<&{inner}>"),
                format!("self.{field_name}.as_ref()"),
            ),
            (false, true) => (
                format!("Option<&Option<{inner}>>"),
                format!("self.{field_name}.as_ref()"),
            ),
        };
        let _ = writeln!(
            text,
            "    pub fn {method}(&self) -> {returns} {{\n        {body}\n    }}"
        );
        getters.push(text);
    }
    let conditional: Vec<&str> = required_when
        .iter()
        .map(|rule| rule.field.as_str())
        .collect();
    let mut setters = Vec::new();
    for field in fields
        .iter()
        .filter(|field| !field.required && !conditional.contains(&field.api_name.as_str()))
    {
        let method = methods.claim(format!("with_{}", field.rust_name));
        let mut text = String::new();
        setter(&mut text, field, &method);
        setters.push(text);
    }
    let mut constructors = Vec::new();
    for value in values.iter() {
        let value: &EnumValue = value;
        let needed: Vec<&Field> = required_when
            .iter()
            .filter(|rule| rule.values.contains(&value.api_name))
            .filter_map(|rule| fields.iter().find(|field| field.api_name == rule.field))
            .collect();
        let mut arguments = required_arguments(fields, &[property.as_str()]);
        arguments.extend(needed.iter().copied());
        let parameters: Vec<String> = arguments
            .iter()
            .map(|field| {
                let ty = if field.required && field.nullable {
                    format!("Option<{}>", rust_type(&field.ty, Scope::Types))
                } else {
                    argument_type(&field.ty, rust_type(&field.ty, Scope::Types))
                };
                format!("{}: {ty}", field.rust_name)
            })
            .collect();
        let inits: Vec<String> = fields
            .iter()
            .map(|field| {
                let field_name = &field.rust_name;
                if &field.api_name == property {
                    format!("{field_name}: {enum_name}::{}", value.rust_name)
                } else if field.required {
                    argument_init(field)
                } else if needed
                    .iter()
                    .any(|candidate| candidate.api_name == field.api_name)
                {
                    format!(
                        "{field_name}: Some({})",
                        argument_value(field_name, &field.ty)
                    )
                } else {
                    format!("{field_name}: None")
                }
            })
            .collect();
        let method = methods.claim(crate::naming::field_name(&value.api_name));
        let mut text = String::new();
        let _ = writeln!(
            text,
            "    /// Builds a `{}` with `{property}: {}`.",
            def.rust_name, value.api_name
        );
        push_call(
            &mut text,
            "    ",
            &format!("pub fn {method}"),
            &parameters,
            " -> Self {",
        );
        push_self_literal(&mut text, "        ", &inits);
        text.push_str("    }\n");
        constructors.push(text);
    }
    let _ = writeln!(out, "\nimpl {} {{", def.rust_name);
    let methods: Vec<String> = constructors
        .into_iter()
        .chain(getters)
        .chain(setters)
        .collect();
    out.push_str(&methods.join("\n"));
    out.push_str("}\n");
    Ok(())
}

fn enumeration(out: &mut String, def: &TypeDef, values: &[EnumValue], openness: Openness) {
    out.push_str("runtime::string_enum! {\n");
    push_docs(
        out,
        "    ",
        &type_docs(def, format!("The `{}` values.", def.api_name)),
    );
    if def.is_non_exhaustive() {
        out.push_str("    #[non_exhaustive]\n");
    }
    let kind = match openness {
        Openness::Closed => "closed",
        Openness::OpenUnknown => "unknown",
        Openness::Extensible => "other",
    };
    let _ = writeln!(out, "    {kind} {} {{", def.rust_name);
    for value in values {
        let _ = writeln!(
            out,
            "        {} = {},",
            value.rust_name,
            string_literal(&value.api_name)
        );
    }
    out.push_str("    }\n}\n");
}

fn union(
    out: &mut String,
    model: &Model,
    def: &TypeDef,
    tag: &str,
    variants: &[UnionVariant],
    (direction, lenient): (Direction, bool),
) -> Result<()> {
    let name = &def.rust_name;
    if direction.is_response()
        && variants
            .iter()
            .any(|variant| variant.rust_name == "Unknown")
    {
        return Err(Error::new(
            def.pointer.clone(),
            "a tag value whose variant is named `Unknown` clashes with the `Unknown` variant every union seen in a response gets (for kinds the SDK does not know); the generator does not support such a tag value in a response union",
        ));
    }
    let tag_literal = string_literal(tag);
    push_docs(
        out,
        "",
        &type_docs(def, format!("The `{}` union.", def.api_name)),
    );
    if direction.is_response() {
        out.push_str("#[derive(Clone, Debug, PartialEq, ::serde::Serialize)]\n");
    } else {
        out.push_str(
            "#[derive(Clone, Debug, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n",
        );
    }
    let _ = writeln!(out, "#[serde(tag = {tag_literal})]");
    if def.is_non_exhaustive() {
        out.push_str("#[non_exhaustive]\n");
    }
    let _ = writeln!(out, "pub enum {name} {{");
    for variant in variants {
        let _ = writeln!(
            out,
            "    /// `{tag}: {}`.\n    #[serde(rename = {})]\n    {}({}),",
            variant.tag_value,
            string_literal(&variant.tag_value),
            variant.rust_name,
            variant.type_name
        );
    }
    if direction.is_response() {
        out.push_str(if lenient {
            "    /// A kind the SDK does not know yet, or a known one whose fields it cannot read; the JSON is kept as received.\n"
        } else {
            "    /// A kind the SDK does not know yet; the JSON is kept as received.\n"
        });
        out.push_str("    #[serde(untagged)]\n    Unknown(runtime::UnknownVariant),\n");
    }
    out.push_str("}\n");

    if direction.is_request() {
        let mut constructors = Vec::new();
        for variant in variants {
            let Some(variant_def) = model.types.get(&variant.type_name) else {
                continue;
            };
            let TypeKind::Struct {
                fields,
                required_when,
                direction,
                ..
            } = &variant_def.kind
            else {
                continue;
            };
            if !required_when.is_empty() || !direction.is_request() {
                continue;
            }
            let arguments = required_arguments(fields, &[]);
            let parameters: Vec<String> = arguments.iter().map(|field| argument(field)).collect();
            let names: Vec<&str> = arguments
                .iter()
                .map(|field| field.rust_name.as_str())
                .collect();
            let mut text = String::new();
            let _ = writeln!(
                text,
                "    /// Builds the `{}` variant (`{tag}: {}`).",
                variant.rust_name, variant.tag_value
            );
            push_call(
                &mut text,
                "    ",
                &format!("pub fn {}", variant.constructor),
                &parameters,
                " -> Self {",
            );
            let _ = writeln!(
                text,
                "        Self::{}({}::new({}))\n    }}",
                variant.rust_name,
                variant.type_name,
                names.join(", ")
            );
            constructors.push(text);
        }
        if !constructors.is_empty() {
            let _ = writeln!(out, "\nimpl {name} {{");
            out.push_str(&constructors.join("\n"));
            out.push_str("}\n");
        }
    }

    for variant in variants.iter().filter(|variant| {
        variants
            .iter()
            .filter(|other| other.type_name == variant.type_name)
            .count()
            == 1
    }) {
        let _ = writeln!(
            out,
            "\nimpl From<{ty}> for {name} {{\n    fn from(value: {ty}) -> Self {{\n        Self::{variant}(value)\n    }}\n}}",
            ty = variant.type_name,
            variant = variant.rust_name
        );
    }

    if direction.is_response() {
        // Seen in a response: a tag the spec does not list decodes as `Unknown`, kept as received.
        let _ = writeln!(
            out,
            "\nimpl<'de> ::serde::Deserialize<'de> for {name} {{\n    fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {{\n        let (tag, value) = runtime::union_tag::<D>(deserializer, {tag_literal})?;\n        match tag.as_str() {{"
        );
        for variant in variants {
            let _ = if lenient {
                // `x-sdk-lenient-union`: fields that do not fit keep the member as `Unknown`.
                writeln!(
                    out,
                    "            {} => runtime::union_variant_or_unknown::<D, _>({tag_literal}, value).map(|member| member.map_or_else(Self::Unknown, Self::{})),",
                    string_literal(&variant.tag_value),
                    variant.rust_name
                )
            } else {
                writeln!(
                    out,
                    "            {} => runtime::union_variant::<D, _>(value).map(Self::{}),",
                    string_literal(&variant.tag_value),
                    variant.rust_name
                )
            };
        }
        let _ = writeln!(
            out,
            "            _ => runtime::union_unknown::<D>({tag_literal}, value).map(Self::Unknown),\n        }}\n    }}\n}}"
        );
    }

    if !direction.is_request() {
        push_validate(out, name, &[]);
        return Ok(());
    }
    let _ = writeln!(
        out,
        "\nimpl runtime::Validate for {name} {{\n    fn validate(&self, field: &str) -> runtime::Result<()> {{\n        match self {{"
    );
    for variant in variants {
        let _ = writeln!(
            out,
            "            Self::{}(value) => runtime::Validate::validate(value, field),",
            variant.rust_name
        );
    }
    if direction.is_response() {
        out.push_str("            Self::Unknown(_) => Ok(()),\n");
    }
    out.push_str("        }\n    }\n}\n");
    Ok(())
}
