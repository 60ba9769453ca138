//! Markdown to HTML (CommonMark with tables, footnotes, strikethrough and task
//! lists), sanitised unless the site opts out, and plain-text summaries.

use ammonia::Builder;
use pulldown_cmark::{html, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashSet;
use std::sync::OnceLock;

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// The sanitiser: ammonia's defaults (no scripts, styles, event handlers or
/// `javascript:` URLs) plus what pulldown-cmark itself emits for footnotes,
/// task lists and code languages.
fn sanitizer() -> &'static Builder<'static> {
    static CLEANER: OnceLock<Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut b = Builder::default();
        b.add_tags(["input"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("sup", ["id"])
            .add_tag_attributes("div", ["id"])
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("a", ["id"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .add_allowed_classes("sup", ["footnote-reference"])
            .add_allowed_classes("div", ["footnote-definition"])
            .add_generic_attribute_prefixes(["data-"]);
        // Table alignment is the only inline style pulldown-cmark writes.
        b.filter_style_properties(HashSet::from(["text-align"]));
        // A link whose `href` was removed stays as plain text; a `rel` on it
        // would make the HTML invalid.
        b.link_rel(None);
        b
    })
}

/// Renders Markdown to HTML. Without `unsafe_html`, raw HTML is sanitised.
pub fn to_html(markdown: &str, unsafe_html: bool) -> String {
    let parser = Parser::new_ext(markdown, options());
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, parser);
    if unsafe_html {
        out
    } else {
        sanitizer().clean(&out).to_string()
    }
}

/// The first paragraph as plain text: the default `summary` of an event.
pub fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut inside = false;
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Start(Tag::Paragraph) if depth == 0 => inside = true,
            Event::End(TagEnd::Paragraph) if inside && depth == 0 => break,
            Event::Start(Tag::FootnoteDefinition(_))
            | Event::Start(Tag::BlockQuote(_))
            | Event::Start(Tag::List(_))
            | Event::Start(Tag::Table(_)) => depth += 1,
            Event::End(TagEnd::FootnoteDefinition)
            | Event::End(TagEnd::BlockQuote(_))
            | Event::End(TagEnd::List(_))
            | Event::End(TagEnd::Table) => depth = depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if inside => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak if inside => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Plain text of inline Markdown or HTML-free text (for titles in feeds, alt text).
pub fn plain_text(markdown: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(markdown, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitises_but_keeps_harmless_tags() {
        let html = to_html(
            "Hi<sup>1</sup> <script>alert(1)</script><a href=\"javascript:x\" onclick=\"y\">l</a><img src=x onerror=alert(1)>",
            false,
        );
        assert!(html.contains("<sup>1</sup>"));
        assert!(!html.contains("<script"));
        assert!(!html.contains("javascript:"));
        assert!(!html.contains("onclick"));
        assert!(!html.contains("onerror"));
        let raw = to_html("<script>x</script>", true);
        assert!(raw.contains("<script>"));
    }

    #[test]
    fn extensions_are_on() {
        let html = to_html(
            "| a |\n|---|\n| b |\n\n~~x~~\n\n- [x] done\n\nA[^1]\n\n[^1]: note\n",
            false,
        );
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>x</del>"));
        assert!(html.contains("type=\"checkbox\""));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn summary_is_the_first_paragraph() {
        assert_eq!(
            first_paragraph("# Head\n\n> quote\n\nThe *first*\nline.\n\nSecond."),
            "The first line."
        );
    }
}
