//! Every event's list entries, rendered once and kept outside the build's
//! memory: `event_item.html` (the timeline's full entry) and
//! `event_line.html` (the one-line entry of a group's list).
//!
//! Kept in memory, the entries were the largest thing a build holds (about
//! 1.6 KB an event: 166 MB of a 100k-event build's 550 MB of heap, massif).
//! Like the bodies, which stay in their files, they go to an unlinked
//! temporary file (`$TMPDIR`, as `sort` spills) and are read back with one
//! positioned read per event shown: a list page reads its events' entries,
//! about nine reads an event over a build. Where no temporary file can be
//! made or written (its disk full), they stay in memory.

use super::errors;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::Mutex;
use tera::{Context, Tera};

/// The template of one event in a list, rendered once per event into `event.item`.
const ITEM_TEMPLATE: &str = "event_item.html";
/// The template of one event's compact line, rendered once per event into
/// `event.line`: the default theme lists a group's events (an actor's, a
/// tag's, a year's) as lines and keeps the full entry for the timeline, since
/// an event appears on about eight lists and its full entry on each made list
/// pages most of a site's bytes.
const LINE_TEMPLATE: &str = "event_line.html";

/// Events rendered per task and stored with one write.
const RUN: usize = 256;

/// Every event's entries, and its date as plain text (chart labels).
pub(super) struct Entries {
    store: Store,
    /// Where each event's entries are.
    spans: Vec<Span>,
    /// Whether the theme has `event_item.html` and `event_line.html`.
    has: [bool; 2],
    pub(super) date_texts: Vec<String>,
}

/// An event's item, then its line, from `at`.
#[derive(Clone, Copy, Default)]
struct Span {
    at: u64,
    item: u32,
    line: u32,
}

enum Store {
    File { file: std::fs::File, end: u64 },
    Memory(Vec<u8>),
}

impl Store {
    fn new() -> Store {
        match tempfile::tempfile() {
            Ok(file) => Store::File { file, end: 0 },
            Err(_) => Store::Memory(Vec::new()),
        }
    }

    /// Stores `bytes` and says where they begin.
    ///
    /// A file that cannot be written (its disk full) hands what it holds
    /// over to memory, and the build goes on as it would without one.
    fn append(&mut self, bytes: &[u8]) -> Result<u64, Diagnostic> {
        match self {
            Store::File { file, end } => {
                use std::os::unix::fs::FileExt;
                let at = *end;
                if file.write_all_at(bytes, at).is_ok() {
                    *end += bytes.len() as u64;
                    return Ok(at);
                }
                let held = usize::try_from(at).map_err(|_| internal("entries past memory"))?;
                let mut kept = vec![0; held];
                file.read_exact_at(&mut kept, 0).map_err(spill_error)?;
                *self = Store::Memory(kept);
                self.append(bytes)
            }
            Store::Memory(v) => {
                let at = v.len() as u64;
                v.extend_from_slice(bytes);
                Ok(at)
            }
        }
    }

    fn read(&self, at: u64, len: usize) -> Result<Vec<u8>, Diagnostic> {
        match self {
            Store::File { file, .. } => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0; len];
                file.read_exact_at(&mut buf, at).map_err(spill_error)?;
                Ok(buf)
            }
            Store::Memory(v) => usize::try_from(at)
                .ok()
                .and_then(|at| v.get(at..at.checked_add(len)?))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| internal("an entry past the end of the store")),
        }
    }
}

fn spill_error(e: std::io::Error) -> Diagnostic {
    let dir = std::env::temp_dir();
    Diagnostic::error(
        Code::Io,
        format!(
            "cannot use the temporary file in `{}` that holds the list entries: {}",
            dir.display(),
            crate::io_error::reason(&e, &dir)
        ),
    )
    .with_hint("annals keeps each event's list entries in an unnamed file in the temporary folder (TMPDIR, else /tmp) while it builds; free some room there, or point TMPDIR at a folder with room")
}

fn internal(what: &str) -> Diagnostic {
    Diagnostic::error(Code::Template, format!("internal error: {what}"))
}

/// What one run of events renders: its entries one after another.
#[derive(Default)]
struct Run {
    bytes: Vec<u8>,
    /// Each event's item and line lengths.
    lens: Vec<(u32, u32)>,
    date_texts: Vec<String>,
}

/// How events are rendered into their entries.
pub(super) struct Templates<'a> {
    tera: &'a Tera,
    sources: &'a HashMap<String, (String, String)>,
    timeline: &'a Timeline,
    config: &'a Config,
    /// Whether the theme has `event_item.html` and `event_line.html`.
    has: [bool; 2],
}

impl<'a> Templates<'a> {
    pub(super) fn new(
        tera: &'a Tera,
        sources: &'a HashMap<String, (String, String)>,
        timeline: &'a Timeline,
        config: &'a Config,
    ) -> Templates<'a> {
        Templates {
            tera,
            sources,
            timeline,
            config,
            has: [ITEM_TEMPLATE, LINE_TEMPLATE].map(|t| tera.contains_template(t)),
        }
    }

    /// Renders every event's entries, a run of events per task, each run
    /// stored as soon as it is made.
    pub(super) fn prepare_all(&self) -> Result<Entries, Diagnostic> {
        let n = self.timeline.events.len();
        let store = Mutex::new(Store::new());
        let runs: Vec<(u64, Run)> = (0..n.div_ceil(RUN))
            .into_par_iter()
            .map(|r| {
                let mut run = Run::default();
                for i in r * RUN..n.min((r + 1) * RUN) {
                    let date = self.render_into(i, &mut run)?;
                    run.date_texts.push(date);
                }
                let at = store
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .append(&run.bytes)?;
                // Only the lengths and dates are kept.
                run.bytes = Vec::new();
                Ok((at, run))
            })
            .collect::<Result<_, Diagnostic>>()?;
        let mut spans = Vec::with_capacity(n);
        let mut date_texts = Vec::with_capacity(n);
        for (mut at, mut run) in runs {
            for (item, line) in run.lens {
                spans.push(Span { at, item, line });
                at += u64::from(item) + u64::from(line);
            }
            date_texts.append(&mut run.date_texts);
        }
        Ok(Entries {
            store: store.into_inner().unwrap_or_else(|e| e.into_inner()),
            spans,
            has: self.has,
            date_texts,
        })
    }

    /// Renders event `i`'s entries again into `entries`, after its fields
    /// changed (or its neighbours'). The old ones stay in the store, unused.
    pub(super) fn refresh(&self, entries: &mut Entries, i: usize) -> Result<(), Diagnostic> {
        let mut run = Run::default();
        let date = self.render_into(i, &mut run)?;
        let at = entries.store.append(&run.bytes)?;
        let (Some(span), Some(d), Some(&(item, line))) = (
            entries.spans.get_mut(i),
            entries.date_texts.get_mut(i),
            run.lens.first(),
        ) else {
            return Err(internal(&format!("no prepared event {i}")));
        };
        *span = Span { at, item, line };
        *d = date;
        Ok(())
    }

    /// Appends event `i`'s entries to `run` (nothing where the theme has no
    /// such template) and returns its date as text.
    fn render_into(&self, i: usize, run: &mut Run) -> Result<String, Diagnostic> {
        let full = super::view::event(self.timeline, i, self.config);
        let date_text = full.basics.date.text.clone();
        let mut ctx = Context::new();
        ctx.insert("event", &full);
        let mut lens = [0u32; 2];
        let templates = [ITEM_TEMPLATE, LINE_TEMPLATE].into_iter().zip(self.has);
        for ((template, has), len) in templates.zip(&mut lens) {
            if has {
                let before = run.bytes.len();
                self.tera
                    .render_to(template, &ctx, &mut run.bytes)
                    .map_err(|e| errors::template_diagnostic(&e, self.sources))?;
                *len = u32::try_from(run.bytes.len() - before)
                    .map_err(|_| internal("a list entry over 4 GB"))?;
            }
        }
        run.lens.push((lens[0], lens[1]));
        Ok(date_text)
    }
}

/// Event `i`'s entries, read back: its item, then its line, in one text.
pub(super) struct Listed {
    text: String,
    item_len: usize,
    has: [bool; 2],
}

impl Listed {
    /// Its full entry, as the timeline shows it.
    pub(super) fn item(&self) -> Option<&str> {
        self.has[0].then(|| &self.text[..self.item_len])
    }

    /// Its one-line entry.
    pub(super) fn line(&self) -> Option<&str> {
        self.has[1].then(|| &self.text[self.item_len..])
    }
}

impl Entries {
    /// Event `i`'s full entry and its line, with one read.
    pub(super) fn get(&self, i: usize) -> Result<Listed, Diagnostic> {
        let span = *self
            .spans
            .get(i)
            .ok_or_else(|| internal(&format!("no prepared event {i}")))?;
        let item_len = span.item as usize;
        let bytes = self.store.read(span.at, item_len + span.line as usize)?;
        let text = String::from_utf8(bytes).map_err(|_| internal("a list entry is not UTF-8"))?;
        if !text.is_char_boundary(item_len) {
            return Err(internal("a list entry ends inside a character"));
        }
        Ok(Listed {
            text,
            item_len,
            has: self.has,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_stores_give_back_what_was_appended_wherever_it_is() {
        for mut store in [Store::new(), Store::Memory(Vec::new())] {
            let texts = ["", "<li>é</li>", "x", "<article>…</article>"];
            let at: Vec<u64> = texts
                .iter()
                .map(|t| store.append(t.as_bytes()).unwrap())
                .collect();
            for (t, &a) in texts.iter().zip(&at).rev() {
                assert_eq!(store.read(a, t.len()).unwrap(), t.as_bytes());
            }
            assert!(store.read(1 << 20, 4).is_err(), "a read past the end fails");
        }
    }

    #[test]
    fn a_file_that_cannot_be_written_hands_its_entries_to_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entries");
        std::fs::write(&path, "<li>a</li><li>b</li>").unwrap();
        // Opened to read only, as a full disk refuses writes.
        let file = std::fs::File::open(&path).unwrap();
        let mut store = Store::File { file, end: 10 };
        let at = store.append(b"<li>c</li>").unwrap();
        assert!(matches!(store, Store::Memory(_)));
        assert_eq!(at, 10);
        assert_eq!(store.read(0, 10).unwrap(), b"<li>a</li>");
        assert_eq!(store.read(10, 10).unwrap(), b"<li>c</li>");
    }
}
