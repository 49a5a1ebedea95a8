//! Identifier newtypes: each kind of identifier is its own type, so a store id cannot be passed where a secret id belongs.

use crate::runtime;

runtime::id! {
    /// Account identifier.
    ///
    /// Spec: `#/components/schemas/AccountId`.
    AccountId, max_length: 32
}

runtime::id! {
    /// Name of the script.
    ///
    /// Spec: `#/components/schemas/ScriptName`.
    ScriptName
}

runtime::id! {
    /// The secret's binding name.
    ///
    /// Spec: `#/components/schemas/SecretName`.
    SecretName
}
