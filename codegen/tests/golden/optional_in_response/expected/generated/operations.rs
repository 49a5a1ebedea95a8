//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <GetReport as runtime::Operation>::INFO,
    <PutKey as runtime::Operation>::INFO,
];

runtime::operation! {
    /// Get the key report
    ///
    /// Built by `client.keys().report(...)`. Spec: `#/paths/~1keys/get`. Token permissions: none are named in the spec.
    GetReport {
    }
}

impl runtime::Operation for GetReport {
    type Response = runtime::Single<types::Report>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "get-report",
        method: runtime::Method::GET,
        path_template: "/keys",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        request.path_params([])?;
        Ok(())
    }
}

runtime::operation! {
    /// Add or replace a key
    ///
    /// Built by `client.keys().put(...)`. Spec: `#/paths/~1keys/put`. Token permissions: none are named in the spec.
    PutKey {
        body: types::KeyInput,
    }
}

impl runtime::Operation for PutKey {
    type Response = runtime::Single<types::Key>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "put-key",
        method: runtime::Method::PUT,
        path_template: "/keys",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        request.path_params([])?;
        request.json_body(&self.body)?;
        Ok(())
    }
}
