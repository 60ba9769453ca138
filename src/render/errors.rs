//! Tera errors as diagnostics that point at the template file, line and column.

use crate::diagnostic::{Code, Diagnostic, Span};
use std::collections::HashMap;

use super::THEME_PREFIX;

/// Every problem a Tera error reports. Compiling a set of templates reports
/// all the problems it found in one text (a missing block, then an unknown
/// filter): each becomes its own diagnostic, so none hides another.
pub(super) fn template_diagnostics(
    e: &tera::Error,
    sources: &HashMap<String, (String, String)>,
) -> Vec<Diagnostic> {
    let first = template_diagnostic(e, sources);
    let text = std::iter::successors(Some(e as &(dyn std::error::Error + 'static)), |e| {
        e.source()
    })
    .map(|e| e.to_string())
    .collect::<Vec<_>>()
    .join("\n");
    let all = text_reports(&text, sources);
    if all.len() > 1 {
        all
    } else {
        vec![first]
    }
}

/// Turns a Tera error into a diagnostic pointing at the template file and line.
pub(super) fn template_diagnostic(
    e: &tera::Error,
    sources: &HashMap<String, (String, String)>,
) -> Diagnostic {
    // Tera wraps the positioned error in others (rendering a page that includes
    // a broken template, compiling a set): find the innermost report.
    let mut report = None;
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    let mut messages = Vec::new();
    while let Some(err) = current {
        match err.downcast_ref::<tera::Error>().map(tera::Error::kind) {
            Some(tera::ErrorKind::SyntaxError(r)) | Some(tera::ErrorKind::RenderingError(r)) => {
                report = Some(r);
                messages.push(r.message().to_string());
            }
            _ => {
                let m = err.to_string();
                if !m.is_empty() {
                    messages.push(m);
                }
            }
        }
        current = err.source();
    }
    messages.dedup();
    if report.is_none() {
        // Reference checks (unknown filter, unknown include) arrive as text
        // reports: take their message and position from the text.
        if let Some(d) = text_reports(&messages.join("\n"), sources)
            .into_iter()
            .next()
        {
            return d;
        }
    }
    let mut d = Diagnostic::error(
        Code::Template,
        format!("template error: {}", messages.join(": ")),
    );
    if let Some(r) = report {
        if let Some((origin, text)) = sources.get(r.filename()) {
            let span = r.span();
            let line = text
                .lines()
                .nth(span.start_line.saturating_sub(1))
                .unwrap_or_default()
                .to_string();
            let width = if span.end_line == span.start_line {
                span.end_col.saturating_sub(span.start_col)
            } else {
                1
            };
            d = d.in_file(origin.as_str()).at(Some(Span {
                line: span.start_line,
                column: span.start_col + 1,
                width: width.max(1),
                source_line: line,
            }));
        } else {
            d = d.in_file(r.filename().trim_start_matches(THEME_PREFIX));
        }
    }
    d
}

/// Each `error: …` report of a text that holds one or more.
fn text_reports(text: &str, sources: &HashMap<String, (String, String)>) -> Vec<Diagnostic> {
    let mut starts: Vec<usize> = text
        .match_indices("error: ")
        .map(|(i, _)| i)
        .filter(|&i| i == 0 || text[..i].ends_with('\n'))
        .collect();
    starts.push(text.len());
    starts
        .windows(2)
        .filter_map(|w| parse_text_report(&text[w[0]..w[1]], sources))
        .collect()
}

/// Reads `error: MESSAGE\n --> NAME:LINE:COL` from a report Tera gave as text.
fn parse_text_report(
    text: &str,
    sources: &HashMap<String, (String, String)>,
) -> Option<Diagnostic> {
    let mut lines = text.lines();
    let message = lines
        .next()?
        .trim()
        .trim_start_matches("error: ")
        .to_string();
    let location = lines.next()?.trim().strip_prefix("--> ")?;
    let mut parts = location.rsplitn(3, ':');
    let column: usize = parts.next()?.parse().ok()?;
    let line: usize = parts.next()?.parse().ok()?;
    let name = parts.next()?;
    let (origin, source) = sources.get(name)?;
    let source_line = source
        .lines()
        .nth(line.saturating_sub(1))
        .unwrap_or_default()
        .to_string();
    let width = text
        .lines()
        .find(|l| l.trim_start().starts_with('|') && l.contains('^'))
        .map(|l| l.matches('^').count())
        .unwrap_or(1);
    Some(
        Diagnostic::error(Code::Template, format!("template error: {message}"))
            .in_file(origin.as_str())
            .at(Some(Span {
                line,
                column,
                width,
                source_line,
            })),
    )
}
