//! The one lookup of a `$ref` into `#/components/<section>/<name>`.
//!
//! Validation calls [`lookup`] to say precisely why a reference does not work; lowering calls
//! the same function, through [`schema`] and friends, once validation has proven that every
//! reference it follows resolves.

use indexmap::IndexMap;
use openapiv3::{OpenAPI, Parameter, ReferenceOr, RequestBody, Response, Schema};

use crate::error::escape_segment;

/// A component that a `$ref` names.
#[derive(Clone, Copy, Debug)]
pub struct Component<'a, T> {
    /// The component's name (`SecretBinding`).
    pub name: &'a str,
    /// The component itself.
    pub item: &'a T,
}

impl<T> Component<'_, T> {
    /// Where the component is in the spec (`#/components/schemas/SecretBinding`).
    pub fn pointer(&self, section: &str) -> String {
        format!("#/components/{section}/{}", escape_segment(self.name))
    }
}

/// What looking a reference up found.
#[derive(Clone, Copy, Debug)]
pub enum Lookup<'a, T> {
    /// The reference names a component defined inline in its section.
    Found(Component<'a, T>),
    /// The reference does not point into `#/components/<section>/` (or names a nested place).
    OutsideSection,
    /// The section has no component of that name.
    Missing,
    /// The component is itself only a `$ref`, which the generator does not follow.
    OnlyReference,
}

impl<'a, T> Lookup<'a, T> {
    /// The component, when the reference resolves.
    pub fn found(self) -> Option<Component<'a, T>> {
        match self {
            Lookup::Found(component) => Some(component),
            _ => None,
        }
    }
}

/// Looks `reference` up in `section` (`schemas`, `parameters`, `requestBodies`, `responses`).
pub fn lookup<'a, T>(
    map: Option<&'a IndexMap<String, ReferenceOr<T>>>,
    section: &str,
    reference: &str,
) -> Lookup<'a, T> {
    let Some(name) = reference
        .strip_prefix("#/components/")
        .and_then(|rest| rest.strip_prefix(section))
        .and_then(|rest| rest.strip_prefix('/'))
        .filter(|name| !name.contains('/'))
    else {
        return Lookup::OutsideSection;
    };
    match map.and_then(|map| map.get_key_value(name)) {
        Some((name, ReferenceOr::Item(item))) => Lookup::Found(Component { name, item }),
        Some((_, ReferenceOr::Reference { .. })) => Lookup::OnlyReference,
        None => Lookup::Missing,
    }
}

/// Looks up a `$ref` into `#/components/schemas`.
pub fn schema<'a>(api: &'a OpenAPI, reference: &str) -> Lookup<'a, Schema> {
    lookup(
        api.components
            .as_ref()
            .map(|components| &components.schemas),
        "schemas",
        reference,
    )
}

/// Looks up a `$ref` into `#/components/parameters`.
pub fn parameter<'a>(api: &'a OpenAPI, reference: &str) -> Lookup<'a, Parameter> {
    lookup(
        api.components
            .as_ref()
            .map(|components| &components.parameters),
        "parameters",
        reference,
    )
}

/// Looks up a `$ref` into `#/components/requestBodies`.
pub fn request_body<'a>(api: &'a OpenAPI, reference: &str) -> Lookup<'a, RequestBody> {
    lookup(
        api.components
            .as_ref()
            .map(|components| &components.request_bodies),
        "requestBodies",
        reference,
    )
}

/// Looks up a `$ref` into `#/components/responses`.
pub fn response<'a>(api: &'a OpenAPI, reference: &str) -> Lookup<'a, Response> {
    lookup(
        api.components
            .as_ref()
            .map(|components| &components.responses),
        "responses",
        reference,
    )
}

/// Appends an escaped segment to a JSON pointer (`~` as `~0`, `/` as `~1`): the same text as
/// [`crate::error::join`], with one allocation instead of three, because validation and
/// lowering build a pointer for every schema they visit.
pub fn join(pointer: &str, segment: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + segment.len() + 1);
    out.push_str(pointer);
    out.push('/');
    if segment.contains(['~', '/']) {
        for character in segment.chars() {
            match character {
                '~' => out.push_str("~0"),
                '/' => out.push_str("~1"),
                other => out.push(other),
            }
        }
    } else {
        out.push_str(segment);
    }
    out
}

/// The component name a reference into `section` gives, for error messages.
pub fn referenced_name<'r>(reference: &'r str, section: &str) -> &'r str {
    reference
        .strip_prefix("#/components/")
        .and_then(|rest| rest.strip_prefix(section))
        .and_then(|rest| rest.strip_prefix('/'))
        .unwrap_or(reference)
}
