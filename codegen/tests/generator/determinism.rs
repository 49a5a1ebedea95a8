//! The generator is deterministic: the same spec gives byte-identical files, and the order of
//! keys in the spec's maps that carry no meaning (components, tags) does not change the output.

use std::fs;
use std::path::Path;

use cloudflare_secrets_codegen::generate;

fn specs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut specs: Vec<(String, String)> = fs::read_dir(&root)
        .expect("golden dir")
        .filter_map(|entry| entry.ok())
        .map(|entry| entry.path().join("spec.yaml"))
        .filter(|path| path.is_file())
        .map(|path| {
            (
                path.display().to_string(),
                fs::read_to_string(&path).expect("readable"),
            )
        })
        .collect();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/openapi.yaml");
    if let Ok(text) = fs::read_to_string(&real) {
        specs.push((real.display().to_string(), text));
    }
    specs.sort();
    specs
}

#[test]
fn generating_twice_gives_identical_bytes() {
    for (name, text) in specs() {
        let first = generate(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let second = generate(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        assert_eq!(first, second, "{name}: output differs between runs");
        let from_thread = std::thread::spawn(move || generate(&text).ok())
            .join()
            .expect("no panic");
        assert_eq!(
            Some(first),
            from_thread,
            "{name}: output differs on another thread"
        );
    }
}

/// Reverses the order of every mapping under `components` and of the top-level `tags`.
fn shuffle(text: &str) -> String {
    let mut value: serde_yaml::Value = serde_yaml::from_str(text).expect("yaml");
    if let Some(components) = value
        .get_mut("components")
        .and_then(serde_yaml::Value::as_mapping_mut)
    {
        for (_, section) in components.iter_mut() {
            if let Some(section) = section.as_mapping_mut() {
                let reversed: serde_yaml::Mapping = section
                    .clone()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                *section = reversed;
            }
        }
    }
    if let Some(tags) = value
        .get_mut("tags")
        .and_then(serde_yaml::Value::as_sequence_mut)
    {
        tags.reverse();
    }
    serde_yaml::to_string(&value).expect("yaml")
}

#[test]
fn component_and_tag_order_does_not_matter() {
    for (name, text) in specs() {
        let shuffled = shuffle(&text);
        assert_ne!(shuffled, text, "{name}: the shuffle should change the text");
        let original = generate(&text).unwrap_or_else(|error| panic!("{name}: {error}"));
        let reordered =
            generate(&shuffled).unwrap_or_else(|error| panic!("{name} (shuffled): {error}"));
        for (left, right) in original.iter().zip(&reordered) {
            assert_eq!(left.path, right.path);
            assert!(
                left.contents == right.contents,
                "{name}: {} changes when components are reordered:\n{}",
                left.path,
                xtask::codegen::unified_diff(&left.path, &left.contents, &right.contents)
            );
        }
        assert_eq!(original.len(), reordered.len());
    }
}
