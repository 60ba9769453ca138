//! YAML syntax errors in the author's terms. The parser words a problem as
//! its grammar sees it ("mapping values are not allowed in this context");
//! the usual causes in front matter are few (a tab in the indentation, an
//! unquoted `: ` or leading `[`, `@` or backtick, an unclosed quote, a key
//! written twice, a line indented out of step), and each is recognised here
//! from the message and the line, and said plainly with the fix.

use crate::diagnostic::{Code, Diagnostic};
use crate::load::frontmatter::FrontMatter;
use crate::yaml::YamlError;

/// The diagnostic for a syntax error of `fm`'s YAML: explained when its
/// cause is recognised, else the parser's words with a general hint.
pub(crate) fn diagnostic(fm: &FrontMatter, e: &YamlError) -> Diagnostic {
    let found = e.position(fm.yaml.lines().count());
    if let Some(d) = tab_indentation(fm, found.map(|(l, _)| l)) {
        return d;
    }
    if let Some(d) = limit(fm, e, found) {
        return d;
    }
    let lines: Vec<&str> = fm.yaml.lines().collect();
    let explained = found.and_then(|(line, column)| {
        let text = lines.get(line.checked_sub(1)?)?;
        explain(&e.message, text, (line, column), fm.yaml_first_line, &lines).map(
            |(message, at, hint)| {
                let (line, column) = at.unwrap_or((line, column));
                Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {message}"))
                    .at(fm.yaml_span(line, column))
                    .with_hint(hint)
            },
        )
    });
    explained.unwrap_or_else(|| {
        Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {}", e.message))
            .at(found.and_then(|(l, c)| fm.yaml_span(l, c)))
            .with_hint("check indentation, and quote values that contain `: ` or start with `[`, `{`, `*`, `&`, `!`, `%` or `@`")
    })
}

/// A limit of the YAML reader reached: nesting too deep, or aliases that
/// expand to too much (an "alias bomb"). Neither is a typo, so neither gets
/// the usual hint.
fn limit(fm: &FrontMatter, e: &YamlError, found: Option<(usize, usize)>) -> Option<Diagnostic> {
    let deep =
        "front matter needs a few levels of lists and maps at most: look for `[` or `{` left open";
    let (message, hint) = if e.message.starts_with(crate::yaml::TOO_DEEP) {
        (e.message.clone(), deep)
    } else if e.message.starts_with("recursion limit exceeded") {
        // The YAML crate's own limit, on nesting by indentation.
        (crate::yaml::TOO_DEEP.to_string(), deep)
    } else if e.message.starts_with("repetition limit exceeded") {
        (
            "aliases expand to too much (each `*name` repeats what `&name` holds, and aliases of aliases multiply)".to_string(),
            "write the values out instead of nesting aliases",
        )
    } else {
        return None;
    };
    let at = found
        .and_then(|(l, c)| fm.yaml_span(l, c))
        .unwrap_or_else(|| fm.first_span());
    Some(
        Diagnostic::error(Code::YamlSyntax, format!("invalid YAML: {message}"))
            .at(Some(at))
            .with_hint(hint),
    )
}

/// `key` and its value as written on `line` (`title`, `Foo: bar`).
fn key_value(line: &str) -> Option<(&str, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim().trim_start_matches("- ").trim();
    (!key.is_empty() && !key.contains(char::is_whitespace)).then_some((key, value.trim()))
}

/// `key: "value"`, the value quoted so that YAML reads it as text.
fn quoted(key: &str, value: &str) -> String {
    let line = format!(
        "{key}: \"{}\"",
        value.replace('\\', "\\\\").replace('"', "\\\"")
    );
    // A code span cannot hold a backtick: show such a line bare.
    if line.contains('`') {
        line
    } else {
        format!("`{line}`")
    }
}

type Explained = (String, Option<(usize, usize)>, String);

/// The cause of the error `message` found at (`line`, `column`) of the YAML,
/// on the line `text`; `first` is the file line of the YAML's first, for
/// line numbers in words.
fn explain(
    message: &str,
    text: &str,
    (line, column): (usize, usize),
    first: usize,
    lines: &[&str],
) -> Option<Explained> {
    let file_line = |l: usize| first + l - 1;
    let at_char = text.chars().nth(column.saturating_sub(1));
    if message.starts_with("found character that cannot start any token") {
        let c = at_char?;
        let (key, value) = key_value(text)?;
        let name = if c == '`' {
            "a backtick".to_string()
        } else {
            format!("`{c}`")
        };
        return Some((
            format!("the value of `{key}` starts with {name}, which YAML reserves"),
            None,
            format!("quote the value: {}", quoted(key, value)),
        ));
    }
    if message.starts_with("mapping values are not allowed in this context") {
        let (key, value) = key_value(text)?;
        return Some((
            format!(
                "the value of `{key}` contains `: `, which YAML reads as the start of another key"
            ),
            None,
            format!("quote the value: {}", quoted(key, value)),
        ));
    }
    if message.starts_with("did not find expected key") {
        let (key, value) = key_value(text)?;
        let opener = value
            .chars()
            .next()
            .filter(|c| matches!(c, '[' | '{' | '"' | '\''))?;
        let what = match opener {
            '[' => "a list",
            '{' => "a map",
            _ => "quoted text",
        };
        return Some((
            format!("the value of `{key}` starts with `{opener}`, so YAML reads {what}, and text follows it"),
            None,
            format!("quote the whole value: {}", quoted(key, value)),
        ));
    }
    if message.contains("while scanning a quoted scalar") {
        // The parser points at the opening quote.
        let quote = at_char.filter(|c| matches!(c, '"' | '\''))?;
        return Some((
            format!("the quote `{quote}` that opens here is never closed"),
            None,
            format!("end the value with `{quote}` on the same line"),
        ));
    }
    if let Some(rest) = message.strip_prefix("duplicate entry with key \"") {
        let key = rest.split('"').next()?;
        let written: Vec<usize> = lines
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                l.strip_prefix(key)
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
            .map(|(i, _)| i + 1)
            .collect();
        let second = *written.get(1)?;
        return Some((
            format!(
                "`{key}` is written twice, on lines {} and {}",
                file_line(written[0]),
                file_line(second)
            ),
            Some((second, 1)),
            "keep one of them".to_string(),
        ));
    }
    if message.starts_with("did not find expected '-' indicator")
        || message.contains("while parsing a block mapping")
    {
        let indent = text.len() - text.trim_start().len();
        return Some((
            format!(
                "line {} is indented by {indent} spaces, out of step with the lines above it",
                file_line(line)
            ),
            Some((line, indent + 1)),
            "the keys of one map, and of one list entry, start in the same column".to_string(),
        ));
    }
    None
}

/// A tab in a line's indentation, which YAML forbids: the usual cause of
/// "found character that cannot start any token". Reported at the first
/// such line up to the error's.
fn tab_indentation(fm: &FrontMatter, error_line: Option<usize>) -> Option<Diagnostic> {
    let last = error_line.unwrap_or(usize::MAX);
    let (line, column) = fm
        .yaml
        .lines()
        .enumerate()
        .take(last)
        .find_map(|(i, text)| {
            let indent = &text[..text.len() - text.trim_start().len()];
            indent
                .find('\t')
                .map(|byte| (i + 1, indent[..byte].chars().count() + 1))
        })?;
    Some(
        Diagnostic::error(
            Code::YamlSyntax,
            format!(
                "invalid YAML: line {} is indented with a tab, and YAML allows only spaces for indentation",
                fm.yaml_first_line + line - 1
            ),
        )
        .at(fm.yaml_span(line, column))
        .with_hint(
            "replace the tab with spaces (two per level is usual); set your editor to indent YAML with spaces",
        ),
    )
}
