//! Versions as Cargo reads them: what a change needs ([`Bump`]) and the version that follows
//! ([`Version::next`], [`next_version`]).
//!
//! Cargo treats two versions as compatible when their left-most non-zero numbers are equal
//! (`1.2.0` and `1.9.3`; `0.3.1` and `0.3.8`), so a user's `cargo update` moves within that
//! range on its own. The next version follows from that:
//!
//! - from `1.0.0` on: a breaking change bumps the major number (`1.4.2` → `2.0.0`), an addition
//!   the minor number (`1.4.2` → `1.5.0`), anything else the patch number (`1.4.2` → `1.4.3`);
//! - before `1.0.0`: a breaking change bumps the minor number (`0.3.2` → `0.4.0`), and every
//!   other change the patch number (`0.3.2` → `0.3.3`), since `0.3.x` is one compatible range.
//!   `0.0.z` follows the same rule (`0.0.4` → `0.1.0` or `0.0.5`): Cargo already treats each
//!   `0.0.z` as incompatible with the next, so either step is safe.
//!
//! Versions are plain `MAJOR.MINOR.PATCH`; a pre-release or build part (`1.0.0-rc.1`) is refused
//! rather than guessed at.

use std::fmt;
use std::str::FromStr;

/// What a change needs under semver, as Cargo applies it: ordered from the smallest step to the
/// largest, so the bump a set of changes needs is the largest of theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Bump {
    /// Nothing a user's code can notice changes: documentation, or the spec's own bookkeeping.
    Patch,
    /// Something is added or accepted that was not before; code that compiled still compiles
    /// and still works.
    Minor,
    /// Code that compiled and worked against the old crate may stop compiling or start failing.
    Major,
}

impl Bump {
    /// Every bump, smallest first.
    pub const ALL: [Bump; 3] = [Bump::Patch, Bump::Minor, Bump::Major];

    /// The bump's name in lower case (`major`), as written in the corpus's verdict files.
    pub fn as_str(self) -> &'static str {
        match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(self.as_str())
    }
}

impl FromStr for Bump {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Bump, VersionError> {
        Bump::ALL
            .into_iter()
            .find(|bump| bump.as_str() == text)
            .ok_or_else(|| VersionError {
                message: format!("`{text}` is not a bump (expected `patch`, `minor` or `major`)"),
            })
    }
}

/// A release version, `MAJOR.MINOR.PATCH`. Ordered as semver orders release versions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

impl Version {
    /// A version from its three numbers.
    pub const fn new(major: u64, minor: u64, patch: u64) -> Version {
        Version {
            major,
            minor,
            patch,
        }
    }

    /// The version that follows this one for a change that needs `bump`, by Cargo's rules
    /// (see the module docs; before `1.0.0` only a breaking change leaves the compatible range).
    pub fn next(self, bump: Bump) -> Version {
        let Version {
            major,
            minor,
            patch,
        } = self;
        match (major, bump) {
            (0, Bump::Major) => Version::new(0, minor + 1, 0),
            (0, Bump::Minor | Bump::Patch) => Version::new(0, minor, patch + 1),
            (_, Bump::Major) => Version::new(major + 1, 0, 0),
            (_, Bump::Minor) => Version::new(major, minor + 1, 0),
            (_, Bump::Patch) => Version::new(major, minor, patch + 1),
        }
    }

    /// Whether this version is a large enough step from `released` for changes that need
    /// `bump`: it is at least [`released.next(bump)`](Version::next). `0.3.3` covers an addition
    /// to `0.3.2` but not a breaking change; `0.4.0` and `1.0.0` cover both.
    pub fn covers(self, released: Version, bump: Bump) -> bool {
        self >= released.next(bump)
    }

    /// Whether Cargo treats this version and `other` as compatible (the same left-most non-zero
    /// number), so that `cargo update` may move a user from one to the other.
    pub fn is_compatible_with(self, other: Version) -> bool {
        match (self.major, self.minor) {
            (0, 0) => self == other,
            (0, minor) => other.major == 0 && other.minor == minor,
            (major, _) => other.major == major,
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for Version {
    type Err = VersionError;

    fn from_str(text: &str) -> Result<Version, VersionError> {
        let refuse = |why: &str| VersionError {
            message: format!("`{text}` is not a release version: {why}"),
        };
        if text.contains(['-', '+']) {
            return Err(refuse(
                "pre-release and build parts (`-rc.1`, `+meta`) are not supported; use MAJOR.MINOR.PATCH",
            ));
        }
        let mut numbers = [0_u64; 3];
        let mut parts = text.split('.');
        for number in &mut numbers {
            let part = parts
                .next()
                .ok_or_else(|| refuse("expected MAJOR.MINOR.PATCH, like `0.1.0`"))?;
            let digits_only = !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
            if !digits_only {
                return Err(refuse("expected MAJOR.MINOR.PATCH, like `0.1.0`"));
            }
            if part.len() > 1 && part.starts_with('0') {
                return Err(refuse("a number has a leading zero"));
            }
            *number = part
                .parse()
                .map_err(|_| refuse("a number does not fit in 64 bits"))?;
        }
        if parts.next().is_some() {
            return Err(refuse("expected MAJOR.MINOR.PATCH, like `0.1.0`"));
        }
        let [major, minor, patch] = numbers;
        Ok(Version::new(major, minor, patch))
    }
}

/// A version or bump name that cannot be read; the message quotes it and says what is expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct VersionError {
    message: String,
}

/// The version that follows `current` (a `MAJOR.MINOR.PATCH` text, as in a `Cargo.toml`) for a
/// change that needs `bump`: `next_version("0.1.0", Bump::Major)` is `0.2.0`. See
/// [`Version::next`] for the rules.
pub fn next_version(current: &str, bump: Bump) -> Result<Version, VersionError> {
    current.parse::<Version>().map(|version| version.next(bump))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn version(text: &str) -> Version {
        text.parse()
            .unwrap_or_else(|error| panic!("{text}: {error}"))
    }

    #[test]
    fn zero_major_versions_bump_the_minor_number_only_for_breaking_changes() {
        let cases = [
            ("0.1.0", Bump::Major, "0.2.0"),
            ("0.1.0", Bump::Minor, "0.1.1"),
            ("0.1.0", Bump::Patch, "0.1.1"),
            ("0.3.7", Bump::Major, "0.4.0"),
            ("0.3.7", Bump::Minor, "0.3.8"),
            ("0.0.4", Bump::Major, "0.1.0"),
            ("0.0.4", Bump::Minor, "0.0.5"),
        ];
        for (current, bump, expected) in cases {
            let next = next_version(current, bump).map(|next| next.to_string());
            assert_eq!(next.as_deref(), Ok(expected), "{current} + {bump}");
        }
    }

    #[test]
    fn stable_versions_bump_major_minor_or_patch() {
        let cases = [
            ("1.0.0", Bump::Major, "2.0.0"),
            ("1.4.2", Bump::Major, "2.0.0"),
            ("1.4.2", Bump::Minor, "1.5.0"),
            ("1.4.2", Bump::Patch, "1.4.3"),
            ("12.30.9", Bump::Minor, "12.31.0"),
        ];
        for (current, bump, expected) in cases {
            let next = next_version(current, bump).map(|next| next.to_string());
            assert_eq!(next.as_deref(), Ok(expected), "{current} + {bump}");
        }
    }

    /// A change that needs a bump must leave Cargo's compatible range exactly when it breaks.
    #[test]
    fn only_a_major_bump_leaves_the_compatible_range() {
        for current in ["0.0.3", "0.1.0", "0.9.12", "1.0.0", "3.2.1"] {
            let current = version(current);
            for bump in Bump::ALL {
                let next = current.next(bump);
                assert!(next > current, "{current} + {bump} = {next}");
                let compatible = next.is_compatible_with(current);
                // Every `0.0.z` is a range of its own, so any step from it leaves the range.
                let expect_compatible =
                    bump != Bump::Major && (current.major, current.minor) != (0, 0);
                assert_eq!(compatible, expect_compatible, "{current} + {bump} = {next}");
            }
        }
    }

    #[test]
    fn a_version_covers_a_bump_when_it_is_at_least_the_next_one() {
        let released = version("0.3.2");
        assert!(version("0.3.3").covers(released, Bump::Minor));
        assert!(version("0.3.3").covers(released, Bump::Patch));
        assert!(!version("0.3.3").covers(released, Bump::Major));
        assert!(!version("0.3.2").covers(released, Bump::Patch));
        assert!(version("0.4.0").covers(released, Bump::Major));
        assert!(version("1.0.0").covers(released, Bump::Major));
        let released = version("1.4.2");
        assert!(!version("1.4.3").covers(released, Bump::Minor));
        assert!(version("1.5.0").covers(released, Bump::Minor));
        assert!(!version("1.9.0").covers(released, Bump::Major));
        assert!(version("2.0.0").covers(released, Bump::Major));
    }

    #[test]
    fn versions_that_are_not_plain_releases_are_refused_with_the_text_quoted() {
        for text in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "1.2.x",
            "v1.2.3",
            "1..3",
            "01.2.3",
            "1.2.3-rc.1",
            "1.2.3+build",
            " 1.2.3",
            "99999999999999999999.0.0",
        ] {
            let error = text
                .parse::<Version>()
                .expect_err(&format!("`{text}` was accepted"));
            assert!(
                error.to_string().starts_with(&format!("`{text}` is not")),
                "{error}"
            );
        }
        assert_eq!(version("10.0.20"), Version::new(10, 0, 20));
    }

    #[test]
    fn bumps_read_back_their_names_and_order_by_size() {
        for bump in Bump::ALL {
            assert_eq!(bump.as_str().parse::<Bump>(), Ok(bump));
        }
        assert!("breaking".parse::<Bump>().is_err());
        assert!(Bump::Patch < Bump::Minor && Bump::Minor < Bump::Major);
    }
}
