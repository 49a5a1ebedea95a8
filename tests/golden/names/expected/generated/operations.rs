//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <ResultValue as runtime::Operation>::INFO,
    <ResultValue2 as runtime::Operation>::INFO,
];

/// An operation named like a prelude type
///
/// Built by `client.the_things().async_(...)`. Spec: `#/paths/~1things~1{type}/post`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct ResultValue {
    pub(crate) type_: String,
    pub(crate) self_: Option<bool>,
    pub(crate) _2fa: Option<String>,
    pub(crate) body: types::ResultValue,
}

impl runtime::Operation for ResultValue {
    type Response = runtime::Single<types::OptionValue2>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "Result",
        method: runtime::Method::POST,
        path_template: "/things/{type}",
        idempotent: false,
        permissions: &[],
    };

    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::Validate::validate(&self.body, "body")?;
        request.path_params([&self.type_])?;
        request.query("self", &self.self_);
        request.query("2fa", &self._2fa);
        request.json_body(&self.body)?;
        Ok(())
    }
}

runtime::setters! {
    builder ResultValue {
        /// Sets the `self` query parameter.
        self_: bool,
        /// Sets the `2fa` query parameter.
        _2fa: impl Into<String>,
    }
}

/// Same operationId up to case
///
/// Built by `client.things().match_().fn_(...)`. Spec: `#/paths/~1things~1{type}~1match/get`.
/// Token permissions: none are named in the spec.
#[derive(Clone, Debug)]
pub struct ResultValue2 {
    pub(crate) type_: i64,
}

impl runtime::Operation for ResultValue2 {
    type Response = runtime::Single<types::Weird>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "result",
        method: runtime::Method::GET,
        path_template: "/things/{type}/match",
        idempotent: true,
        permissions: &[],
    };

    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        request.path_params([&self.type_])?;
        Ok(())
    }
}
