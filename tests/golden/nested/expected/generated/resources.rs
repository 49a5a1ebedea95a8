//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

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
    pub fn get(&self, config_id: impl Into<String>) -> super::operations::GetConfig {
        super::operations::GetConfig::new(self.client.clone(), config_id.into())
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
        body: super::types::UpdateConfigBody,
    ) -> super::operations::UpdateConfig {
        super::operations::UpdateConfig::new(self.client.clone(), config_id.into(), body)
    }
}

impl crate::Client {
    /// The `configs` resource.
    pub fn configs(&self) -> super::resources::Configs {
        super::resources::Configs {
            client: self.clone(),
        }
    }
}
