//! YAML text to a positioned tree, in one pass over saphyr-parser's events.
//!
//! The tree holds what JSON can hold, each node with the line and column where it starts:
//! mapping keys are strings (`200` is `"200"`), scalars are resolved the way serde_yaml 0.9
//! resolves them (YAML 1.2 core schema: `null`, `true`, integers, finite floats, strings), tags
//! are dropped (`!!str` keeps a plain scalar a string), and an alias is a link to its anchor's
//! node. Children are stored in two shared arenas, so a mapping's entries and a sequence's items
//! are contiguous slices.
//!
//! [`Tree::parse`] is strict: the first problem ends the read with an error that carries the
//! line and column of the offending character and, where the problem is inside a value, its
//! JSON pointer. Problems refused: characters YAML does not allow (libyaml's rule), syntax
//! errors, a second document, nesting deeper than [`MAX_DEPTH`], a key that is a list or a
//! mapping, two keys equal as strings, NaN or an infinity, an alias to the node that holds it,
//! and aliases that expand the document past [`max_expanded_nodes`] (a "billion laughs").
//! [`Tree::lenient`] reads as much as it can and never fails, for locating errors found later.

use std::borrow::Cow;
use std::collections::HashSet;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span, Tag};

use crate::error::{Error, Location, join};

/// The index of a node in a [`Tree`].
pub type NodeId = u32;

/// The deepest nesting of lists and mappings the spec may have (serde_yaml's limit; no real
/// spec comes close). Readers recurse once per level, so this also bounds their stack.
pub const MAX_DEPTH: usize = 128;

/// The most nodes a document may expand to once every alias is replaced by its anchor's value.
pub fn max_expanded_nodes(text: &str) -> u64 {
    (text.len() as u64 * 2).max(1_000_000)
}

/// A number, as JSON (and openapiv3) tell them apart.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A finite float.
    Float(f64),
}

impl Number {
    /// The number as serde_json holds it.
    pub fn to_json(self) -> serde_json::Number {
        match self {
            Number::PosInt(value) => value.into(),
            Number::NegInt(value) => value.into(),
            // Floats in the tree are finite, so `from_f64` cannot fail; 0 is never reached.
            Number::Float(value) => serde_json::Number::from_f64(value).unwrap_or(0.into()),
        }
    }
}

/// What a node holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Value<'text> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'text, str>),
    /// Items `first..first + len` of [`Tree::items`].
    Sequence {
        first: u32,
        len: u32,
    },
    /// Entries `first..first + len` of [`Tree::entries`].
    Mapping {
        first: u32,
        len: u32,
    },
    /// An alias (`*name`) of an anchored node; never another alias.
    Alias(NodeId),
}

/// One node and where its value starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Node<'text> {
    pub start: Location,
    pub value: Value<'text>,
}

/// One entry of a mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry<'text> {
    /// The key as a string (see the module docs).
    pub key: Cow<'text, str>,
    /// Where the key starts.
    pub key_start: Location,
    pub value: NodeId,
}

/// The nodes of the first YAML document of a text.
#[derive(Debug, Default)]
pub struct Tree<'text> {
    nodes: Vec<Node<'text>>,
    entries: Vec<Entry<'text>>,
    items: Vec<NodeId>,
    root: Option<NodeId>,
}

impl<'text> Tree<'text> {
    /// Reads `text` strictly (see the module docs).
    pub fn parse(text: &'text str) -> Result<Tree<'text>, Error> {
        check_characters(text)?;
        let mut builder = Builder::new(text);
        builder.run()?;
        Ok(builder.finish())
    }

    /// Reads `text` up to its first problem and never fails: what was open there is closed,
    /// so everything before the problem can still be located.
    pub fn lenient(text: &'text str) -> Tree<'text> {
        let mut builder = Builder::new(text);
        // The problem itself is reported by the strict read; here only what came before counts.
        let _ = builder.run();
        builder.finish()
    }

    /// The document's root node; `None` when the text holds no document.
    pub fn root(&self) -> Option<NodeId> {
        self.root
    }

    /// The node `id`, with an alias replaced by its anchor's node.
    pub fn node(&self, id: NodeId) -> &Node<'text> {
        let node = &self.nodes[id as usize];
        match node.value {
            Value::Alias(target) => &self.nodes[target as usize],
            _ => node,
        }
    }

    /// Where the node `id` starts (for an alias, where the alias is written).
    pub fn start(&self, id: NodeId) -> Location {
        self.nodes[id as usize].start
    }

    /// The entries of a mapping (empty for any other node).
    pub fn entries(&self, id: NodeId) -> &[Entry<'text>] {
        match self.node(id).value {
            Value::Mapping { first, len } => {
                &self.entries[first as usize..first as usize + len as usize]
            }
            _ => &[],
        }
    }

    /// The items of a sequence (empty for any other node).
    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match self.node(id).value {
            Value::Sequence { first, len } => {
                &self.items[first as usize..first as usize + len as usize]
            }
            _ => &[],
        }
    }

    /// The value under `key` in a mapping.
    pub fn get(&self, id: NodeId, key: &str) -> Option<&Entry<'text>> {
        self.entries(id).iter().find(|entry| entry.key == key)
    }

    /// The node as a `serde_json::Value` (aliases expanded; their total size is bounded by
    /// [`max_expanded_nodes`] in a strict tree).
    pub fn to_json(&self, id: NodeId) -> serde_json::Value {
        use serde_json::Value as Json;
        match &self.node(id).value {
            Value::Null | Value::Alias(_) => Json::Null,
            Value::Bool(flag) => Json::Bool(*flag),
            Value::Number(number) => Json::Number(number.to_json()),
            Value::String(text) => Json::String(text.to_string()),
            Value::Sequence { .. } => Json::Array(
                self.items(id)
                    .iter()
                    .map(|item| self.to_json(*item))
                    .collect(),
            ),
            Value::Mapping { .. } => Json::Object(
                self.entries(id)
                    .iter()
                    .map(|entry| (entry.key.to_string(), self.to_json(entry.value)))
                    .collect(),
            ),
        }
    }
}

/// A collection being filled while the events are read.
struct Open<'text> {
    node: NodeId,
    /// Where this collection's children start in the builder's scratch stack of its kind.
    scratch_start: usize,
    /// The key waiting for its value (mappings only).
    pending_key: Option<(Cow<'text, str>, Location)>,
    /// Hashes of the keys so far, once a mapping is large (below that, duplicate keys are
    /// looked for by a scan).
    key_hashes: Option<HashSet<u64>>,
    /// The expanded size of the collection so far (itself and its children).
    weight: u64,
    /// The anchor to give the node once it is complete (0 for none).
    anchor: usize,
    is_mapping: bool,
}

/// From how many entries a mapping looks for duplicate keys through hashes.
const HASHED_FROM: usize = 16;

struct Builder<'text> {
    text: &'text str,
    tree: Tree<'text>,
    stack: Vec<Open<'text>>,
    /// The entries of open mappings, innermost last.
    entry_scratch: Vec<Entry<'text>>,
    /// The items of open sequences, innermost last.
    item_scratch: Vec<NodeId>,
    /// The expanded size of each node (1 for a scalar), by node.
    weights: Vec<u64>,
    /// The node of each anchor, by saphyr's anchor id; `None` while the anchored node is open.
    anchors: Vec<Option<NodeId>>,
    /// The size of the document so far with every alias expanded.
    expanded: u64,
    max_expanded: u64,
    documents: usize,
}

/// Converts a saphyr span start to a 1-based line and column.
fn location_of(span: &Span) -> Location {
    Location {
        line: span.start.line().max(1),
        column: span.start.col() + 1,
    }
}

impl<'text> Builder<'text> {
    fn new(text: &'text str) -> Self {
        Builder {
            text,
            tree: Tree::default(),
            stack: Vec::new(),
            entry_scratch: Vec::new(),
            item_scratch: Vec::new(),
            weights: Vec::new(),
            anchors: Vec::new(),
            expanded: 0,
            max_expanded: max_expanded_nodes(text),
            documents: 0,
        }
    }

    /// Reads events until the end of the first document or the first problem.
    fn run(&mut self) -> Result<(), Error> {
        let mut parser = Parser::new_from_str(self.text);
        while let Some(item) = parser.next_event() {
            let (event, span) = item.map_err(|error| syntax_error(self.text, error))?;
            let start = location_of(&span);
            match event {
                Event::StreamStart | Event::Nothing | Event::DocumentEnd => {}
                Event::StreamEnd => break,
                Event::DocumentStart(_) => {
                    self.documents += 1;
                    if self.documents > 1 {
                        return Err(Error::new(
                            "#",
                            "a second YAML document starts here (after a `---` or `...` line); the spec must be one document: remove the line, or everything from it on",
                        )
                        .at(start));
                    }
                }
                Event::Scalar(text, style, anchor, tag) => {
                    if self.key_expected() {
                        let key = match scalar_value(text, style, tag.as_deref()) {
                            Ok(value) => {
                                if anchor > 0 {
                                    // An anchored key: keep a node an alias can refer to.
                                    let node = self.push_node(start, value.clone(), 1);
                                    self.set_anchor(anchor, Some(node));
                                }
                                key_text(value)
                            }
                            // `.nan` as a key is just a name.
                            Err(ScalarProblem::NotFinite(text)) => Cow::Owned(text),
                        };
                        self.set_key(key, start)?;
                        continue;
                    }
                    let value = scalar_value(text, style, tag.as_deref())
                        .map_err(|problem| self.scalar_error(problem, start))?;
                    let node = self.push_node(start, value, 1);
                    if anchor > 0 {
                        self.set_anchor(anchor, Some(node));
                    }
                    self.attach(node, 1);
                }
                Event::Alias(anchor) => {
                    let Some(target) = self.anchors.get(anchor).copied().flatten() else {
                        return Err(Error::new(
                            self.pointer(),
                            "this alias refers to a list or mapping that contains it; the spec cannot be recursive",
                        )
                        .at(start));
                    };
                    if self.key_expected() {
                        let value = self.tree.nodes[target as usize].value.clone();
                        if matches!(value, Value::Sequence { .. } | Value::Mapping { .. }) {
                            return Err(self.complex_key(start));
                        }
                        self.set_key(key_text(value), start)?;
                        continue;
                    }
                    let weight = self.weights[target as usize];
                    self.expanded = self.expanded.saturating_add(weight);
                    if self.expanded > self.max_expanded {
                        return Err(Error::new(
                            self.pointer(),
                            format!(
                                "the aliases up to here expand the spec to more than {} values; write the values out instead of repeating aliases of aliases",
                                self.max_expanded
                            ),
                        )
                        .at(start));
                    }
                    let node = self.push_node(start, Value::Alias(target), weight);
                    self.attach(node, weight);
                }
                Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                    let is_mapping = matches!(event, Event::MappingStart(..));
                    if self.key_expected() {
                        return Err(self.complex_key(start));
                    }
                    if self.stack.len() >= MAX_DEPTH {
                        return Err(Error::new(
                            self.pointer(),
                            format!(
                                "the spec nests lists and mappings more than {MAX_DEPTH} deep here; it cannot be read (close the brackets or reduce the nesting)"
                            ),
                        )
                        .at(start));
                    }
                    let node = self.push_node(start, Value::Null, 1);
                    if anchor > 0 {
                        // Open: an alias to it from inside would be recursive.
                        self.set_anchor(anchor, None);
                    }
                    let scratch_start = if is_mapping {
                        self.entry_scratch.len()
                    } else {
                        self.item_scratch.len()
                    };
                    self.stack.push(Open {
                        node,
                        scratch_start,
                        pending_key: None,
                        key_hashes: None,
                        weight: 1,
                        anchor,
                        is_mapping,
                    });
                }
                Event::SequenceEnd | Event::MappingEnd => self.close(),
            }
        }
        Ok(())
    }

    /// The tree, with whatever is still open (after an error) closed.
    fn finish(mut self) -> Tree<'text> {
        while !self.stack.is_empty() {
            self.close();
        }
        self.tree
    }

    fn push_node(&mut self, start: Location, value: Value<'text>, weight: u64) -> NodeId {
        self.tree.nodes.push(Node { start, value });
        self.weights.push(weight);
        self.expanded = self.expanded.saturating_add(1);
        // The number of nodes is bounded by the text's length, far below `u32::MAX` for any
        // text the generator can hold; saturating keeps an impossible overflow harmless.
        u32::try_from(self.tree.nodes.len() - 1).unwrap_or(u32::MAX)
    }

    fn set_anchor(&mut self, anchor: usize, node: Option<NodeId>) {
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = node;
    }

    /// True when the next event of the innermost mapping is a key.
    fn key_expected(&self) -> bool {
        matches!(
            self.stack.last(),
            Some(Open {
                is_mapping: true,
                pending_key: None,
                ..
            })
        )
    }

    /// Records the key of the innermost mapping's next entry; a key equal to an earlier one
    /// is an error at the second.
    fn set_key(&mut self, key: Cow<'text, str>, start: Location) -> Result<(), Error> {
        let Some(open) = self.stack.last_mut() else {
            return Ok(());
        };
        let entries = &self.entry_scratch[open.scratch_start..];
        let duplicate = if entries.len() >= HASHED_FROM {
            let hashes = open
                .key_hashes
                .get_or_insert_with(|| entries.iter().map(|entry| hash(&entry.key)).collect());
            !hashes.insert(hash(&key)) && entries.iter().any(|entry| entry.key == key)
        } else {
            entries.iter().any(|entry| entry.key == key)
        };
        if duplicate {
            let pointer = join(&self.pointer(), &key);
            return Err(Error::new(
                pointer,
                format!(
                    "the key `{key}` appears twice in this mapping (maybe once as a number or boolean); remove one"
                ),
            )
            .at(start));
        }
        if let Some(open) = self.stack.last_mut() {
            open.pending_key = Some((key, start));
        }
        Ok(())
    }

    fn complex_key(&self, start: Location) -> Error {
        Error::new(
            self.pointer(),
            "this mapping has a key that is a list or a mapping (a stray `?`, `[` or `{`?); keys must be plain strings",
        )
        .at(start)
    }

    fn scalar_error(&self, problem: ScalarProblem, start: Location) -> Error {
        let ScalarProblem::NotFinite(text) = problem;
        Error::new(
            self.pointer(),
            format!(
                "the number `{text}` cannot be used in an OpenAPI document (JSON has no NaN or infinity); write a finite number, or quote it to make a string"
            ),
        )
        .at(start)
    }

    /// Adds a complete node to the innermost open collection, or makes it the root.
    fn attach(&mut self, node: NodeId, weight: u64) {
        let Some(open) = self.stack.last_mut() else {
            if self.tree.root.is_none() {
                self.tree.root = Some(node);
            }
            return;
        };
        open.weight = open.weight.saturating_add(weight);
        if open.is_mapping {
            if let Some((key, key_start)) = open.pending_key.take() {
                self.entry_scratch.push(Entry {
                    key,
                    key_start,
                    value: node,
                });
            }
        } else {
            self.item_scratch.push(node);
        }
    }

    /// Closes the innermost open collection: moves its children into the tree's arenas.
    fn close(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        let value = if open.is_mapping {
            let first = self.tree.entries.len();
            self.tree
                .entries
                .extend(self.entry_scratch.drain(open.scratch_start..));
            Value::Mapping {
                first: arena_index(first),
                len: arena_index(self.tree.entries.len() - first),
            }
        } else {
            let first = self.tree.items.len();
            self.tree
                .items
                .extend(self.item_scratch.drain(open.scratch_start..));
            Value::Sequence {
                first: arena_index(first),
                len: arena_index(self.tree.items.len() - first),
            }
        };
        self.tree.nodes[open.node as usize].value = value;
        self.weights[open.node as usize] = open.weight;
        if open.anchor > 0 {
            self.set_anchor(open.anchor, Some(open.node));
        }
        self.attach(open.node, open.weight);
    }

    /// The JSON pointer of the value the parser is at.
    fn pointer(&self) -> String {
        let mut pointer = String::from("#");
        for (depth, open) in self.stack.iter().enumerate() {
            if open.is_mapping {
                match &open.pending_key {
                    Some((key, _)) => pointer = join(&pointer, key),
                    None => break,
                }
            } else {
                // This sequence's items end where the next open sequence's begin.
                let end = self.stack[depth + 1..]
                    .iter()
                    .find(|inner| !inner.is_mapping)
                    .map_or(self.item_scratch.len(), |inner| inner.scratch_start);
                pointer = join(&pointer, &(end - open.scratch_start).to_string());
            }
        }
        pointer
    }
}

/// A position in an arena as stored in a node; arenas are bounded like nodes (see
/// [`Builder::push_node`]).
fn arena_index(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn hash(key: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault, DefaultHasher};
    BuildHasherDefault::<DefaultHasher>::default().hash_one(key)
}

/// A YAML syntax error, at the line and column saphyr-parser names, moved to the offending
/// character where saphyr-parser names the start of the scalar that holds it.
fn syntax_error(text: &str, error: ScanError) -> Error {
    let marker = error.marker();
    let mut location = Location {
        line: marker.line().max(1),
        column: marker.col() + 1,
    };
    let info = error.info();
    if info == "recursion limit exceeded" {
        return Error::new(
            "#",
            format!(
                "the spec nests lists and mappings more than {MAX_DEPTH} deep here; it cannot be read (close the brackets or reduce the nesting)"
            ),
        )
        .at(location);
    }
    // saphyr-parser's marker counts characters; the refinements below search the text from it.
    let offset = text
        .char_indices()
        .nth(marker.index())
        .map_or(text.len(), |(offset, _)| offset);
    let rest = &text[offset..];
    // The offending character's offset in `text`, where it can be found.
    let found = if info.ends_with("found unknown escape character") {
        first_bad_escape(rest).map(|escape| offset + escape)
    } else if info.starts_with("tabs disallowed") {
        // saphyr-parser names the character after the tab that indents the line.
        let line_start = text[..offset].rfind('\n').map_or(0, |newline| newline + 1);
        text[line_start..offset]
            .find('\t')
            .map(|tab| line_start + tab)
    } else if info.ends_with("found a tab") {
        rest.find('\t').map(|tab| offset + tab)
    } else if info.ends_with("found unexpected document indicator") {
        rest.find("\n---")
            .into_iter()
            .chain(rest.find("\n..."))
            .min()
            .map(|newline| offset + newline + 1)
    } else {
        None
    };
    if let Some(found) = found {
        location = location_at(text, found);
    }
    Error::new(
        "#",
        format!("the spec is not valid YAML ({info}); fix the syntax at that location"),
    )
    .at(location)
}

/// The offset in `quoted` (a double-quoted scalar and what follows) of the first backslash
/// that starts an escape YAML does not have.
fn first_bad_escape(quoted: &str) -> Option<usize> {
    let mut characters = quoted.char_indices().skip(1);
    while let Some((offset, character)) = characters.next() {
        match character {
            '"' => return None,
            '\\' => {
                let escaped = characters.next().map(|(_, escaped)| escaped);
                let known =
                    escaped.is_some_and(|escaped| "0abt\tnvfre \"/\\N_LPxuU\n\r".contains(escaped));
                if !known {
                    return Some(offset);
                }
            }
            _ => {}
        }
    }
    None
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn location_at(text: &str, offset: usize) -> Location {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Why a scalar cannot be held.
enum ScalarProblem {
    NotFinite(String),
}

/// Resolves a scalar the way serde_yaml 0.9 does: a plain scalar (not tagged `!!str`) may be
/// null, a boolean or a number; any other is a string.
fn scalar_value<'text>(
    text: Cow<'text, str>,
    style: ScalarStyle,
    tag: Option<&Tag>,
) -> Result<Value<'text>, ScalarProblem> {
    let forced_string = tag.is_some_and(|tag| tag.is_yaml_core_schema() && tag.suffix == "str");
    if style != ScalarStyle::Plain || forced_string {
        return Ok(Value::String(text));
    }
    // Fast path: a plain scalar that starts with a letter other than those of `null`, `true`,
    // `false` (and of `inf`/`nan`, which are strings unless written `.inf`/`.nan`) is a string.
    match text.as_bytes().first() {
        None => return Ok(Value::Null),
        Some(byte) if byte.is_ascii_alphabetic() && !b"nNtTfF".contains(byte) => {
            return Ok(Value::String(text));
        }
        _ => {}
    }
    let scalar = text.as_ref();
    if matches!(scalar, "~" | "null" | "Null" | "NULL") {
        return Ok(Value::Null);
    }
    match scalar {
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        _ => {}
    }
    if let Some(number) = parse_integer(scalar) {
        return Ok(Value::Number(number));
    }
    if !digits_but_not_number(scalar) {
        match parse_float(scalar) {
            Some(float) if float.is_finite() => return Ok(Value::Number(Number::Float(float))),
            Some(_) => return Err(ScalarProblem::NotFinite(scalar.to_owned())),
            None => {}
        }
    }
    Ok(Value::String(text))
}

/// A key's text: strings as written; null, booleans and integers as serde_yaml prints them
/// (`~` as `null`, `0x10` as `16`); other numbers as written.
fn key_text(value: Value<'_>) -> Cow<'_, str> {
    match value {
        Value::String(text) => text,
        Value::Null => Cow::Borrowed("null"),
        Value::Bool(true) => Cow::Borrowed("true"),
        Value::Bool(false) => Cow::Borrowed("false"),
        Value::Number(number) => Cow::Owned(number_key(number)),
        // Collections and aliases never reach here (see the callers).
        Value::Sequence { .. } | Value::Mapping { .. } | Value::Alias(_) => Cow::Borrowed(""),
    }
}

fn number_key(number: Number) -> String {
    match number {
        Number::PosInt(value) => value.to_string(),
        Number::NegInt(value) => value.to_string(),
        Number::Float(value) => format!("{value:?}"),
    }
}

/// An integer in YAML 1.2 core form (decimal, `0x`, `0o`, `0b`, an optional sign), as serde_yaml
/// reads it; one too large for 64 bits is read as a float.
fn parse_integer(scalar: &str) -> Option<Number> {
    let (negative, unsigned) = match scalar.as_bytes().first()? {
        b'-' => (true, &scalar[1..]),
        b'+' => (false, &scalar[1..]),
        _ => (false, scalar),
    };
    if unsigned.starts_with(['+', '-']) || unsigned.is_empty() {
        return None;
    }
    let (radix, digits) = if let Some(rest) = unsigned.strip_prefix("0x") {
        (16, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0o") {
        (8, rest)
    } else if let Some(rest) = unsigned.strip_prefix("0b") {
        (2, rest)
    } else {
        if digits_but_not_number(scalar) {
            return None;
        }
        (10, unsigned)
    };
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let magnitude = match u128::from_str_radix(digits, radix) {
        Ok(magnitude) => magnitude,
        // Only digits, but more than 128 bits: a float, as serde_yaml would read it.
        Err(_) if radix == 10 && digits.bytes().all(|byte| byte.is_ascii_digit()) => {
            return scalar.parse::<f64>().ok().map(Number::Float);
        }
        Err(_) => return None,
    };
    if negative {
        if magnitude == 0 {
            return Some(Number::PosInt(0));
        }
        match i64::try_from(magnitude) {
            Ok(value) => Some(Number::NegInt(-value)),
            Err(_) if magnitude == 1 << 63 => Some(Number::NegInt(i64::MIN)),
            Err(_) => Some(Number::Float(-(magnitude as f64))),
        }
    } else {
        match u64::try_from(magnitude) {
            Ok(value) => Some(Number::PosInt(value)),
            Err(_) => Some(Number::Float(magnitude as f64)),
        }
    }
}

/// A float as serde_yaml reads it: `.inf`, `.nan` (and their capitalised forms) or what Rust
/// parses; `None` when the scalar is not a number.
fn parse_float(scalar: &str) -> Option<f64> {
    let unsigned = match scalar.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => scalar,
    };
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") {
        return Some(f64::INFINITY);
    }
    if matches!(scalar, "-.inf" | "-.Inf" | "-.INF") {
        return Some(f64::NEG_INFINITY);
    }
    if matches!(scalar, ".nan" | ".NaN" | ".NAN") {
        return Some(f64::NAN);
    }
    // Rust also reads `inf`, `infinity` and `nan`, which YAML keeps as strings.
    match unsigned.parse::<f64>() {
        Ok(float) if float.is_finite() => Some(float),
        _ => None,
    }
}

/// Leading zeros followed by digits (`007`) are a string in YAML 1.2.
fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

/// Refuses characters YAML does not allow in a stream (libyaml's rule: C0 controls other than
/// tab, line feed and carriage return; DEL; C1 controls other than NEL; U+FFFE and U+FFFF), at
/// their line and column.
fn check_characters(text: &str) -> Result<(), Error> {
    let bytes = text.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        let byte = bytes[index];
        let bad = match byte {
            b'\t' | b'\n' | b'\r' => false,
            0x00..=0x1F | 0x7F => true,
            // U+0080 to U+009F, except U+0085 (NEL).
            0xC2 => bytes
                .get(index + 1)
                .is_some_and(|next| (0x80..=0x9F).contains(next) && *next != 0x85),
            // U+FFFE and U+FFFF.
            0xEF => {
                bytes.get(index + 1) == Some(&0xBF)
                    && bytes.get(index + 2).is_some_and(|next| *next >= 0xBE)
            }
            _ => false,
        };
        if bad {
            let character = text[index..].chars().next().unwrap_or('\0');
            return Err(Error::new(
                "#",
                format!(
                    "the spec contains the control character U+{:04X} here, which YAML does not allow; remove it (inside double quotes it can be written as an escape such as `\\u{:04X}`)",
                    u32::from(character),
                    u32::from(character),
                ),
            )
            .at(location_at(text, index)));
        }
        index += 1;
    }
    Ok(())
}
