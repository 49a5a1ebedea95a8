//! Seeded mutations of YAML spec text, for the generator fuzzer (`spec_fuzz.rs` beside this file).
//!
//! Each mutation is the kind of edit a maintainer makes by mistake, or one designed to reach a
//! place a random line delete does not: swapped `$ref` targets, type confusion, deleted
//! required keys, YAML anchors and aliases, tabs, very long lines and odd Unicode, besides
//! line and token edits, indentation changes, junk values, truncated or duplicated
//! blocks, control characters and a second YAML document. [`mutate`] applies one to three of them; the same seed gives the same text.

use fastrand::Rng;

/// The kinds of mutation, for reports.
pub const KINDS: &[&str] = &[
    "delete line",
    "duplicate line",
    "swap lines",
    "indent line",
    "indent block",
    "junk value",
    "truncate",
    "duplicate block",
    "delete block",
    "swap ref",
    "type confusion",
    "delete required key",
    "anchor and alias",
    "tab",
    "long line",
    "odd unicode",
    "token edit",
    "list to map",
    "control character",
    "second document",
];

/// Values that are wrong in most places, or wrong YAML.
const JUNK: &[&str] = &[
    "[a]",
    "{}",
    "[]",
    "~",
    "null",
    ".nan",
    "-.inf",
    "-1",
    "0",
    "1e400",
    "99999999999999999999999",
    "true",
    "'3.0.3'",
    "!!binary aGVsbG8=",
    "!custom {a: 1}",
    "*nowhere",
    "&anchor",
    "[",
    "{",
    "'unterminated",
    "\"bad \\q escape\"",
    "|",
    ">-",
    "? complex",
    "{a: [1, {b: }]}",
    "- item",
    "key: value",
    "'#/components/schemas/Nope'",
    "{$ref: '#/components/schemas'}",
    "{$ref: '#'}",
    "{$ref: 7}",
    "{type: [string]}",
    "{type: array}",
    "{type: object, properties: []}",
    "{allOf: {}}",
    "{oneOf: [{}], discriminator: {propertyName: 7}}",
    "{enum: []}",
    "{enum: [{a: 1}]}",
    "'\u{202e}gnirts'",
    "\"\\u0000\"",
    "\u{feff}x",
    "%YAML 1.1",
    "---",
    "...",
];

/// Keys whose absence the generator must explain.
const REQUIRED_KEYS: &[&str] = &[
    "openapi",
    "info",
    "title",
    "version",
    "paths",
    "operationId",
    "tags",
    "summary",
    "x-sdk-method",
    "x-sdk-resource",
    "responses",
    "content",
    "schema",
    "$ref",
    "type",
    "items",
    "properties",
    "name",
    "in",
    "required",
    "allOf",
    "discriminator",
    "propertyName",
    "mapping",
    "result",
    "components",
    "schemas",
];

/// Replacements for a `type:` value.
const TYPES: &[&str] = &[
    "[string]",
    "[object, 'null']",
    "object",
    "array",
    "string",
    "integer",
    "number",
    "boolean",
    "null",
    "{}",
    "strnig",
    "7",
];

/// Characters that look like nothing, or turn text around.
const ODD_UNICODE: &[&str] = &[
    "\u{200b}",
    "\u{202e}",
    "\u{feff}",
    "\u{0301}",
    "\u{fffd}",
    "\u{1f512}",
    "\u{0000}",
    "\u{0085}",
    "\u{2028}",
    "é",
    "\u{10ffff}",
];

/// One line's indentation (leading spaces).
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The end (exclusive) of the block that starts at `start`: the line and every following line
/// indented deeper (or blank).
fn block_end(lines: &[String], start: usize) -> usize {
    let indent = indent_of(&lines[start]);
    let mut end = start + 1;
    while end < lines.len() && (lines[end].trim().is_empty() || indent_of(&lines[end]) > indent) {
        end += 1;
    }
    end
}

/// A random index of a line for which `keep` is true, if any.
fn pick_line(rng: &mut Rng, lines: &[String], keep: impl Fn(&str) -> bool) -> Option<usize> {
    let candidates: Vec<usize> = (0..lines.len()).filter(|&i| keep(&lines[i])).collect();
    if candidates.is_empty() {
        None
    } else {
        Some(candidates[rng.usize(..candidates.len())])
    }
}

/// The text of a line after its key (`  key: value` gives `value`), if it has a key.
fn split_key(line: &str) -> Option<(&str, &str)> {
    let colon = line
        .find(": ")
        .or_else(|| line.strip_suffix(':').map(|_| line.len() - 1))?;
    Some((&line[..colon], line[colon + 1..].trim_start()))
}

/// Every `$ref` target that appears in the text.
fn ref_targets(lines: &[String]) -> Vec<String> {
    let mut targets: Vec<String> = lines
        .iter()
        .filter_map(|line| {
            let at = line.find("$ref:")?;
            Some(line[at + 5..].trim().to_owned())
        })
        .collect();
    targets.sort();
    targets.dedup();
    targets
}

/// Applies one mutation of kind `kind` (an index into [`KINDS`]).
fn mutate_once(rng: &mut Rng, text: &str, kind: usize) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    if lines.is_empty() {
        return JUNK[rng.usize(..JUNK.len())].to_owned();
    }
    let line_count = lines.len();
    let any = rng.usize(..line_count);
    match KINDS[kind] {
        "delete line" => {
            lines.remove(any);
        }
        "duplicate line" => {
            let line = lines[any].clone();
            lines.insert(any, line);
        }
        "swap lines" => {
            let other = (any + 1 + rng.usize(..3)).min(line_count - 1);
            lines.swap(any, other);
        }
        "indent line" => {
            let delta = [1usize, 2, 4][rng.usize(..3)];
            if rng.bool() {
                lines[any] = format!("{}{}", " ".repeat(delta), lines[any]);
            } else {
                let cut = delta.min(indent_of(&lines[any]));
                lines[any] = lines[any][cut..].to_owned();
            }
        }
        "indent block" => {
            let end = block_end(&lines, any);
            let deeper = rng.bool();
            for line in &mut lines[any..end] {
                *line = if deeper {
                    format!("  {line}")
                } else {
                    line[2.min(indent_of(line))..].to_owned()
                };
            }
        }
        "junk value" => {
            if let Some(index) = pick_line(rng, &lines, |line| split_key(line).is_some()) {
                let (key, _) = split_key(&lines[index]).unwrap_or(("", ""));
                lines[index] = format!("{key}: {}", JUNK[rng.usize(..JUNK.len())]);
            }
        }
        "truncate" => {
            let cut = rng.usize(..=text.len());
            let cut = (0..=cut)
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            return text[..cut].to_owned();
        }
        "duplicate block" => {
            let end = block_end(&lines, any);
            let block: Vec<String> = lines[any..end].to_vec();
            let at = if rng.bool() {
                end
            } else {
                rng.usize(..=line_count)
            };
            for (offset, line) in block.into_iter().enumerate() {
                lines.insert(at + offset, line);
            }
        }
        "delete block" => {
            let end = block_end(&lines, any);
            lines.drain(any..end);
        }
        "swap ref" => {
            let targets = ref_targets(&lines);
            if let Some(index) = pick_line(rng, &lines, |line| line.contains("$ref:")) {
                let choice = rng.usize(..targets.len() + 6);
                let target = match choice.checked_sub(6) {
                    Some(pick) => targets[pick].clone(),
                    None => [
                        "'#/components/schemas/DoesNotExist'",
                        "'#/paths'",
                        "'#/components/schemas'",
                        "'other.yaml#/Thing'",
                        "'#/components/parameters/Nope'",
                        "''",
                    ][choice]
                        .to_owned(),
                };
                let at = lines[index].find("$ref:").unwrap_or(0);
                lines[index] = format!("{}$ref: {target}", &lines[index][..at]);
            }
        }
        "type confusion" => {
            if let Some(index) = pick_line(rng, &lines, |line| {
                line.trim_start().starts_with("type:") || line.trim_start().starts_with("- type:")
            }) {
                let at = lines[index].find("type:").unwrap_or(0);
                lines[index] = format!(
                    "{}type: {}",
                    &lines[index][..at],
                    TYPES[rng.usize(..TYPES.len())]
                );
            } else {
                lines[any].push_str(" [a]");
            }
        }
        "delete required key" => {
            let key = REQUIRED_KEYS[rng.usize(..REQUIRED_KEYS.len())];
            let matching = |line: &str| {
                let trimmed = line.trim_start().trim_start_matches("- ");
                trimmed.starts_with(&format!("{key}:"))
            };
            if let Some(index) = pick_line(rng, &lines, matching) {
                let end = block_end(&lines, index);
                let line = &lines[index];
                if line.trim_start().starts_with("- ") {
                    // Keep the list item, drop the key: `- name: x` becomes `- ` plus the rest.
                    lines[index] = format!("{}- {{}}", " ".repeat(indent_of(line)));
                    lines.drain(index + 1..end);
                } else {
                    lines.drain(index..end);
                }
            }
        }
        "anchor and alias" => {
            let keyed = |line: &str| split_key(line).is_some();
            if let (Some(from), Some(to)) =
                (pick_line(rng, &lines, keyed), pick_line(rng, &lines, keyed))
            {
                match rng.usize(..4) {
                    0 => {
                        // An anchor on one value, an alias to it on another.
                        let (key, value) = split_key(&lines[from]).unwrap_or(("", ""));
                        lines[from] = format!("{key}: &fuzz {value}");
                        let (key, _) = split_key(&lines[to]).unwrap_or(("", ""));
                        lines[to] = format!("{key}: *fuzz");
                    }
                    1 => {
                        // An alias to an anchor that does not exist.
                        let (key, _) = split_key(&lines[to]).unwrap_or(("", ""));
                        lines[to] = format!("{key}: *missing");
                    }
                    2 => {
                        // An alias used before its anchor, and as a key.
                        let indent = " ".repeat(indent_of(&lines[to]));
                        lines.insert(to, format!("{indent}*fuzz : x"));
                    }
                    _ => {
                        // A merge key.
                        let indent = " ".repeat(indent_of(&lines[to]));
                        lines.insert(to, format!("{indent}<<: {{extra: 1}}"));
                    }
                }
            }
        }
        "tab" => {
            let indent = indent_of(&lines[any]);
            lines[any] = format!("\t{}", &lines[any][indent.min(2)..]);
        }
        "long line" => {
            let length = [1_000usize, 20_000, 100_000][rng.usize(..3)];
            if let Some(index) = pick_line(rng, &lines, |line| split_key(line).is_some()) {
                let (key, _) = split_key(&lines[index]).unwrap_or(("", ""));
                let fill = if rng.bool() { "a" } else { "[" };
                lines[index] = format!("{key}: {}", fill.repeat(length));
            }
        }
        "odd unicode" => {
            let odd = ODD_UNICODE[rng.usize(..ODD_UNICODE.len())];
            let line = &lines[any];
            let boundaries: Vec<usize> = (0..=line.len())
                .filter(|&i| line.is_char_boundary(i))
                .collect();
            let at = boundaries[rng.usize(..boundaries.len())];
            lines[any] = format!("{}{odd}{}", &line[..at], &line[at..]);
        }
        "token edit" => {
            let line = lines[any].clone();
            let tokens: Vec<&str> = line.split(' ').collect();
            lines[any] = match rng.usize(..5) {
                0 if tokens.len() > 1 => {
                    let mut tokens = tokens;
                    let i = rng.usize(..tokens.len() - 1);
                    tokens.swap(i, i + 1);
                    tokens.join(" ")
                }
                1 => line.replacen(": ", ":", 1),
                2 => line.replacen(':', " :", 1),
                3 => line.replace(['\'', '"'], ""),
                _ => line.replacen('-', "", 1),
            };
        }
        "list to map" => {
            if let Some(index) = pick_line(rng, &lines, |line| line.trim_start().starts_with("- "))
            {
                let line = &lines[index];
                let trimmed = line.trim_start();
                let indent = &line[..line.len() - trimmed.len()];
                let rest = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                lines[index] = format!("{indent}item{index}: {rest}");
            } else if let Some(index) = pick_line(rng, &lines, |line| line.ends_with(':')) {
                let indent = " ".repeat(indent_of(&lines[index]) + 2);
                lines.insert(index + 1, format!("{indent}- listed"));
            }
        }
        "control character" => {
            let control = ['\u{1}', '\u{7}', '\u{7f}', '\u{86}', '\u{fffe}'][rng.usize(..5)];
            let line = &lines[any];
            let boundaries: Vec<usize> = (0..=line.len())
                .filter(|&i| line.is_char_boundary(i))
                .collect();
            let at = boundaries[rng.usize(..boundaries.len())];
            lines[any] = format!("{}{control}{}", &line[..at], &line[at..]);
        }
        "second document" => {
            let marker = ["---", "...", "--- # another", "---\nopenapi: 3.0.3"][rng.usize(..4)];
            lines.insert(any, marker.to_owned());
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    if text.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// One to three mutations of `text`, chosen by `rng`; returns the text and the kinds applied.
pub fn mutate(rng: &mut Rng, text: &str) -> (String, Vec<&'static str>) {
    let count = 1 + usize::from(rng.u8(..4) == 0) + usize::from(rng.u8(..8) == 0);
    let mut out = text.to_owned();
    let mut kinds = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = rng.usize(..KINDS.len());
        out = mutate_once(rng, &out, kind);
        kinds.push(KINDS[kind]);
    }
    (out, kinds)
}
