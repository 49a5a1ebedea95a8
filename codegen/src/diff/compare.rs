//! The walk over two models: one [`Change`] per difference, each judged against the generated
//! crate's Rust signatures ([`super::surface`]).

use std::collections::{BTreeMap, BTreeSet};

use super::constraints::{Movement, constraint_changes};
use super::surface::{
    TypeSurface, accepts_text, direction_name, field_type, kind_name, openness_name, rust_type,
    secret_count, without_secrets,
};
use super::{ApiReading, Change, Verdict};
use crate::model::{
    Body, BodyEncoding, Constraints, EnumValue, Field, IdDef, Model, Operation, Param,
    ParamLocation, Resource, ResultShape, TypeDef, TypeKind, TypeRef, UnionVariant,
};

/// The API reading of a change that only renames or moves Rust items.
const SAME_ON_THE_WIRE: &str = "the requests and responses stay the same";

/// The content type a request body is sent with.
fn content_type(encoding: BodyEncoding) -> &'static str {
    match encoding {
        BodyEncoding::Json => "application/json",
        BodyEncoding::MergePatch => "application/merge-patch+json",
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
    /// The Rust type of the value users see, with integers spelled as the SDK declares them
    /// (without the `Option` an optional or nullable field adds).
    fn value_type(&self) -> String {
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

/// What holds a field or parameter, which decides how its changes reach users.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Holder {
    /// An operation parameter: a resource method argument when required, a builder method when
    /// optional; checked before sending.
    Parameter,
    /// A field of a struct: a public field (or a getter, when the fields are private), set
    /// through `new` and setters when callers build the struct.
    Field {
        /// Callers build the struct, and its values are checked before sending.
        sent: bool,
        /// The server sends the struct.
        received: bool,
        /// The fields are private (`x-sdk-required-when`).
        private: bool,
    },
    /// An identifier newtype: built by callers, checked before sending, and read from responses.
    Identifier,
}

impl Holder {
    /// Whether values are checked against the constraints before sending.
    fn checked(self) -> bool {
        match self {
            Holder::Parameter | Holder::Identifier => true,
            Holder::Field { sent, .. } => sent,
        }
    }

    /// Whether the server sends it (so the API reading of a change to it includes responses).
    fn received(self) -> bool {
        match self {
            Holder::Parameter => false,
            Holder::Identifier => true,
            Holder::Field { received, .. } => received,
        }
    }

    /// Whether callers send it (so the API reading of a change to it includes requests).
    fn sent(self) -> bool {
        match self {
            Holder::Parameter | Holder::Identifier => true,
            Holder::Field { sent, .. } => sent,
        }
    }
}

/// Where a field or parameter lives: how the report names it and what holds it.
struct Place {
    /// `parameter`, `request field`, `response field`, `field` or `identifier`.
    noun: &'static str,
    holder: Holder,
    subject: String,
    rust_items: Vec<String>,
}

fn field_noun(surface: TypeSurface) -> &'static str {
    match (surface.built_by_callers, surface.sent_by_server) {
        (true, false) => "request field",
        (false, true) => "response field",
        _ => "field",
    }
}

pub(super) struct Differ<'a> {
    pub old: &'a Model,
    pub new: &'a Model,
    pub changes: Vec<Change>,
}

impl Differ<'_> {
    fn push(
        &mut self,
        verdict: Verdict,
        kind: impl Into<String>,
        subject: impl Into<String>,
        detail: Option<String>,
        api: Option<ApiReading>,
        rust_items: Vec<String>,
    ) {
        self.changes.push(Change {
            verdict,
            kind: kind.into(),
            subject: subject.into(),
            detail,
            api,
            rust_items,
        });
    }

    // Identifier newtypes.

    pub fn ids(&mut self) {
        let names: BTreeSet<&String> = self.old.ids.keys().chain(self.new.ids.keys()).collect();
        for name in names {
            let item = vec![format!("ids::{name}")];
            let subject = format!("`{name}`");
            match (self.old.ids.get(name), self.new.ids.get(name)) {
                (Some(_), None) => {
                    self.push(
                        Verdict::BreaksBuild,
                        "identifier type removed",
                        subject,
                        None,
                        None,
                        item,
                    );
                }
                (None, Some(_)) => {
                    self.push(
                        Verdict::Compatible,
                        "identifier type added",
                        subject,
                        None,
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
            holder: Holder::Identifier,
            subject,
            rust_items: item,
        };
        self.constraints(&place, &old.constraints, &new.constraints);
        if old.docs != new.docs {
            self.push(
                Verdict::Documentation,
                "identifier description changed",
                place.subject.clone(),
                None,
                None,
                place.rust_items.clone(),
            );
        }
    }

    // Operations.

    pub fn operations(&mut self) {
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
                    let items = operation_items(self.new, new);
                    self.push(
                        Verdict::Compatible,
                        "operation added",
                        operation_subject(new),
                        None,
                        None,
                        items,
                    );
                }
            }
        }
        for old in unmatched_old {
            let items = operation_items(self.old, old);
            self.push(
                Verdict::BreaksBuild,
                "operation removed",
                operation_subject(old),
                None,
                None,
                items,
            );
        }
    }

    fn operation(&mut self, old: &Operation, new: &Operation) {
        let items = operation_items(self.new, new);
        let subject = operation_subject(new);
        if old.operation_id != new.operation_id {
            let (verdict, detail) = if old.rust_name != new.rust_name {
                (
                    Verdict::BreaksBuild,
                    format!(
                        "builder `operations::{}` is now `operations::{}`",
                        old.rust_name, new.rust_name
                    ),
                )
            } else {
                (
                    Verdict::Compatible,
                    "the Rust names stay the same; only `OperationInfo::id` changes".to_owned(),
                )
            };
            let api = verdict
                .is_breaking()
                .then(|| ApiReading::compatible(SAME_ON_THE_WIRE))
                .flatten();
            self.push(
                verdict,
                "operation renamed",
                format!("`{}` -> {subject}", old.operation_id),
                Some(detail),
                api,
                items.clone(),
            );
        } else if old.rust_name != new.rust_name {
            self.push(
                Verdict::BreaksBuild,
                "operation builder renamed",
                subject.clone(),
                Some(format!(
                    "`operations::{}` -> `operations::{}`",
                    old.rust_name, new.rust_name
                )),
                ApiReading::compatible(SAME_ON_THE_WIRE),
                items.clone(),
            );
        }
        if old.http_method != new.http_method || old.path != new.path {
            // The signatures stay (parameter changes are reported on their own): the SDK
            // follows the API to its new place, while a client built from the old spec does not.
            self.push(
                Verdict::Compatible,
                "operation moved",
                format!("`{}`", new.operation_id),
                Some(format!(
                    "`{} {}` -> `{} {}`; the SDK calls the new place with the same Rust signatures",
                    old.http_method, old.path, new.http_method, new.path
                )),
                ApiReading::breaking("clients built from the old spec call the old place"),
                items.clone(),
            );
        }
        let old_accessor = accessor(self.old, old);
        let new_accessor = accessor(self.new, new);
        if old_accessor != new_accessor {
            self.push(
                Verdict::BreaksBuild,
                "resource method moved",
                subject.clone(),
                Some(format!("`{old_accessor}` -> `{new_accessor}`")),
                ApiReading::compatible(SAME_ON_THE_WIRE),
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
                Verdict::BreaksBuild,
                "result type changed",
                subject.clone(),
                Some(detail),
                None,
                items.clone(),
            );
        }
        self.params(old, new, &new_accessor);
        self.arguments_order(old, new, &subject, &new_accessor);
        self.body(old.body.as_ref(), new.body.as_ref(), &subject, &items);
        if old.idempotent != new.idempotent {
            self.push(
                Verdict::Compatible,
                "retry behaviour changed",
                subject.clone(),
                Some(format!(
                    "idempotent {} -> {}",
                    old.idempotent, new.idempotent
                )),
                None,
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
                Verdict::Compatible,
                "success statuses changed",
                subject.clone(),
                Some(format!(
                    "{} -> {}",
                    show(&old.success_statuses),
                    show(&new.success_statuses)
                )),
                None,
                items.clone(),
            );
        }
        if old.permissions != new.permissions {
            // A token that was enough before may no longer be (or the other way round). No
            // signature changes, but `OperationInfo::permissions` does, and the emulator
            // enforces it: a behaviour the crates follow from the API, as with a moved path.
            self.push(
                Verdict::Compatible,
                "token permissions changed",
                subject.clone(),
                Some(format!(
                    "[{}] -> [{}]; `OperationInfo::permissions` and the docs follow",
                    old.permissions.join(", "),
                    new.permissions.join(", ")
                )),
                None,
                items.clone(),
            );
        }
        if old.summary != new.summary {
            self.push(
                Verdict::Documentation,
                "operation summary changed",
                subject.clone(),
                None,
                None,
                items.clone(),
            );
        }
        if old.description != new.description {
            self.push(
                Verdict::Documentation,
                "operation description changed",
                subject,
                None,
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
                let items = param_items(new, new_param);
                if new_param.required {
                    self.push(
                        Verdict::BreaksBuild,
                        "required parameter added",
                        subject(new_param),
                        Some(format!(
                            "`{accessor}` takes a new argument `{}`",
                            new_param.rust_name
                        )),
                        None,
                        items,
                    );
                } else {
                    self.push(
                        Verdict::Compatible,
                        "optional parameter added",
                        subject(new_param),
                        None,
                        None,
                        items,
                    );
                }
                continue;
            };
            let items = param_items(new, new_param);
            if old_param.location != new_param.location {
                // Where the value goes on the wire is the SDK's business: a required parameter
                // stays an argument (a change of its position is reported on its own).
                self.push(
                    Verdict::Compatible,
                    "parameter moved",
                    subject(new_param),
                    Some(format!(
                        "{} -> {}",
                        location(old_param),
                        location(new_param)
                    )),
                    ApiReading::breaking(
                        "clients built from the old spec send it in the old place",
                    ),
                    items.clone(),
                );
            }
            let place = Place {
                noun: "parameter",
                holder: Holder::Parameter,
                subject: subject(new_param),
                rust_items: items.clone(),
            };
            self.member(&place, old_param.into(), new_param.into());
            if old_param.default != new_param.default {
                self.push(
                    Verdict::Documentation,
                    "parameter default changed",
                    subject(new_param),
                    Some(format!(
                        "{} -> {}",
                        old_param.default.as_deref().unwrap_or("none"),
                        new_param.default.as_deref().unwrap_or("none")
                    )),
                    None,
                    items.clone(),
                );
            }
            if old_param.url_encoded_flag_for != new_param.url_encoded_flag_for {
                self.push(
                    Verdict::Compatible,
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
                    None,
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
                    Verdict::BreaksBuild,
                    "parameter removed",
                    subject,
                    None,
                    None,
                    items,
                );
            }
        }
    }

    /// Reports required parameters that kept their names but changed places among the resource
    /// method's arguments. Arguments are positional: of different types, calls stop compiling;
    /// of one type, they compile and silently pass each value as the other.
    fn arguments_order(&mut self, old: &Operation, new: &Operation, subject: &str, accessor: &str) {
        fn required_in_both<'o>(operation: &'o Operation, other: &Operation) -> Vec<&'o Param> {
            operation
                .params
                .iter()
                .filter(|param| param.required)
                .filter(|param| {
                    other
                        .params
                        .iter()
                        .any(|other| other.required && other.api_name == param.api_name)
                })
                .collect()
        }
        let old_order = required_in_both(old, new);
        let new_order = required_in_both(new, old);
        let same_place = |old: &&Param, new: &&Param| old.api_name == new.api_name;
        if old_order.len() == new_order.len()
            && old_order
                .iter()
                .zip(&new_order)
                .all(|(old, new)| same_place(old, new))
        {
            return;
        }
        let names = |order: &[&Param]| -> String {
            order
                .iter()
                .map(|param| format!("`{}`", param.api_name))
                .collect::<Vec<_>>()
                .join(", ")
        };
        // A call still compiles where each moved argument's new type takes what the old
        // place took: the same type, or both strings (ids and strings take `impl Into<T>`).
        let still_compiles = old_order.iter().zip(&new_order).all(|(old, new)| {
            Member::from(*old).value_type() == Member::from(*new).value_type()
                || (accepts_text(&old.ty) && accepts_text(&new.ty))
        });
        let verdict = if still_compiles {
            Verdict::BreaksBehaviour
        } else {
            Verdict::BreaksBuild
        };
        self.push(
            verdict,
            "resource method arguments reordered",
            subject,
            Some(format!("{} -> {}", names(&old_order), names(&new_order))),
            ApiReading::compatible("the API names its parameters; their order is the SDK's"),
            vec![accessor.to_owned()],
        );
    }

    fn body(&mut self, old: Option<&Body>, new: Option<&Body>, subject: &str, items: &[String]) {
        let items = items.to_vec();
        match (old, new) {
            (None, None) => {}
            (None, Some(new)) => {
                let (verdict, kind) = if new.required {
                    (Verdict::BreaksBuild, "required request body added")
                } else {
                    (Verdict::Compatible, "optional request body added")
                };
                let detail = Some(format!("`{}`", rust_type(&new.ty)));
                self.push(verdict, kind, subject, detail, None, items);
            }
            (Some(old), None) => {
                let detail = Some(format!("`{}`", rust_type(&old.ty)));
                self.push(
                    Verdict::BreaksBuild,
                    "request body removed",
                    subject,
                    detail,
                    None,
                    items,
                );
            }
            (Some(old), Some(new)) => {
                if old.ty != new.ty {
                    let detail = format!("`{}` -> `{}`", rust_type(&old.ty), rust_type(&new.ty));
                    self.push(
                        Verdict::BreaksBuild,
                        "request body type changed",
                        subject,
                        Some(detail),
                        None,
                        items.clone(),
                    );
                }
                if old.required != new.required {
                    let (kind, detail, api) = if new.required {
                        (
                            "request body made required",
                            "the resource method takes it as an argument",
                            None,
                        )
                    } else {
                        (
                            "request body made optional",
                            "the resource method no longer takes it; set it on the builder",
                            ApiReading::compatible("the API now accepts requests without it"),
                        )
                    };
                    self.push(
                        Verdict::BreaksBuild,
                        kind,
                        subject,
                        Some(detail.to_owned()),
                        api,
                        items.clone(),
                    );
                }
                if old.encoding != new.encoding {
                    let detail = format!(
                        "`{}` -> `{}`",
                        content_type(old.encoding),
                        content_type(new.encoding)
                    );
                    self.push(
                        Verdict::Compatible,
                        "request content type changed",
                        subject,
                        Some(detail),
                        ApiReading::breaking(
                            "clients built from the old spec send the old content type",
                        ),
                        items.clone(),
                    );
                }
                if old.docs != new.docs {
                    self.push(
                        Verdict::Documentation,
                        "request body description changed",
                        subject,
                        None,
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
    pub fn resources(
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
                    Verdict::Documentation,
                    "resource description changed",
                    format!("`{api_path}`"),
                    None,
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
        if old.rust_name != new.rust_name {
            self.push(
                Verdict::BreaksBuild,
                format!("{noun} renamed in Rust"),
                place.subject.clone(),
                Some(format!("`{}` -> `{}`", old.rust_name, new.rust_name)),
                ApiReading::compatible(SAME_ON_THE_WIRE),
                place.rust_items.clone(),
            );
        }
        if old.required != new.required {
            self.requiredness(place, &old, &new);
        }
        if old.nullable != new.nullable {
            self.nullability(place, &old, &new);
        }
        if old.ty != new.ty || old.value_type() != new.value_type() {
            self.member_type(place, &old, &new);
        }
        self.constraints(place, old.constraints, new.constraints);
        if old.docs != new.docs {
            self.push(
                Verdict::Documentation,
                format!("{noun} description changed"),
                place.subject.clone(),
                None,
                None,
                place.rust_items.clone(),
            );
        }
    }

    fn requiredness(&mut self, place: &Place, old: &Member<'_>, new: &Member<'_>) {
        let made_required = new.required;
        let kind = if made_required {
            format!("{} made required", place.noun)
        } else {
            format!("{} made optional", place.noun)
        };
        let detail = match place.holder {
            Holder::Parameter if made_required => format!(
                "the resource method takes it as a new argument; the builder method `{}` is gone",
                new.rust_name
            ),
            Holder::Parameter => format!(
                "the resource method no longer takes it; set it with the builder method `{}`",
                new.rust_name
            ),
            Holder::Field { sent, private, .. } => {
                let ty = new.value_type();
                let old_type = field_type(&ty, old.required, old.nullable);
                let new_type = field_type(&ty, new.required, new.nullable);
                let mut detail = if private {
                    format!("its getter's type changes from `{old_type}` to `{new_type}`")
                } else {
                    format!("its type changes from `{old_type}` to `{new_type}`")
                };
                if sent {
                    detail.push_str(if made_required {
                        "; the constructor takes it as a new argument"
                    } else {
                        "; the constructor no longer takes it"
                    });
                }
                detail
            }
            Holder::Identifier => String::new(),
        };
        // Requiring more of callers, or promising less to them, breaks clients of the API too;
        // the other two directions are compatible for the API but not for Rust code.
        let api = if made_required && !place.holder.sent() {
            ApiReading::compatible("the API now promises it is always present")
        } else if !made_required && !place.holder.received() {
            ApiReading::compatible("the API now accepts requests without it")
        } else {
            None
        };
        self.push(
            Verdict::BreaksBuild,
            kind,
            place.subject.clone(),
            Some(detail),
            api,
            place.rust_items.clone(),
        );
    }

    fn nullability(&mut self, place: &Place, old: &Member<'_>, new: &Member<'_>) {
        let ty = new.value_type();
        let old_type = field_type(&ty, old.required, old.nullable);
        let new_type = field_type(&ty, new.required, new.nullable);
        let (kind, api) = if new.nullable {
            let api = (!place.holder.received())
                .then(|| ApiReading::compatible("the API now accepts `null`"))
                .flatten();
            (format!("{} made nullable", place.noun), api)
        } else {
            let api = (!place.holder.sent())
                .then(|| ApiReading::compatible("the API now promises a value, never `null`"))
                .flatten();
            (format!("{} no longer nullable", place.noun), api)
        };
        self.push(
            Verdict::BreaksBuild,
            kind,
            place.subject.clone(),
            Some(format!(
                "its type changes from `{old_type}` to `{new_type}`"
            )),
            api,
            place.rust_items.clone(),
        );
    }

    fn member_type(&mut self, place: &Place, old: &Member<'_>, new: &Member<'_>) {
        let noun = place.noun;
        let detail = Some(format!("`{}` -> `{}`", old.value_type(), new.value_type()));
        let (kind, api) = if old.ty != new.ty && without_secrets(old.ty) == without_secrets(new.ty)
        {
            let kind = if secret_count(new.ty) > secret_count(old.ty) {
                format!("{noun} made sensitive")
            } else {
                format!("{noun} no longer sensitive")
            };
            (
                kind,
                ApiReading::compatible("the value is the same on the wire (`x-sensitive`)"),
            )
        } else if old.ty == new.ty {
            // Only a parameter's bounds moved, and they decide its integer type.
            let tightened = constraint_changes(old.constraints, new.constraints)
                .iter()
                .any(|change| change.movement != Movement::Loosened);
            let api = (!tightened)
                .then(|| {
                    ApiReading::compatible(
                        "the API's type is unchanged and accepts more; the bounds decide the Rust type",
                    )
                })
                .flatten();
            (format!("{noun} type changed"), api)
        } else {
            (format!("{noun} type changed"), None)
        };
        self.push(
            Verdict::BreaksBuild,
            kind,
            place.subject.clone(),
            detail,
            api,
            place.rust_items.clone(),
        );
    }

    fn constraints(&mut self, place: &Place, old: &Constraints, new: &Constraints) {
        for change in constraint_changes(old, new) {
            let values = format!("`{}` {} -> {}", change.keyword, change.old, change.new);
            let (verdict, detail, api) = if place.holder.checked() {
                match change.movement {
                    Movement::Loosened => (Verdict::Compatible, values, None),
                    Movement::Tightened | Movement::Changed => (
                        Verdict::BreaksBehaviour,
                        format!(
                            "{values}; values the old crate sent are now refused before sending"
                        ),
                        None,
                    ),
                }
            } else {
                // The SDK does not check what the server sends, so only the API's promise moves.
                let api = (change.movement != Movement::Tightened)
                    .then(|| {
                        ApiReading::breaking("the server may send values the old bounds excluded")
                    })
                    .flatten();
                (
                    Verdict::Documentation,
                    format!("{values}; the SDK does not check what the server sends"),
                    api,
                )
            };
            self.push(
                verdict,
                format!("{} constraint {}", place.noun, change.movement.word()),
                place.subject.clone(),
                Some(detail),
                api,
                place.rust_items.clone(),
            );
        }
    }

    // Types.

    pub fn types(&mut self) {
        let names: BTreeSet<&String> = self.old.types.keys().chain(self.new.types.keys()).collect();
        for name in names {
            let item = vec![format!("types::{name}")];
            match (self.old.types.get(name), self.new.types.get(name)) {
                (Some(old), None) => {
                    let subject = format!("{} `{name}`", kind_name(&old.kind));
                    self.push(
                        Verdict::BreaksBuild,
                        "type removed",
                        subject,
                        None,
                        None,
                        item,
                    );
                }
                (None, Some(new)) => {
                    let subject = format!("{} `{name}`", kind_name(&new.kind));
                    self.push(Verdict::Compatible, "type added", subject, None, None, item);
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
        let old_surface = TypeSurface::of(old);
        let new_surface = TypeSurface::of(new);
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
                if old_direction != new_direction {
                    let what = format!(
                        "{} -> {}",
                        direction_name(*old_direction),
                        direction_name(*new_direction)
                    );
                    self.surface(
                        "type direction changed",
                        &subject,
                        &item,
                        what,
                        old_surface,
                        new_surface,
                    );
                }
                if old_rules != new_rules
                    && (old_surface.built_by_callers || new_surface.built_by_callers)
                {
                    self.push(
                        Verdict::BreaksBuild,
                        "constructors changed",
                        subject.clone(),
                        Some("the `x-sdk-required-when` rules differ".to_owned()),
                        None,
                        item.clone(),
                    );
                }
                self.fields(name, old_fields, new_fields, old_surface, new_surface);
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
                    let what = format!(
                        "{} -> {}",
                        openness_name(*old_openness),
                        openness_name(*new_openness)
                    );
                    self.surface(
                        "enum openness changed",
                        &subject,
                        &item,
                        what,
                        old_surface,
                        new_surface,
                    );
                }
                self.enum_values(name, old_values, new_values, old_surface);
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
                if old_direction != new_direction {
                    let what = format!(
                        "{} -> {}",
                        direction_name(*old_direction),
                        direction_name(*new_direction)
                    );
                    self.surface(
                        "type direction changed",
                        &subject,
                        &item,
                        what,
                        old_surface,
                        new_surface,
                    );
                }
                if old_tag != new_tag {
                    self.push(
                        Verdict::Compatible,
                        "union tag changed",
                        subject.clone(),
                        Some(format!(
                            "`{old_tag}` -> `{new_tag}`; the Rust variants stay, the SDK reads and writes the new tag"
                        )),
                        ApiReading::breaking("clients built from the old spec use the old tag"),
                        item.clone(),
                    );
                }
                self.variants(name, old_variants, new_variants, old_surface, new_surface);
            }
            (old_kind, new_kind) => {
                self.push(
                    Verdict::BreaksBuild,
                    "type kind changed",
                    subject.clone(),
                    Some(format!(
                        "{} -> {}",
                        kind_name(old_kind),
                        kind_name(new_kind)
                    )),
                    None,
                    item.clone(),
                );
            }
        }
        if old.docs != new.docs {
            self.push(
                Verdict::Documentation,
                "type description changed",
                subject,
                None,
                None,
                item,
            );
        }
    }

    /// Reports what changes for users when a type starts or stops travelling one way (or an
    /// enum's openness changes): it may gain or lose constructors, `#[non_exhaustive]`, a
    /// catch-all variant or `Copy`.
    fn surface(
        &mut self,
        kind: &str,
        subject: &str,
        item: &[String],
        what: String,
        old: TypeSurface,
        new: TypeSurface,
    ) {
        let notes = TypeSurface::changes(old, new);
        let breaking = notes.iter().any(|(breaking, _)| *breaking);
        let verdict = if breaking {
            Verdict::BreaksBuild
        } else {
            Verdict::Compatible
        };
        let mut detail = what;
        for (_, note) in &notes {
            detail.push_str("; ");
            detail.push_str(note);
        }
        // When callers could build it before and still can, only where the API uses the
        // schema changed (it is now also sent by the server, say), not what it accepts.
        let api = (breaking && old.built_by_callers == new.built_by_callers)
            .then(|| ApiReading::compatible("only where the API uses the schema changed"))
            .flatten();
        self.push(verdict, kind, subject, Some(detail), api, item.to_vec());
    }

    fn fields(
        &mut self,
        type_name: &str,
        old: &[Field],
        new: &[Field],
        old_surface: TypeSurface,
        new_surface: TypeSurface,
    ) {
        let noun = field_noun(new_surface);
        let subject = |field: &Field| format!("`{type_name}.{}`", field.api_name);
        let items = |field: &Field| vec![format!("types::{type_name}::{}", field.rust_name)];
        for new_field in new {
            let Some(old_field) = old
                .iter()
                .find(|field| field.api_name == new_field.api_name)
            else {
                self.field_added(type_name, noun, new_field, old_surface, new_surface);
                continue;
            };
            let place = Place {
                noun,
                holder: Holder::Field {
                    sent: old_surface.built_by_callers && new_surface.built_by_callers,
                    received: old_surface.sent_by_server || new_surface.sent_by_server,
                    private: old_surface.private_fields || new_surface.private_fields,
                },
                subject: subject(new_field),
                rust_items: items(new_field),
            };
            self.member(&place, old_field.into(), new_field.into());
        }
        for old_field in old {
            if !new.iter().any(|field| field.api_name == old_field.api_name) {
                self.push(
                    Verdict::BreaksBuild,
                    format!("{noun} removed"),
                    subject(old_field),
                    None,
                    None,
                    items(old_field),
                );
            }
        }
    }

    /// A field that is new in `type_name`. Code written against the old type decides: a struct
    /// literal or an exhaustive pattern of an exhaustive struct breaks on any new field, and the
    /// constructor of a struct callers build takes every new required field.
    fn field_added(
        &mut self,
        type_name: &str,
        noun: &str,
        field: &Field,
        old_surface: TypeSurface,
        new_surface: TypeSurface,
    ) {
        let presence = if field.required {
            "required"
        } else {
            "optional"
        };
        let kind = format!("{presence} {noun} added");
        let subject = format!("`{type_name}.{}`", field.api_name);
        let items = vec![format!("types::{type_name}::{}", field.rust_name)];
        let constructor_grows =
            field.required && old_surface.built_by_callers && new_surface.built_by_callers;
        let (verdict, detail, api) = if constructor_grows {
            (
                Verdict::BreaksBuild,
                Some(format!(
                    "`{type_name}`'s {} a new argument `{}`",
                    if old_surface.private_fields {
                        "constructors take"
                    } else {
                        "constructor takes"
                    },
                    field.rust_name
                )),
                None,
            )
        } else if old_surface.exhaustive() {
            let api = if new_surface.sent_by_server && field.required {
                ApiReading::compatible("the API now sends one more field")
            } else {
                ApiReading::compatible("the API accepts one more optional field")
            };
            (
                Verdict::BreaksBuild,
                Some(format!(
                    "`{type_name}` is exhaustive, so its struct literals and exhaustive patterns no longer compile"
                )),
                api,
            )
        } else {
            let how = if old_surface.private_fields && new_surface.built_by_callers {
                "a new getter and setter; the fields are private"
            } else if old_surface.private_fields {
                "a new getter; the fields are private"
            } else if new_surface.built_by_callers {
                "a new field and setter; the struct is `#[non_exhaustive]`"
            } else {
                "a new field; the struct is `#[non_exhaustive]`"
            };
            (Verdict::Compatible, Some(how.to_owned()), None)
        };
        self.push(verdict, kind, subject, detail, api, items);
    }

    fn enum_values(
        &mut self,
        type_name: &str,
        old: &[EnumValue],
        new: &[EnumValue],
        old_surface: TypeSurface,
    ) {
        let subject = |value: &EnumValue| format!("`{type_name}` value `{}`", value.api_name);
        let items = |value: &EnumValue| vec![format!("types::{type_name}::{}", value.rust_name)];
        for new_value in new {
            match old
                .iter()
                .find(|value| value.api_name == new_value.api_name)
            {
                None => {
                    let (verdict, detail, api) = if old_surface.exhaustive() {
                        (
                            Verdict::BreaksBuild,
                            "the enum is exhaustive (closed, request-only), so exhaustive matches no longer compile",
                            ApiReading::compatible("the API accepts one more value"),
                        )
                    } else {
                        (Verdict::Compatible, "the enum is `#[non_exhaustive]`", None)
                    };
                    self.push(
                        verdict,
                        "enum value added",
                        subject(new_value),
                        Some(detail.to_owned()),
                        api,
                        items(new_value),
                    );
                }
                Some(old_value) if old_value.rust_name != new_value.rust_name => {
                    self.push(
                        Verdict::BreaksBuild,
                        "enum variant renamed in Rust",
                        subject(new_value),
                        Some(format!(
                            "`{}` -> `{}`",
                            old_value.rust_name, new_value.rust_name
                        )),
                        ApiReading::compatible(SAME_ON_THE_WIRE),
                        items(new_value),
                    );
                }
                Some(_) => {}
            }
        }
        for old_value in old {
            if !new.iter().any(|value| value.api_name == old_value.api_name) {
                self.push(
                    Verdict::BreaksBuild,
                    "enum value removed",
                    subject(old_value),
                    Some(format!("the variant `{}` is gone", old_value.rust_name)),
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
        old_surface: TypeSurface,
        new_surface: TypeSurface,
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
                let (verdict, detail, api) = if old_surface.exhaustive() {
                    (
                        Verdict::BreaksBuild,
                        "the union is exhaustive (request-only), so exhaustive matches no longer compile",
                        ApiReading::compatible("the API accepts one more kind"),
                    )
                } else {
                    (
                        Verdict::Compatible,
                        "the union is `#[non_exhaustive]`",
                        None,
                    )
                };
                self.push(
                    verdict,
                    "union variant added",
                    subject(new_variant),
                    Some(detail.to_owned()),
                    api,
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
                // Constructors exist only on unions callers build.
                let visible = what != "constructor"
                    || (old_surface.built_by_callers && new_surface.built_by_callers);
                if old_name != new_name && visible {
                    self.push(
                        Verdict::BreaksBuild,
                        format!("union {what} renamed in Rust"),
                        subject(new_variant),
                        Some(format!("`{old_name}` -> `{new_name}`")),
                        ApiReading::compatible(SAME_ON_THE_WIRE),
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
                    Verdict::BreaksBuild,
                    "union variant removed",
                    subject(old_variant),
                    Some(format!("the variant `{}` is gone", old_variant.rust_name)),
                    None,
                    items(old_variant),
                );
            }
        }
    }
}

fn operation_items(model: &Model, operation: &Operation) -> Vec<String> {
    vec![
        format!("operations::{}", operation.rust_name),
        accessor(model, operation),
    ]
}
