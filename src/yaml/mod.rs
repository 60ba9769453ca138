//! The one module that knows which YAML crate we use.
//!
//! serde_yaml is archived upstream. Everything else in annals sees only the names
//! re-exported here, so a maintained fork with the same API replaces it by changing
//! the `use` line below.

mod positions;

use serde_yaml as imp;

pub(crate) use positions::{steps, Place, Positions, Step};

pub(crate) use imp::{Mapping, Value};

/// A YAML problem, positioned relative to the start of the YAML text (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YamlError {
    /// What went wrong, and what was being parsed (`did not find expected ',' or
    /// ']', while parsing a flow sequence`), without positions.
    pub message: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// Where the construct being parsed starts (the `[` of an unclosed list).
    pub context: Option<(usize, usize)>,
}

impl YamlError {
    /// The position to show for YAML of `lines` lines: where the problem was
    /// found, unless that is past the end (an unclosed `[` is noticed there),
    /// where the construct that was never closed starts.
    pub(crate) fn position(&self, lines: usize) -> Option<(usize, usize)> {
        let found = self.line.zip(self.column);
        match (found, self.context) {
            (Some((line, _)), Some(context)) if line > lines => Some(context),
            (None, context) => context,
            (found, _) => found,
        }
    }
}

/// `L column C`, as the YAML crate writes a position.
fn line_column(s: &str) -> Option<(usize, usize)> {
    let (line, column) = s.split_once(" column ")?;
    Some((line.trim().parse().ok()?, column.trim().parse().ok()?))
}

impl From<imp::Error> for YamlError {
    fn from(e: imp::Error) -> Self {
        let (line, column) = match e.location() {
            Some(loc) => (Some(loc.line()), Some(loc.column())),
            None => (None, None),
        };
        // The crate writes "PROBLEM at line L column C, CONTEXT at line L2
        // column C2"; we print positions ourselves, so keep the words and the
        // context's position.
        let text = e.to_string();
        let (problem, rest) = text.split_once(" at line ").unwrap_or((&text, ""));
        let mut message = problem.to_string();
        let mut context = None;
        if let Some((_, after)) = rest.split_once(", ") {
            let (words, at) = after.split_once(" at line ").unwrap_or((after, ""));
            message.push_str(", ");
            message.push_str(words);
            context = line_column(at);
        }
        YamlError {
            message,
            line,
            column,
            context,
        }
    }
}

/// Deepest nesting of flow lists and maps (`[[[…]]]`) that [`parse`] takes.
/// The YAML crate stops at 128 levels, but only after scanning all of them,
/// and its scanner's work grows with the square of the depth: 100,000 `[`
/// took 25 s. Real front matter nests two or three levels.
pub(crate) const MAX_DEPTH: usize = 64;

/// The message of the error for YAML nested past [`MAX_DEPTH`].
pub(crate) const TOO_DEEP: &str = "lists and maps are nested too deeply";

/// Parses one YAML document into a generic value.
pub(crate) fn parse(text: &str) -> Result<Value, YamlError> {
    if let Some((line, column)) = too_deep(text) {
        return Err(YamlError {
            message: format!("{TOO_DEEP} (more than {MAX_DEPTH} levels)"),
            line: Some(line),
            column: Some(column),
            context: None,
        });
    }
    Ok(imp::from_str(text)?)
}

/// Where a `[` or `{` opens a level past [`MAX_DEPTH`] (1-based line and
/// column). A bracket opens a list or map where a node may begin (the start
/// of a line, after `- `, `? ` or `: `, after an anchor or a tag, and
/// anywhere inside a flow collection); elsewhere it is text (`title: ad{{`),
/// as it is inside quotes and comments. Block scalars (`|`, `>`) are not
/// told apart, so a line of one that starts with 65 brackets is refused:
/// this may over-count, never under-count.
fn too_deep(text: &str) -> Option<(usize, usize)> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    // A node may begin here; only indentation and `- ` so far on the line;
    // inside an anchor or a tag; inside a comment.
    let (mut start, mut line_start, mut property, mut comment) = (true, true, false, false);
    let (mut quote, mut escaped, mut previous) = (None, false, '\n');
    for c in text.chars() {
        column += 1;
        if c == '\n' {
            (line, column, comment) = (line + 1, 0, false);
            if quote.is_none() {
                (start, line_start, property) = (true, true, false);
            }
            previous = c;
            continue;
        }
        if comment {
            continue;
        }
        if let Some(q) = quote {
            match c {
                _ if escaped => escaped = false,
                '\\' if q == '"' => escaped = true,
                c if c == q => (quote, start) = (None, false),
                _ => {}
            }
            previous = c;
            continue;
        }
        match c {
            '#' if previous.is_whitespace() => comment = true,
            ' ' | '\t' => {
                if property || previous == ':' || (line_start && matches!(previous, '-' | '?')) {
                    (start, property) = (true, false);
                }
            }
            '[' | '{' if start || depth > 0 => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some((line, column));
                }
            }
            ']' | '}' if depth > 0 => (depth, start) = (depth - 1, false),
            ',' if depth > 0 => start = true,
            '\'' | '"' if start => quote = Some(c),
            '&' | '!' if start => (property, start) = (true, false),
            _ => start = false,
        }
        if !matches!(c, ' ' | '\t' | '-' | '?') {
            line_start = false;
        }
        previous = c;
    }
    None
}

/// Serialises a typed value as YAML (used by `init` and `new`).
pub(crate) fn to_string<T: serde::Serialize>(value: &T) -> Result<String, YamlError> {
    Ok(imp::to_string(value)?)
}

/// A scalar as text, the way a reader wrote it: `2023` stays `2023`, `true` stays `true`.
pub(crate) fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// A short name of the value's type for messages ("a list", "a map").
pub(crate) fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

/// What was found instead of what a key needs, for messages: the value
/// itself when it is a scalar (`not \`1.5\``, shortened if long), else its kind
/// (`found a list`).
pub(crate) fn found(value: &Value) -> String {
    match value {
        Value::Null | Value::Sequence(_) | Value::Mapping(_) => {
            format!("found {}", kind_name(value))
        }
        Value::Tagged(t) => found(&t.value),
        _ => {
            let text = scalar_text(value).unwrap_or_default();
            format!("not `{}`", crate::text::shorten(&text, 40))
        }
    }
}

/// A path's keys joined with dots, leaving out list indexes: `sources`,
/// `feeds.atom`. For messages that name where a key belongs.
pub(crate) fn describe_steps(steps: &[Step]) -> String {
    steps
        .iter()
        .filter_map(|s| match s {
            Step::Key(k) => Some(k.as_str()),
            Step::Index(_) => None,
        })
        .collect::<Vec<_>>()
        .join(".")
}

/// Converts to JSON for templates. Map keys become strings; maps keep their order.
pub(crate) fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into()
            } else if let Some(u) = n.as_u64() {
                u.into()
            } else {
                n.as_f64()
                    .and_then(serde_json::Number::from_f64)
                    .map(serde_json::Value::Number)
                    .unwrap_or(serde_json::Value::Null)
            }
        }
        Value::String(s) => serde_json::Value::String(s.clone()),
        Value::Sequence(items) => serde_json::Value::Array(items.iter().map(to_json).collect()),
        Value::Mapping(map) => {
            let mut out = serde_json::Map::new();
            for (k, v) in map {
                let key = scalar_text(k).unwrap_or_default();
                out.insert(key, to_json(v));
            }
            serde_json::Value::Object(out)
        }
        Value::Tagged(t) => to_json(&t.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_carry_a_position() {
        let err = parse("title: a\ndate: [2023\n").unwrap_err();
        assert!(err.line.is_some());
        assert!(!err.message.contains(" at line "));
    }

    #[test]
    fn an_unclosed_list_points_where_it_opens() {
        let err = parse("title: Broken\ndate: [2023\n").unwrap_err();
        assert_eq!(
            err.message,
            "did not find expected ',' or ']', while parsing a flow sequence"
        );
        assert_eq!(err.position(2), Some((2, 7)));
        // A problem inside the text is shown where it was found.
        let err = parse("a: 1\n b: 2\nc: 3\n").unwrap_err();
        assert_eq!(err.position(3), err.line.zip(err.column));
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        assert!(parse("a: 1\na: 2\n").is_err());
    }

    #[test]
    fn nesting_past_the_limit_is_refused_where_it_happens() {
        let deep = format!("a: {}{}", "[".repeat(65), "]".repeat(65));
        let e = super::parse(&deep).unwrap_err();
        assert_eq!((e.line, e.column), (Some(1), Some(68)));
        assert!(e.message.starts_with(super::TOO_DEEP));
        let fine = format!(
            "a: {}{}\nb: '[[[[' # [[[[\nc: \"[\\\"[\"",
            "[".repeat(64),
            "]".repeat(64)
        );
        assert!(super::parse(&fine).is_ok(), "{:?}", super::parse(&fine));
        // Brackets in text are text, wherever a node cannot begin.
        let text = format!("title: ad{} it's\nb: x\n", "{".repeat(100));
        assert!(super::parse(&text).is_ok(), "{:?}", super::parse(&text));
        // Nodes may begin after `- `, an anchor, a tag, and inside flows.
        for deep in [
            format!("- {}", "[".repeat(65)),
            format!("a: &x {}", "[".repeat(65)),
            format!("a: !!seq {}", "[".repeat(65)),
            format!("a: [x, {}", "{a: ".repeat(65)),
            format!("a: \"it's\" {}", "[".repeat(65)).replace("\" [", "\"\nb: ["),
        ] {
            let e = super::parse(&deep).unwrap_err();
            assert!(e.message.starts_with(super::TOO_DEEP), "{deep}: {e:?}");
        }
    }
}
