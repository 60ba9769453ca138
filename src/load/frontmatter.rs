//! Splits a Markdown file into front matter and body, and indexes the front
//! matter's top-level keys by line.
//!
//! serde_yaml only positions syntax errors; a value that parses but is wrong (a bad
//! date, an unknown status) is located through this index instead, and a value
//! nested in lists and maps through [`Positions`], built when first asked for.

use crate::diagnostic::Span;
use crate::yaml::{Place, Positions, Step};
use std::sync::OnceLock;

#[derive(Debug, Clone)]
pub(crate) struct FrontMatter {
    /// The YAML text, CRLF normalised to LF.
    pub yaml: String,
    /// The Markdown after the closing `---`, CRLF normalised to LF.
    pub body: String,
    /// 1-based file line of the first YAML line.
    pub yaml_first_line: usize,
    /// Lines of the YAML part, for diagnostics.
    lines: Vec<String>,
    keys: Vec<KeyLine>,
    /// Where nested values are: only a file with a problem to show needs it.
    positions: OnceLock<Positions>,
}

#[derive(Debug, Clone)]
struct KeyLine {
    key: String,
    /// 0-based index into `lines`.
    index: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SplitError {
    /// The first line is not `---`.
    Missing,
    /// No closing `---` line.
    Unclosed,
}

/// Splits `text`. Accepts a UTF-8 byte-order mark and CRLF line endings.
pub(crate) fn split(text: &str) -> Result<FrontMatter, SplitError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    match lines.next() {
        Some(first) if is_fence(first) => {}
        _ => return Err(SplitError::Missing),
    }
    let mut yaml_lines = Vec::new();
    let mut closed = false;
    for line in lines.by_ref() {
        if is_fence(line) {
            closed = true;
            break;
        }
        yaml_lines.push(strip_eol(line).to_string());
    }
    if !closed {
        return Err(SplitError::Unclosed);
    }
    let rest = lines
        .next()
        .map_or(text.len(), |first| offset_in(text, first));
    let body = lf(&text[rest..]).into_owned();
    let keys = index_keys(&yaml_lines);
    let mut yaml = yaml_lines.join("\n");
    yaml.push('\n');
    Ok(FrontMatter {
        yaml,
        body,
        yaml_first_line: 2,
        lines: yaml_lines,
        keys,
        positions: OnceLock::new(),
    })
}

/// Where `part`, a slice of `text`, begins in it.
fn offset_in(text: &str, part: &str) -> usize {
    part.as_ptr() as usize - text.as_ptr() as usize
}

fn lf(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Indexes a file that is YAML through and through (`annals.yaml`, `theme.yaml`).
pub(crate) fn whole_yaml(text: &str) -> FrontMatter {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<String> = text.lines().map(|l| strip_eol(l).to_string()).collect();
    let keys = index_keys(&lines);
    FrontMatter {
        yaml: text.replace("\r\n", "\n"),
        body: String::new(),
        yaml_first_line: 1,
        lines,
        keys,
        positions: OnceLock::new(),
    }
}

fn strip_eol(line: &str) -> &str {
    line.trim_end_matches('\n').trim_end_matches('\r')
}

/// `---`, forgiving trailing blanks an editor may leave.
fn is_fence(line: &str) -> bool {
    strip_eol(line).trim_end() == "---"
}

fn index_keys(lines: &[String]) -> Vec<KeyLine> {
    let mut keys = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let starts_key = line
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-');
        if !starts_key {
            continue;
        }
        if let Some(colon) = key_colon(line) {
            let key = line[..colon].trim().trim_matches(['"', '\'']).to_string();
            keys.push(KeyLine { key, index });
        }
    }
    keys
}

/// Byte index of the `:` that ends a top-level key, if the line has one.
fn key_colon(line: &str) -> Option<usize> {
    let bytes = line.as_bytes();
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate() {
        match (quote, b) {
            (None, b'"') | (None, b'\'') if i == 0 => quote = Some(b),
            (Some(q), c) if c == q => quote = None,
            (None, b':') if bytes.get(i + 1).is_none_or(|n| *n == b' ' || *n == b'\t') => {
                return Some(i)
            }
            _ => {}
        }
    }
    None
}

impl FrontMatter {
    /// The span of a top-level key's value (or of the key when the value is on
    /// following lines).
    pub(crate) fn key_span(&self, key: &str) -> Option<Span> {
        let k = self.keys.iter().find(|k| k.key == key)?;
        let line = &self.lines[k.index];
        let colon = key_colon(line).unwrap_or(0);
        let rest = &line[colon + 1..];
        let value = rest.trim();
        let value = strip_comment(value);
        if value.is_empty() {
            Some(self.span_at(k.index, 0, line[..colon].chars().count()))
        } else {
            let start = colon + 1 + (rest.len() - rest.trim_start().len());
            Some(self.span_at(k.index, start, value.chars().count()))
        }
    }

    /// The value at `steps` (`sources`, 1, `url`), or, if it is not
    /// written out (a key with no value), the nearest enclosing one; the
    /// top-level key's value as [`key_span`](Self::key_span) gives it last.
    pub(crate) fn value_span(&self, steps: &[Step]) -> Option<Span> {
        let positions = self.positions();
        (1..=steps.len())
            .rev()
            .find_map(|n| positions.value(&steps[..n]))
            .and_then(|p| self.place_span(p))
            .or_else(|| match steps.first() {
                Some(Step::Key(k)) => self.key_span(k),
                _ => None,
            })
    }

    /// The key at the end of `steps` (`sources`, 1, `dtae`), for unknown keys;
    /// for a list item, the item. Falls back as [`value_span`](Self::value_span).
    pub(crate) fn key_span_at(&self, steps: &[Step]) -> Option<Span> {
        match self.positions().key(steps) {
            Some(p) => self.place_span(p),
            None => self.value_span(steps),
        }
    }

    /// Whether a value is written at exactly `steps`.
    pub(crate) fn has(&self, steps: &[Step]) -> bool {
        self.positions().has(steps)
    }

    fn positions(&self) -> &Positions {
        self.positions.get_or_init(|| Positions::of(&self.yaml))
    }

    fn place_span(&self, place: Place) -> Option<Span> {
        let index = place.line.checked_sub(1)?;
        let text = self.lines.get(index)?;
        let byte = text
            .char_indices()
            .nth(place.column)
            .map_or(text.len(), |(b, _)| b);
        Some(self.span_at(index, byte, place.width))
    }

    /// The span of a key's name (for unknown keys).
    pub(crate) fn key_name_span(&self, key: &str) -> Option<Span> {
        let k = self.keys.iter().find(|k| k.key == key)?;
        let line = &self.lines[k.index];
        let colon = key_colon(line).unwrap_or(line.len());
        Some(self.span_at(k.index, 0, line[..colon].chars().count()))
    }

    /// A span for a position reported by the YAML parser (1-based, YAML-relative).
    pub(crate) fn yaml_span(&self, line: usize, column: usize) -> Option<Span> {
        // The parser may point one past the end (an unclosed `[`): show the last line.
        let index = line.checked_sub(1)?.min(self.lines.len().checked_sub(1)?);
        let text = &self.lines[index];
        let byte = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map(|(b, _)| b)
            .unwrap_or(text.len());
        Some(self.span_at(index, byte, 1))
    }

    /// The whole front matter's first line, for problems without a better place.
    pub(crate) fn first_span(&self) -> Span {
        if self.yaml_first_line == 1 && !self.lines.is_empty() {
            return self.span_at(0, 0, self.lines[0].chars().count());
        }
        Span {
            line: 1,
            column: 1,
            width: 3,
            source_line: "---".into(),
        }
    }

    fn span_at(&self, index: usize, byte: usize, width: usize) -> Span {
        let text = &self.lines[index];
        let byte = byte.min(text.len());
        let column = text[..byte].chars().count() + 1;
        Span {
            line: self.yaml_first_line + index,
            column,
            width: width.max(1),
            source_line: text.clone(),
        }
    }
}

fn strip_comment(value: &str) -> &str {
    if value.starts_with('#') {
        return "";
    }
    match value.find(" #") {
        Some(i) if !value.starts_with(['"', '\'']) => value[..i].trim_end(),
        _ => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_with_bom_and_crlf() {
        let fm = split("\u{feff}---\r\ntitle: A\r\ndate: 2023\r\n---\r\nBody\r\n").unwrap();
        assert_eq!(fm.yaml, "title: A\ndate: 2023\n");
        assert_eq!(fm.body, "Body\n");
        let span = fm.key_span("date").unwrap();
        assert_eq!((span.line, span.column, span.width), (3, 7, 4));
    }

    #[test]
    fn nested_values_in_flow_and_block_maps() {
        let fm = split("---\nlocation: {lat: 95, lon: 10 }\nplace:\n  lat:  -91.5 # far\n---\n")
            .unwrap();
        let span = |k, f| {
            let s = fm.value_span(&crate::yaml::steps![k, f]).unwrap();
            (s.line, s.column, s.width)
        };
        assert_eq!(span("location", "lat"), (2, 17, 2));
        assert_eq!(span("location", "lon"), (2, 26, 2));
        assert_eq!(span("place", "lat"), (4, 9, 5));
    }

    #[test]
    fn missing_and_unclosed() {
        assert_eq!(split("title: A\n").unwrap_err(), SplitError::Missing);
        assert_eq!(split("---\ntitle: A\n").unwrap_err(), SplitError::Unclosed);
        // `----` or `--- x` is not a fence.
        assert_eq!(
            split("---\na: 1\n----\n").unwrap_err(),
            SplitError::Unclosed
        );
    }

    #[test]
    fn finds_nested_values() {
        let fm = split("---\ntitle: A\nsources:\n  - url: ftp://x\n---\n").unwrap();
        let span = fm
            .value_span(&crate::yaml::steps!["sources", 0, "url"])
            .unwrap();
        assert_eq!((span.line, span.column), (4, 10));
        // Not written: the nearest enclosing value that is.
        let span = fm
            .value_span(&crate::yaml::steps!["sources", 0, "date"])
            .unwrap();
        assert_eq!((span.line, span.column), (4, 5));
        let key = fm.key_span("sources").unwrap();
        assert_eq!((key.line, key.column), (3, 1));
    }

    #[test]
    fn urls_in_values_are_not_keys() {
        let fm = split("---\ntitle: \"a: b\"\nhttp://x: 1\n---\n").unwrap();
        assert!(fm.key_span("title").is_some());
        assert!(fm.key_span("http").is_none());
    }
}
