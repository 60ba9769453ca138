//! Atom 1.0 (RFC 4287): `atom.xml` of the site and of each actor and theatre.
//!
//! The author of every entry is the site (the feed's `author`): actors are who
//! acted, not who wrote. Actors, theatres and tags are categories, told apart
//! by their `scheme` (the URL of their section).

use super::feed::{entry, Bodies, Feed};
use super::iri;
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::route::FeedFormat;
use std::fmt::Write;

pub(super) fn write(t: &Timeline, c: &Config, feed: &Feed, bodies: &Bodies) -> String {
    let mut out = String::with_capacity(4096 + feed.events.len() * 2048);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"");
    escape(&mut out, &c.language);
    out.push_str("\">\n");
    element(&mut out, 1, "id", &iri(c, &feed.page().path()));
    text_element(&mut out, 1, "title", &feed.title);
    if !feed.subtitle.is_empty() {
        text_element(&mut out, 1, "subtitle", &feed.subtitle);
    }
    element(&mut out, 1, "updated", &feed.updated);
    link(
        &mut out,
        1,
        "self",
        "application/atom+xml",
        &c.base_url.absolute(&feed.file(FeedFormat::Atom).path()),
    );
    link(
        &mut out,
        1,
        "alternate",
        "text/html",
        &c.base_url.absolute(&feed.page().path()),
    );
    out.push_str("  <author>\n");
    element(&mut out, 2, "name", &c.title);
    element(&mut out, 2, "uri", &c.base_url.absolute(""));
    out.push_str("  </author>\n");
    let _ = writeln!(
        out,
        "  <generator version=\"{}\">annals</generator>",
        env!("CARGO_PKG_VERSION")
    );
    for &i in &feed.events {
        let e = entry(t, c, bodies, i);
        out.push_str("  <entry>\n");
        element(&mut out, 2, "id", &e.id);
        text_element(&mut out, 2, "title", e.title);
        link(&mut out, 2, "alternate", "text/html", &e.url);
        element(&mut out, 2, "published", &e.published);
        element(&mut out, 2, "updated", &e.published);
        for cat in &e.categories {
            out.push_str("    <category term=\"");
            escape(&mut out, cat.term);
            out.push_str("\" scheme=\"");
            escape(&mut out, &cat.scheme);
            out.push_str("\" label=\"");
            escape(&mut out, cat.label);
            out.push_str("\"/>\n");
        }
        if !e.summary.is_empty() {
            text_element(&mut out, 2, "summary", e.summary);
        }
        // Relative links in the body (images beside the event) resolve
        // against the event's page, as they do on the site.
        if let Some(content) = e.content {
            out.push_str("    <content type=\"html\" xml:base=\"");
            escape(&mut out, &e.url);
            out.push_str("\">");
            escape(&mut out, content);
            out.push_str("</content>\n");
        }
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    out
}

fn indent(out: &mut String, level: usize) {
    for _ in 0..level {
        out.push_str("  ");
    }
}

fn element(out: &mut String, level: usize, name: &str, value: &str) {
    indent(out, level);
    let _ = write!(out, "<{name}>");
    escape(out, value);
    let _ = writeln!(out, "</{name}>");
}

fn text_element(out: &mut String, level: usize, name: &str, value: &str) {
    indent(out, level);
    let _ = write!(out, "<{name} type=\"text\">");
    escape(out, value);
    let _ = writeln!(out, "</{name}>");
}

fn link(out: &mut String, level: usize, rel: &str, kind: &str, href: &str) {
    indent(out, level);
    let _ = write!(out, "<link rel=\"{rel}\" type=\"{kind}\" href=\"");
    escape(out, href);
    out.push_str("\"/>\n");
}

/// Escapes XML text or an attribute value, dropping the characters XML 1.0
/// cannot hold at all (control characters other than tab and line ends,
/// U+FFFE, U+FFFF): no input can make the feed unreadable.
pub(super) fn escape(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(ch),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_and_drops_what_xml_cannot_hold() {
        let mut s = String::new();
        super::escape(&mut s, "a<b>&\"'\u{0}\u{8}\tc\u{FFFF}");
        assert_eq!(s, "a&lt;b&gt;&amp;&quot;&#39;\tc");
    }
}
