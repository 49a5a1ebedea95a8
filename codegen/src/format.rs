//! Stage 5: tokens to text, through syn and prettyplease, plus blank lines between items.

use proc_macro2::{Delimiter, TokenStream, TokenTree};

use crate::error::{Error, Result};

/// Pretty-prints the tokens of one file.
pub fn format(path: &str, tokens: TokenStream) -> Result<String> {
    Ok(space_items(&unparse(path, tokens)?))
}

/// Pretty-prints tokens without the blank lines between items (for parts of a file, which are
/// joined and then spaced with [`space_items`]).
///
/// The items are parsed and printed a few at a time: prettyplease prints each top-level item
/// on its own, so the text is the same as for the whole file, while the syntax tree of only a
/// few items is alive at once (on large specs, the tree of a whole file takes hundreds of
/// megabytes, and building and freeing it costs more than parsing). Should a group of items
/// not parse on its own, the whole file is parsed instead, for the same text or error.
pub fn unparse(path: &str, tokens: TokenStream) -> Result<String> {
    let chunks = split_items(tokens.clone(), ITEMS_PER_CHUNK);
    if chunks.len() > 1 {
        let mut out = String::new();
        let mut complete = true;
        for chunk in chunks {
            match syn::parse2::<syn::File>(chunk) {
                Ok(file) => out.push_str(&prettyplease::unparse(&file)),
                Err(_) => {
                    complete = false;
                    break;
                }
            }
        }
        if complete {
            return Ok(out);
        }
    }
    unparse_whole(path, tokens)
}

fn unparse_whole(path: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| {
        Error::new(
            "#",
            format!("internal error: the generator produced invalid Rust for {path} ({error}); please report it with the spec"),
        )
    })?;
    Ok(prettyplease::unparse(&file))
}

/// How many top-level items are parsed and printed together.
const ITEMS_PER_CHUNK: usize = 8;

/// Keywords that start an item (after the end of the previous one).
const ITEM_KEYWORDS: &[&str] = &[
    "pub",
    "impl",
    "struct",
    "enum",
    "mod",
    "fn",
    "const",
    "static",
    "type",
    "use",
    "trait",
    "macro_rules",
];

/// Splits a file's tokens into groups of `per_chunk` top-level items (the file's inner
/// attributes stay with the first group). An item ends with a `{ ... }` block or a `;`, and the
/// next one starts with an outer attribute or an item keyword.
fn split_items(tokens: TokenStream, per_chunk: usize) -> Vec<TokenStream> {
    let mut chunks = Vec::new();
    let mut current: Vec<TokenTree> = Vec::new();
    let mut items = 0;
    let mut after_item = false;
    for tree in tokens {
        let starts_item = match &tree {
            TokenTree::Punct(punct) => punct.as_char() == '#',
            TokenTree::Ident(ident) => ITEM_KEYWORDS.iter().any(|keyword| ident == keyword),
            _ => false,
        };
        if after_item && starts_item {
            items += 1;
            if items == per_chunk {
                chunks.push(current.drain(..).collect());
                items = 0;
            }
        }
        after_item = match &tree {
            TokenTree::Group(group) => group.delimiter() == Delimiter::Brace,
            TokenTree::Punct(punct) => punct.as_char() == ';',
            _ => false,
        };
        current.push(tree);
    }
    if !current.is_empty() || chunks.is_empty() {
        chunks.push(current.into_iter().collect());
    }
    chunks
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
