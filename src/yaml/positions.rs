//! Where each key and value of a YAML document is written.
//!
//! serde_yaml gives values without positions, so a diagnostic about the second
//! source's `url` used to search the text for the value, and pointed at the
//! wrong line whenever the text was escaped, quoted or also a key's name. This
//! index reads the same text with saphyr-parser, whose events carry spans, and
//! maps each path (`sources`, 1, `url`) to its key and its value. It is built
//! only for files that have a problem to show, so a clean build never pays.

use saphyr_parser::{Event, Parser, Span};
use std::collections::HashMap;

/// One step of a path into a document: a map's key or a list's index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Step {
    Key(String),
    Index(usize),
}

impl From<&str> for Step {
    fn from(key: &str) -> Self {
        Step::Key(key.to_string())
    }
}

impl From<String> for Step {
    fn from(key: String) -> Self {
        Step::Key(key)
    }
}

impl From<usize> for Step {
    fn from(index: usize) -> Self {
        Step::Index(index)
    }
}

/// A path into a document: `steps!["sources", 1, "url"]`.
macro_rules! steps {
    ($($step:expr),* $(,)?) => {
        [$($crate::yaml::Step::from($step)),*]
    };
}
pub(crate) use steps;

/// A place in the YAML text: 1-based line, 0-based column in characters, and
/// the width in characters on that line (at least 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Place {
    pub line: usize,
    pub column: usize,
    pub width: usize,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    key: Option<Place>,
    value: Place,
}

/// Key and value places by path. Empty when the text is not YAML that
/// saphyr-parser reads (serde_yaml reports the syntax error in that case).
#[derive(Debug, Clone, Default)]
pub(crate) struct Positions {
    nodes: HashMap<Vec<Step>, Node>,
}

enum Frame {
    List {
        path: Vec<Step>,
        next: usize,
    },
    /// A map, and the key whose value comes next (with where it is).
    Map {
        path: Vec<Step>,
        key: Option<(String, Place)>,
    },
    /// A map used as a key: its contents have no path of their own.
    Ignored,
}

impl Positions {
    pub(crate) fn of(text: &str) -> Positions {
        let lines: Vec<&str> = text.lines().collect();
        let place = |span: Span| {
            let (start, end) = (span.start, span.end);
            let line_chars = lines
                .get(start.line().saturating_sub(1))
                .map_or(0, |l| l.chars().count());
            // A block list or map starts with an empty span: mark the rest
            // of its first line, as for a value that goes on to later lines.
            let width = if end.line() == start.line() && end.col() > start.col() {
                end.col() - start.col()
            } else {
                line_chars.saturating_sub(start.col())
            };
            Place {
                line: start.line(),
                column: start.col(),
                width: width.max(1),
            }
        };
        let mut nodes = HashMap::new();
        let mut stack: Vec<Frame> = Vec::new();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else {
                return Positions::default();
            };
            let opens = matches!(event, Event::SequenceStart(..) | Event::MappingStart(..));
            match event {
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::SequenceStart(..)
                | Event::MappingStart(..) => {}
                Event::SequenceEnd | Event::MappingEnd => {
                    stack.pop();
                    continue;
                }
                _ => continue,
            }
            let here = place(span);
            // Where this node sits: its path and its key's place, or `None`
            // when it is itself a key (or inside one).
            let at: Option<(Vec<Step>, Option<Place>)> = match stack.last_mut() {
                None => Some((Vec::new(), None)),
                Some(Frame::Ignored) => None,
                Some(Frame::List { path, next }) => {
                    let mut p = path.clone();
                    p.push(Step::Index(*next));
                    *next += 1;
                    Some((p, None))
                }
                Some(Frame::Map { path, key }) => match key.take() {
                    Some((name, key_place)) => {
                        let mut p = path.clone();
                        p.push(Step::Key(name));
                        Some((p, Some(key_place)))
                    }
                    // This node is a key. One that is not text (a map, an
                    // alias) names nothing a diagnostic asks for.
                    None => {
                        let name = match &event {
                            Event::Scalar(text, ..) => text.to_string(),
                            _ => String::new(),
                        };
                        *key = Some((name, here));
                        None
                    }
                },
            };
            let Some((path, key)) = at else {
                if opens {
                    stack.push(Frame::Ignored);
                }
                continue;
            };
            if opens {
                stack.push(match event {
                    Event::SequenceStart(..) => Frame::List {
                        path: path.clone(),
                        next: 0,
                    },
                    _ => Frame::Map {
                        path: path.clone(),
                        key: None,
                    },
                });
            }
            nodes.insert(path, Node { key, value: here });
        }
        Positions { nodes }
    }

    /// Where the value at `path` is written.
    pub(crate) fn value(&self, path: &[Step]) -> Option<Place> {
        self.nodes.get(path).map(|n| n.value)
    }

    /// Whether a value is written at exactly `path`.
    pub(crate) fn has(&self, path: &[Step]) -> bool {
        self.nodes.contains_key(path)
    }

    /// Where the key of the value at `path` is written (for a list item, the
    /// item itself).
    pub(crate) fn key(&self, path: &[Step]) -> Option<Place> {
        self.nodes.get(path).map(|n| n.key.unwrap_or(n.value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(p: Option<Place>) -> Option<(usize, usize, usize)> {
        p.map(|p| (p.line, p.column, p.width))
    }

    #[test]
    fn block_and_flow_values_have_their_own_places() {
        let text = "title: T\nsources:\n  - publisher: A\n    url: \"https://e.org/a\\\"b\"\n  - {publisher: B, url: ftp://x}\nrelated: [rel, x]\n";
        let p = Positions::of(text);
        assert_eq!(at(p.value(&steps!["title"])), Some((1, 7, 1)));
        assert_eq!(at(p.key(&steps!["sources", 0, "url"])), Some((4, 4, 3)));
        assert_eq!(at(p.value(&steps!["sources", 0, "url"])), Some((4, 9, 20)));
        assert_eq!(at(p.value(&steps!["sources", 1, "url"])), Some((5, 24, 7)));
        assert_eq!(at(p.value(&steps!["related", 0])), Some((6, 10, 3)));
        assert_eq!(at(p.value(&steps!["related", 1])), Some((6, 15, 1)));
        assert_eq!(p.value(&steps!["sources", 2]), None);
    }

    #[test]
    fn keys_that_are_maps_do_not_shift_the_rest() {
        let text = "? {a: 1}\n: x\nb: [1, 2]\n";
        let p = Positions::of(text);
        assert_eq!(at(p.value(&steps!["b", 1])), Some((3, 7, 1)));
    }

    #[test]
    fn text_that_is_not_yaml_has_no_places() {
        assert!(Positions::of("a: [1\n").nodes.is_empty());
    }
}
