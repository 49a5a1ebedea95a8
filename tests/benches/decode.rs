//! Decoding benchmarks (criterion): a 100-item Secrets Store page and a 100-entry bulk-patch
//! response, from bytes to the SDK's generated types, per decode.
//!
//! The runtime's own envelope decoder is crate-private, so this decodes the same way it does:
//! the envelope with `result` kept as raw JSON, then `result` into the generated types
//! (`Vec<Secret>` plus `ResultInfo`, and `BTreeMap<String, SecretBinding>`). The HTTP benchmark
//! (`client`) covers the runtime's path end to end.

mod common;
mod fixtures;

use std::collections::BTreeMap;
use std::hint::black_box;

use cloudflare_secrets::{ResultInfo, Secret, SecretBinding};
use common::{Target, criterion_median_ns, figure, figure_missing};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::value::RawValue;

/// The criterion group of these benchmarks.
const GROUP: &str = "decode";

/// The Cloudflare envelope, with `result` left as raw JSON (as the runtime reads it).
#[derive(Deserialize)]
struct Envelope<'a> {
    success: bool,
    errors: Vec<serde_json::Value>,
    messages: Vec<serde_json::Value>,
    #[serde(borrow)]
    result: Option<&'a RawValue>,
    #[serde(default)]
    result_info: Option<ResultInfo>,
}

/// Decodes an envelope and its `result` as `T`.
fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<(T, Option<ResultInfo>)> {
    let envelope: Envelope<'_> = serde_json::from_slice(body).ok()?;
    if !envelope.success || !envelope.errors.is_empty() {
        return None;
    }
    black_box(&envelope.messages);
    let result = serde_json::from_str(envelope.result?.get()).ok()?;
    Some((result, envelope.result_info))
}

/// A hand-written secret with plain types, for contrast: what the decode would cost without
/// the SDK's typed ids, enums and timestamps.
#[derive(Deserialize)]
#[allow(dead_code)]
struct PlainSecret {
    id: String,
    name: String,
    store_id: String,
    created: String,
    modified: String,
    status: String,
    comment: Option<String>,
    scopes: Option<Vec<String>>,
}

fn main() {
    let page = fixtures::secrets_page(0, 100, 1, 100, 100);
    let bulk = fixtures::bulk_patch_response(100);

    // Check the fixtures decode completely before timing anything.
    let page_ok = matches!(
        decode::<Vec<Secret>>(page.as_bytes()),
        Some((items, Some(_))) if items.len() == 100
    );
    let bulk_ok = matches!(
        decode::<BTreeMap<String, SecretBinding>>(bulk.as_bytes()),
        Some((map, _)) if map.len() == 100
    );

    let mut criterion = common::criterion();
    {
        let mut group = criterion.benchmark_group(GROUP);
        if page_ok {
            group.bench_function("secrets_page_100", |b| {
                b.iter(|| decode::<Vec<Secret>>(black_box(page.as_bytes())))
            });
        }
        if page_ok {
            group.bench_function("secrets_page_100_plain", |b| {
                b.iter(|| decode::<Vec<PlainSecret>>(black_box(page.as_bytes())))
            });
        }
        if bulk_ok {
            group.bench_function("bulk_patch_100", |b| {
                b.iter(|| decode::<BTreeMap<String, SecretBinding>>(black_box(bulk.as_bytes())))
            });
        }
        group.finish();
    }
    criterion.final_summary();

    for (function, ok, bytes) in [
        ("secrets_page_100", page_ok, page.len()),
        ("secrets_page_100_plain", page_ok, page.len()),
        ("bulk_patch_100", bulk_ok, bulk.len()),
    ] {
        let name = format!("decode.{function} ({bytes} bytes)");
        match criterion_median_ns(GROUP, function) {
            Some(ns) if ok => {
                figure(&name, ns / 1e3, "us", Target::None);
            }
            _ => figure_missing(
                &name,
                "us",
                "the fixture did not decode into the SDK's types",
            ),
        }
    }
    if let (Some(typed), Some(plain)) = (
        criterion_median_ns(GROUP, "secrets_page_100"),
        criterion_median_ns(GROUP, "secrets_page_100_plain"),
    ) && page_ok
    {
        figure(
            "decode.secrets_page_100 sdk types over plain strings",
            typed / plain,
            "ratio",
            Target::None,
        );
    }
}
