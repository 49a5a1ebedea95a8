//! Compiles the `nullable` golden output and checks required-nullable, optional-nullable and nullable map values.
#![allow(dead_code)]

/// The SDK runtime, compiled from its source where generated code expects it
/// (`crate::runtime`): generated code extends runtime types (`impl
/// crate::runtime::RequestBuilder<Operation>` for the setters, `impl crate::Client` for the
/// resources), which Rust allows only inside the crate that defines them.
#[path = "../../../../generated/src/runtime/mod.rs"]
mod runtime;

pub use runtime::Client;

#[path = "expected/generated/mod.rs"]
mod generated;

use runtime::Validate;
use serde_json::json;

use generated::types::{Note, Record};

fn main() {
    // Required and nullable: always serialized; optional: absent when unset.
    let record = Record::new("a", None);
    assert_eq!(
        serde_json::to_value(&record).unwrap(),
        json!({"required_plain": "a", "required_nullable": null})
    );

    // Optional and nullable: absent, null and a value are three different things.
    let cleared = Record::new("a", Some("b".to_owned())).optional_nullable(None);
    assert_eq!(
        serde_json::to_value(&cleared).unwrap()["optional_nullable"],
        json!(null)
    );
    let set = Record::new("a", None).optional_nullable(Some("x".to_owned()));
    assert_eq!(
        serde_json::to_value(&set).unwrap()["optional_nullable"],
        json!("x")
    );
    let absent: Record =
        serde_json::from_value(json!({"required_plain": "a", "required_nullable": null})).unwrap();
    assert_eq!(absent.optional_nullable, None);
    let null: Record = serde_json::from_value(
        json!({"required_plain": "a", "required_nullable": "r", "optional_nullable": null, "optional_nullable_ref": null}),
    )
    .unwrap();
    assert_eq!(null.optional_nullable, Some(None));
    assert_eq!(null.optional_nullable_ref, Some(None));
    assert_eq!(null.required_nullable.as_deref(), Some("r"));

    // Nullable map values are sent as explicit nulls (merge-patch deletes).
    let mut notes = std::collections::BTreeMap::new();
    notes.insert("keep".to_owned(), Some(Note::new("hi")));
    notes.insert("drop".to_owned(), None);
    let patch = Record::new("a", None).notes(notes);
    assert_eq!(
        serde_json::to_value(&patch).unwrap()["notes"],
        json!({"drop": null, "keep": {"text": "hi"}})
    );
    patch.validate("body").unwrap();

    // Constraints still apply inside the options.
    let long = Record::new("a", None).optional_nullable(Some("x".repeat(11)));
    assert_eq!(
        long.validate("body").unwrap_err().field(),
        Some("body.optional_nullable")
    );
    let numbers = Record::new("a", None).maybe_numbers(vec![Some(1), None, Some(6)]);
    assert_eq!(
        numbers.validate("body").unwrap_err().field(),
        Some("body.maybe_numbers[2]")
    );
    let mut bad_notes = std::collections::BTreeMap::new();
    bad_notes.insert("n".to_owned(), Some(Note::new("y".repeat(101))));
    let bad = Record::new("a", None).notes(bad_notes);
    assert_eq!(
        bad.validate("body").unwrap_err().field(),
        Some("body.notes.n.text")
    );
}
