//! Maps a JSON pointer into the spec to a line and column of the spec text, so that errors can
//! be clicked on.
//!
//! The spec is read a second time with saphyr-parser, which reports where each YAML event
//! starts; serde_yaml (used for the real parse) keeps no positions. Only the first document is
//! indexed. Aliases (`*name`) are followed to their anchor. A pointer that leaves the document
//! (a missing key, an index past the end) resolves to its deepest existing ancestor, so an
//! error about a missing key lands on the line of the object that should hold it.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

use crate::error::{Location, unescape_segment};

/// The positions of every node of the first YAML document of a text.
#[derive(Debug, Default)]
pub struct SourceMap {
    nodes: Vec<Node>,
}

#[derive(Debug)]
struct Node {
    /// Where the node's value starts.
    start: Location,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Scalar,
    /// An alias; the index is the node it refers to, when its anchor was seen.
    Alias(Option<usize>),
    Sequence(Vec<usize>),
    /// Entries in document order: key text (empty for a non-scalar key), where the key starts,
    /// and the value's node.
    Mapping(Vec<(String, Location, usize)>),
}

/// A collection being filled while the events are read.
enum Open {
    Sequence {
        node: usize,
        items: Vec<usize>,
    },
    Mapping {
        node: usize,
        entries: Vec<(String, Location, usize)>,
        pending_key: Option<(String, Location)>,
    },
}

/// The most nodes indexed; a larger document is located by its first nodes only.
const MAX_NODES: usize = 2_000_000;

/// Converts a saphyr span start to a 1-based line and column.
fn location(span: &Span) -> Location {
    Location {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
    }
}

impl SourceMap {
    /// Indexes `text`. Never fails: a syntax error ends the index where it occurs, and what
    /// was read before it can still be located.
    pub fn new(text: &str) -> SourceMap {
        let mut map = SourceMap::default();
        let mut stack: Vec<Open> = Vec::new();
        let mut anchors: HashMap<usize, usize> = HashMap::new();
        let mut in_document = false;
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            if map.nodes.len() >= MAX_NODES {
                break;
            }
            let start = location(&span);
            match event {
                Event::DocumentStart(_) => {
                    if in_document {
                        break;
                    }
                    in_document = true;
                }
                Event::DocumentEnd => break,
                Event::Scalar(value, _, anchor, _) => {
                    let is_key = matches!(
                        stack.last(),
                        Some(Open::Mapping {
                            pending_key: None,
                            ..
                        })
                    );
                    if is_key {
                        if let Some(Open::Mapping { pending_key, .. }) = stack.last_mut() {
                            *pending_key = Some((value.into_owned(), start));
                        }
                        continue;
                    }
                    let node = map.push(start, Kind::Scalar);
                    if anchor > 0 {
                        anchors.insert(anchor, node);
                    }
                    attach(&mut stack, node);
                }
                Event::Alias(anchor) => {
                    let target = anchors.get(&anchor).copied();
                    if key_expected(&stack) {
                        // An alias used as a key: keep the entry, with a key no pointer names.
                        if let Some(Open::Mapping { pending_key, .. }) = stack.last_mut() {
                            *pending_key = Some((String::new(), start));
                        }
                        continue;
                    }
                    let node = map.push(start, Kind::Alias(target));
                    attach(&mut stack, node);
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let is_sequence = matches!(event, Event::SequenceStart(..));
                    if key_expected(&stack) {
                        // A complex key: give it an unmatchable name and index its contents
                        // as if it were a value (they are never looked up).
                        if let Some(Open::Mapping { pending_key, .. }) = stack.last_mut() {
                            *pending_key = Some((String::new(), start));
                        }
                    }
                    let node = map.push(start, Kind::Scalar);
                    if anchor > 0 {
                        anchors.insert(anchor, node);
                    }
                    stack.push(if is_sequence {
                        Open::Sequence {
                            node,
                            items: Vec::new(),
                        }
                    } else {
                        Open::Mapping {
                            node,
                            entries: Vec::new(),
                            pending_key: None,
                        }
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => {
                    let Some(open) = stack.pop() else { break };
                    let node = match open {
                        Open::Sequence { node, items } => {
                            map.nodes[node].kind = Kind::Sequence(items);
                            node
                        }
                        Open::Mapping { node, entries, .. } => {
                            map.nodes[node].kind = Kind::Mapping(entries);
                            node
                        }
                    };
                    attach(&mut stack, node);
                }
                Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
            }
        }
        // Close what a syntax error left open, so its entries can still be found.
        while let Some(open) = stack.pop() {
            let node = match open {
                Open::Sequence { node, items } => {
                    map.nodes[node].kind = Kind::Sequence(items);
                    node
                }
                Open::Mapping { node, entries, .. } => {
                    map.nodes[node].kind = Kind::Mapping(entries);
                    node
                }
            };
            attach(&mut stack, node);
        }
        map
    }

    fn push(&mut self, start: Location, kind: Kind) -> usize {
        self.nodes.push(Node { start, kind });
        self.nodes.len() - 1
    }

    /// The line and column `pointer` (`#/a/b/0`, or `#` for the whole document) names, or of
    /// its deepest ancestor present in the text; the start of the text when it holds no
    /// document.
    pub fn locate(&self, pointer: &str) -> Location {
        let start_of_text = Location { line: 1, column: 1 };
        let Some(root) = self.nodes.first() else {
            return start_of_text;
        };
        let mut best = start_of_text.min(root.start);
        let mut current = 0usize;
        let path = pointer.strip_prefix('#').unwrap_or(pointer);
        let segments = path.split('/').skip(1).map(unescape_segment);
        for segment in segments {
            let Some(node) = self.resolve(current) else {
                break;
            };
            let next = match &self.nodes[node].kind {
                Kind::Mapping(entries) => entries
                    .iter()
                    .find(|(key, _, _)| *key == segment)
                    .map(|(_, key_start, value)| (*key_start, *value)),
                Kind::Sequence(items) => segment
                    .parse::<usize>()
                    .ok()
                    .and_then(|index| items.get(index))
                    .map(|item| (self.nodes[*item].start, *item)),
                Kind::Scalar | Kind::Alias(_) => None,
            };
            let Some((at, child)) = next else { break };
            best = at;
            current = child;
        }
        best
    }

    /// Follows aliases (at most a few hops, so a cycle cannot loop).
    fn resolve(&self, mut node: usize) -> Option<usize> {
        for _ in 0..16 {
            match self.nodes.get(node)?.kind {
                Kind::Alias(Some(target)) => node = target,
                Kind::Alias(None) => return None,
                _ => return Some(node),
            }
        }
        None
    }
}

/// Moves `location` inside `text`: a parser that reached the end of the text may name the line
/// after the last one, which no editor can open.
pub fn clamp(text: &str, location: Location) -> Location {
    let lines: Vec<&str> = text.split('\n').collect();
    let line = location.line.clamp(1, lines.len());
    let width = lines[line - 1].trim_end_matches('\r').chars().count();
    let column = if line < location.line {
        width + 1
    } else {
        location.column.clamp(1, width + 1)
    };
    Location { line, column }
}

/// True when the next event in the innermost mapping is a key.
fn key_expected(stack: &[Open]) -> bool {
    matches!(
        stack.last(),
        Some(Open::Mapping {
            pending_key: None,
            ..
        })
    )
}

/// Adds a finished node to the collection that holds it.
fn attach(stack: &mut [Open], node: usize) {
    match stack.last_mut() {
        Some(Open::Sequence { items, .. }) => items.push(node),
        Some(Open::Mapping {
            entries,
            pending_key,
            ..
        }) => {
            if let Some((key, key_start)) = pending_key.take() {
                entries.push((key, key_start, node));
            }
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      summary: x\n      tags: [One, Two]\n      parameters:\n        - name: id\n          in: path\n        - &p\n          name: q\ncomponents:\n  schemas:\n    Alias: *p\n";

    fn at(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn pointers_resolve_to_their_keys() {
        let map = SourceMap::new(TEXT);
        assert_eq!(map.locate("#"), at(1, 1));
        assert_eq!(map.locate("#/openapi"), at(1, 1));
        assert_eq!(map.locate("#/paths/~1a~1{id}/get"), at(4, 5));
        assert_eq!(map.locate("#/paths/~1a~1{id}/get/summary"), at(5, 7));
        assert_eq!(map.locate("#/paths/~1a~1{id}/get/tags/1"), at(6, 19));
        assert_eq!(map.locate("#/paths/~1a~1{id}/get/parameters/1"), at(10, 11));
        assert_eq!(
            map.locate("#/paths/~1a~1{id}/get/parameters/0/in"),
            at(9, 11)
        );
    }

    #[test]
    fn missing_keys_resolve_to_the_parent() {
        let map = SourceMap::new(TEXT);
        assert_eq!(map.locate("#/paths/~1a~1{id}/get/operationId"), at(4, 5));
        assert_eq!(map.locate("#/paths/~1a~1{id}/get/parameters/9"), at(7, 7));
        assert_eq!(map.locate("#/nothing/at/all"), at(1, 1));
    }

    #[test]
    fn aliases_are_followed() {
        let map = SourceMap::new(TEXT);
        assert_eq!(map.locate("#/components/schemas/Alias/name"), at(11, 11));
    }

    #[test]
    fn locations_past_the_end_are_clamped() {
        assert_eq!(clamp("a: b\nc: d", at(3, 1)), at(2, 5));
        assert_eq!(clamp("a: b\n", at(2, 9)), at(2, 1));
        assert_eq!(clamp("", at(1, 1)), at(1, 1));
        assert_eq!(clamp("abc", at(1, 2)), at(1, 2));
    }

    #[test]
    fn a_syntax_error_keeps_what_came_before() {
        let map = SourceMap::new("a:\n  b: 1\n  c: [\n");
        assert_eq!(map.locate("#/a/b"), at(2, 3));
        assert_eq!(SourceMap::new("").locate("#/a"), at(1, 1));
    }
}
