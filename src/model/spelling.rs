//! How an actor, theatre or tag without a file of its own is named on pages:
//! events may write one name several ways (`Ivan Popov`, `ivan popov`,
//! `[Ivan Popov]`, all the slug `ivan-popov`), and the way most events write it
//! wins, ties going to the earliest event, so one stray mention cannot rename
//! it everywhere. Writings that differ from the shown name only in case are
//! noted (N402): they are usually a slip, and the reader sees one spelling.

use crate::diagnostic::{Code, Diagnostic};
use crate::parse::Event;
use crate::slug::Slug;
use std::collections::HashMap;
use std::path::PathBuf;

/// One way a name was written, and where first.
#[derive(Debug)]
struct Writing {
    text: String,
    count: usize,
    /// The event file and list entry where it was first written.
    file: PathBuf,
    path: PathBuf,
    key: &'static str,
    index: usize,
}

/// Every way each name was written, in the order first seen (timeline order).
#[derive(Debug, Default)]
pub(crate) struct Spellings {
    by_slug: HashMap<Slug, Vec<Writing>>,
}

impl Spellings {
    /// Records that `event` writes `slug` as `text`, as entry `index` of `key`.
    pub(crate) fn see(
        &mut self,
        slug: &Slug,
        text: &str,
        event: &Event,
        key: &'static str,
        index: usize,
    ) {
        let text = text.trim();
        // Most mentions repeat a known writing: count it without allocating.
        if let Some(w) = self
            .by_slug
            .get_mut(slug)
            .and_then(|ws| ws.iter_mut().find(|w| w.text == text))
        {
            w.count += 1;
            return;
        }
        self.by_slug.entry(slug.clone()).or_default().push(Writing {
            text: text.to_string(),
            count: 1,
            file: event.file.clone(),
            path: event.path.clone(),
            key,
            index,
        });
    }

    /// The way most events write `slug`; of equally frequent ones, the first.
    pub(crate) fn best(&self, slug: &Slug) -> Option<&str> {
        let writings = self.by_slug.get(slug)?;
        // `max_by_key` keeps the last of equals: compare with the order reversed.
        writings
            .iter()
            .enumerate()
            .max_by_key(|(i, w)| (w.count, std::cmp::Reverse(*i)))
            .map(|(_, w)| w.text.as_str())
    }

    /// N402 for each writing of `slug` that differs from `shown` only in case,
    /// at the first event that writes it so.
    pub(crate) fn case_notes(&self, slug: &Slug, shown: &str, what: &str) -> Vec<Diagnostic> {
        let Some(writings) = self.by_slug.get(slug) else {
            return Vec::new();
        };
        writings
            .iter()
            .filter(|w| w.text != shown && w.text.to_lowercase() == shown.to_lowercase())
            .map(|w| {
                let times = if w.count == 1 { "once".to_string() } else { format!("{} times", w.count) };
                let steps = crate::yaml::steps![w.key, w.index];
                let span = crate::parse::event::locate(&w.path, &steps)
                    .or_else(|| crate::parse::event::locate(&w.path, &crate::yaml::steps![w.key]));
                Diagnostic::note(
                    Code::NameCase,
                    format!("{what} `{shown}` is written `{}` here ({times}); pages show `{shown}`", w.text),
                )
                .in_file(&w.file)
                .at(span)
                .with_hint(if what == "tag" {
                    format!("write it `{shown}` everywhere")
                } else {
                    format!("write it `{shown}` everywhere, or give the {what} a file with the `name:` to show")
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(file: &str) -> Event {
        let text = "---\ntitle: T\ndate: 2023\n---\n".to_string();
        let fm = crate::load::frontmatter::split(&text).unwrap();
        let source = crate::load::SourceFile {
            rel: PathBuf::from(file),
            path: PathBuf::from(file),
            text: text.clone(),
            section: crate::load::Section::Events,
        };
        crate::parse::event::parse(&fm, &source, chrono_tz::UTC, &crate::parse::Bodies::Memory)
            .0
            .unwrap()
    }

    #[test]
    fn the_most_frequent_writing_wins_and_ties_go_to_the_first() {
        let slug = Slug::from_name("x").unwrap();
        let mut s = Spellings::default();
        let e = event("a.md");
        s.see(&slug, "[x]", &e, "actors", 0);
        assert_eq!(s.best(&slug), Some("[x]"));
        s.see(&slug, "X", &e, "actors", 0);
        assert_eq!(s.best(&slug), Some("[x]"), "a tie goes to the first");
        s.see(&slug, "X", &e, "actors", 0);
        assert_eq!(s.best(&slug), Some("X"));
    }
}
