//! Calling an operation without a required argument does not compile.
use cloudflare_secrets::Client;

fn main() {
    let client = Client::builder().api_token("token").build().expect("client");
    // `put` needs the binding to put.
    let _put = client.workers().scripts().secrets().put("account", "my-script");
    // `get` on a Store secret needs the secret id.
    let _get = client.secrets_store().stores().secrets().get("account", "store");
}
