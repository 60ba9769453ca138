//! Diagnostics as people and machines read them: compiler-style text
//! (coloured on a terminal), one JSON object per line, or GitHub workflow
//! annotations that show on a pull request's changed lines.

use crate::diagnostic::{display_path, Diagnostic, Severity};
use std::fmt::Write as _;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Human,
    Json,
    Github,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "human" => Some(Format::Human),
            "json" => Some(Format::Json),
            "github" => Some(Format::Github),
            _ => None,
        }
    }
}

/// One diagnostic in `format`, ending in a newline.
pub(crate) fn render(d: &Diagnostic, format: Format, color: bool) -> String {
    match format {
        Format::Human => human(d, color),
        Format::Json => json(d),
        Format::Github => github(d),
    }
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// `error[E120]: message`, `--> file:line:col`, the line, a marker, a hint.
pub fn human(d: &Diagnostic, color: bool) -> String {
    let mut out = String::new();
    let head = format!("{}[{}]", d.severity.as_str(), d.code.as_str());
    let head = match d.severity {
        Severity::Error => paint(color, "1;31", &head),
        Severity::Warning => paint(color, "1;33", &head),
        Severity::Note => paint(color, "1;36", &head),
    };
    let _ = writeln!(out, "{head}: {}", paint(color, "1", &terse(&d.message)));
    let gutter = d
        .span
        .as_ref()
        .map(|s| s.line.to_string().len())
        .unwrap_or(1);
    let pad = " ".repeat(gutter);
    let blue = |t: &str| paint(color, "1;34", t);
    if let Some(file) = &d.file {
        let location = match &d.span {
            Some(s) => format!("{}:{}:{}", display_path(file), s.line, s.column),
            None => display_path(file),
        };
        let _ = writeln!(out, "{pad}{} {location}", blue("-->"));
    }
    if let Some(span) = &d.span {
        let shown = excerpt(
            span.source_line.trim_end_matches(['\r', '\n']),
            span.column,
            span.width,
        );
        let _ = writeln!(out, "{pad} {}", blue("|"));
        let _ = writeln!(
            out,
            "{} {} {}",
            blue(&span.line.to_string()),
            blue("|"),
            shown.text
        );
        let lead = " ".repeat(shown.lead);
        let marker = "^".repeat(shown.width);
        let marker = match d.severity {
            Severity::Error => paint(color, "1;31", &marker),
            Severity::Warning => paint(color, "1;33", &marker),
            Severity::Note => paint(color, "1;36", &marker),
        };
        let _ = writeln!(out, "{pad} {} {lead}{marker}", blue("|"));
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{pad} {} hint: {hint}", blue("="));
    }
    out
}

/// Widest source line shown whole; a longer one is cut around the marker.
const MAX_SHOWN: usize = 100;

/// A source line as shown under a diagnostic, and where its marker goes.
struct Excerpt {
    text: String,
    lead: usize,
    width: usize,
}

/// A control character as its Unicode picture (`␀`, `␛`), any other as
/// itself: a file's bytes must not drive the reader's terminal.
fn picture(c: char) -> char {
    match c {
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
        '\x7f' => '\u{2421}',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

/// A message as a terminal shows it: each value it quotes in backticks cut
/// to 80 characters (a date of megabytes makes one line of the report, not
/// megabytes of it), control characters as pictures.
fn terse(message: &str) -> String {
    if message.len() <= 200 && !message.chars().any(char::is_control) {
        return message.to_string();
    }
    message
        .split('`')
        .enumerate()
        .map(|(i, part)| match i % 2 {
            1 => crate::text::shorten(part, 80),
            _ => part.to_string(),
        })
        .collect::<Vec<_>>()
        .join("`")
        .chars()
        .map(picture)
        .collect()
}

/// `line` with tabs shown as four spaces (a terminal's tab stops would move
/// the marker) and other control characters as their Unicode pictures
/// (`␀`, `␛`: a file's bytes must not drive the reader's terminal), cut to [`MAX_SHOWN`] characters around the marked part of
/// `width` characters from 1-based `column`, with `…` where it was cut.
fn excerpt(line: &str, column: usize, width: usize) -> Excerpt {
    let mut chars: Vec<char> = Vec::new();
    let mut start = None;
    for (i, c) in line.chars().enumerate() {
        if i + 1 == column {
            start = Some(chars.len());
        }
        match c {
            '\t' => chars.extend([' '; 4]),
            c @ '\0'..='\x1f' => {
                chars.push(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
            }
            '\x7f' => chars.push('\u{2421}'),
            c if c.is_control() => chars.push('\u{fffd}'),
            c => chars.push(c),
        }
    }
    let start = start.unwrap_or(chars.len());
    let width = width.max(1);
    if chars.len() <= MAX_SHOWN {
        return Excerpt {
            text: chars.into_iter().collect(),
            lead: start,
            width,
        };
    }
    // Some context before the marker, and as much of the marker as fits.
    let from = start
        .saturating_sub(30)
        .min(chars.len().saturating_sub(MAX_SHOWN));
    let to = (from + MAX_SHOWN).min(chars.len());
    let cut_before = from > 0;
    let mut text: String = if cut_before {
        "…".into()
    } else {
        String::new()
    };
    text.extend(&chars[from..to]);
    if to < chars.len() {
        text.push('…');
    }
    Excerpt {
        text,
        lead: start - from + usize::from(cut_before),
        width: width.min(to.saturating_sub(start)).max(1),
    }
}

/// One JSON object on one line: severity, code, message, file, line, column, hint.
pub(crate) fn json(d: &Diagnostic) -> String {
    format!("{}\n", json_value(d))
}

/// The object [`json`] prints, for other JSON that lists diagnostics
/// (`annals diff --format json`), so that there is one shape.
pub(crate) fn json_value(d: &Diagnostic) -> serde_json::Value {
    serde_json::json!({
        "severity": d.severity.as_str(),
        "code": d.code.as_str(),
        "message": d.message,
        "file": d.file.as_deref().map(display_path),
        "line": d.span.as_ref().map(|s| s.line),
        "column": d.span.as_ref().map(|s| s.column),
        "hint": d.hint,
    })
}

/// `::error file=…,line=…,col=…,title=E120::message`, escaped as the runner expects.
pub(crate) fn github(d: &Diagnostic) -> String {
    let data = |s: &str| {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    };
    let property = |s: &str| data(s).replace(':', "%3A").replace(',', "%2C");
    let level = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    };
    let mut props = Vec::new();
    if let Some(file) = &d.file {
        props.push(format!("file={}", property(&display_path(file))));
    }
    if let Some(span) = &d.span {
        props.push(format!("line={}", span.line));
        props.push(format!("col={}", span.column));
        props.push(format!("endColumn={}", span.column + span.width.max(1)));
    }
    props.push(format!("title={}", property(d.code.as_str())));
    // A workflow log is a terminal too, and annotations have a size limit.
    let mut message = terse(&d.message);
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!("::{level} {}::{}\n", props.join(","), data(&message))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Code, Span};

    fn sample() -> Diagnostic {
        Diagnostic::error(
            Code::InvalidDate,
            "`2023-02-30` is not a valid date: February 2023 has 28 days",
        )
        .in_file("content/events/a,b.md")
        .at(Some(Span {
            line: 3,
            column: 7,
            width: 10,
            source_line: "date: 2023-02-30".into(),
        }))
        .with_hint("use 2023-02-28")
    }

    #[test]
    fn json_is_one_object_per_line() {
        let line = json(&sample());
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let v: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(v["code"], "E120");
        assert_eq!(v["line"], 3);
        assert_eq!(v["column"], 7);
        assert_eq!(v["file"], "content/events/a,b.md");
        assert_eq!(v["hint"], "use 2023-02-28");
    }

    #[test]
    fn github_annotations_are_escaped() {
        let line = github(&sample());
        assert_eq!(
            line,
            "::error file=content/events/a%2Cb.md,line=3,col=7,endColumn=17,title=E120::`2023-02-30` is not a valid date: February 2023 has 28 days%0Ahint: use 2023-02-28\n"
        );
    }

    #[test]
    fn human_rendering_points_at_the_column() {
        let text = human(&sample(), false);
        assert!(text.starts_with(
            "error[E120]: `2023-02-30` is not a valid date: February 2023 has 28 days\n"
        ));
        assert!(text.contains("--> content/events/a,b.md:3:7"));
        assert!(text.contains("3 | date: 2023-02-30\n  |       ^^^^^^^^^^\n"));
        assert!(text.contains("= hint: use 2023-02-28"));
    }

    #[test]
    fn a_long_value_in_a_message_is_cut_and_controls_are_drawn() {
        let long = format!("`{}` is not a valid date: \u{1b}[2J", "x".repeat(500));
        assert_eq!(
            super::terse(&long),
            format!("`{}…` is not a valid date: \u{241b}[2J", "x".repeat(79))
        );
        assert_eq!(super::terse("short `a`"), "short `a`");
    }

    #[test]
    fn control_characters_in_a_quoted_line_are_shown_not_sent() {
        let e = super::excerpt("a\0b\x1b[31mc\x7f\u{85}", 1, 1);
        assert_eq!(e.text, "a\u{2400}b\u{241b}[31mc\u{2421}\u{fffd}");
    }

    #[test]
    fn colour_only_when_asked() {
        assert!(!human(&sample(), false).contains('\x1b'));
        assert!(human(&sample(), true).contains("\x1b[1;31merror[E120]\x1b[0m"));
    }
}
