//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

/// The `store` resource.
#[derive(Clone, Debug)]
pub struct Store {
    client: crate::Client,
}

impl Store {
    /// The `secrets` resource.
    pub fn secrets(&self) -> StoreSecrets {
        StoreSecrets {
            client: self.client.clone(),
        }
    }
}

/// The `secrets` resource.
#[derive(Clone, Debug)]
pub struct StoreSecrets {
    client: crate::Client,
}

impl StoreSecrets {
    /// List secrets
    ///
    /// A paginated list with enum query parameters.
    ///
    /// Sends `GET /accounts/{account_id}/secrets`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `list-secrets`.
    pub fn list(
        &self,
        account_id: impl Into<super::ids::AccountId>,
    ) -> super::operations::ListSecrets {
        super::operations::ListSecrets::new(self.client.clone(), account_id.into())
    }
}

impl crate::Client {
    /// The `store` resource.
    pub fn store(&self) -> super::resources::Store {
        super::resources::Store {
            client: self.clone(),
        }
    }
}
