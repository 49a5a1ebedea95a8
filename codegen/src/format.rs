//! Stage 5: tokens to text, through syn and prettyplease.

use proc_macro2::TokenStream;

use crate::error::{Error, Result};

/// Pretty-prints the tokens of one file.
pub fn format(path: &str, tokens: TokenStream) -> Result<String> {
    let file: syn::File = syn::parse2(tokens).map_err(|error| {
        Error::new(
            "#",
            format!("internal error: the generator produced invalid Rust for {path} ({error}); please report it with the spec"),
        )
    })?;
    Ok(prettyplease::unparse(&file))
}
