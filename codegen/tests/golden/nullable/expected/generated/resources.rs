//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// The `records` resource.
#[derive(Clone, Debug)]
pub struct Records {
    client: crate::Client,
}

impl Records {
    /// Put a record
    ///
    /// Sends `PUT /records`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `put-record`.
    pub fn put(
        &self,
        body: impl Into<types::Record>,
    ) -> runtime::RequestBuilder<operations::PutRecord> {
        let operation = operations::PutRecord {
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `records` resource.
    pub fn records(&self) -> Records {
        Records { client: self.clone() }
    }
}
