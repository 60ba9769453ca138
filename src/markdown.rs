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
pub(crate) fn to_html(markdown: &str, unsafe_html: bool) -> String {
    let events: Vec<Event> = Parser::new_ext(markdown, options()).collect();
    let needs_cleaning = !unsafe_html && events.iter().any(is_risky);
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    if needs_cleaning {
        sanitizer().clean(&out).to_string()
    } else {
        out
    }
}

/// Whether an event can carry anything the sanitiser would remove. Without raw
/// HTML and with only plain link schemes, pulldown-cmark's own escaping already
/// makes the output safe, and the sanitiser (an HTML parse per event, the
/// costliest step of a build) is skipped.
fn is_risky(event: &Event) -> bool {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => true,
        Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
            !is_plain_url(dest_url)
        }
        _ => false,
    }
}

/// A relative URL, or one whose scheme is http, https or mailto.
fn is_plain_url(url: &str) -> bool {
    let url = url.trim_start();
    match url.find(':') {
        None => true,
        Some(colon) => {
            let scheme = &url[..colon];
            // A colon after a `/`, `?` or `#` is part of a relative URL.
            scheme.contains(['/', '?', '#'])
                || ["http", "https", "mailto"]
                    .iter()
                    .any(|s| scheme.eq_ignore_ascii_case(s))
        }
    }
}

/// Elements whose content is not text a reader sees.
const NON_TEXT: [&str; 6] = [
    "script", "style", "template", "textarea", "noscript", "iframe",
];

/// Skips what inline `<script>`, `<style>`… hold: code, not prose, whose
/// text is no part of a summary or of what search finds (it would show
/// `alert(1)` as words).
#[derive(Default)]
struct Hidden(Option<&'static str>);

impl Hidden {
    /// Whether `event` is hidden text or the HTML that opens or closes it.
    fn skips(&mut self, event: &Event<'_>) -> bool {
        if let Event::InlineHtml(html) = event {
            let tag = html.trim_start_matches('<').to_ascii_lowercase();
            match self.0 {
                Some(name) if tag.starts_with('/') && tag[1..].starts_with(name) => self.0 = None,
                None => {
                    self.0 = NON_TEXT
                        .iter()
                        .find(|n| {
                            tag.starts_with(*n)
                                && !tag[n.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
                        })
                        .copied()
                        .filter(|_| !tag.trim_end().ends_with("/>"));
                }
                Some(_) => {}
            }
            return true;
        }
        self.0.is_some()
    }
}

/// The first paragraph as plain text: the default `summary` of an event.
pub(crate) fn first_paragraph(markdown: &str) -> String {
    let mut text = String::new();
    let mut depth = 0usize;
    let mut inside = false;
    let mut hidden = Hidden::default();
    for event in Parser::new_ext(markdown, options()) {
        if hidden.skips(&event) {
            continue;
        }
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

/// Every piece of text a reader sees in `markdown` (paragraphs, headings,
/// lists, tables, code, link and image text), each passed to `each`: what
/// site-wide search indexes of a body.
pub(crate) fn each_text(markdown: &str, mut each: impl FnMut(&str)) {
    let mut hidden = Hidden::default();
    for event in Parser::new_ext(markdown, options()) {
        if hidden.skips(&event) {
            continue;
        }
        match event {
            Event::Text(t) | Event::Code(t) => each(&t),
            // Words on either side of a break or a block are apart.
            _ => each(" "),
        }
    }
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
    fn dangerous_links_in_markdown_syntax_are_cleaned_too() {
        for md in [
            "[x](javascript:alert(1))",
            "[x](JavaScript:alert(1))",
            "![x](data:text/html;base64,AAAA)",
            "[x]( vbscript:msgbox)",
        ] {
            let html = to_html(md, false);
            assert!(
                !html.to_lowercase().contains("javascript:")
                    && !html.contains("data:")
                    && !html.contains("vbscript:"),
                "{md} → {html}"
            );
        }
        // Plain Markdown is left exactly as pulldown-cmark writes it.
        assert_eq!(to_html("[a](https://e.org/?q=1:2) [b](/x:y) [c](#top) [d](mailto:a@e.org)", false),
            "<p><a href=\"https://e.org/?q=1:2\">a</a> <a href=\"/x:y\">b</a> <a href=\"#top\">c</a> <a href=\"mailto:a@e.org\">d</a></p>\n");
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

    #[test]
    fn summary_leaves_out_scripts_and_styles() {
        assert_eq!(
            first_paragraph("Hi <script>alert(1)</script>there <STYLE>p{}</STYLE><b>bold</b> <scripts>x</scripts>."),
            "Hi there bold x."
        );
    }
}
