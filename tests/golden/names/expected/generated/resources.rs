//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

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
        body: super::types::ResultValue,
    ) -> super::operations::ResultValue {
        super::operations::ResultValue::new(self.client.clone(), type_.into(), body)
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
        ThingsMatch {
            client: self.client.clone(),
        }
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
    pub fn fn_(&self, type_: i64) -> super::operations::ResultValue2 {
        super::operations::ResultValue2::new(self.client.clone(), type_)
    }
}

impl crate::Client {
    /// The `the things` resource.
    pub fn the_things(&self) -> super::resources::TheThings {
        super::resources::TheThings {
            client: self.clone(),
        }
    }

    /// The `things` resource.
    pub fn things(&self) -> super::resources::Things {
        super::resources::Things {
            client: self.clone(),
        }
    }
}
