//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <PutRecord as runtime::Operation>::INFO,
];

runtime::operation! {
    /// Put a record
    ///
    /// Built by `client.records().put(...)`. Spec: `#/paths/~1records/put`. Token permissions: none are named in the spec.
    PutRecord {
        body: types::Record,
    }
}

impl runtime::Operation for PutRecord {
    type Response = runtime::Single<types::Record>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "put-record",
        method: runtime::Method::PUT,
        path_template: "/records",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([])?;
        request.merge_patch_body(&self.body)?;
        Ok(())
    }
}
