//! Operations, one per API operation: the parameters, how they become a request, and their setters on `runtime::RequestBuilder`.

#[allow(unused_imports)]
use super::{ids, types};
use crate::runtime;

/// Every operation of the spec, in spec order: id, method, path template, retry behaviour and token permissions.
pub static OPERATIONS: &[&runtime::OperationInfo] = &[
    <ListSecrets as runtime::Operation>::INFO,
];

runtime::operation! {
    /// List secrets
    ///
    /// Built by `client.store().secrets().list(...)`. Spec: `#/paths/~1accounts~1{account_id}~1secrets/get`. Token permissions: none are named in the spec.
    ListSecrets {
        account_id: ids::AccountId,
    }
    optional {
        /// Sets the `page` query parameter.
        page: u64,
        /// Sets the `per_page` query parameter.
        per_page: u8,
        /// Sort direction.
        direction: types::Direction,
        /// Only secrets with these scopes.
        scopes: Vec<types::Scope>,
    }
}

impl runtime::Operation for ListSecrets {
    type Response = runtime::Paged<types::Secret>;
    const INFO: &'static runtime::OperationInfo = &runtime::OperationInfo {
        id: "list-secrets",
        method: runtime::Method::GET,
        path_template: "/accounts/{account_id}/secrets",
        idempotent: true,
        permissions: &[],
    };
    fn build(&self, request: &mut runtime::Request) -> runtime::Result<()> {
        runtime::check("page", &self.page, &runtime::Rules::NONE.minimum(1.0))?;
        runtime::check(
            "per_page",
            &self.per_page,
            &runtime::Rules::NONE.minimum(1.0).maximum(100.0),
        )?;
        request.path_params([&self.account_id])?;
        request.query("page", &self.page);
        request.query("per_page", &self.per_page);
        request.query("direction", &self.direction);
        request.query("scopes", &self.scopes);
        Ok(())
    }
}
