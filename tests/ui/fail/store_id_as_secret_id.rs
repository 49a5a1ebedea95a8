//! A store id passed where a secret id is expected does not compile.
use cloudflare_secrets::{AccountId, Client, StoreId};

fn main() {
    let client = Client::builder().api_token("token").build().expect("client");
    let account = AccountId::new("023e105f4ecef8ad9ca31a8372d0c353");
    let store = StoreId::new("985e105f4ecef8ad9ca31a8372d0c353");
    let _get = client
        .secrets_store()
        .stores()
        .secrets()
        .get(account, store.clone(), store);
}
