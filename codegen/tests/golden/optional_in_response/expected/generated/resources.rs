//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// Keys whose responses may leave out fields that requests must carry.
#[derive(Clone, Debug)]
pub struct Keys {
    client: crate::Client,
}

impl Keys {
    /// Get the key report
    ///
    /// A response-only schema needs no split; its listed fields are simply optional.
    ///
    /// Sends `GET /keys`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `get-report`.
    pub fn report(&self) -> runtime::RequestBuilder<operations::GetReport> {
        let operation = operations::GetReport {};
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }

    /// Add or replace a key
    ///
    /// The body and the result share `Key`; its requiredness differs, so it splits.
    ///
    /// Sends `PUT /keys`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `put-key`.
    pub fn put(
        &self,
        body: impl Into<types::KeyInput>,
    ) -> runtime::RequestBuilder<operations::PutKey> {
        let operation = operations::PutKey {
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `keys` resource.
    pub fn keys(&self) -> Keys {
        Keys { client: self.clone() }
    }
}
