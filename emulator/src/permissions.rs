//! API token permissions and the dashboard roles they stand for.
//!
//! Every operation in the spec lists the token permissions that allow it
//! (`x-sdk-permissions`, read here from
//! [`OperationInfo::permissions`](cloudflare_secrets::runtime::OperationInfo)); a token needs
//! any one of them. The emulator's tokens carry a set of [`Permission`]s; a token without a
//! needed one gets `403` with Cloudflare's error envelope (code `10000`, "Authentication
//! error", as the real API answers a token that lacks a permission).

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

/// An API token permission, named as Cloudflare names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Permission {
    /// `Workers Scripts Read`: list and read Workers secrets (names and types only).
    WorkersScriptsRead,
    /// `Workers Scripts Write`: everything on Workers secrets.
    WorkersScriptsWrite,
    /// `Workers Tail Read`: also allows listing a Worker's secrets.
    WorkersTailRead,
    /// `Secrets Store Read` (dashboard: "Account Secrets Store Read"): view stores, secrets'
    /// metadata and the quota.
    SecretsStoreRead,
    /// `Secrets Store Write` (dashboard: "Account Secrets Store Edit"): create, edit,
    /// duplicate and delete stores and secrets, and read them.
    SecretsStoreWrite,
}

impl Permission {
    /// Every permission.
    pub const ALL: [Permission; 5] = [
        Permission::WorkersScriptsRead,
        Permission::WorkersScriptsWrite,
        Permission::WorkersTailRead,
        Permission::SecretsStoreRead,
        Permission::SecretsStoreWrite,
    ];

    /// The name the spec and Cloudflare's docs use (`"Secrets Store Read"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Permission::WorkersScriptsRead => "Workers Scripts Read",
            Permission::WorkersScriptsWrite => "Workers Scripts Write",
            Permission::WorkersTailRead => "Workers Tail Read",
            Permission::SecretsStoreRead => "Secrets Store Read",
            Permission::SecretsStoreWrite => "Secrets Store Write",
        }
    }
}

impl fmt::Display for Permission {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Permission {
    type Err = String;

    /// Reads a permission by its Cloudflare name, ignoring case; the dashboard names
    /// "Account Secrets Store Edit" and "Account Secrets Store Read" are accepted too.
    fn from_str(text: &str) -> Result<Permission, String> {
        let wanted = text.trim();
        if wanted.eq_ignore_ascii_case("Account Secrets Store Edit") {
            return Ok(Permission::SecretsStoreWrite);
        }
        if wanted.eq_ignore_ascii_case("Account Secrets Store Read") {
            return Ok(Permission::SecretsStoreRead);
        }
        Permission::ALL
            .into_iter()
            .find(|permission| permission.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| {
                let names: Vec<&str> = Permission::ALL.iter().map(|p| p.as_str()).collect();
                format!(
                    "unknown permission {wanted:?}; expected one of: {}",
                    names.join(", ")
                )
            })
    }
}

/// A Cloudflare account role, as the Secrets Store access-control page defines it, turned into
/// the token permissions that let a token do what the role may do.
///
/// | role | may | permissions |
/// |---|---|---|
/// | Super Administrator | everything: create, edit, duplicate, delete and view secrets, and bind them to a Worker | all |
/// | Secrets Store Admin | create, edit, duplicate, delete and view secrets | Secrets Store Read + Write |
/// | Secrets Store Deployer | view secrets' metadata and bind a secret to a Worker; not create, edit, duplicate or delete | Secrets Store Read, Workers Scripts Read + Write |
/// | Secrets Store Reporter | view secrets' metadata only | Secrets Store Read |
///
/// Binding a Store secret to a Worker is a Worker deployment (the `secrets_store_secrets`
/// entry of its wrangler configuration), which needs Workers Scripts Write; that is why the
/// Deployer carries it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Super Administrator.
    SuperAdministrator,
    /// Secrets Store Admin.
    SecretsStoreAdmin,
    /// Secrets Store Deployer.
    SecretsStoreDeployer,
    /// Secrets Store Reporter.
    SecretsStoreReporter,
}

impl Role {
    /// The token permissions the role stands for.
    pub fn permissions(self) -> BTreeSet<Permission> {
        match self {
            Role::SuperAdministrator => Permission::ALL.into_iter().collect(),
            Role::SecretsStoreAdmin => {
                [Permission::SecretsStoreRead, Permission::SecretsStoreWrite].into()
            }
            Role::SecretsStoreDeployer => [
                Permission::SecretsStoreRead,
                Permission::WorkersScriptsRead,
                Permission::WorkersScriptsWrite,
            ]
            .into(),
            Role::SecretsStoreReporter => [Permission::SecretsStoreRead].into(),
        }
    }
}

impl FromStr for Role {
    type Err = String;

    /// Reads `super-administrator`, `admin`, `deployer` or `reporter` (or the full role names).
    fn from_str(text: &str) -> Result<Role, String> {
        let normalized: String = text.trim().to_ascii_lowercase().replace([' ', '_'], "-");
        match normalized.trim_start_matches("secrets-store-") {
            "super-administrator" | "super-admin" => Ok(Role::SuperAdministrator),
            "admin" => Ok(Role::SecretsStoreAdmin),
            "deployer" => Ok(Role::SecretsStoreDeployer),
            "reporter" => Ok(Role::SecretsStoreReporter),
            _ => Err(format!(
                "unknown role {text:?}; expected super-administrator, admin, deployer or reporter"
            )),
        }
    }
}

/// Whether a token with `held` may call an operation that lists `needed` (any one suffices;
/// an operation that lists none is open to every valid token).
pub fn allows(held: &BTreeSet<Permission>, needed: &[&str]) -> bool {
    needed.is_empty()
        || needed.iter().any(|name| {
            name.parse::<Permission>()
                .is_ok_and(|permission| held.contains(&permission))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_dashboard_names_are_accepted() {
        for permission in Permission::ALL {
            assert_eq!(permission.as_str().parse::<Permission>(), Ok(permission));
        }
        assert_eq!(
            "account secrets store edit".parse::<Permission>(),
            Ok(Permission::SecretsStoreWrite)
        );
        assert!("Zone Read".parse::<Permission>().is_err());
    }

    #[test]
    fn roles_parse_from_short_and_full_names() {
        assert_eq!("reporter".parse::<Role>(), Ok(Role::SecretsStoreReporter));
        assert_eq!(
            "Secrets Store Deployer".parse::<Role>(),
            Ok(Role::SecretsStoreDeployer)
        );
        assert_eq!(
            "Super Administrator".parse::<Role>(),
            Ok(Role::SuperAdministrator)
        );
        assert!("owner".parse::<Role>().is_err());
    }

    #[test]
    fn any_listed_permission_allows_and_an_empty_list_is_open() {
        let reporter = Role::SecretsStoreReporter.permissions();
        assert!(allows(
            &reporter,
            &["Secrets Store Read", "Secrets Store Write"]
        ));
        assert!(!allows(&reporter, &["Secrets Store Write"]));
        assert!(allows(&reporter, &[]));
    }
}
