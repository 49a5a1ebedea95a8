//! The naming pass: every Rust type name is claimed once, in a fixed order (ids first, then
//! component types by name, then inline types by key), so that a collision always resolves the
//! same way. Field, variant and builder names are claimed where they are built, in spec order.

use super::{IdIndex, Lowerer, RawRef, TypeIndex};
use crate::model::TypeRef;
use crate::naming::{Namespace, type_name};

/// Which shape of a split type a reference wants.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Side {
    /// The request shape (`SecretBindingInput` where the type splits).
    Request,
    /// The response shape (the schema's own name).
    Response,
}

/// The Rust names of one raw type.
pub(super) struct TypeNames {
    /// The response shape's name, or the only name of a type that does not split.
    pub(super) base: String,
    /// The request shape's name (`...Input`), for a type that splits.
    pub(super) input: Option<String>,
}

/// Every claimed name, by index.
pub(super) struct Names {
    ids: Vec<String>,
    types: Vec<TypeNames>,
}

impl Names {
    /// The names of a raw type.
    pub(super) fn of(&self, index: TypeIndex) -> &TypeNames {
        &self.types[index.0]
    }

    /// The name of the shape of a raw type that `side` uses.
    pub(super) fn named(&self, index: TypeIndex, side: Side) -> &str {
        let names = self.of(index);
        match (side, &names.input) {
            (Side::Request, Some(input)) => input,
            _ => &names.base,
        }
    }

    /// The id names, in [`IdIndex`] order.
    pub(super) fn ids(&self) -> impl Iterator<Item = &String> {
        self.ids.iter()
    }

    /// Resolves a raw reference to the model's [`TypeRef`] for `side`.
    pub(super) fn resolve(&self, ty: &RawRef, side: Side) -> TypeRef {
        match ty {
            RawRef::Prim(ty) => ty.clone(),
            RawRef::Id(IdIndex(index)) => TypeRef::Id(self.ids[*index].clone()),
            RawRef::Named(index) => TypeRef::Named(self.named(*index, side).to_owned()),
            RawRef::Vec(inner) => TypeRef::Vec(Box::new(self.resolve(inner, side))),
            RawRef::Map(inner) => TypeRef::Map(Box::new(self.resolve(inner, side))),
            RawRef::Nullable(inner) => TypeRef::Nullable(Box::new(self.resolve(inner, side))),
        }
    }
}

impl Lowerer<'_> {
    /// Claims every Rust type name: ids first, then the types the operations reach (component
    /// types before inline ones, each by key), then the unreached ones (never emitted).
    pub(super) fn claim_names(&self) -> Names {
        let mut namespace = Namespace::new();
        let mut ids: Vec<(IdIndex, String)> = self
            .id_keys
            .iter()
            .map(|(api_name, index)| (*index, namespace.claim(type_name(api_name))))
            .collect();
        ids.sort_by_key(|(index, _)| *index);
        let mut order: Vec<usize> = (0..self.types.len()).collect();
        order.sort_by_key(|index| {
            let raw_type = &self.types[*index];
            (
                !(raw_type.request || raw_type.response),
                !raw_type.component,
                &raw_type.key,
            )
        });
        let mut types: Vec<(usize, TypeNames)> = order
            .into_iter()
            .map(|index| {
                let raw_type = &self.types[index];
                let base = namespace.claim(raw_type.base_name.clone());
                let input = raw_type
                    .split
                    .then(|| namespace.claim(format!("{base}Input")));
                (index, TypeNames { base, input })
            })
            .collect();
        types.sort_by_key(|(index, _)| *index);
        Names {
            ids: ids.into_iter().map(|(_, name)| name).collect(),
            types: types.into_iter().map(|(_, names)| names).collect(),
        }
    }
}
