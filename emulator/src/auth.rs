//! Authentication and authorization: which credentials the emulator accepts, the permissions
//! each carries, and the check of those permissions against an operation's
//! `x-sdk-permissions` (see [`crate::permissions`] for the permissions and roles themselves).
//!
//! A request with no credentials gets `401`, code `10000`. With no token and no global key
//! configured, any credentials are accepted with every permission; otherwise only the
//! configured ones are. A token without any of the permissions an operation accepts gets
//! `403`, code `10000` ("Authentication error"), as Cloudflare answers it.

use std::collections::BTreeSet;

use axum::http::HeaderMap;
use cloudflare_secrets::runtime::OperationInfo;

use crate::limits::{ApiError, ApiResult, codes};
use crate::permissions::{Permission, allows};

/// The credentials the emulator accepts.
#[derive(Clone, Debug, Default)]
pub struct AuthConfig {
    /// Bearer tokens and the permissions each carries. Token text is never logged.
    pub tokens: Vec<(String, BTreeSet<Permission>)>,
    /// When set, `X-Auth-Email` + `X-Auth-Key` must carry exactly these (a global key holds
    /// every permission).
    pub global_key: Option<(String, String)>,
}

impl AuthConfig {
    /// Whether any credentials are accepted (nothing configured).
    fn is_open(&self) -> bool {
        self.tokens.is_empty() && self.global_key.is_none()
    }

    /// Checks the credential headers; returns the permissions the caller holds.
    pub fn authenticate(&self, headers: &HeaderMap) -> ApiResult<BTreeSet<Permission>> {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::trim)
                .filter(|value| !value.is_empty())
        };
        let bearer = text("authorization").and_then(|value| {
            let (scheme, token) = value.split_once(' ')?;
            let token = token.trim();
            (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
        });
        let email_and_key = text("x-auth-email").zip(text("x-auth-key"));
        let service_key = text("x-auth-user-service-key");
        if bearer.is_none() && email_and_key.is_none() && service_key.is_none() {
            return Err(ApiError::new(
                401,
                codes::AUTHENTICATION,
                "Authentication error: send Authorization: Bearer <token>, or X-Auth-Email and X-Auth-Key",
            ));
        }
        if self.is_open() {
            return Ok(Permission::ALL.into_iter().collect());
        }
        if let Some(given) = bearer
            && let Some((_, permissions)) = self.tokens.iter().find(|(token, _)| token == given)
        {
            return Ok(permissions.clone());
        }
        let key_ok = matches!(
            (&self.global_key, email_and_key),
            (Some((email, key)), Some((given_email, given_key))) if email == given_email && key == given_key
        );
        if key_ok {
            Ok(Permission::ALL.into_iter().collect())
        } else {
            Err(ApiError::new(
                401,
                codes::AUTHENTICATION,
                "Authentication error: the credentials are not valid",
            ))
        }
    }

    /// Authenticates and checks that the caller may call `operation`.
    pub fn authorize(&self, headers: &HeaderMap, operation: &OperationInfo) -> ApiResult<()> {
        let held = self.authenticate(headers)?;
        if allows(&held, operation.permissions) {
            Ok(())
        } else {
            Err(ApiError::new(
                403,
                codes::PERMISSION_DENIED,
                format!(
                    "Authentication error: this token lacks the permission {} needs (any of: {})",
                    operation.id,
                    operation.permissions.join(", ")
                ),
            ))
        }
    }
}
