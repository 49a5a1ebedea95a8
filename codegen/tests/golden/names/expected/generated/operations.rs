//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <ResultValue as runtime::Operation>::INFO,
    <ResultValue2 as runtime::Operation>::INFO,
];

runtime::operation! {
    /// An operation named like a prelude type
    ///
    /// Built by `client.the_things().async_(...)`. Spec: `#/paths/~1things~1{type}/post`. Token permissions: none are named in the spec.
    ResultValue {
        type_: String,
        body: types::ResultValue,
    }
    optional {
        /// Sets the `self` query parameter.
        self_: bool,
        /// Sets the `2fa` query parameter.
        _2fa: String as impl Into<String>,
    }
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

runtime::operation! {
    /// Same operationId up to case
    ///
    /// Built by `client.things().match_().fn_(...)`. Spec: `#/paths/~1things~1{type}~1match/get`. Token permissions: none are named in the spec.
    ResultValue2 {
        type_: i64,
    }
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
