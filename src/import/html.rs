//! TimelineJS text is HTML: sanitised (ammonia) before it becomes Markdown
//! (htmd) or plain text, so no script or event handler from the source file
//! reaches an event file.

/// HTML as Markdown, sanitised first. A space at the end of a line, which
/// Markdown does not show, is dropped (two, a line break, are kept), so that
/// the Markdown made from annals' own HTML of it is the same.
pub(super) fn to_markdown(html: &str) -> String {
    let clean = ammonia::clean(html);
    match htmd::convert(&clean) {
        Ok(md) => md
            .trim()
            .lines()
            .map(|l| if l.ends_with("  ") { l } else { l.trim_end() })
            .collect::<Vec<_>>()
            .join("\n"),
        Err(_) => to_text(html),
    }
}

/// A link as Markdown, written as [`to_markdown`] writes links.
pub(super) fn link(label: &str, url: &str) -> String {
    let escape = crate::escape::html;
    to_markdown(&format!(
        "<a href=\"{}\">{}</a>",
        escape(url),
        escape(label)
    ))
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
    fn spaces_that_markdown_does_not_show_are_dropped() {
        assert_eq!(
            to_markdown("<p>One. </p><p>Two<br>three</p>"),
            to_markdown("<p>One.</p><p>Two<br>three</p>")
        );
        assert_eq!(
            link(
                "Grand_Canal_(China)",
                "https://en.wikipedia.org/wiki/Grand_Canal_(China)"
            ),
            to_markdown(
                r#"<p><a href="https://en.wikipedia.org/wiki/Grand_Canal_(China)">Grand_Canal_(China)</a></p>"#
            )
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
