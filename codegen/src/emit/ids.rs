//! Emits `generated/ids.rs`: one identifier newtype per identifier schema (`x-sdk-id: true`),
//! each declared with the runtime's `id!` macro and the spec's constraints.

use std::fmt::Write as _;

use super::{docs_or, push_docs, spec_line, string_literal};
use crate::model::{IdDef, Model};

pub(super) fn emit(model: &Model) -> String {
    let mut out = String::from(
        "//! Identifier newtypes: each kind of identifier is its own type, so a store id cannot be passed where a secret id belongs.\n\nuse crate::runtime;\n",
    );
    for def in model.ids.values() {
        out.push('\n');
        id(&mut out, def);
    }
    out
}

fn id(out: &mut String, def: &IdDef) {
    let mut docs = docs_or(&def.docs, format!("The `{}` identifier.", def.api_name));
    docs.push(String::new());
    docs.push(spec_line(&def.pointer));
    out.push_str("runtime::id! {\n");
    push_docs(out, "    ", &docs);
    let mut line = format!("    {}", def.rust_name);
    let constraints = &def.constraints;
    let mut rule = |name: &str, value: Option<String>| {
        if let Some(value) = value {
            let _ = write!(line, ", {name}: {value}");
        }
    };
    rule(
        "min_length",
        constraints.min_length.map(|value| value.to_string()),
    );
    rule(
        "max_length",
        constraints.max_length.map(|value| value.to_string()),
    );
    rule(
        "max_bytes",
        constraints.max_bytes.map(|value| value.to_string()),
    );
    rule(
        "pattern",
        constraints.pattern.as_deref().map(string_literal),
    );
    out.push_str(&line);
    out.push_str("\n}\n");
}
