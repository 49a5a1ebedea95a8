//! Compiles the `names` golden output: keywords, prelude names, leading digits and collisions.
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

use generated::operations::{ResultValue as ResultOperation, ResultValue2 as MatchOperation};
use generated::types::{OptionValue, OptionValue2, ResultValue, Weird};

fn main() {
    let value = ResultValue::new("t", "s")
        .foo_bar("1")
        .foo_bar_2("2")
        .foo_bar_3("3")
        ._2fa(true)
        .value("empty key")
        .other(OptionValue::new().loop_("l"));
    assert_eq!(
        serde_json::to_value(&value).unwrap(),
        json!({
            "type": "t", "self": "s", "foo-bar": "1", "foo_bar": "2", "fooBar": "3",
            "2fa": true, "": "empty key", "other": {"loop": "l"}
        })
    );
    let braces = ResultValue::new("t", "s").braces("four");
    assert_eq!(
        braces.validate("body").unwrap_err().field(),
        Some("body.{braces}")
    );

    let matched: OptionValue2 = serde_json::from_value(json!({"match": "m"})).unwrap();
    assert_eq!(matched.match_.as_deref(), Some("m"));

    assert_eq!(
        serde_json::from_value::<Weird>(json!("unknown")).unwrap(),
        Weird::Unknown2
    );
    assert_eq!(
        serde_json::from_value::<Weird>(json!("Unknown")).unwrap(),
        Weird::Unknown3
    );
    assert_eq!(
        serde_json::from_value::<Weird>(json!("")).unwrap(),
        Weird::Empty2
    );
    assert_eq!(Weird::SelfValue.as_str(), "self");
    assert_eq!(Weird::V1d.as_str(), "1d");
    assert_eq!(
        serde_json::from_value::<Weird>(json!("brand-new"))
            .unwrap()
            .as_str(),
        "brand-new"
    );

    assert_eq!(<ResultOperation as runtime::Operation>::INFO.id, "Result");
    assert_eq!(<MatchOperation as runtime::Operation>::INFO.id, "result");
}
