//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

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
    pub fn report(&self) -> super::operations::GetReport {
        super::operations::GetReport::new(self.client.clone())
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
    pub fn put(&self, body: super::types::KeyInput) -> super::operations::PutKey {
        super::operations::PutKey::new(self.client.clone(), body)
    }
}

impl crate::Client {
    /// The `keys` resource.
    pub fn keys(&self) -> super::resources::Keys {
        super::resources::Keys {
            client: self.clone(),
        }
    }
}
