//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// The `the things` resource.
#[derive(Clone, Debug)]
pub struct TheThings {
    client: crate::Client,
}

impl TheThings {
    /// An operation named like a prelude type
    ///
    /// Sends `POST /things/{type}`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `Result`.
    pub fn async_(
        &self,
        type_: impl Into<String>,
        body: impl Into<types::ResultValue>,
    ) -> runtime::RequestBuilder<operations::ResultValue> {
        let operation = operations::ResultValue {
            type_: type_.into(),
            self_: None,
            _2fa: None,
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

/// The `things` resource.
#[derive(Clone, Debug)]
pub struct Things {
    client: crate::Client,
}

impl Things {
    /// The `match` resource.
    pub fn match_(&self) -> ThingsMatch {
        ThingsMatch { client: self.client.clone() }
    }
}

/// The `match` resource.
#[derive(Clone, Debug)]
pub struct ThingsMatch {
    client: crate::Client,
}

impl ThingsMatch {
    /// Same operationId up to case
    ///
    /// Sends `GET /things/{type}/match`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `result`.
    pub fn fn_(&self, type_: i64) -> runtime::RequestBuilder<operations::ResultValue2> {
        let operation = operations::ResultValue2 {
            type_,
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `the things` resource.
    pub fn the_things(&self) -> TheThings {
        TheThings { client: self.clone() }
    }

    /// The `things` resource.
    pub fn things(&self) -> Things {
        Things { client: self.clone() }
    }
}
