//! Every event's list entries, rendered once and kept outside the build's
//! memory: `event_item.html` (the timeline's full entry) and
//! `event_line.html` (the one-line entry of a group's list), with its date's
//! EDTF and HTML forms, which every list showing the event (about eight)
//! would otherwise format again.
//!
//! Kept in memory, the entries were the largest thing a build holds (about
//! 1.6 KB an event: 166 MB of a 100k-event build's 550 MB of heap, massif).
//! Like the bodies, they go to an unnamed temporary file ([`crate::spill`])
//! and are read back with one positioned read per event shown: a list page reads its events' entries,
//! about nine reads an event over a build. Where no temporary file can be
//! made or written (its disk full), they stay in memory.

use super::errors;
use super::view::DateView;
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::spill::Spill;
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

/// The texts kept of each event in the file, one after another in this order.
#[derive(Clone, Copy)]
enum Piece {
    Item,
    Line,
    DateIso,
    DateHtml,
}
const PIECES: usize = 4;

/// An event's pieces, in [`Piece`] order, from `at`.
#[derive(Clone, Copy, Default)]
struct Span {
    at: u64,
    lens: [u32; PIECES],
}

impl Span {
    fn len(&self) -> u64 {
        self.lens.iter().map(|&l| u64::from(l)).sum()
    }
}

enum Store {
    File(Spill),
    Memory(Vec<u8>),
}

impl Store {
    fn new() -> Store {
        match Spill::new() {
            Ok(spill) => Store::File(spill),
            Err(_) => Store::Memory(Vec::new()),
        }
    }

    /// Stores `bytes` and says where they begin.
    ///
    /// A file that cannot be written (its disk full) hands what it holds
    /// over to memory, and the build goes on as it would without one.
    fn append(&mut self, bytes: &[u8]) -> Result<u64, Diagnostic> {
        match self {
            Store::File(spill) => {
                let held = spill.len();
                if let Ok(at) = spill.append(bytes) {
                    return Ok(at);
                }
                let held = usize::try_from(held).map_err(|_| internal("entries past memory"))?;
                let kept = spill.read(0, held).map_err(spill_error)?;
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
            Store::File(spill) => spill.read(at, len).map_err(spill_error),
            Store::Memory(v) => usize::try_from(at)
                .ok()
                .and_then(|at| v.get(at..at.checked_add(len)?))
                .map(<[u8]>::to_vec)
                .ok_or_else(|| internal("an entry past the end of the store")),
        }
    }
}

fn spill_error(e: std::io::Error) -> Diagnostic {
    let dir = Spill::folder();
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
    /// Each event's pieces' lengths.
    lens: Vec<[u32; PIECES]>,
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
            for lens in run.lens {
                let span = Span { at, lens };
                at += span.len();
                spans.push(span);
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
        let (Some(span), Some(d), Some(&lens)) = (
            entries.spans.get_mut(i),
            entries.date_texts.get_mut(i),
            run.lens.first(),
        ) else {
            return Err(internal(&format!("no prepared event {i}")));
        };
        *span = Span { at, lens };
        *d = date;
        Ok(())
    }

    /// Appends event `i`'s pieces to `run` (no entry where the theme has no
    /// such template) and returns its date as text.
    fn render_into(&self, i: usize, run: &mut Run) -> Result<String, Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let full = super::view::event(t, i, c);
        let date = &full.basics.date;
        let mut ctx = Context::new();
        ctx.insert("event", &full);
        let mut lens = [0u32; PIECES];
        let mut ended = |piece: Piece, before: usize, bytes: &Vec<u8>| {
            lens[piece as usize] = u32::try_from(bytes.len() - before)
                .map_err(|_| internal("a list entry over 4 GB"))?;
            Ok::<(), Diagnostic>(())
        };
        let templates = [(Piece::Item, ITEM_TEMPLATE), (Piece::Line, LINE_TEMPLATE)];
        for ((piece, template), has) in templates.into_iter().zip(self.has) {
            let before = run.bytes.len();
            if has {
                self.tera
                    .render_to(template, &ctx, &mut run.bytes)
                    .map_err(|e| errors::template_diagnostic(&e, self.sources))?;
            }
            ended(piece, before, &run.bytes)?;
        }
        let texts = [(Piece::DateIso, &date.iso), (Piece::DateHtml, &date.html)];
        for (piece, text) in texts {
            let before = run.bytes.len();
            run.bytes.extend_from_slice(text.as_bytes());
            ended(piece, before, &run.bytes)?;
        }
        run.lens.push(lens);
        Ok(full.basics.date.text)
    }
}

/// Event `i`'s pieces, read back in one text.
pub(super) struct Listed {
    text: String,
    /// Where each piece ends in `text`.
    ends: [usize; PIECES],
    has: [bool; 2],
}

impl Listed {
    fn piece(&self, piece: Piece) -> &str {
        let p = piece as usize;
        let start = p.checked_sub(1).map_or(0, |before| self.ends[before]);
        &self.text[start..self.ends[p]]
    }

    /// Its full entry, as the timeline shows it.
    pub(super) fn item(&self) -> Option<&str> {
        self.has[0].then(|| self.piece(Piece::Item))
    }

    /// Its one-line entry.
    pub(super) fn line(&self) -> Option<&str> {
        self.has[1].then(|| self.piece(Piece::Line))
    }
}

impl Entries {
    /// Event `i`'s pieces, with one read.
    pub(super) fn get(&self, i: usize) -> Result<Listed, Diagnostic> {
        let span = *self
            .spans
            .get(i)
            .ok_or_else(|| internal(&format!("no prepared event {i}")))?;
        let len = usize::try_from(span.len()).map_err(|_| internal("an entry past memory"))?;
        let bytes = self.store.read(span.at, len)?;
        let text = String::from_utf8(bytes).map_err(|_| internal("a list entry is not UTF-8"))?;
        let mut ends = [0; PIECES];
        let mut end = 0;
        for (e, &l) in ends.iter_mut().zip(&span.lens) {
            end += l as usize;
            if !text.is_char_boundary(end) {
                return Err(internal("a list entry ends inside a character"));
            }
            *e = end;
        }
        Ok(Listed {
            text,
            ends,
            has: self.has,
        })
    }

    /// Event `i`'s date as lists show it, from its pieces.
    pub(super) fn date(&self, i: usize, listed: &Listed) -> DateView {
        DateView {
            iso: listed.piece(Piece::DateIso).to_string(),
            text: self.date_texts.get(i).cloned().unwrap_or_default(),
            html: listed.piece(Piece::DateHtml).to_string(),
        }
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
    fn each_piece_is_read_back_whole_whatever_its_neighbours() {
        // Two events: the first with no item (a theme without
        // `event_item.html`), the second with one; texts with multi-byte
        // characters, so a boundary off by one byte would fail.
        let events = [
            ["", "<li>é</li>", "2023-07", "<time>juillet 2023</time>"],
            [
                "<article>…</article>",
                "<li>b</li>",
                "2023-07-10/2023-07-14",
                "10–14 July",
            ],
        ];
        let mut store = Store::Memory(Vec::new());
        let mut spans = Vec::new();
        for pieces in &events {
            let at = store.append(pieces.concat().as_bytes()).unwrap();
            let lens = pieces.map(|p| u32::try_from(p.len()).unwrap());
            spans.push(Span { at, lens });
        }
        let entries = Entries {
            store,
            spans,
            has: [true, true],
            date_texts: vec!["July 2023".into(), "10–14 July 2023".into()],
        };
        for (i, pieces) in events.iter().enumerate() {
            let listed = entries.get(i).unwrap();
            assert_eq!(listed.item(), Some(pieces[0]));
            assert_eq!(listed.line(), Some(pieces[1]));
            let date = entries.date(i, &listed);
            assert_eq!(
                (date.iso.as_str(), date.html.as_str()),
                (pieces[2], pieces[3])
            );
            assert_eq!(date.text, entries.date_texts[i]);
        }
        assert!(entries.get(2).is_err());
    }

    #[test]
    fn a_file_that_cannot_be_written_hands_its_entries_to_memory() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entries");
        std::fs::write(&path, "<li>a</li><li>b</li>").unwrap();
        // Opened to read only, as a full disk refuses writes.
        let file = std::fs::File::open(&path).unwrap();
        let mut store = Store::File(Spill::over(file, 10));
        let at = store.append(b"<li>c</li>").unwrap();
        assert!(matches!(store, Store::Memory(_)));
        assert_eq!(at, 10);
        assert_eq!(store.read(0, 10).unwrap(), b"<li>a</li>");
        assert_eq!(store.read(10, 10).unwrap(), b"<li>c</li>");
    }
}
