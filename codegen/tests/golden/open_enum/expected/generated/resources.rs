//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

/// The `store` resource.
#[derive(Clone, Debug)]
pub struct Store {
    client: crate::Client,
}

impl Store {
    /// The `secrets` resource.
    pub fn secrets(&self) -> StoreSecrets {
        StoreSecrets { client: self.client.clone() }
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
        account_id: impl Into<ids::AccountId>,
    ) -> runtime::RequestBuilder<operations::ListSecrets> {
        let operation = operations::ListSecrets {
            account_id: account_id.into(),
            page: None,
            per_page: None,
            direction: None,
            scopes: None,
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `store` resource.
    pub fn store(&self) -> Store {
        Store { client: self.clone() }
    }
}
