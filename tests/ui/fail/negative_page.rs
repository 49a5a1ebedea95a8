//! Integer parameters take the Rust type their bounds in the spec imply: `page` has
//! `minimum: 0`, so it is a `u64` and a negative page does not compile, while
//! `.per_page(100)` (`0..=100`, a `u8`) does.
use cloudflare_secrets::Client;

fn main() {
    let client = Client::builder().api_token("token").build().expect("client");
    let _fine = client
        .secrets_store()
        .stores()
        .list("023e105f4ecef8ad9ca31a8372d0c353")
        .per_page(100);
    let _negative = client
        .secrets_store()
        .stores()
        .list("023e105f4ecef8ad9ca31a8372d0c353")
        .page(-1);
}
