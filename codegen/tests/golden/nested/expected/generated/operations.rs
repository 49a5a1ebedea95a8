//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <GetConfig as runtime::Operation>::INFO,
    <UpdateConfig as runtime::Operation>::INFO,
];

runtime::operation! {
    /// Get a config
    ///
    /// Built by `client.configs().get(...)`. Spec: `#/paths/~1configs~1{config_id}/get`. Token permissions: none are named in the spec.
    GetConfig {
        config_id: String,
    }
}

impl runtime::Operation for GetConfig {
    type Response = runtime::Single<types::Config>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "get-config",
        method: runtime::Method::GET,
        path_template: "/configs/{config_id}",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::check("config_id", &self.config_id, &runtime::Rules::NONE.max_length(64))?;
        request.path_params([&self.config_id])?;
        Ok(())
    }
}

runtime::operation! {
    /// Update a config
    ///
    /// Built by `client.configs().update(...)`. Spec: `#/paths/~1configs~1{config_id}/patch`. Token permissions: none are named in the spec.
    UpdateConfig {
        config_id: String,
        body: types::UpdateConfigBody,
    }
}

impl runtime::Operation for UpdateConfig {
    type Response = runtime::Single<()>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "update-config",
        method: runtime::Method::PATCH,
        path_template: "/configs/{config_id}",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([&self.config_id])?;
        request.json_body(&self.body)?;
        Ok(())
    }
}
