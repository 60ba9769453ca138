//! Entry points for the fuzz targets (`fuzz/`) and for the test that replays
//! their corpus and every crash found (`tests/it/fuzz_corpus.rs`). Each takes
//! any bytes and must return, whatever they are, without panicking; where a
//! property must hold for every input (sanitised HTML runs nothing, a parsed
//! date displays and orders), it asserts it, so a fuzzer finds a violation
//! as a crash. Not part of the library's API.

use crate::date::{EventDate, Lang};
use crate::load::{Section, SourceFile};
use crate::parse::Bodies;
use std::path::PathBuf;

/// Text from bytes, as a file would be read: invalid UTF-8 is refused there,
/// so it is replaced here, which keeps every input useful.
fn text(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// One event file: front matter split, YAML, every field validated, the
/// per-event warnings, and every diagnostic rendered as a person sees it.
pub fn event_file(bytes: &[u8]) {
    let (event, diagnostics) = crate::parse::parse_event(
        &event_source(text(bytes).into_owned()),
        chrono_tz::UTC,
        Some(chrono::NaiveDate::MIN),
        &Bodies::Memory,
    );
    for d in &diagnostics {
        let _ = crate::report::human(d, false);
    }
    if let Ok(e) = event {
        let _ = e.body_text();
        // The date of a valid event displays and orders like any date.
        check_date(&e.date);
    }
}

/// A date as written in `date:`, in every zone's way of reading it that
/// matters (UTC and a zone with a half-hour offset).
pub fn date(bytes: &[u8]) {
    let text = text(bytes);
    for tz in [chrono_tz::UTC, chrono_tz::Asia::Kolkata] {
        if let Ok(d) = EventDate::parse(&text, tz) {
            check_date(&d);
        }
    }
}

/// What every parsed date must allow: display in each language (text and
/// HTML), a sort key equal to itself, and an HTML form with no markup but
/// `<time>` and `<data>`.
fn check_date(d: &EventDate) {
    let key = d.sort_key();
    assert_eq!(key.cmp(&key), std::cmp::Ordering::Equal);
    for code in Lang::codes() {
        let Some(lang) = Lang::new(code) else {
            continue;
        };
        let shown = d.display(&lang);
        assert!(!shown.text().is_empty(), "{d:?} displays as nothing");
        let html = shown.html();
        for tag in html.split('<').skip(1) {
            assert!(
                ["time ", "/time>", "data ", "/data>"]
                    .iter()
                    .any(|t| tag.starts_with(t)),
                "unexpected markup in {html:?}"
            );
        }
    }
}

/// A body: Markdown to HTML with raw HTML sanitised, its first paragraph
/// and its words. The sanitised HTML must carry no script, no event
/// handler and no script URL.
pub fn markdown(bytes: &[u8]) {
    let text = text(bytes);
    let html = crate::markdown::to_html(&text, false);
    assert_inert(&html);
    let _ = crate::markdown::first_paragraph(&text);
    crate::markdown::each_text(&text, |_| {});
    let _ = crate::markdown::to_html(&text, true);
}

/// Panics when `html` (sanitised output) could run code: a `<script>`,
/// `<iframe>`, `<object>`, `<embed>`, `<svg>`, `<math>` or `<style>`
/// element, an `on…` attribute, or a `javascript:`, `vbscript:` or `data:`
/// URL in an attribute that holds one.
pub fn assert_inert(html: &str) {
    for (tag, attributes) in tags(html) {
        let tag = tag.to_ascii_lowercase();
        assert!(
            !["script", "iframe", "object", "embed", "svg", "math", "style"]
                .contains(&tag.trim_start_matches('/')),
            "<{tag}> in {html:?}"
        );
        for (name, value) in attributes {
            let name = name.to_ascii_lowercase();
            assert!(
                !(name.starts_with("on") && name.len() > 2),
                "event handler {name} in {html:?}"
            );
            // Text attributes (`alt`, `title`) may say anything.
            const URLS: [&str; 9] = [
                "href",
                "src",
                "srcset",
                "action",
                "formaction",
                "xlink:href",
                "poster",
                "cite",
                "background",
            ];
            if !URLS.contains(&name.as_str()) {
                continue;
            }
            // As a browser reads a URL (WHATWG URL): C0 controls and spaces
            // around it dropped, tabs and line breaks inside it removed.
            let value: String = value
                .trim_matches(|c: char| c <= ' ')
                .chars()
                .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:"] {
                assert!(!value.starts_with(scheme), "{scheme} URL in {html:?}");
            }
        }
    }
}

/// Each tag of serialised HTML with its attributes, quotes respected. Text
/// in serialised HTML has its `<` escaped, so every `<` opens a tag.
fn tags(html: &str) -> Vec<(&str, Vec<(&str, &str)>)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let space = |c: u8| c.is_ascii_whitespace();
    while let Some(open) = html[i..].find('<') {
        i += open + 1;
        let start = i;
        while i < b.len() && !space(b[i]) && b[i] != b'>' {
            i += 1;
        }
        let name = &html[start..i];
        let mut attributes = Vec::new();
        loop {
            while i < b.len() && (space(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            let s = i;
            while i < b.len() && !space(b[i]) && !matches!(b[i], b'=' | b'>' | b'/') {
                i += 1;
            }
            let attr = &html[s..i];
            let mut value = "";
            if i < b.len() && b[i] == b'=' {
                i += 1;
                if i < b.len() && matches!(b[i], b'"' | b'\'') {
                    let quote = b[i];
                    let s = i + 1;
                    i = s;
                    while i < b.len() && b[i] != quote {
                        i += 1;
                    }
                    value = &html[s..i];
                    i = (i + 1).min(b.len());
                } else {
                    let s = i;
                    while i < b.len() && !space(b[i]) && b[i] != b'>' {
                        i += 1;
                    }
                    value = &html[s..i];
                }
            }
            attributes.push((attr, value));
        }
        out.push((name, attributes));
    }
    out
}

/// The formats `annals import` reads.
#[derive(Debug, Clone, Copy)]
pub enum ImportFormat {
    /// One Markdown file of another generator, in a folder of its own.
    Markdown,
    TimelineJs,
    Sheet,
    Acled,
    Ucdp,
}

/// One import: the file read, each item made a draft, and each draft's
/// file (as `import` writes it, which is only when it builds) read back as
/// an event file.
pub fn import(format: ImportFormat, bytes: &[u8]) {
    for draft_file in crate::import::draft_files(format, bytes) {
        event_file(draft_file.as_bytes());
    }
}

/// `text` as the event file `content/events/fuzzed.md`.
fn event_source(text: String) -> SourceFile {
    SourceFile {
        section: Section::Events,
        path: PathBuf::from("content/events/fuzzed.md"),
        rel: PathBuf::from("content/events/fuzzed.md"),
        text,
    }
}

/// The whole build of a site whose one event file holds `bytes`, into
/// memory: load, model, plan, render, feeds, exports, search index.
pub fn build_one(bytes: &[u8]) {
    thread_local! {
        static SITE: tempfile::TempDir = one_event_site();
    }
    SITE.with(|dir| {
        let event = dir.path().join("content/events/fuzzed.md");
        if std::fs::write(&event, bytes).is_err() {
            return;
        }
        let opts = crate::site::Options {
            root: dir.path().to_path_buf(),
            ..Default::default()
        };
        if let Some(site) = crate::site::load(&opts).site {
            let sink = crate::write::MemorySink::default();
            let _ = site.build_into(&sink);
            for (name, bytes) in sink.files.lock().unwrap_or_else(|e| e.into_inner()).iter() {
                if name.ends_with(".html") {
                    assert!(
                        !String::from_utf8_lossy(bytes).contains("<script>alert"),
                        "a script from the event in {name}"
                    );
                }
            }
        }
    });
}

fn one_event_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let root = dir.path();
    let made = std::fs::create_dir_all(root.join("content/events"))
        .and_then(|()| std::fs::write(root.join("annals.yaml"), "title: Fuzzed\n"));
    if let Err(e) = made {
        panic!("cannot make the fuzzed site: {e}");
    }
    dir
}
