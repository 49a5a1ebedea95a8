//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <PutFolder as runtime::Operation>::INFO,
    <CreateItems as runtime::Operation>::INFO,
];

runtime::operation! {
    /// Replace a folder
    ///
    /// Built by `client.items().put_folder(...)`. Spec: `#/paths/~1items/put`. Token permissions: none are named in the spec.
    PutFolder {
        body: types::FolderInput,
    }
}

impl runtime::Operation for PutFolder {
    type Response = runtime::Single<types::Item>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "put-folder",
        method: runtime::Method::PUT,
        path_template: "/items",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([])?;
        request.json_body(&self.body)?;
        Ok(())
    }
}

runtime::operation! {
    /// Create items
    ///
    /// Built by `client.items().create(...)`. Spec: `#/paths/~1items/post`. Token permissions: none are named in the spec.
    CreateItems {
        body: Vec<types::ItemInput>,
    }
}

impl runtime::Operation for CreateItems {
    type Response = runtime::Single<Vec<types::Folder>>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "create-items",
        method: runtime::Method::POST,
        path_template: "/items",
        idempotent: false,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([])?;
        request.json_body(&self.body)?;
        Ok(())
    }
}
