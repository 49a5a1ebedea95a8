//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

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
    pub fn put(&self, body: super::types::Record) -> super::operations::PutRecord {
        super::operations::PutRecord::new(self.client.clone(), body)
    }
}

impl crate::Client {
    /// The `records` resource.
    pub fn records(&self) -> super::resources::Records {
        super::resources::Records {
            client: self.clone(),
        }
    }
}
