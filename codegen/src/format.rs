//! Stage 5: tokens to text, through syn and prettyplease, plus blank lines between items.

use proc_macro2::TokenStream;

use crate::error::{Error, Result};

/// Pretty-prints the tokens of one file.
pub fn format(path: &str, tokens: TokenStream) -> Result<String> {
    Ok(space_items(&unparse(path, tokens)?))
}

/// Pretty-prints tokens without the blank lines between items (for parts of a file, which are
/// joined and then spaced with [`space_items`]).
pub fn unparse(path: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| {
        Error::new(
            "#",
            format!("internal error: the generator produced invalid Rust for {path} ({error}); please report it with the spec"),
        )
    })?;
    Ok(prettyplease::unparse(&file))
}

/// How a line that starts an item (or an item's docs and attributes) begins.
const ITEM_STARTS: &[&str] = &[
    "///", "#[", "pub ", "pub(", "fn ", "impl ", "impl<", "mod ", "const ", "static ", "struct ",
    "enum ", "type ", "async ",
];

/// Inserts a blank line between consecutive items and after the file's inner docs, which
/// prettyplease leaves out. Only lines that start an item are touched, so expressions and
/// string contents never change.
pub fn space_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous: Option<&str> = None;
    for line in text.lines() {
        if let Some(previous) = previous {
            let trimmed = line.trim_start();
            let indent = line.len() - trimmed.len();
            let previous_trimmed = previous.trim_start();
            let previous_indent = previous.len() - previous_trimmed.len();
            let starts_item = ITEM_STARTS.iter().any(|start| trimmed.starts_with(start));
            let after_block = previous_indent == indent && matches!(previous_trimmed, "}" | "};");
            let after_header = (previous_trimmed.starts_with("//!")
                || previous_trimmed.starts_with("#!["))
                && !(trimmed.starts_with("//!") || trimmed.starts_with("#!["));
            if starts_item && (after_block || after_header) {
                out.push('\n');
            }
        }
        out.push_str(line);
        out.push('\n');
        previous = Some(line);
    }
    out
}
