//! A secret value cannot be printed with `{}`: the secret types do not implement `Display`.
use cloudflare_secrets::{SecretJson, SecretString};

fn main() {
    let value = SecretString::from("hunter2");
    println!("{}", value);
    let jwk = SecretJson::from(serde_json::json!({"d": "private"}));
    let _text = format!("{jwk}");
}
