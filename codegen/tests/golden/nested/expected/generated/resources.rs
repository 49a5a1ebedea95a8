//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// The `configs` resource.
#[derive(Clone, Debug)]
pub struct Configs {
    client: crate::Client,
}

impl Configs {
    /// Get a config
    ///
    /// Sends `GET /configs/{config_id}`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `get-config`.
    pub fn get(
        &self,
        config_id: impl Into<String>,
    ) -> runtime::RequestBuilder<operations::GetConfig> {
        let operation = operations::GetConfig {
            config_id: config_id.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }

    /// Update a config
    ///
    /// Sends `PATCH /configs/{config_id}`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `update-config`.
    pub fn update(
        &self,
        config_id: impl Into<String>,
        body: impl Into<types::UpdateConfigBody>,
    ) -> runtime::RequestBuilder<operations::UpdateConfig> {
        let operation = operations::UpdateConfig {
            config_id: config_id.into(),
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `configs` resource.
    pub fn configs(&self) -> Configs {
        Configs { client: self.clone() }
    }
}
