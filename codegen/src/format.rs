//! Stage 5: the last pass over each emitted file's text.
//!
//! The emitters write text already laid out (see [`crate::emit`]), so nothing is parsed or
//! pretty-printed again; this pass only makes the layout uniform: no trailing spaces, at most
//! one blank line in a row, no blank line right after an opening `{` or before a closing `}`,
//! and exactly one newline at the end.

/// Tidies the text of one file (see the module docs). The result does not depend on how the
/// file was cut into parts, so parts emitted on different threads join to the same text.
pub fn format(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_pending = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            blank_pending = !out.is_empty() && !out.ends_with("{\n");
            continue;
        }
        let closes = line.trim_start().starts_with('}') || line.trim_start().starts_with(')');
        if blank_pending && !closes {
            out.push('\n');
        }
        blank_pending = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format;

    #[test]
    fn blank_lines_are_collapsed_and_trimmed() {
        let text = "\n//! Docs.\n\n\n\npub struct A {\n\n    a: u8,   \n\n}\n\n\nfn f() {}";
        assert_eq!(
            format(text),
            "//! Docs.\n\npub struct A {\n    a: u8,\n}\n\nfn f() {}\n"
        );
    }

    /// Seeded random layouts: tidying is idempotent and keeps every non-blank line, in order.
    #[test]
    fn tidying_is_idempotent_and_keeps_the_code() {
        let pieces = ["", "", "fn f() {", "}", "    let a = 1;", "/// Doc.", "  "];
        let mut rng = fastrand::Rng::with_seed(5);
        for _ in 0..2_000 {
            let lines: Vec<&str> = (0..rng.usize(0..20))
                .map(|_| pieces[rng.usize(0..pieces.len())])
                .collect();
            let text = lines.join("\n");
            let once = format(&text);
            assert_eq!(format(&once), once, "{text:?}");
            let kept = |text: &str| -> Vec<String> {
                text.lines()
                    .map(|line| line.trim_end().to_owned())
                    .filter(|line| !line.is_empty())
                    .collect()
            };
            assert_eq!(kept(&once), kept(&text));
        }
    }
}
