//! TimelineJS text is HTML: sanitised (ammonia) before it becomes Markdown
//! (htmd) or plain text, so no script or event handler from the source file
//! reaches an event file.

/// HTML as Markdown, sanitised first.
pub(super) fn to_markdown(html: &str) -> String {
    let clean = ammonia::clean(html);
    htmd::convert(&clean)
        .map(|md| md.trim().to_string())
        .unwrap_or_else(|_| to_text(html))
}

/// HTML as one line of plain text: tags dropped, entities decoded, white
/// space collapsed.
pub(super) fn to_text(html: &str) -> String {
    let stripped = ammonia::Builder::empty().clean(html).to_string();
    let decoded = stripped
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_markdown_without_scripts() {
        assert_eq!(
            to_markdown(
                r#"<p>Take <a href="https://en.wikipedia.org/wiki/Ada_Lovelace">Ada</a>.</p><script>alert(1)</script><p onclick="x()">Two</p>"#
            ),
            "Take [Ada](https://en.wikipedia.org/wiki/Ada_Lovelace).\n\nTwo"
        );
    }

    #[test]
    fn headlines_become_plain_text() {
        assert_eq!(
            to_text("<b>Fish &amp; chips</b>\n <i>&lt;now&gt;</i>"),
            "Fish & chips <now>"
        );
    }
}
