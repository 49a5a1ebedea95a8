//! The Rust verdict of a change ([`Verdict`]), the API-level reading shown beside it where it
//! differs ([`ApiReading`]), and the corpus's `verdict.yaml` format ([`CaseVerdict`]).

use std::fmt;
use std::str::FromStr;

use super::semver::Bump;

/// What a user of the generated crate experiences when a change reaches them, judged against
/// the crate's Rust signatures (not the API's wire format). Ordered from the mildest to the
/// worst, so the verdict of several changes is the largest of theirs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Verdict {
    /// Only the documentation changes, or nothing in the generated crate at all (an API fact
    /// the SDK does not act on, such as a bound on a value only the server sends).
    Documentation,
    /// Code that compiled still compiles and still works: something is added, more values are
    /// accepted, or the SDK follows the API somewhere new with the same signatures.
    Compatible,
    /// Code still compiles, but a call that worked may now fail or do something else: a value
    /// the old crate sent is now refused before sending, or arguments of one type swap places.
    BreaksBehaviour,
    /// Code that compiled against the old crate may stop compiling.
    BreaksBuild,
}

impl Verdict {
    /// Every verdict, mildest first.
    pub const ALL: [Verdict; 4] = [
        Verdict::Documentation,
        Verdict::Compatible,
        Verdict::BreaksBehaviour,
        Verdict::BreaksBuild,
    ];

    /// The version bump a change with this verdict needs.
    pub fn bump(self) -> Bump {
        match self {
            Verdict::Documentation => Bump::Patch,
            Verdict::Compatible => Bump::Minor,
            Verdict::BreaksBehaviour | Verdict::BreaksBuild => Bump::Major,
        }
    }

    /// Whether existing code may stop compiling or start failing.
    pub fn is_breaking(self) -> bool {
        self.bump() == Bump::Major
    }

    /// How it breaks, as the corpus's verdict files write it (`build`, `behaviour`, `none`).
    pub fn breaks(self) -> &'static str {
        match self {
            Verdict::BreaksBuild => "build",
            Verdict::BreaksBehaviour => "behaviour",
            Verdict::Compatible | Verdict::Documentation => "none",
        }
    }

    /// The heading of this verdict's group in the reports.
    pub fn heading(self) -> &'static str {
        match self {
            Verdict::BreaksBuild => "Breaking the build",
            Verdict::BreaksBehaviour => "Breaking behaviour",
            Verdict::Compatible => "Compatible",
            Verdict::Documentation => "Documentation only",
        }
    }
}

/// How the API itself reads a change, where that differs from the Rust verdict: a response
/// field made required is a promise the API can keep without breaking any client
/// (`breaking: false`), but the field's Rust type changes from `Option<T>` to `T`, which breaks
/// the build. The reports show it next to the verdict, never instead of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiReading {
    /// Whether a client built from the old spec could break against the new API.
    pub breaking: bool,
    /// Why, in a few words (`the API now promises it is always present`).
    pub note: String,
}

impl ApiReading {
    /// A change the API reads as compatible.
    pub(super) fn compatible(note: impl Into<String>) -> Option<ApiReading> {
        Some(ApiReading {
            breaking: false,
            note: note.into(),
        })
    }

    /// A change the API reads as breaking.
    pub(super) fn breaking(note: impl Into<String>) -> Option<ApiReading> {
        Some(ApiReading {
            breaking: true,
            note: note.into(),
        })
    }

    /// `compatible` or `breaking`.
    pub fn word(&self) -> &'static str {
        if self.breaking {
            "breaking"
        } else {
            "compatible"
        }
    }
}

/// The verdict of a whole comparison, as a corpus case records it in `verdict.yaml`: the bump
/// it needs and how it breaks (`None` when nothing changed).
///
/// ```yaml
/// bump: major      # none, patch, minor or major
/// breaks: build    # build, behaviour or none
/// ```
///
/// Lines starting with `#` and trailing `# comments` are ignored, so the file is also YAML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseVerdict(pub Option<Verdict>);

impl CaseVerdict {
    /// The bump the case needs (`None` when nothing changed).
    pub fn bump(self) -> Option<Bump> {
        self.0.map(Verdict::bump)
    }
}

impl fmt::Display for CaseVerdict {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bump = self.bump().map_or("none", Bump::as_str);
        let breaks = self.0.map_or("none", Verdict::breaks);
        writeln!(formatter, "bump: {bump}")?;
        writeln!(formatter, "breaks: {breaks}")
    }
}

impl FromStr for CaseVerdict {
    type Err = String;

    fn from_str(text: &str) -> Result<CaseVerdict, String> {
        let mut bump = None;
        let mut breaks = None;
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let Some((key, value)) = line.split_once(':') else {
                return Err(format!("`{line}` is not a `key: value` line"));
            };
            let slot = match key.trim() {
                "bump" => &mut bump,
                "breaks" => &mut breaks,
                other => return Err(format!("unknown key `{other}` (expected `bump`, `breaks`)")),
            };
            if slot.replace(value.trim().to_owned()).is_some() {
                return Err(format!("`{}` is given twice", key.trim()));
            }
        }
        let bump = bump.ok_or("no `bump:` line")?;
        let breaks = breaks.ok_or("no `breaks:` line")?;
        if bump == "none" && breaks == "none" {
            return Ok(CaseVerdict(None));
        }
        Verdict::ALL
            .into_iter()
            .find(|verdict| verdict.bump().as_str() == bump && verdict.breaks() == breaks)
            .map(|verdict| CaseVerdict(Some(verdict)))
            .ok_or_else(|| {
                format!(
                    "`bump: {bump}` with `breaks: {breaks}` is not a verdict (expected none/none, patch/none, minor/none, major/behaviour or major/build)"
                )
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_verdicts_read_back_what_they_write() {
        let all = std::iter::once(None).chain(Verdict::ALL.map(Some));
        for verdict in all {
            let text = CaseVerdict(verdict).to_string();
            assert_eq!(
                text.parse::<CaseVerdict>(),
                Ok(CaseVerdict(verdict)),
                "{text}"
            );
        }
        let commented = "# A comment.\nbump: major   # the bump\n\nbreaks: behaviour\n";
        assert_eq!(
            commented.parse::<CaseVerdict>(),
            Ok(CaseVerdict(Some(Verdict::BreaksBehaviour)))
        );
    }

    #[test]
    fn case_verdicts_that_do_not_fit_are_refused() {
        for text in [
            "bump: major\n",
            "breaks: build\n",
            "bump: minor\nbreaks: build\n",
            "bump: huge\nbreaks: none\n",
            "bump: major\nbump: major\nbreaks: build\n",
            "bump major\nbreaks: build\n",
            "bump: patch\nbreaks: none\nwhy: docs\n",
        ] {
            assert!(text.parse::<CaseVerdict>().is_err(), "{text}");
        }
    }

    #[test]
    fn verdicts_need_the_bump_their_name_says() {
        assert_eq!(Verdict::BreaksBuild.bump(), Bump::Major);
        assert_eq!(Verdict::BreaksBehaviour.bump(), Bump::Major);
        assert_eq!(Verdict::Compatible.bump(), Bump::Minor);
        assert_eq!(Verdict::Documentation.bump(), Bump::Patch);
        assert!(Verdict::BreaksBehaviour.is_breaking() && !Verdict::Compatible.is_breaking());
    }
}
