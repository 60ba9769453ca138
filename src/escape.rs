//! Escaping for the contexts annals writes outside Tera's autoescape: HTML/XML
//! text and attributes, JSON inside `<script>`, and GitHub Markdown
//! ([`markdown`], for `annals diff`'s pull-request comments).

pub(crate) mod markdown;

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML or XML text and attribute values.
pub(crate) fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON that is safe inside `<script>`: no `<`, `>` or `&` can close the
/// element, and U+2028 and U+2029, which JavaScript before ES2019 takes as
/// line ends inside a string, are escaped too.
pub(crate) fn script_json(v: &impl serde::Serialize) -> String {
    let json = serde_json::to_string(v).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(
            super::html(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(super::script_json(&"</script>"), r#""\u003c/script\u003e""#);
        assert_eq!(
            super::script_json(&"a\u{2028}b\u{2029}&"),
            r#""a\u2028b\u2029\u0026""#
        );
    }
}
