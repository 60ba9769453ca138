//! Splits a Markdown file into front matter and body, and indexes the front
//! matter's top-level keys by line.
//!
//! serde_yaml only positions syntax errors; a value that parses but is wrong (a bad
//! date, an unknown status) is located through this index instead.

use crate::diagnostic::Span;

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
    let body: String = lines.collect::<String>().replace("\r\n", "\n");
    let keys = index_keys(&yaml_lines);
    let mut yaml = yaml_lines.join("\n");
    yaml.push('\n');
    Ok(FrontMatter {
        yaml,
        body,
        yaml_first_line: 2,
        lines: yaml_lines,
        keys,
    })
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

    /// The first line inside a key's block that contains `needle`, falling back to
    /// the key itself. Used for values nested in lists and maps.
    pub(crate) fn find_in_key(&self, key: &str, needle: &str) -> Option<Span> {
        self.find_nth_in_key(key, needle, 0)
    }

    /// As [`find_in_key`](Self::find_in_key), for the `n`-th line (0-based)
    /// holding `needle`: the second of two duplicates is the one to point at.
    pub(crate) fn find_nth_in_key(&self, key: &str, needle: &str, n: usize) -> Option<Span> {
        let pos = self.keys.iter().position(|k| k.key == key)?;
        let start = self.keys[pos].index;
        let end = self
            .keys
            .get(pos + 1)
            .map(|k| k.index)
            .unwrap_or(self.lines.len());
        if !needle.is_empty() {
            let hit = (start..end)
                .filter_map(|i| self.lines[i].find(needle).map(|byte| (i, byte)))
                .nth(n);
            if let Some((i, byte)) = hit {
                return Some(self.span_at(i, byte, needle.chars().count()));
            }
        }
        self.key_span(key)
    }

    /// The value of `field:` inside a key's block (`lat` in
    /// `location: {lat: 95, lon: 10}` or on its own line below), up to the
    /// next `,` or `}` of a flow map; the field itself if it has no value on
    /// its line, and the key as [`find_in_key`](Self::find_in_key) does if
    /// the field is not found.
    pub(crate) fn find_value_in_key(&self, key: &str, field: &str) -> Option<Span> {
        let needle = format!("{field}:");
        let span = self.find_in_key(key, &needle)?;
        let (index, line) = self
            .lines
            .iter()
            .enumerate()
            .find(|(i, _)| self.yaml_first_line + i == span.line)?;
        let Some(at) = line.find(&needle) else {
            return Some(span);
        };
        let rest = &line[at + needle.len()..];
        let value = rest.trim_start();
        let start = at + needle.len() + (rest.len() - value.len());
        let value = strip_comment(value.split([',', '}']).next().unwrap_or_default()).trim_end();
        if value.is_empty() {
            return Some(span);
        }
        Some(self.span_at(index, start, value.chars().count()))
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
            let s = fm.find_value_in_key(k, f).unwrap();
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
        let span = fm.find_in_key("sources", "ftp://x").unwrap();
        assert_eq!((span.line, span.column), (4, 10));
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
