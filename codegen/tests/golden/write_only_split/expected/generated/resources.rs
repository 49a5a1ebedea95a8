//! The resource tree: `client.workers().scripts().secrets()` and so on. Each resource holds a clone of the client.

#[allow(unused_imports)]
use super::{ids, operations, types};
use crate::runtime;

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
        body: impl Into<types::FolderInput>,
    ) -> runtime::RequestBuilder<operations::PutFolder> {
        let operation = operations::PutFolder {
            body: body.into(),
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
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
        body: Vec<types::ItemInput>,
    ) -> runtime::RequestBuilder<operations::CreateItems> {
        let operation = operations::CreateItems {
            body,
        };
        runtime::RequestBuilder::new(self.client.clone(), operation)
    }
}

impl crate::Client {
    /// The `items` resource.
    pub fn items(&self) -> Items {
        Items { client: self.clone() }
    }
}
