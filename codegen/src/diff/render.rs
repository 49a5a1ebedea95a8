//! The report as plain text (terminals, CI logs) and as Markdown (a pull request comment).
//!
//! Both start with a summary that names the version bump the changes need (and the next
//! version, when the released one is known), then list the changes grouped by verdict, worst
//! first. A change whose API-level reading differs from its Rust verdict says so at the end of
//! its line.

use std::fmt::Write as _;

use super::semver::{Bump, Version};
use super::{ApiDiff, Change, Verdict};

/// Removes the backticks that mark code in subjects and details.
fn strip_code(text: &str) -> String {
    text.replace('`', "")
}

impl Change {
    /// The change as one plain-text line (without indentation or bullet).
    pub fn to_text(&self) -> String {
        let mut line = format!("{}: {}", self.kind, strip_code(&self.subject));
        if let Some(detail) = &self.detail {
            let _ = write!(line, ": {}", strip_code(detail));
        }
        if !self.rust_items.is_empty() {
            let _ = write!(line, " [{}]", self.rust_items.join(", "));
        }
        if let Some(api) = &self.api {
            let _ = write!(
                line,
                " (API reading: {}, {})",
                api.word(),
                strip_code(&api.note)
            );
        }
        line
    }

    /// The change as one Markdown list item's text (without the bullet).
    pub fn to_markdown(&self) -> String {
        let mut line = format!("**{}**: {}", self.kind, self.subject);
        if let Some(detail) = &self.detail {
            let _ = write!(line, ": {detail}");
        }
        if !self.rust_items.is_empty() {
            let items: Vec<String> = self
                .rust_items
                .iter()
                .map(|item| format!("`{item}`"))
                .collect();
            let _ = write!(line, " → {}", items.join(", "));
        }
        if let Some(api) = &self.api {
            let _ = write!(line, " *(API reading: {}, {})*", api.word(), api.note);
        }
        line
    }
}

/// The sentence naming the bump the changes need, and the next version when the released one
/// is known: `Needs a major version bump: 0.1.0 -> 0.2.0 (below 1.0.0, ...)`.
fn bump_sentence(bump: Bump, released: Option<Version>, arrow: &str) -> String {
    let mut sentence = format!("Needs a {bump} version bump");
    if let Some(released) = released {
        let _ = write!(sentence, ": {released} {arrow} {}", released.next(bump));
        if released.major == 0 {
            match bump {
                Bump::Major => {
                    sentence.push_str(" (below 1.0.0, a breaking change bumps the minor number)")
                }
                Bump::Minor => sentence.push_str(
                    " (below 1.0.0, anything but a breaking change bumps the patch number)",
                ),
                Bump::Patch => {}
            }
        }
    }
    sentence.push('.');
    sentence
}

impl ApiDiff {
    fn counts(&self) -> String {
        let breaking = self
            .changes
            .iter()
            .filter(|change| change.verdict.is_breaking())
            .count();
        format!(
            "{breaking} breaking, {} compatible, {} documentation-only",
            self.count(Verdict::Compatible),
            self.count(Verdict::Documentation)
        )
    }

    fn version_note(&self) -> Option<String> {
        (self.old_version != self.new_version).then(|| {
            format!(
                "spec version `{}` -> `{}`",
                self.old_version, self.new_version
            )
        })
    }

    /// The plain-text report: a summary naming the bump, then one group per verdict.
    pub fn render_text(&self) -> String {
        let mut out = String::from("API changes");
        if let Some(note) = self.version_note() {
            let _ = write!(out, " ({})", strip_code(&note));
        }
        let Some(bump) = self.bump() else {
            out.push_str(": none.\n");
            return out;
        };
        let _ = writeln!(out, ": {}.", self.counts());
        let _ = writeln!(out, "{}", bump_sentence(bump, self.released, "->"));
        for verdict in Verdict::ALL.into_iter().rev() {
            let count = self.count(verdict);
            if count == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "\n{}, {} ({count}):",
                verdict.heading(),
                verdict.bump()
            );
            for change in self.of(verdict) {
                let _ = writeln!(out, "  - {}", change.to_text());
            }
        }
        out
    }

    /// The Markdown report, for a pull request comment.
    pub fn render_markdown(&self) -> String {
        let mut out = String::from("### API changes\n\n");
        if let Some(note) = self.version_note() {
            let mut chars = note.chars();
            let capitalised: String = chars
                .next()
                .map(|first| first.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            let _ = write!(out, "{capitalised}. ");
        }
        let Some(bump) = self.bump() else {
            out.push_str("No API changes.\n");
            return out;
        };
        if bump == Bump::Major {
            let counts = self.counts();
            let (breaking, rest) = counts.split_once(", ").unwrap_or((&counts, ""));
            let _ = write!(out, "**{breaking}**, {rest}. ");
        } else {
            let _ = write!(out, "**Nothing breaking**: {}. ", self.counts());
        }
        let _ = writeln!(out, "{}", bump_sentence(bump, self.released, "→"));
        for verdict in Verdict::ALL.into_iter().rev() {
            let count = self.count(verdict);
            if count == 0 {
                continue;
            }
            let _ = writeln!(
                out,
                "\n#### {}, {} ({count})\n",
                verdict.heading(),
                verdict.bump()
            );
            for change in self.of(verdict) {
                let _ = writeln!(out, "- {}", change.to_markdown());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diff::ApiReading;

    #[test]
    fn an_empty_diff_renders_as_no_changes() {
        let diff = ApiDiff {
            old_version: "1".to_owned(),
            new_version: "1".to_owned(),
            ..ApiDiff::default()
        };
        assert!(!diff.has_breaking());
        assert_eq!(diff.bump(), None);
        assert_eq!(diff.render_text(), "API changes: none.\n");
        assert_eq!(
            diff.render_markdown(),
            "### API changes\n\nNo API changes.\n"
        );
    }

    #[test]
    fn the_summary_names_the_bump_and_the_next_version_by_cargo_rules() {
        let change = |verdict, api| Change {
            verdict,
            kind: "response field made required".to_owned(),
            subject: "`Secret.comment`".to_owned(),
            detail: Some("its type changes from `Option<String>` to `String`".to_owned()),
            api,
            rust_items: vec!["types::Secret::comment".to_owned()],
        };
        let api = ApiReading::compatible("the API now promises it is always present");
        let mut diff = ApiDiff {
            changes: vec![change(Verdict::BreaksBuild, api)],
            released: Some(Version::new(0, 3, 1)),
            ..ApiDiff::default()
        };
        let text = diff.render_text();
        assert_eq!(
            text,
            "API changes: 1 breaking, 0 compatible, 0 documentation-only.\n\
             Needs a major version bump: 0.3.1 -> 0.4.0 (below 1.0.0, a breaking change bumps the minor number).\n\
             \n\
             Breaking the build, major (1):\n  \
             - response field made required: Secret.comment: its type changes from Option<String> to String [types::Secret::comment] (API reading: compatible, the API now promises it is always present)\n"
        );
        let markdown = diff.render_markdown();
        assert!(
            markdown.contains("**1 breaking**, 0 compatible, 0 documentation-only. Needs a major version bump: 0.3.1 → 0.4.0"),
            "{markdown}"
        );
        assert!(
            markdown
                .contains("*(API reading: compatible, the API now promises it is always present)*"),
            "{markdown}"
        );
        diff.changes = vec![change(Verdict::Compatible, None)];
        diff.released = Some(Version::new(2, 0, 7));
        assert!(
            diff.render_text()
                .contains("\nNeeds a minor version bump: 2.0.7 -> 2.1.0.\n"),
            "{}",
            diff.render_text()
        );
        diff.released = None;
        assert!(
            diff.render_markdown()
                .contains("**Nothing breaking**: 0 breaking, 1 compatible, 0 documentation-only. Needs a minor version bump.\n"),
            "{}",
            diff.render_markdown()
        );
    }
}
