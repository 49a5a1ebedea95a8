//! The API change report: compares two versions of the intermediate model and says what a
//! user of the generated crate would notice.
//!
//! [`compare`] walks the identifier newtypes, the operations (with their parameters, bodies and
//! results) and the generated types (with their fields, enum values and union variants) of
//! both models and records one [`Change`] per difference. Each change has a [`Severity`]:
//!
//! - **Breaking**: code that compiled and worked against the old crate may stop compiling or
//!   start failing (an operation, type, field or value removed; a request field or parameter
//!   added as required or made required; a request constraint tightened; a value added to a
//!   closed request enum, which breaks exhaustive `match`es; an operation renamed or moved).
//! - **Additive**: new things, and changes that only loosen what the API accepts or tighten
//!   what it promises (a new optional request field, a response field made required, a
//!   loosened request constraint, a value added to a response enum that already keeps unknown
//!   values).
//! - **Documentation only**: summaries and descriptions.
//!
//! Operations are matched by `operationId`; an unmatched old and new operation with the same
//! method and path are one renamed operation, not a removal and an addition. Types are matched
//! by their Rust name, fields and parameters by their wire name, enum values by their value,
//! union variants by their tag value.
//!
//! Where the API-level rules and the Rust signature disagree, the line says so: a
//! response field made required is additive (the API promises more) although its Rust type
//! changes from `Option<T>` to `T`; a request field or parameter made optional is breaking
//! because the constructor or resource method loses an argument.

mod semver;

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

pub use semver::{Bump, Version, VersionError, next_version};

use crate::model::{
    Body, Constraints, Direction, EnumValue, Field, IdDef, Model, Openness, Operation, Param,
    ParamLocation, Resource, ResultShape, TypeDef, TypeKind, TypeRef, UnionVariant,
};

/// How much a change matters to users of the generated crate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Existing code may stop compiling or start failing.
    Breaking,
    /// Something new, or a change that only loosens requests or tightens responses.
    Additive,
    /// Only summaries or descriptions changed.
    Documentation,
}

impl Severity {
    /// The heading of this group in the reports.
    pub fn heading(self) -> &'static str {
        match self {
            Severity::Breaking => "Breaking",
            Severity::Additive => "Additive",
            Severity::Documentation => "Documentation only",
        }
    }

    /// The version bump a change of this severity needs.
    pub fn bump(self) -> Bump {
        match self {
            Severity::Breaking => Bump::Major,
            Severity::Additive => Bump::Minor,
            Severity::Documentation => Bump::Patch,
        }
    }

    /// All severities in report order.
    pub const ALL: [Severity; 3] = [
        Severity::Breaking,
        Severity::Additive,
        Severity::Documentation,
    ];
}

/// One difference between the two versions of the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// How much it matters.
    pub severity: Severity,
    /// What happened (`operation removed`, `request field made required`).
    pub kind: String,
    /// What it happened to, with code in backticks (`` `delete-store` (`DELETE /stores/{id}`) ``).
    pub subject: String,
    /// Old and new values where that helps, with code in backticks.
    pub detail: Option<String>,
    /// The Rust items it maps to (`operations::DeleteStore`, `types::Secret::comment`).
    pub rust_items: Vec<String>,
}

impl Change {
    /// The version bump this change needs.
    pub fn bump(&self) -> Bump {
        self.severity.bump()
    }

    /// The change as one plain-text line (without indentation or bullet).
    pub fn to_text(&self) -> String {
        let mut line = format!("{}: {}", self.kind, strip_code(&self.subject));
        if let Some(detail) = &self.detail {
            let _ = write!(line, ": {}", strip_code(detail));
        }
        if !self.rust_items.is_empty() {
            let _ = write!(line, " [{}]", self.rust_items.join(", "));
        }
        line
    }

    /// The change as one Markdown list item's text (without the bullet).
    pub fn to_markdown(&self) -> String {
        let mut line = format!("**{}**: {}", self.kind, self.subject);
        if let Some(detail) = &self.detail {
            let _ = write!(line, ": {detail}");
        }
        if !self.rust_items.is_empty() {
            let items: Vec<String> = self
                .rust_items
                .iter()
                .map(|item| format!("`{item}`"))
                .collect();
            let _ = write!(line, " → {}", items.join(", "));
        }
        line
    }
}

/// Removes the backticks that mark code in subjects and details.
fn strip_code(text: &str) -> String {
    text.replace('`', "")
}

/// The result of [`compare`]: every change, in a stable order (identifiers, operations in the
/// new spec's order followed by removed ones, then types by Rust name).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ApiDiff {
    /// `info.version` of the old spec.
    pub old_version: String,
    /// `info.version` of the new spec.
    pub new_version: String,
    /// The changes.
    pub changes: Vec<Change>,
}

impl ApiDiff {
    /// Whether any change is breaking.
    pub fn has_breaking(&self) -> bool {
        self.changes
            .iter()
            .any(|change| change.severity == Severity::Breaking)
    }

    /// The version bump the changes need together (the largest of theirs), or `None` when
    /// nothing changed. The next version is [`Version::next`] of the released one with it.
    pub fn bump(&self) -> Option<Bump> {
        self.changes.iter().map(Change::bump).max()
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes of one severity, in report order.
    pub fn of(&self, severity: Severity) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.severity == severity)
    }

    /// The number of changes of one severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.of(severity).count()
    }

    fn summary(&self) -> String {
        format!(
            "{} breaking, {} additive, {} documentation-only",
            self.count(Severity::Breaking),
            self.count(Severity::Additive),
            self.count(Severity::Documentation)
        )
    }

    fn version_note(&self) -> Option<String> {
        (self.old_version != self.new_version).then(|| {
            format!(
                "spec version `{}` -> `{}`",
                self.old_version, self.new_version
            )
        })
    }

    /// The plain-text report: a summary line, then one group per severity.
    pub fn render_text(&self) -> String {
        let mut out = String::from("API changes");
        if let Some(note) = self.version_note() {
            let _ = write!(out, " ({})", strip_code(&note));
        }
        if self.is_empty() {
            out.push_str(": none.\n");
            return out;
        }
        let _ = writeln!(out, ": {}.", self.summary());
        for severity in Severity::ALL {
            let count = self.count(severity);
            if count == 0 {
                continue;
            }
            let _ = writeln!(out, "\n{} ({count}):", severity.heading());
            for change in self.of(severity) {
                let _ = writeln!(out, "  - {}", change.to_text());
            }
        }
        out
    }

    /// The Markdown report, for a pull request comment.
    pub fn render_markdown(&self) -> String {
        let mut out = String::from("### API changes\n\n");
        if let Some(note) = self.version_note() {
            let mut chars = note.chars();
            let capitalised: String = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            let _ = write!(out, "{capitalised}. ");
        }
        if self.is_empty() {
            out.push_str("No API changes.\n");
            return out;
        }
        let breaking = self.count(Severity::Breaking);
        if breaking > 0 {
            let _ = writeln!(
                out,
                "**{breaking} breaking**, {} additive, {} documentation-only.",
                self.count(Severity::Additive),
                self.count(Severity::Documentation)
            );
        } else {
            let _ = writeln!(
                out,
                "**Nothing breaking**: {} additive, {} documentation-only.",
                self.count(Severity::Additive),
                self.count(Severity::Documentation)
            );
        }
        for severity in Severity::ALL {
            let count = self.count(severity);
            if count == 0 {
                continue;
            }
            let _ = writeln!(out, "\n#### {} ({count})\n", severity.heading());
            for change in self.of(severity) {
                let _ = writeln!(out, "- {}", change.to_markdown());
            }
        }
        out
    }
}

/// Compares two models of the API and lists what changed from `old` to `new`.
pub fn compare(old: &Model, new: &Model) -> ApiDiff {
    let mut differ = Differ {
        old,
        new,
        changes: Vec::new(),
    };
    differ.ids();
    differ.operations();
    differ.resources(&old.resources.roots, &new.resources.roots, "", "Client::");
    differ.types();
    ApiDiff {
        old_version: old.info.version.clone(),
        new_version: new.info.version.clone(),
        changes: differ.changes,
    }
}

/// The Rust spelling of a type reference, as users see it.
pub fn rust_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::String => "String".to_owned(),
        TypeRef::Secret => "SecretString".to_owned(),
        TypeRef::SecretJson => "SecretJson".to_owned(),
        TypeRef::Bool => "bool".to_owned(),
        TypeRef::Integer => "i64".to_owned(),
        TypeRef::Number => "f64".to_owned(),
        TypeRef::Timestamp => "jiff::Timestamp".to_owned(),
        TypeRef::Json => "serde_json::Value".to_owned(),
        TypeRef::Id(name) | TypeRef::Named(name) => name.clone(),
        TypeRef::Vec(inner) => format!("Vec<{}>", rust_type(inner)),
        TypeRef::Map(inner) => format!("BTreeMap<String, {}>", rust_type(inner)),
        TypeRef::Nullable(inner) => format!("Option<{}>", rust_type(inner)),
    }
}

fn result_type(result: &ResultShape, paginated: bool) -> String {
    let inner = match result {
        ResultShape::Unit => "()".to_owned(),
        ResultShape::Value(ty) => rust_type(ty),
    };
    if paginated {
        format!("Page<{inner}>")
    } else {
        inner
    }
}

/// The accessor chain that reaches an operation: `Client::secrets_store().stores().get`.
pub fn accessor(model: &Model, operation: &Operation) -> String {
    format!("Client::{}", model.call_chain(operation))
}

fn operation_subject(operation: &Operation) -> String {
    format!(
        "`{}` (`{} {}`)",
        operation.operation_id, operation.http_method, operation.path
    )
}

fn direction_name(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request",
        Direction::Response => "response",
        Direction::Both => "request and response",
    }
}

fn openness_name(openness: Openness) -> &'static str {
    match openness {
        Openness::Closed => "closed",
        Openness::OpenUnknown => "open (keeps unknown server values)",
        Openness::Extensible => "extensible (`Other(String)`)",
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct { .. } => "struct",
        TypeKind::Enum { .. } => "enum",
        TypeKind::Union { .. } => "tagged union",
    }
}

fn optional_number<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| "none".to_owned(), |value| value.to_string())
}

/// How a constraint moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Movement {
    /// Fewer values are accepted.
    Tightened,
    /// More values are accepted.
    Loosened,
    /// Neither is clear (a different pattern).
    Changed,
}

/// One constraint that differs: its spec keyword, old and new value, and which way it moved.
struct ConstraintChange {
    keyword: &'static str,
    old: String,
    new: String,
    movement: Movement,
}

fn lower_bound<T: PartialOrd + ToString + Copy>(
    keyword: &'static str,
    old: Option<T>,
    new: Option<T>,
    out: &mut Vec<ConstraintChange>,
) {
    let movement = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => Movement::Tightened,
        (Some(_), None) => Movement::Loosened,
        (Some(old), Some(new)) if new > old => Movement::Tightened,
        (Some(old), Some(new)) if new < old => Movement::Loosened,
        (Some(_), Some(_)) => return,
    };
    out.push(ConstraintChange {
        keyword,
        old: optional_number(old),
        new: optional_number(new),
        movement,
    });
}

fn upper_bound<T: PartialOrd + ToString + Copy>(
    keyword: &'static str,
    old: Option<T>,
    new: Option<T>,
    out: &mut Vec<ConstraintChange>,
) {
    let movement = match (old, new) {
        (None, None) => return,
        (None, Some(_)) => Movement::Tightened,
        (Some(_), None) => Movement::Loosened,
        (Some(old), Some(new)) if new < old => Movement::Tightened,
        (Some(old), Some(new)) if new > old => Movement::Loosened,
        (Some(_), Some(_)) => return,
    };
    out.push(ConstraintChange {
        keyword,
        old: optional_number(old),
        new: optional_number(new),
        movement,
    });
}

fn constraint_changes(old: &Constraints, new: &Constraints) -> Vec<ConstraintChange> {
    let mut out = Vec::new();
    lower_bound("minLength", old.min_length, new.min_length, &mut out);
    upper_bound("maxLength", old.max_length, new.max_length, &mut out);
    upper_bound("x-sdk-max-bytes", old.max_bytes, new.max_bytes, &mut out);
    lower_bound("minimum", old.minimum, new.minimum, &mut out);
    upper_bound("maximum", old.maximum, new.maximum, &mut out);
    lower_bound("minItems", old.min_items, new.min_items, &mut out);
    upper_bound("maxItems", old.max_items, new.max_items, &mut out);
    let movement = match (&old.pattern, &new.pattern) {
        (None, None) => None,
        (None, Some(_)) => Some(Movement::Tightened),
        (Some(_), None) => Some(Movement::Loosened),
        (Some(old), Some(new)) if old != new => Some(Movement::Changed),
        (Some(_), Some(_)) => None,
    };
    if let Some(movement) = movement {
        let show = |pattern: &Option<String>| {
            pattern
                .as_ref()
                .map_or_else(|| "none".to_owned(), |pattern| format!("`{pattern}`"))
        };
        out.push(ConstraintChange {
            keyword: "pattern",
            old: show(&old.pattern),
            new: show(&new.pattern),
            movement,
        });
    }
    out
}

/// The parts of a field or parameter the comparison looks at.
struct Member<'m> {
    rust_name: &'m str,
    required: bool,
    nullable: bool,
    ty: &'m TypeRef,
    /// How an integer is spelled: `i64` for fields, the type its bounds imply for parameters
    /// (the way the emitter spells it, [`crate::emit::integer_type`]).
    integer: &'static str,
    constraints: &'m Constraints,
    docs: &'m [String],
}

impl Member<'_> {
    /// The Rust type users see, with integers spelled as the SDK declares them.
    fn rust_type(&self) -> String {
        match self.ty {
            TypeRef::Integer => self.integer.to_owned(),
            TypeRef::Vec(inner) if **inner == TypeRef::Integer => format!("Vec<{}>", self.integer),
            other => rust_type(other),
        }
    }
}

impl<'m> From<&'m Field> for Member<'m> {
    fn from(field: &'m Field) -> Self {
        Member {
            rust_name: &field.rust_name,
            required: field.required,
            nullable: field.nullable,
            ty: &field.ty,
            integer: "i64",
            constraints: &field.constraints,
            docs: &field.docs,
        }
    }
}

impl<'m> From<&'m Param> for Member<'m> {
    fn from(param: &'m Param) -> Self {
        Member {
            rust_name: &param.rust_name,
            required: param.required,
            nullable: false,
            ty: &param.ty,
            integer: crate::emit::integer_type(&param.constraints).0,
            constraints: &param.constraints,
            docs: &param.docs,
        }
    }
}

/// Where a field or parameter lives, which decides how its changes are judged.
struct Place {
    /// `parameter`, `request field`, `response field` or `field`.
    noun: &'static str,
    /// Callers build values that contain it.
    request: bool,
    /// The server sends values that contain it.
    response: bool,
    subject: String,
    rust_items: Vec<String>,
}

fn field_noun(direction: Direction) -> &'static str {
    match direction {
        Direction::Request => "request field",
        Direction::Response => "response field",
        Direction::Both => "field",
    }
}

struct Differ<'a> {
    old: &'a Model,
    new: &'a Model,
    changes: Vec<Change>,
}

impl<'a> Differ<'a> {
    fn push(
        &mut self,
        severity: Severity,
        kind: impl Into<String>,
        subject: impl Into<String>,
        detail: Option<String>,
        rust_items: Vec<String>,
    ) {
        self.changes.push(Change {
            severity,
            kind: kind.into(),
            subject: subject.into(),
            detail,
            rust_items,
        });
    }

    // Identifier newtypes.

    fn ids(&mut self) {
        let names: BTreeSet<&String> = self.old.ids.keys().chain(self.new.ids.keys()).collect();
        for name in names {
            let item = vec![format!("ids::{name}")];
            let subject = format!("`{name}`");
            match (self.old.ids.get(name), self.new.ids.get(name)) {
                (Some(_), None) => {
                    self.push(
                        Severity::Breaking,
                        "identifier type removed",
                        subject,
                        None,
                        item,
                    );
                }
                (None, Some(_)) => {
                    self.push(
                        Severity::Additive,
                        "identifier type added",
                        subject,
                        None,
                        item,
                    );
                }
                (Some(old), Some(new)) => self.id(old, new, subject, item),
                (None, None) => {}
            }
        }
    }

    fn id(&mut self, old: &IdDef, new: &IdDef, subject: String, item: Vec<String>) {
        let place = Place {
            noun: "identifier",
            request: true,
            response: false,
            subject,
            rust_items: item,
        };
        self.constraints(&place, &old.constraints, &new.constraints);
        if old.docs != new.docs {
            self.push(
                Severity::Documentation,
                "identifier description changed",
                place.subject.clone(),
                None,
                place.rust_items.clone(),
            );
        }
    }

    // Operations.

    fn operations(&mut self) {
        let old_by_id: BTreeMap<&str, &Operation> = self
            .old
            .operations
            .iter()
            .map(|operation| (operation.operation_id.as_str(), operation))
            .collect();
        let new_ids: BTreeSet<&str> = self
            .new
            .operations
            .iter()
            .map(|operation| operation.operation_id.as_str())
            .collect();
        let mut unmatched_old: Vec<&Operation> = self
            .old
            .operations
            .iter()
            .filter(|operation| !new_ids.contains(operation.operation_id.as_str()))
            .collect();
        for new in &self.new.operations {
            if let Some(old) = old_by_id.get(new.operation_id.as_str()) {
                self.operation(old, new);
                continue;
            }
            let renamed = unmatched_old
                .iter()
                .position(|old| old.http_method == new.http_method && old.path == new.path);
            match renamed {
                Some(index) => {
                    let old = unmatched_old.remove(index);
                    self.operation(old, new);
                }
                None => {
                    let items = self.operation_items(self.new, new);
                    self.push(
                        Severity::Additive,
                        "operation added",
                        operation_subject(new),
                        None,
                        items,
                    );
                }
            }
        }
        for old in unmatched_old {
            let items = self.operation_items(self.old, old);
            self.push(
                Severity::Breaking,
                "operation removed",
                operation_subject(old),
                None,
                items,
            );
        }
    }

    fn operation_items(&self, model: &Model, operation: &Operation) -> Vec<String> {
        vec![
            format!("operations::{}", operation.rust_name),
            accessor(model, operation),
        ]
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let items = self.operation_items(self.new, new);
        let subject = operation_subject(new);
        if old.operation_id != new.operation_id {
            let (severity, detail) = if old.rust_name != new.rust_name {
                (
                    Severity::Breaking,
                    format!(
                        "builder `operations::{}` is now `operations::{}`",
                        old.rust_name, new.rust_name
                    ),
                )
            } else {
                (
                    Severity::Additive,
                    "the Rust names stay the same".to_owned(),
                )
            };
            self.push(
                severity,
                "operation renamed",
                format!("`{}` -> {subject}", old.operation_id),
                Some(detail),
                items.clone(),
            );
        } else if old.rust_name != new.rust_name {
            self.push(
                Severity::Breaking,
                "operation builder renamed",
                subject.clone(),
                Some(format!(
                    "`operations::{}` -> `operations::{}`",
                    old.rust_name, new.rust_name
                )),
                items.clone(),
            );
        }
        if old.http_method != new.http_method || old.path != new.path {
            self.push(
                Severity::Breaking,
                "operation moved",
                format!("`{}`", new.operation_id),
                Some(format!(
                    "`{} {}` -> `{} {}`",
                    old.http_method, old.path, new.http_method, new.path
                )),
                items.clone(),
            );
        }
        let old_accessor = accessor(self.old, old);
        let new_accessor = accessor(self.new, new);
        if old_accessor != new_accessor {
            self.push(
                Severity::Breaking,
                "resource method moved",
                subject.clone(),
                Some(format!("`{old_accessor}` -> `{new_accessor}`")),
                items.clone(),
            );
        }
        if old.paginated != new.paginated || old.result != new.result {
            let detail = format!(
                "`{}` -> `{}`",
                result_type(&old.result, old.paginated),
                result_type(&new.result, new.paginated)
            );
            self.push(
                Severity::Breaking,
                "result type changed",
                subject.clone(),
                Some(detail),
                items.clone(),
            );
        }
        self.params(old, new, &new_accessor);
        self.body(old.body.as_ref(), new.body.as_ref(), &subject, &items);
        if old.idempotent != new.idempotent {
            self.push(
                Severity::Additive,
                "retry behaviour changed",
                subject.clone(),
                Some(format!(
                    "idempotent {} -> {}",
                    old.idempotent, new.idempotent
                )),
                items.clone(),
            );
        }
        if old.success_statuses != new.success_statuses {
            let show = |statuses: &[u16]| {
                statuses
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            self.push(
                Severity::Additive,
                "success statuses changed",
                subject.clone(),
                Some(format!(
                    "{} -> {}",
                    show(&old.success_statuses),
                    show(&new.success_statuses)
                )),
                items.clone(),
            );
        }
        if old.permissions != new.permissions {
            // A token that was enough before may no longer be (or the other way round): the
            // Rust code is unaffected, so this is reported with the documentation changes.
            self.push(
                Severity::Documentation,
                "token permissions changed",
                subject.clone(),
                Some(format!(
                    "[{}] -> [{}]",
                    old.permissions.join(", "),
                    new.permissions.join(", ")
                )),
                items.clone(),
            );
        }
        if old.summary != new.summary {
            self.push(
                Severity::Documentation,
                "operation summary changed",
                subject.clone(),
                None,
                items.clone(),
            );
        }
        if old.description != new.description {
            self.push(
                Severity::Documentation,
                "operation description changed",
                subject,
                None,
                items,
            );
        }
    }

    fn params(&mut self, old: &Operation, new: &Operation, accessor: &str) {
        let param_items = |operation: &Operation, param: &Param| -> Vec<String> {
            if param.required {
                vec![accessor.to_owned()]
            } else {
                vec![format!(
                    "operations::{}::{}",
                    operation.rust_name, param.rust_name
                )]
            }
        };
        let location = |param: &Param| match param.location {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
        };
        let subject = |param: &Param| {
            format!(
                "`{}` parameter `{}` ({})",
                new.operation_id,
                param.api_name,
                location(param)
            )
        };
        for new_param in &new.params {
            let Some(old_param) = old
                .params
                .iter()
                .find(|param| param.api_name == new_param.api_name)
            else {
                let (severity, kind) = if new_param.required {
                    (Severity::Breaking, "required parameter added")
                } else {
                    (Severity::Additive, "optional parameter added")
                };
                let items = param_items(new, new_param);
                self.push(severity, kind, subject(new_param), None, items);
                continue;
            };
            let items = param_items(new, new_param);
            if old_param.location != new_param.location {
                self.push(
                    Severity::Breaking,
                    "parameter moved",
                    subject(new_param),
                    Some(format!(
                        "{} -> {}",
                        location(old_param),
                        location(new_param)
                    )),
                    items.clone(),
                );
            }
            let place = Place {
                noun: "parameter",
                request: true,
                response: false,
                subject: subject(new_param),
                rust_items: items.clone(),
            };
            self.member(&place, old_param.into(), new_param.into());
            if old_param.default != new_param.default {
                self.push(
                    Severity::Documentation,
                    "parameter default changed",
                    subject(new_param),
                    Some(format!(
                        "{} -> {}",
                        old_param.default.as_deref().unwrap_or("none"),
                        new_param.default.as_deref().unwrap_or("none")
                    )),
                    items.clone(),
                );
            }
            if old_param.url_encoded_flag_for != new_param.url_encoded_flag_for {
                self.push(
                    Severity::Additive,
                    "url_encoded flag behaviour changed",
                    subject(new_param),
                    Some(format!(
                        "follows {} -> {}",
                        old_param
                            .url_encoded_flag_for
                            .as_deref()
                            .unwrap_or("nothing"),
                        new_param
                            .url_encoded_flag_for
                            .as_deref()
                            .unwrap_or("nothing")
                    )),
                    items,
                );
            }
        }
        for old_param in &old.params {
            if !new
                .params
                .iter()
                .any(|param| param.api_name == old_param.api_name)
            {
                let items = param_items(old, old_param);
                let subject = format!(
                    "`{}` parameter `{}` ({})",
                    new.operation_id,
                    old_param.api_name,
                    location(old_param)
                );
                self.push(
                    Severity::Breaking,
                    "parameter removed",
                    subject,
                    None,
                    items,
                );
            }
        }
    }

    fn body(&mut self, old: Option<&Body>, new: Option<&Body>, subject: &str, items: &[String]) {
        let items = items.to_vec();
        match (old, new) {
            (None, None) => {}
            (None, Some(new)) => {
                let (severity, kind) = if new.required {
                    (Severity::Breaking, "required request body added")
                } else {
                    (Severity::Additive, "optional request body added")
                };
                let detail = Some(format!("`{}`", rust_type(&new.ty)));
                self.push(severity, kind, subject, detail, items);
            }
            (Some(old), None) => {
                let detail = Some(format!("`{}`", rust_type(&old.ty)));
                self.push(
                    Severity::Breaking,
                    "request body removed",
                    subject,
                    detail,
                    items,
                );
            }
            (Some(old), Some(new)) => {
                if old.ty != new.ty {
                    let detail = format!("`{}` -> `{}`", rust_type(&old.ty), rust_type(&new.ty));
                    self.push(
                        Severity::Breaking,
                        "request body type changed",
                        subject,
                        Some(detail),
                        items.clone(),
                    );
                }
                if old.required != new.required {
                    let kind = if new.required {
                        "request body made required"
                    } else {
                        "request body made optional"
                    };
                    self.push(Severity::Breaking, kind, subject, None, items.clone());
                }
                if old.encoding != new.encoding {
                    let detail = format!("{:?} -> {:?}", old.encoding, new.encoding);
                    self.push(
                        Severity::Additive,
                        "request content type changed",
                        subject,
                        Some(detail),
                        items.clone(),
                    );
                }
                if old.docs != new.docs {
                    self.push(
                        Severity::Documentation,
                        "request body description changed",
                        subject,
                        None,
                        items,
                    );
                }
            }
        }
    }

    // Resources.

    /// Reports resources whose documentation (the tag description) changed. Resources that
    /// appear or disappear do so with their operations, which are reported already.
    fn resources(
        &mut self,
        old: &BTreeMap<String, Resource>,
        new: &BTreeMap<String, Resource>,
        api_prefix: &str,
        prefix: &str,
    ) {
        for (api_name, new_resource) in new {
            let Some(old_resource) = old.get(api_name) else {
                continue;
            };
            let api_path = format!("{api_prefix}{api_name}");
            let accessor = format!("{prefix}{}()", new_resource.method_name);
            if old_resource.docs != new_resource.docs {
                self.push(
                    Severity::Documentation,
                    "resource description changed",
                    format!("`{api_path}`"),
                    None,
                    vec![accessor.clone()],
                );
            }
            self.resources(
                &old_resource.children,
                &new_resource.children,
                &format!("{api_path}."),
                &format!("{accessor}."),
            );
        }
    }

    // Fields and parameters.

    fn member(&mut self, place: &Place, old: Member<'_>, new: Member<'_>) {
        let noun = place.noun;
        let subject = || place.subject.clone();
        let items = || place.rust_items.clone();
        if old.rust_name != new.rust_name {
            self.push(
                Severity::Breaking,
                format!("{noun} renamed in Rust"),
                subject(),
                Some(format!("`{}` -> `{}`", old.rust_name, new.rust_name)),
                items(),
            );
        }
        if old.required != new.required {
            if new.required {
                let (severity, detail) = if place.request {
                    (Severity::Breaking, "callers must now supply it".to_owned())
                } else {
                    (
                        Severity::Additive,
                        format!(
                            "now always present; the Rust type changes from `Option<{ty}>` to `{ty}`",
                            ty = new.rust_type()
                        ),
                    )
                };
                self.push(
                    severity,
                    format!("{noun} made required"),
                    subject(),
                    Some(detail),
                    items(),
                );
            } else {
                let detail = if place.response {
                    "the server may now leave it out".to_owned()
                } else if noun == "parameter" {
                    "it moves from an argument of the resource method to a builder method"
                        .to_owned()
                } else {
                    "the constructor no longer takes it".to_owned()
                };
                self.push(
                    Severity::Breaking,
                    format!("{noun} made optional"),
                    subject(),
                    Some(detail),
                    items(),
                );
            }
        }
        // A parameter's bounds decide its integer type, so a bound can change the type too.
        if old.ty != new.ty || old.rust_type() != new.rust_type() {
            self.push(
                Severity::Breaking,
                format!("{noun} type changed"),
                subject(),
                Some(format!("`{}` -> `{}`", old.rust_type(), new.rust_type())),
                items(),
            );
        }
        if old.nullable != new.nullable {
            // Gaining `nullable` changes the Rust type (`T` to `Option<T>`, or `Option<T>` to
            // `Option<Option<T>>` for optional fields) and lets the server send `null`.
            let severity = if new.nullable || place.request {
                Severity::Breaking
            } else {
                Severity::Additive
            };
            let kind = if new.nullable {
                format!("{noun} made nullable")
            } else {
                format!("{noun} no longer nullable")
            };
            self.push(severity, kind, subject(), None, items());
        }
        self.constraints(place, old.constraints, new.constraints);
        if old.docs != new.docs {
            self.push(
                Severity::Documentation,
                format!("{noun} description changed"),
                subject(),
                None,
                items(),
            );
        }
    }

    fn constraints(&mut self, place: &Place, old: &Constraints, new: &Constraints) {
        for change in constraint_changes(old, new) {
            let (word, severity) = match change.movement {
                Movement::Tightened => ("tightened", Severity::Breaking),
                Movement::Loosened => ("loosened", Severity::Additive),
                Movement::Changed => ("changed", Severity::Breaking),
            };
            // Only requests are checked against constraints; for a response-only value a
            // constraint is a promise about what the server sends, so no change breaks callers.
            let severity = if place.request {
                severity
            } else {
                Severity::Additive
            };
            self.push(
                severity,
                format!("{} constraint {word}", place.noun),
                place.subject.clone(),
                Some(format!(
                    "`{}` {} -> {}",
                    change.keyword, change.old, change.new
                )),
                place.rust_items.clone(),
            );
        }
    }

    // Types.

    fn types(&mut self) {
        let names: BTreeSet<&String> = self.old.types.keys().chain(self.new.types.keys()).collect();
        for name in names {
            let item = vec![format!("types::{name}")];
            match (self.old.types.get(name), self.new.types.get(name)) {
                (Some(old), None) => {
                    let subject = format!("{} `{name}`", kind_name(&old.kind));
                    self.push(Severity::Breaking, "type removed", subject, None, item);
                }
                (None, Some(new)) => {
                    let subject = format!("{} `{name}`", kind_name(&new.kind));
                    self.push(Severity::Additive, "type added", subject, None, item);
                }
                (Some(old), Some(new)) => self.type_def(old, new),
                (None, None) => {}
            }
        }
    }

    fn type_def(&mut self, old: &TypeDef, new: &TypeDef) {
        let name = &new.rust_name;
        let item = vec![format!("types::{name}")];
        let subject = format!("`{name}`");
        match (&old.kind, &new.kind) {
            (
                TypeKind::Struct {
                    fields: old_fields,
                    direction: old_direction,
                    required_when: old_rules,
                    ..
                },
                TypeKind::Struct {
                    fields: new_fields,
                    direction: new_direction,
                    required_when: new_rules,
                    ..
                },
            ) => {
                self.direction(&subject, &item, *old_direction, *new_direction, false);
                if old_rules != new_rules
                    && (old_direction.is_request() || new_direction.is_request())
                {
                    self.push(
                        Severity::Breaking,
                        "constructors changed",
                        subject.clone(),
                        Some("the `x-sdk-required-when` rules differ".to_owned()),
                        item.clone(),
                    );
                }
                self.fields(name, old_fields, new_fields, *new_direction);
            }
            (
                TypeKind::Enum {
                    values: old_values,
                    openness: old_openness,
                },
                TypeKind::Enum {
                    values: new_values,
                    openness: new_openness,
                },
            ) => {
                if old_openness != new_openness {
                    self.push(
                        Severity::Breaking,
                        "enum openness changed",
                        subject.clone(),
                        Some(format!(
                            "{} -> {}",
                            openness_name(*old_openness),
                            openness_name(*new_openness)
                        )),
                        item.clone(),
                    );
                }
                self.enum_values(name, old_values, new_values, *new_openness);
            }
            (
                TypeKind::Union {
                    tag: old_tag,
                    variants: old_variants,
                    direction: old_direction,
                    ..
                },
                TypeKind::Union {
                    tag: new_tag,
                    variants: new_variants,
                    direction: new_direction,
                    ..
                },
            ) => {
                self.direction(&subject, &item, *old_direction, *new_direction, true);
                if old_tag != new_tag {
                    self.push(
                        Severity::Breaking,
                        "union tag changed",
                        subject.clone(),
                        Some(format!("`{old_tag}` -> `{new_tag}`")),
                        item.clone(),
                    );
                }
                self.variants(name, old_variants, new_variants, *new_direction);
            }
            (old_kind, new_kind) => {
                self.push(
                    Severity::Breaking,
                    "type kind changed",
                    subject.clone(),
                    Some(format!(
                        "{} -> {}",
                        kind_name(old_kind),
                        kind_name(new_kind)
                    )),
                    item.clone(),
                );
            }
        }
        if old.docs != new.docs {
            self.push(
                Severity::Documentation,
                "type description changed",
                subject,
                None,
                item,
            );
        }
    }

    /// Reports a change in the directions a struct or union travels in.
    fn direction(
        &mut self,
        subject: &str,
        item: &[String],
        old: Direction,
        new: Direction,
        union: bool,
    ) {
        if old == new {
            return;
        }
        let (severity, note) = if old.is_request() && !new.is_request() {
            (Severity::Breaking, "callers can no longer build it")
        } else if union && !old.is_response() && new.is_response() {
            (
                Severity::Breaking,
                "the union becomes `#[non_exhaustive]`, so exhaustive matches break",
            )
        } else if !old.is_request() && new.is_request() {
            (Severity::Additive, "callers can now build it")
        } else if !old.is_response() && new.is_response() {
            (
                Severity::Additive,
                "the struct becomes `#[non_exhaustive]`; build it with `new`",
            )
        } else {
            (Severity::Additive, "the server no longer sends it")
        };
        let detail = Some(format!(
            "{} -> {}; {note}",
            direction_name(old),
            direction_name(new)
        ));
        self.push(
            severity,
            "type direction changed",
            subject,
            detail,
            item.to_vec(),
        );
    }

    fn fields(&mut self, type_name: &str, old: &[Field], new: &[Field], direction: Direction) {
        let noun = field_noun(direction);
        let subject = |field: &Field| format!("`{type_name}.{}`", field.api_name);
        let items = |field: &Field| vec![format!("types::{type_name}::{}", field.rust_name)];
        for new_field in new {
            let Some(old_field) = old
                .iter()
                .find(|field| field.api_name == new_field.api_name)
            else {
                let (severity, kind) = match (new_field.required, direction.is_request()) {
                    (true, true) => (Severity::Breaking, format!("required {noun} added")),
                    (true, false) => (Severity::Additive, format!("required {noun} added")),
                    (false, _) => (Severity::Additive, format!("optional {noun} added")),
                };
                self.push(severity, kind, subject(new_field), None, items(new_field));
                continue;
            };
            let place = Place {
                noun,
                request: direction.is_request(),
                response: direction.is_response(),
                subject: subject(new_field),
                rust_items: items(new_field),
            };
            self.member(&place, old_field.into(), new_field.into());
        }
        for old_field in old {
            if !new.iter().any(|field| field.api_name == old_field.api_name) {
                self.push(
                    Severity::Breaking,
                    format!("{noun} removed"),
                    subject(old_field),
                    None,
                    items(old_field),
                );
            }
        }
    }

    fn enum_values(
        &mut self,
        type_name: &str,
        old: &[EnumValue],
        new: &[EnumValue],
        openness: Openness,
    ) {
        let subject = |value: &EnumValue| format!("`{type_name}` value `{}`", value.api_name);
        let items = |value: &EnumValue| vec![format!("types::{type_name}::{}", value.rust_name)];
        for new_value in new {
            match old
                .iter()
                .find(|value| value.api_name == new_value.api_name)
            {
                None => {
                    let (severity, detail) = if openness == Openness::Closed {
                        (
                            Severity::Breaking,
                            "the enum is closed (request-only), so exhaustive matches break",
                        )
                    } else {
                        (
                            Severity::Additive,
                            "the enum already accepts values it does not know",
                        )
                    };
                    self.push(
                        severity,
                        "enum value added",
                        subject(new_value),
                        Some(detail.to_owned()),
                        items(new_value),
                    );
                }
                Some(old_value) if old_value.rust_name != new_value.rust_name => {
                    self.push(
                        Severity::Breaking,
                        "enum variant renamed in Rust",
                        subject(new_value),
                        Some(format!(
                            "`{}` -> `{}`",
                            old_value.rust_name, new_value.rust_name
                        )),
                        items(new_value),
                    );
                }
                Some(_) => {}
            }
        }
        for old_value in old {
            if !new.iter().any(|value| value.api_name == old_value.api_name) {
                self.push(
                    Severity::Breaking,
                    "enum value removed",
                    subject(old_value),
                    None,
                    items(old_value),
                );
            }
        }
    }

    fn variants(
        &mut self,
        type_name: &str,
        old: &[UnionVariant],
        new: &[UnionVariant],
        direction: Direction,
    ) {
        let subject =
            |variant: &UnionVariant| format!("`{type_name}` variant `{}`", variant.tag_value);
        let items =
            |variant: &UnionVariant| vec![format!("types::{type_name}::{}", variant.rust_name)];
        for new_variant in new {
            let Some(old_variant) = old
                .iter()
                .find(|variant| variant.tag_value == new_variant.tag_value)
            else {
                let (severity, detail) = if direction.is_response() {
                    (Severity::Additive, "the union is `#[non_exhaustive]`")
                } else {
                    (
                        Severity::Breaking,
                        "the union is exhaustive (request-only), so matches break",
                    )
                };
                self.push(
                    severity,
                    "union variant added",
                    subject(new_variant),
                    Some(detail.to_owned()),
                    items(new_variant),
                );
                continue;
            };
            let renamed = [
                ("variant", &old_variant.rust_name, &new_variant.rust_name),
                (
                    "variant type",
                    &old_variant.type_name,
                    &new_variant.type_name,
                ),
                (
                    "constructor",
                    &old_variant.constructor,
                    &new_variant.constructor,
                ),
            ];
            for (what, old_name, new_name) in renamed {
                // Constructors exist only on request unions.
                if old_name != new_name && (what != "constructor" || direction.is_request()) {
                    self.push(
                        Severity::Breaking,
                        format!("union {what} renamed in Rust"),
                        subject(new_variant),
                        Some(format!("`{old_name}` -> `{new_name}`")),
                        items(new_variant),
                    );
                }
            }
        }
        for old_variant in old {
            if !new
                .iter()
                .any(|variant| variant.tag_value == old_variant.tag_value)
            {
                self.push(
                    Severity::Breaking,
                    "union variant removed",
                    subject(old_variant),
                    None,
                    items(old_variant),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_bounds_move_the_right_way() {
        let old = Constraints {
            max_length: Some(64),
            min_length: Some(1),
            pattern: Some("^a$".to_owned()),
            ..Constraints::default()
        };
        let new = Constraints {
            max_length: Some(32),
            min_length: None,
            pattern: Some("^b$".to_owned()),
            maximum: Some(10.0),
            ..Constraints::default()
        };
        let changes = constraint_changes(&old, &new);
        let moved: Vec<(&str, Movement)> = changes
            .iter()
            .map(|change| (change.keyword, change.movement))
            .collect();
        assert_eq!(
            moved,
            vec![
                ("minLength", Movement::Loosened),
                ("maxLength", Movement::Tightened),
                ("maximum", Movement::Tightened),
                ("pattern", Movement::Changed),
            ]
        );
        assert!(constraint_changes(&new, &new).is_empty());
    }

    #[test]
    fn rust_types_are_spelled_as_users_see_them() {
        let ty = TypeRef::Map(Box::new(TypeRef::Nullable(Box::new(TypeRef::Vec(
            Box::new(TypeRef::Named("Secret".to_owned())),
        )))));
        assert_eq!(rust_type(&ty), "BTreeMap<String, Option<Vec<Secret>>>");
    }

    #[test]
    fn an_empty_diff_renders_as_no_changes() {
        let diff = ApiDiff {
            old_version: "1".to_owned(),
            new_version: "1".to_owned(),
            changes: Vec::new(),
        };
        assert!(!diff.has_breaking());
        assert_eq!(diff.bump(), None);
        assert_eq!(diff.render_text(), "API changes: none.\n");
        assert_eq!(
            diff.render_markdown(),
            "### API changes\n\nNo API changes.\n"
        );
    }

    #[test]
    fn the_changes_need_the_largest_of_their_bumps() {
        let change = |severity| Change {
            severity,
            kind: "something changed".to_owned(),
            subject: "`x`".to_owned(),
            detail: None,
            rust_items: Vec::new(),
        };
        let mut diff = ApiDiff::default();
        for (severity, bump) in [
            (Severity::Documentation, Bump::Patch),
            (Severity::Additive, Bump::Minor),
            (Severity::Breaking, Bump::Major),
        ] {
            assert_eq!(change(severity).bump(), bump);
            diff.changes.insert(0, change(severity));
            assert_eq!(diff.bump(), Some(bump));
        }
        diff.changes.push(change(Severity::Documentation));
        assert_eq!(diff.bump(), Some(Bump::Major));
    }
}
