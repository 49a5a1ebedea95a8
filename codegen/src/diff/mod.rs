//! The API change report: compares two versions of the intermediate model and says what a
//! user of the generated crate would notice, and which version bump that needs.
//!
//! [`compare`] walks the identifier newtypes, the operations (with their parameters, bodies and
//! results) and the generated types (with their fields, enum values and union variants) of
//! both models and records one [`Change`] per difference. Operations are matched by
//! `operationId` (an unmatched old and new operation with the same method and path are one
//! renamed operation), types by their Rust name, fields and parameters by their wire name, enum
//! values by their value, union variants by their tag value.
//!
//! Each change carries a [`Verdict`], judged against the generated crate's Rust signatures
//! (module `surface`: what code may do with each type), not against the wire format:
//!
//! - **Breaks the build** (major): an item removed or renamed; a field's or parameter's type
//!   changed, including `Option<T>` ↔ `T` when it is made required or optional and `T` ↔
//!   `Option<T>` when its nullability changes, and `String` ↔ `SecretString` when its
//!   sensitivity changes; a constructor or resource method that takes a new argument or loses
//!   one; a field added to a struct that code may build with a struct literal (an exhaustive
//!   one) or a value added to an enum or union that code may match exhaustively; a type that
//!   becomes `#[non_exhaustive]`, stops being buildable, or loses its `Unknown` variant.
//! - **Breaks behaviour** (major): code compiles, but a call that worked may fail: a request
//!   constraint tightened (values are refused before sending), or arguments of one type that
//!   swap places.
//! - **Compatible** (minor): additions that no compiled code can trip over (an optional field of
//!   a `#[non_exhaustive]` struct, a value of an enum that keeps unknown values, an operation),
//!   loosened request constraints, and wire-level changes the SDK follows with the same
//!   signatures (an operation moved to another path, a parameter moved to the query).
//! - **Documentation only** (patch): descriptions, and API facts the SDK does not act on
//!   (constraints on values only the server sends).
//!
//! Where the API-level reading differs (a response field made required is a promise the API
//! can keep without breaking any client, yet its Rust type changes), the change carries an
//! [`ApiReading`] that the reports show next to the verdict. [`ApiDiff::bump`] is the bump the
//! changes need together, and [`Version::next`] applies Cargo's rules to it (`0.x`: breaking →
//! `0.(x+1).0`, anything else a patch bump).

mod compare;
mod constraints;
mod render;
mod semver;
mod surface;
mod verdict;

pub use compare::accessor;
pub use semver::{Bump, Version, VersionError, next_version};
pub use surface::rust_type;
pub use verdict::{ApiReading, CaseVerdict, Verdict};

use crate::model::Model;

/// One difference between the two versions of the API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    /// What a user of the generated crate experiences (and so the bump it needs).
    pub verdict: Verdict,
    /// What happened (`operation removed`, `request field made required`).
    pub kind: String,
    /// What it happened to, with code in backticks (`` `delete-store` (`DELETE /stores/{id}`) ``).
    pub subject: String,
    /// Old and new values, and how the Rust code changes, with code in backticks.
    pub detail: Option<String>,
    /// How the API itself reads the change, where that differs from the verdict.
    pub api: Option<ApiReading>,
    /// The Rust items it maps to (`operations::DeleteStore`, `types::Secret::comment`).
    pub rust_items: Vec<String>,
}

impl Change {
    /// The version bump this change needs.
    pub fn bump(&self) -> Bump {
        self.verdict.bump()
    }
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
    /// The crate version released from the old spec, when the caller knows it (`compare` does
    /// not): the reports then name the next version.
    pub released: Option<Version>,
}

impl ApiDiff {
    /// Whether any change needs a major version.
    pub fn has_breaking(&self) -> bool {
        self.bump() == Some(Bump::Major)
    }

    /// The worst verdict of the changes, or `None` when nothing changed.
    pub fn verdict(&self) -> CaseVerdict {
        CaseVerdict(self.changes.iter().map(|change| change.verdict).max())
    }

    /// The version bump the changes need together (the largest of theirs), or `None` when
    /// nothing changed. The next version is [`Version::next`] of the released one with it.
    pub fn bump(&self) -> Option<Bump> {
        self.verdict().bump()
    }

    /// The version that follows [`released`](Self::released) for these changes, when both are
    /// known.
    pub fn next_version(&self) -> Option<Version> {
        Some(self.released?.next(self.bump()?))
    }

    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// The changes with one verdict, in report order.
    pub fn of(&self, verdict: Verdict) -> impl Iterator<Item = &Change> {
        self.changes
            .iter()
            .filter(move |change| change.verdict == verdict)
    }

    /// The number of changes with one verdict.
    pub fn count(&self, verdict: Verdict) -> usize {
        self.of(verdict).count()
    }
}

/// Compares two models of the API and lists what changed from `old` to `new`.
pub fn compare(old: &Model, new: &Model) -> ApiDiff {
    let mut differ = compare::Differ {
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
        released: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_changes_need_the_largest_of_their_bumps() {
        let change = |verdict| Change {
            verdict,
            kind: "something changed".to_owned(),
            subject: "`x`".to_owned(),
            detail: None,
            api: None,
            rust_items: Vec::new(),
        };
        let mut diff = ApiDiff {
            released: Some(Version::new(0, 1, 0)),
            ..ApiDiff::default()
        };
        assert_eq!((diff.bump(), diff.next_version()), (None, None));
        for (verdict, bump, next) in [
            (Verdict::Documentation, Bump::Patch, "0.1.1"),
            (Verdict::Compatible, Bump::Minor, "0.1.1"),
            (Verdict::BreaksBehaviour, Bump::Major, "0.2.0"),
            (Verdict::BreaksBuild, Bump::Major, "0.2.0"),
        ] {
            assert_eq!(change(verdict).bump(), bump);
            diff.changes.insert(0, change(verdict));
            assert_eq!(diff.bump(), Some(bump));
            assert_eq!(diff.verdict(), CaseVerdict(Some(verdict)));
            assert_eq!(
                diff.next_version().map(|v| v.to_string()).as_deref(),
                Some(next)
            );
        }
        diff.changes.push(change(Verdict::Documentation));
        assert_eq!(diff.bump(), Some(Bump::Major));
        assert!(diff.has_breaking());
    }
}
