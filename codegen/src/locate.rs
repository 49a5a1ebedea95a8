//! Maps a JSON pointer into the spec to a line and column of the spec text, so that errors can
//! be clicked on.
//!
//! The positions come from the same tree the parser reads ([`crate::parse::tree`]), read
//! leniently: a problem ends the tree where it occurs, and what came before it can still be
//! located. Only the first document is indexed. Aliases (`*name`) are followed to their
//! anchor. A pointer that leaves the document (a missing key, an index past the end) resolves
//! to its deepest existing ancestor, so an error about a missing key lands on the line of the
//! object that should hold it.

use crate::error::{Location, unescape_segment};
use crate::parse::tree::Tree;

/// The positions of every node of the first YAML document of a text.
#[derive(Debug)]
pub struct SourceMap<'text> {
    tree: Tree<'text>,
}

impl<'text> SourceMap<'text> {
    /// Indexes `text`. Never fails: a syntax error ends the index where it occurs, and what
    /// was read before it can still be located.
    pub fn new(text: &'text str) -> SourceMap<'text> {
        SourceMap {
            tree: Tree::lenient(text),
        }
    }

    /// The line and column `pointer` (`#/a/b/0`, or `#` for the whole document, where its
    /// first value starts) names, or of its deepest ancestor present in the text; the start of
    /// the text when it holds no document.
    pub fn locate(&self, pointer: &str) -> Location {
        let start_of_text = Location { line: 1, column: 1 };
        let Some(root) = self.tree.root() else {
            return start_of_text;
        };
        let mut best = self.tree.start(root);
        let mut current = root;
        let path = pointer.strip_prefix('#').unwrap_or(pointer);
        for segment in path.split('/').skip(1).map(unescape_segment) {
            let entry = self
                .tree
                .entries(current)
                .iter()
                .find(|entry| entry.key == segment)
                .map(|entry| (entry.key_start, entry.value));
            let item = || {
                let index = segment.parse::<usize>().ok()?;
                let item = *self.tree.items(current).get(index)?;
                Some((self.tree.start(item), item))
            };
            let Some((at, child)) = entry.or_else(item) else {
                break;
            };
            best = at;
            current = child;
        }
        best
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
        let commented = SourceMap::new("# A comment first.\n\nopenapi: 3.0.3\n");
        assert_eq!(commented.locate("#"), at(3, 1));
        assert_eq!(commented.locate("#/info"), at(3, 1));
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
