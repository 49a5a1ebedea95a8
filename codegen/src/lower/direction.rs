//! The direction passes: which way each raw type travels (in requests, in responses, or both),
//! and which types split into a response shape and an `Input` request shape.
//!
//! A type used both ways splits when one of its fields differs between the two: `readOnly`
//! (response only), `writeOnly` (request only), or listed in `x-sdk-optional-in-response`
//! (optional in the response). The split follows references: a type that contains a split type
//! splits too.

use super::{Lowerer, RawKind, RawOperation, RawRef, TypeIndex};

/// Pushes the named types a raw reference contains (through arrays, maps and nullables).
pub(super) fn collect_named(ty: &RawRef, out: &mut Vec<TypeIndex>) {
    match ty {
        RawRef::Named(index) => out.push(*index),
        RawRef::Vec(inner) | RawRef::Map(inner) | RawRef::Nullable(inner) => {
            collect_named(inner, out)
        }
        RawRef::Prim(_) | RawRef::Id(_) => {}
    }
}

impl Lowerer<'_> {
    /// Marks every raw type with the directions it is used in, walking from the operations'
    /// parameters and bodies (requests) and results (responses). A request walk skips
    /// `readOnly` fields, a response walk `writeOnly` ones, and both skip union tags.
    pub(super) fn mark_directions(&mut self, operations: &[RawOperation]) {
        let mut request_roots = Vec::new();
        let mut response_roots = Vec::new();
        for operation in operations {
            for param in &operation.params {
                collect_named(&param.ty, &mut request_roots);
            }
            if let Some(body) = &operation.body {
                collect_named(&body.ty, &mut request_roots);
            }
            if let Some(ty) = &operation.result {
                collect_named(ty, &mut response_roots);
            }
        }
        for (mut stack, request) in [(request_roots, true), (response_roots, false)] {
            while let Some(index) = stack.pop() {
                let raw_type = &mut self.types[index.0];
                let flag = if request {
                    &mut raw_type.request
                } else {
                    &mut raw_type.response
                };
                if *flag {
                    continue;
                }
                *flag = true;
                match &raw_type.kind {
                    RawKind::Struct { fields, .. } => {
                        for field in fields {
                            let skip = if request {
                                field.read_only
                            } else {
                                field.write_only
                            };
                            if !skip && !raw_type.drop_fields.contains(&field.api_name) {
                                collect_named(&field.ty, &mut stack);
                            }
                        }
                    }
                    RawKind::Union { variants, .. } => {
                        stack.extend(variants.iter().map(|(_, index)| *index));
                    }
                    RawKind::Enum { .. } | RawKind::Pending => {}
                }
            }
        }
    }

    /// Decides which types split into a response shape and an `Input` request shape.
    pub(super) fn decide_splits(&mut self) {
        for raw_type in &mut self.types {
            if let RawKind::Struct { fields, .. } = &raw_type.kind {
                raw_type.split = raw_type.request
                    && raw_type.response
                    && fields.iter().any(|field| {
                        field.read_only || field.write_only || field.optional_in_response
                    });
            }
        }
        loop {
            let mut changed = Vec::new();
            for (index, raw_type) in self.types.iter().enumerate() {
                if raw_type.split || !(raw_type.request && raw_type.response) {
                    continue;
                }
                let mut referenced = Vec::new();
                match &raw_type.kind {
                    RawKind::Struct { fields, .. } => {
                        for field in fields {
                            collect_named(&field.ty, &mut referenced);
                        }
                    }
                    RawKind::Union { variants, .. } => {
                        referenced.extend(variants.iter().map(|(_, index)| *index));
                    }
                    RawKind::Enum { .. } | RawKind::Pending => {}
                }
                if referenced.iter().any(|other| self.types[other.0].split) {
                    changed.push(index);
                }
            }
            if changed.is_empty() {
                break;
            }
            for index in changed {
                self.types[index].split = true;
            }
        }
    }
}
