//! The macros generated code declares identifiers, string enums, operations' parameters and
//! setters with, so that what every one of them has in common is written here once, by hand.
//!
//! - [`id!`](crate::runtime::id): a `String` newtype with constructors, conversions, `Display`,
//!   serde as a plain string, and `Validate` against the spec's constraints.
//! - [`operation!`](crate::runtime::operation): an operation's parameters and their setters.
//! - [`setters!`](crate::runtime::setters): the setters of a request type's optional fields.
//! - [`string_enum!`](crate::runtime::string_enum): an enum of the spec's string values with
//!   `as_str()`, `Display`, `FromStr`, serde as a string, and one of three behaviours for values
//!   the spec does not list (`closed`, `unknown`, `other`; see ARCHITECTURE.md, "Enums").

/// Declares an identifier newtype:
/// `id! { /// docs
///        AccountId, max_length: 32, pattern: "^[0-9a-f]{32}$" }`.
///
/// The rules after the name are fields of [`Rules`](crate::runtime::Rules); `validate` checks
/// them, naming the field it is given.
macro_rules! id {
    ($(#[$meta:meta])* $name:ident $(, $rule:ident: $value:expr)* $(,)?) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps an identifier.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// Returns the identifier as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Returns the identifier as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl From<String> for $name {
            fn from(value: String) -> Self {
                Self(value)
            }
        }

        impl From<&str> for $name {
            fn from(value: &str) -> Self {
                Self(value.to_owned())
            }
        }

        impl From<&String> for $name {
            fn from(value: &String) -> Self {
                Self(value.clone())
            }
        }

        impl From<&$name> for $name {
            fn from(value: &$name) -> Self {
                value.clone()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl $crate::runtime::Validate for $name {
            fn validate(&self, field: &str) -> $crate::runtime::Result<()> {
                const RULES: $crate::runtime::Rules = $crate::runtime::Rules {
                    $($rule: Some($value),)*
                    ..$crate::runtime::Rules::NONE
                };
                $crate::runtime::check(field, self.as_str(), &RULES)
            }
        }

        impl $crate::runtime::Check for $name {
            fn check(&self, field: &str, rules: &$crate::runtime::Rules) -> $crate::runtime::Result<()> {
                $crate::runtime::check(field, self.as_str(), rules)
            }
        }

        impl $crate::runtime::QueryValue for $name {
            fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
                push(&self.0);
            }
        }

        impl $crate::runtime::PathValue for $name {
            fn path_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(&self.0)
            }

            fn check_path_value(&self, field: &str) -> $crate::runtime::Result<()> {
                $crate::runtime::Validate::validate(self, field)
            }
        }
    };
}

/// Declares a string enum: `string_enum! { /// docs
///     closed Direction { Asc = "asc", Desc = "desc" } }`.
///
/// The first word says what happens with a value the spec does not list:
/// - `closed` (request-only enums): it is an error (`FromStr`, `Deserialize`); the enum is `Copy`.
/// - `unknown` (enums seen in a response): a value the server sends is kept in
///   `Unknown(UnknownValue)`, which callers cannot build, and sent back unchanged.
/// - `other` (`x-sdk-extensible-enum`): any value is `Other(String)`, which callers may build
///   and send.
///
/// `#[non_exhaustive]` comes with the attributes (the generator writes it, from
/// `TypeDef::is_non_exhaustive`), so a value added to the spec is not a breaking change.
macro_rules! string_enum {
    ($(#[$meta:meta])* closed $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", $value, "`.")] $variant,)*
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $value,)*
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::runtime::Error;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::known(value).ok_or_else(|| {
                    $crate::runtime::unknown_enum_value(stringify!($name), &[$($value),*])
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Self::known(&value).ok_or_else(|| {
                    <D::Error as ::serde::de::Error>::unknown_variant(&value, &[$($value),*])
                })
            }
        }

        $crate::runtime::string_enum!(@common $name { $($variant = $value),* });
    };
    ($(#[$meta:meta])* unknown $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", $value, "`.")] $variant,)*
            /// A value this version of the SDK does not know (sent by the server).
            Unknown($crate::runtime::UnknownValue),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::runtime::Error;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Self::known(value).ok_or_else(|| {
                    $crate::runtime::unknown_enum_value(stringify!($name), &[$($value),*])
                })
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::known(&value).unwrap_or_else(|| Self::Unknown($crate::runtime::UnknownValue::new(value))))
            }
        }

        $crate::runtime::string_enum!(@common $name { $($variant = $value),* });
    };
    ($(#[$meta:meta])* other $name:ident { $($variant:ident = $value:literal),* $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $(#[doc = concat!("`", $value, "`.")] $variant,)*
            /// Any other value (the API accepts values the spec does not list).
            Other(String),
        }

        impl $name {
            /// The value as it appears on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $value,)*
                    Self::Other(value) => value.as_str(),
                }
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::runtime::Error;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(Self::known(value).unwrap_or_else(|| Self::Other(value.to_owned())))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                let value = <String as ::serde::Deserialize>::deserialize(deserializer)?;
                Ok(Self::known(&value).unwrap_or(Self::Other(value)))
            }
        }

        $crate::runtime::string_enum!(@common $name { $($variant = $value),* });
    };
    (@common $name:ident { $($variant:ident = $value:literal),* }) => {
        impl $name {
            /// The variant for a value the spec lists.
            fn known(value: &str) -> Option<Self> {
                match value {
                    $($value => Some(Self::$variant),)*
                    _ => None,
                }
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl $crate::runtime::Validate for $name {}

        impl $crate::runtime::QueryValue for $name {
            fn each_query_value(&self, push: &mut dyn FnMut(&str)) {
                push(self.as_str());
            }
        }

        impl $crate::runtime::PathValue for $name {
            fn path_text(&self) -> ::std::borrow::Cow<'_, str> {
                ::std::borrow::Cow::Borrowed(self.as_str())
            }
        }
    };
}

/// Declares an operation's parameters: the struct (required parameters as they are, optional
/// ones in an `Option`) and, on `RequestBuilder<Name>`, one setter per optional parameter.
///
/// ```text
/// operation! {
///     /// docs
///     Name {
///         account_id: ids::AccountId,
///     }
///     optional {
///         /// How many items a page holds.
///         per_page: u8,
///         /// Text to look for.
///         search: String as impl Into<String>,
///     }
/// }
/// ```
///
/// A setter takes the field's type, or the type after `as`; it stores `Some(value.into())`.
macro_rules! operation {
    (
        $(#[$meta:meta])*
        $name:ident {
            $($required:ident: $required_type:ty),* $(,)?
        }
        $(optional {
            $($(#[$optional_meta:meta])* $optional:ident: $optional_type:ty $(as $argument:ty)?),* $(,)?
        })?
    ) => {
        $(#[$meta])*
        #[derive(Clone, Debug)]
        pub struct $name {
            $(pub(crate) $required: $required_type,)*
            $($(pub(crate) $optional: Option<$optional_type>,)*)?
        }

        $(impl $crate::runtime::RequestBuilder<$name> {
            $(
                $(#[$optional_meta])*
                pub fn $optional(
                    mut self,
                    $optional: $crate::runtime::argument_type!($optional_type $(, $argument)?),
                ) -> Self {
                    self.operation.$optional = Some($optional.into());
                    self
                }
            )*
        })?
    };
}

/// The argument type of a setter: the second type when there is one, else the first.
macro_rules! argument_type {
    ($field:ty) => {
        $field
    };
    ($field:ty, $argument:ty) => {
        $argument
    };
}

/// Declares setters for a request type's optional fields, each `name: ArgumentType` with its
/// docs: `setters! { struct Type { /// docs
///     comment: impl Into<String>, count: u8 } }`. Every setter stores `Some(value.into())`.
macro_rules! setters {
    (struct $type:ident { $($(#[$meta:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        impl $type {
            $(
                $(#[$meta])*
                pub fn $field(mut self, $field: $ty) -> Self {
                    self.$field = Some($field.into());
                    self
                }
            )*
        }
    };
}

pub(crate) use {argument_type, id, operation, setters, string_enum};

/// The error `FromStr` gives for a value a closed or response enum does not list.
pub fn unknown_enum_value(type_name: &str, expected: &[&str]) -> super::Error {
    super::Error::validation(
        "value",
        format!(
            "is not a known `{type_name}` value (expected one of: {})",
            expected.join(", ")
        ),
    )
}

/// Serde support for optional nullable fields (`Option<Option<T>>`, used with
/// `#[serde(with = "crate::runtime::double_option")]`): an absent field is `None`, `null` is
/// `Some(None)`.
pub mod double_option {
    /// Writes `Some(None)` as `null` (`None` is skipped by `skip_serializing_if`).
    pub fn serialize<T, S>(
        value: &Option<Option<T>>,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error>
    where
        T: ::serde::Serialize,
        S: ::serde::Serializer,
    {
        match value {
            Some(inner) => ::serde::Serialize::serialize(inner, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads a present field: `null` is `Some(None)` (an absent one is `None` by `default`).
    pub fn deserialize<'de, T, D>(
        deserializer: D,
    ) -> ::core::result::Result<Option<Option<T>>, D::Error>
    where
        T: ::serde::Deserialize<'de>,
        D: ::serde::Deserializer<'de>,
    {
        <Option<T> as ::serde::Deserialize>::deserialize(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    crate::runtime::id! {
        /// An identifier for the tests.
        TestId, max_length: 4, pattern: "^[a-z]+$"
    }

    crate::runtime::string_enum! {
        /// A closed enum for the tests.
        #[non_exhaustive]
        closed Direction { Asc = "asc", Desc = "desc" }
    }

    crate::runtime::string_enum! {
        /// A response enum for the tests.
        #[non_exhaustive]
        unknown Status { Active = "active", Deleted = "deleted" }
    }

    crate::runtime::string_enum! {
        /// An extensible enum for the tests.
        #[non_exhaustive]
        other Scope { Workers = "workers" }
    }

    #[test]
    fn ids_convert_print_serialize_and_validate() {
        use crate::runtime::Validate;
        let id = TestId::from("abc");
        assert_eq!(id.as_str(), "abc");
        assert_eq!(id.to_string(), "abc");
        assert_eq!(id.clone().into_string(), "abc");
        assert_eq!(TestId::from(&id), TestId::from(String::from("abc")));
        assert_eq!(TestId::from(&String::from("abc")).as_ref(), "abc");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"abc\"");
        assert_eq!(serde_json::from_str::<TestId>("\"abc\"").unwrap(), id);
        assert!(id.validate("store_id").is_ok());
        let error = TestId::new("abcde").validate("store_id").unwrap_err();
        assert_eq!(error.field(), Some("store_id"));
        assert!(TestId::new("AB").validate("store_id").is_err());
    }

    #[test]
    fn closed_enums_reject_unknown_values() {
        assert_eq!(Direction::from_str("desc").unwrap(), Direction::Desc);
        assert_eq!(Direction::Asc.as_str(), "asc");
        let error = Direction::from_str("sideways").unwrap_err();
        assert!(error.to_string().contains("asc, desc"), "{error}");
        assert!(serde_json::from_str::<Direction>("\"sideways\"").is_err());
        assert_eq!(serde_json::to_string(&Direction::Desc).unwrap(), "\"desc\"");
    }

    #[test]
    fn response_enums_keep_unknown_server_values() {
        let status: Status = serde_json::from_str("\"archived\"").unwrap();
        assert_eq!(status.as_str(), "archived");
        assert_eq!(serde_json::to_string(&status).unwrap(), "\"archived\"");
        assert!(matches!(status, Status::Unknown(_)));
        assert!(
            Status::from_str("archived").is_err(),
            "callers cannot build unknown values"
        );
        assert_eq!(Status::from_str("active").unwrap(), Status::Active);
    }

    #[test]
    fn extensible_enums_accept_any_value() {
        assert_eq!(
            Scope::from_str("ai_gateway").unwrap(),
            Scope::Other("ai_gateway".into())
        );
        assert_eq!(Scope::Other("x".into()).to_string(), "x");
        assert_eq!(
            serde_json::from_str::<Scope>("\"workers\"").unwrap(),
            Scope::Workers
        );
    }

    #[test]
    fn enums_and_ids_are_query_values() {
        let mut request = crate::runtime::Request::new(&INFO);
        request.query("direction", &Some(Direction::Desc));
        request.query("scope", &vec![Scope::Workers, Scope::Other("b c".into())]);
        request.query("id", &TestId::new("abc"));
        assert_eq!(
            request.path_and_query(),
            "?direction=desc&scope=workers&scope=b%20c&id=abc"
        );
    }

    #[test]
    fn ids_check_their_rules_when_they_fill_the_path() {
        let mut request = crate::runtime::Request::new(&PATH_INFO);
        request
            .path_params([&TestId::new("abc"), &Direction::Asc])
            .unwrap();
        assert_eq!(request.path_and_query(), "/ids/abc/asc");
        let error = crate::runtime::Request::new(&PATH_INFO)
            .path_params([&TestId::new("toolong"), &Direction::Asc])
            .unwrap_err();
        assert_eq!(error.field(), Some("test_id"));
    }

    #[derive(Clone, Debug, Default)]
    struct Patch {
        comment: Option<String>,
        count: Option<u8>,
    }

    crate::runtime::setters! {
        struct Patch {
            /// Sets the comment.
            comment: impl Into<String>,
            /// Sets the count.
            count: u8,
        }
    }

    crate::runtime::operation! {
        /// An operation for the tests.
        ListTests {
            account_id: String,
        }
        optional {
            /// Sets the page.
            page: u64,
            /// Sets the search text.
            search: String as impl Into<String>,
        }
    }

    #[test]
    fn operation_setters_store_the_parameters() {
        let client = crate::Client::builder().api_token("t").build().unwrap();
        let builder = crate::runtime::RequestBuilder::new(
            client,
            ListTests {
                account_id: "a".into(),
                page: None,
                search: None,
            },
        )
        .page(3)
        .search("x");
        assert_eq!(builder.operation().account_id, "a");
        assert_eq!(builder.operation().page, Some(3));
        assert_eq!(builder.operation().search.as_deref(), Some("x"));
    }

    impl crate::runtime::Operation for ListTests {
        type Response = crate::runtime::Single<()>;
        const INFO: &'static crate::runtime::OperationInfo = &INFO;

        fn build(&self, _request: &mut crate::runtime::Request) -> crate::runtime::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn setters_store_the_value() {
        let patch = Patch::default().comment("x").count(3);
        assert_eq!(patch.comment.as_deref(), Some("x"));
        assert_eq!(patch.count, Some(3));
    }

    static PATH_INFO: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "path",
        method: crate::runtime::Method::GET,
        path_template: "/ids/{test_id}/{direction}",
        idempotent: true,
        permissions: &[],
    };

    static INFO: crate::runtime::OperationInfo = crate::runtime::OperationInfo {
        id: "test",
        method: crate::runtime::Method::GET,
        path_template: "/x",
        idempotent: true,
        permissions: &[],
    };
}
