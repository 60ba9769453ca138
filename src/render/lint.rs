//! Warnings about templates that Tera accepts but that do not do what they
//! seem to: a variable named like a global (`t`, `site`) hides the global in
//! its scope, so `{% for t in event.theatres %}` makes every `{{ t.sources }}`
//! inside the loop read the theatre instead of the theme's strings, and print
//! nothing, without an error.
//!
//! Tera 2 does not expose its parser, so this reads the tags itself: comments
//! and `{% raw %}` blocks are skipped, quoted strings cannot end a tag, and
//! only the binding tags are looked at (`for`, `set`, `set_global`).

use crate::diagnostic::{Code, Diagnostic, Span};
use crate::theme::Theme;

/// The globals every template gets, and what they hold, for the message.
const GLOBALS: &[(&str, &str)] = &[("t", "the theme's strings"), ("site", "the site's data")];

/// Warnings for every template of the theme and of the site's `templates/`.
pub(crate) fn theme(theme: &Theme) -> Vec<Diagnostic> {
    theme
        .templates
        .values()
        .chain(theme.overrides.values())
        .flat_map(|t| shadowed_globals(&t.origin, &t.source))
        .collect()
}

/// A warning for each `{% for X in %}`, `{% for k, X in %}`, `{% set X %}` or
/// `{% set_global X %}` in `source` that binds a global's name; `origin` is
/// the file as messages show it.
pub(crate) fn shadowed_globals(origin: &str, source: &str) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(found) = source[pos..].find('{') {
        let start = pos + found;
        let rest = &source[start..];
        if rest.starts_with("{#") {
            pos = find(source, start + 2, "#}").map_or(source.len(), |i| i + 2);
        } else if rest.starts_with("{{") {
            pos = find_outside_strings(source, start + 2, "}}").map_or(source.len(), |i| i + 2);
        } else if rest.starts_with("{%") {
            let body_start = start + 2;
            let close = find_outside_strings(source, body_start, "%}");
            let body = &source[body_start..close.unwrap_or(source.len())];
            let end = close.map_or(source.len(), |i| i + 2);
            let words = words(body);
            match words.first().map(|(w, _)| *w) {
                Some("raw") => pos = after_endraw(source, end),
                Some(tag @ ("for" | "set" | "set_global")) => {
                    for (name, offset) in bindings(tag, &words) {
                        if let Some((_, what)) = GLOBALS.iter().find(|(g, _)| *g == name) {
                            out.push(warning(
                                origin,
                                source,
                                body_start + offset,
                                name,
                                tag,
                                what,
                            ));
                        }
                    }
                    pos = end;
                }
                _ => pos = end,
            }
        } else {
            pos = start + 1;
        }
    }
    out
}

/// The names a tag binds, with their offsets in the tag's body: both of a
/// `for`'s key and value, the name a `set` assigns.
fn bindings<'a>(tag: &str, words: &[(&'a str, usize)]) -> Vec<(&'a str, usize)> {
    match tag {
        "for" => words
            .iter()
            .skip(1)
            .take_while(|(w, _)| *w != "in")
            .copied()
            .collect(),
        _ => words.get(1).copied().into_iter().collect(),
    }
}

/// The identifiers at the start of a tag's body, up to the first character
/// that is neither an identifier, a space, a `,` nor whitespace control
/// (`-`): enough for `for k, v in` and `set x =`.
fn words(body: &str) -> Vec<(&str, usize)> {
    let mut out = Vec::new();
    let mut chars = body.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() || c == ',' || (c == '-' && out.is_empty()) {
            chars.next();
        } else if c.is_ascii_alphabetic() || c == '_' {
            let mut end = i;
            while let Some(&(j, c)) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' {
                    end = j + c.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((&body[i..end], i));
        } else {
            break;
        }
    }
    out
}

/// Where the first `close` at or after `from` starts.
fn find(source: &str, from: usize, close: &str) -> Option<usize> {
    source[from..].find(close).map(|i| from + i)
}

/// As [`find`], skipping `close` inside a quoted string (`"…"`, `'…'`,
/// `` `…` ``), so `{{ "%}" }}` does not end early.
fn find_outside_strings(source: &str, from: usize, close: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    for (i, c) in source[from..].char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if matches!(c, '"' | '\'' | '`') => quote = Some(c),
            None if source[from + i..].starts_with(close) => return Some(from + i),
            None => {}
        }
    }
    None
}

/// The offset just past the `{% endraw %}` that closes a raw block.
fn after_endraw(source: &str, from: usize) -> usize {
    let mut pos = from;
    while let Some(open) = find(source, pos, "{%") {
        let body_start = open + 2;
        let Some(close) = find(source, body_start, "%}") else {
            break;
        };
        let body = &source[body_start..close];
        if body.trim_matches(|c: char| c.is_whitespace() || c == '-') == "endraw" {
            return close + 2;
        }
        pos = body_start;
    }
    source.len()
}

fn warning(
    origin: &str,
    source: &str,
    offset: usize,
    name: &str,
    tag: &str,
    what: &str,
) -> Diagnostic {
    let line_start = source[..offset].rfind('\n').map_or(0, |i| i + 1);
    let line_end = source[offset..]
        .find('\n')
        .map_or(source.len(), |i| offset + i);
    let kind = if tag == "for" {
        "loop variable"
    } else {
        "variable"
    };
    Diagnostic::warning(
        Code::ShadowedGlobal,
        format!("the {kind} `{name}` hides the global `{name}` ({what})"),
    )
    .in_file(origin)
    .at(Some(Span {
        line: source[..offset].matches('\n').count() + 1,
        column: source[line_start..offset].chars().count() + 1,
        width: name.chars().count(),
        source_line: source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string(),
    }))
    .with_hint(format!(
        "rename the variable: where it is in scope, `{name}` is it, not {what}"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(source: &str) -> Vec<(String, usize, usize)> {
        shadowed_globals("templates/x.html", source)
            .into_iter()
            .map(|d| {
                let span = d.span.expect("positioned");
                (d.message, span.line, span.column)
            })
            .collect()
    }

    #[test]
    fn every_binding_tag_is_found() {
        let source = "{% for t in a %}{% endfor %}\n\
                      {%- for k, site in m -%}{% endfor %}\n\
                      {% for t, v in m %}{% endfor %}\n\
                      {% set t = 1 %}{% set_global site = 2 %}\n\
                      {% set  t %}x{% endset %}\n";
        let lines: Vec<(usize, usize)> = found(source).iter().map(|f| (f.1, f.2)).collect();
        assert_eq!(lines, [(1, 8), (2, 12), (3, 8), (4, 8), (4, 30), (5, 9)]);
        assert_eq!(
            found("{% for t in a %}{% endfor %}")[0].0,
            "the loop variable `t` hides the global `t` (the theme's strings)"
        );
        assert_eq!(
            found("{% set site = 1 %}")[0].0,
            "the variable `site` hides the global `site` (the site's data)"
        );
    }

    #[test]
    fn other_names_and_places_are_not() {
        let source = "{% for theatre in event.theatres %}{{ t.name }}{% endfor %}\n\
                      {% for k, v in site.extra %}{% endfor %}{% set title = t.x %}\n\
                      {# {% for t in a %} #}{{ \"{% for t in a %}\" }}\n\
                      {% if x == \"%}\" %}{% endif %}\n\
                      {% raw %}{% for t in a %}{% endraw %}{% set sites = 1 %}\n\
                      <p>{ t }</p>{% set tt = [x for t in a] %}";
        assert_eq!(found(source), []);
        // A raw block's end with whitespace control; what follows is read again.
        assert_eq!(
            found("{% raw -%}{% for t in a %}{%- endraw %}\n{% set t = 1 %}")
                .iter()
                .map(|f| (f.1, f.2))
                .collect::<Vec<_>>(),
            [(2, 8)]
        );
    }

    #[test]
    fn unclosed_tags_end_the_scan() {
        assert_eq!(
            found("{% for t in"),
            [(
                String::from("the loop variable `t` hides the global `t` (the theme's strings)"),
                1,
                8
            )]
        );
        assert_eq!(found("{{ \"unclosed"), []);
        assert_eq!(found("{# unclosed"), []);
        assert_eq!(found("{% raw %}{% for t in a %}"), []);
        assert_eq!(found("é{% set site = 1 %}")[0].2, 9);
    }
}
