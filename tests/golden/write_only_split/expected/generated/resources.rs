//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

/// Items with server-set and write-only fields.
#[derive(Clone, Debug)]
pub struct Items {
    client: crate::Client,
}

impl Items {
    /// Replace a folder
    ///
    /// A folder holds items, so it splits too.
    ///
    /// Sends `PUT /items`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `put-folder`.
    pub fn put_folder(
        &self,
        body: super::types::FolderInput,
    ) -> super::operations::PutFolder {
        super::operations::PutFolder::new(self.client.clone(), body)
    }

    /// Create items
    ///
    /// The body and the result share a schema; readOnly and writeOnly fields split it.
    ///
    /// Sends `POST /items`.
    ///
    /// Token permissions: none are named in the spec.
    ///
    /// Operation ID: `create-items`.
    pub fn create(
        &self,
        body: Vec<super::types::ItemInput>,
    ) -> super::operations::CreateItems {
        super::operations::CreateItems::new(self.client.clone(), body)
    }
}

impl crate::Client {
    /// The `items` resource.
    pub fn items(&self) -> super::resources::Items {
        super::resources::Items {
            client: self.clone(),
        }
    }
}
