//! Identifier newtypes: each kind of identifier is its own type, so a store id cannot be passed where a secret id belongs.

use crate::runtime;
