//! The files embedding needs besides its pages (SPEC §8): the loader
//! (`embed.js`), the stylesheet and script every embed page shares
//! (`embed/style.css`, `embed/page.js`), each list's compact data for filters
//! (`embed/…/data.json`), the static oEmbed responses and, when enabled,
//! HTML fragments.

use super::{view, Renderer};
use crate::date::EventDate;
use crate::diagnostic::Diagnostic;
use crate::escape;
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::plan;
use crate::route::{DataFile, Embeddable, GroupId, ListId, Route};
use crate::slug::Slug;
use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Value};

/// Width and height an oEmbed consumer reserves before the loader or pym
/// sizes the frame: lists are tall, a card is short.
const OEMBED_WIDTH: u32 = 600;
const OEMBED_LIST_HEIGHT: u32 = 600;
const OEMBED_CARD_HEIGHT: u32 = 320;
/// How long consumers may cache a response: a day, as the site changes.
const OEMBED_CACHE_AGE: u32 = 86_400;

/// The columns of a record in a list's `data.json`, in order: each record
/// is an array (`["/events/x/", "Title", …]`), so that the names are written
/// once per file rather than once per event (about a sixth of the bytes).
/// The slug is the `url`'s last segment; `date` is the date as displayed,
/// `iso` its EDTF value and `datetime` the value of `<time datetime>` when
/// it is one point HTML can express (else null: the script writes `<data>`);
/// `theatres` holds its theatres and every theatre that contains them;
/// `start` and `end` are days since 1970-01-01 (UTC) of its earliest and
/// latest moment.
const RECORD_FIELDS: [&str; 12] = [
    "url", "title", "date", "iso", "datetime", "summary", "status", "actors", "theatres", "tags",
    "start", "end",
];

/// One event in a list's `data.json`, in the order of [`RECORD_FIELDS`]:
/// what the embed page's script filters on and shows.
type Record<'a> = (
    String,
    &'a str,
    &'a str,
    String,
    Option<String>,
    &'a str,
    &'static str,
    Vec<&'a str>,
    Vec<Slug>,
    Vec<&'a str>,
    i64,
    i64,
);

/// The static oEmbed response (oEmbed 1.0, type `rich`).
#[derive(Serialize)]
struct OEmbed {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    provider_name: String,
    provider_url: String,
    html: String,
    width: u32,
    height: u32,
    cache_age: u32,
}

/// Takes each embedding file as it is made, from any thread; false when it
/// could not be written (the failure is the caller's to record).
type Put<'p> = dyn Fn(Route, Result<Vec<u8>, Diagnostic>) -> bool + Sync + 'p;

/// Adds bytes to the end of a file that [`Put`] began; false as [`Put`].
type Append<'p> = dyn Fn(&Route, &[u8]) -> bool + Sync + 'p;

/// The layout of a list's `data.json`: 2 since records are arrays named by
/// the file's `fields` (1 wrote each record as an object).
const DATA_VERSION: u32 = 2;

/// Bytes of a `data.json` made before they are written: the timeline's
/// whole list holds every event's record (60 MB at 100k events), so a
/// list's file is written piece by piece, never held whole.
const DATA_PIECE: usize = 1 << 20;

/// The files written once for the whole site, whatever its events, each from
/// its built-in template: the host pages' loader, and the stylesheet and
/// script every embed page links (so that a page carries only its content).
const SHARED: [(DataFile, &str); 3] = [
    (DataFile::EmbedLoader, "embed.js"),
    (DataFile::EmbedStyle, "embed_style.css"),
    (DataFile::EmbedScript, "embed_page.js"),
];

impl Renderer<'_> {
    /// Every embedding file but the embed pages themselves, each handed to
    /// `put` as soon as it is made: a list's `data.json` holds a record of
    /// each of its events, and every event is in several lists, so all of
    /// them at once would weigh several times the records.
    pub(crate) fn embed_files(&self, put: &Put<'_>, append: &Append<'_>) {
        let (t, c) = (self.timeline, self.config);
        for &(file, template) in &SHARED {
            put(Route::Data(file), self.shared(template));
        }
        let lists: Vec<ListId> = plan::lists(t).collect();
        // Each event's record is made once, for the eight or so lists that
        // hold it (made per list, they were 4 % of a 100k build's samples),
        // and kept only while the lists are written (43 MB at 100k events).
        let records: Vec<Box<str>> = (0..t.events.len())
            .into_par_iter()
            .map(|i| record(t, c, i, &self.p.entries.date_texts[i]).into_boxed_str())
            .collect();
        lists.par_iter().for_each(|list| {
            let route = Route::EmbedData(list.clone());
            // After a failed write, the rest of the file is not tried: one
            // error per file.
            let mut begun = false;
            let mut failed = false;
            self.data_json(list, |i| (&*records[i]).into(), &mut |piece| {
                if failed {
                    return;
                }
                failed = !if begun {
                    append(&route, &piece)
                } else {
                    begun = true;
                    put(route.clone(), Ok(piece))
                };
            });
        });
        if c.base_url.has_origin() {
            plan::embeddable(t)
                .collect::<Vec<_>>()
                .into_par_iter()
                .for_each(|of| {
                    let bytes = self.oembed_json(&of);
                    put(Route::OEmbed(of), bytes);
                });
        }
        if c.embed.fragments {
            lists.into_par_iter().for_each(|list| {
                let bytes = self.fragment(&list);
                put(Route::Fragment(list), bytes);
            });
        }
    }

    /// One embedding file of those [`embed_files`](Self::embed_files)
    /// writes, alone; `None` for a route that is not one of them.
    pub(crate) fn embed_file(&self, route: &Route) -> Option<Result<Vec<u8>, Diagnostic>> {
        Some(match route {
            Route::Data(file) => {
                let (_, template) = SHARED.iter().find(|(f, _)| f == file)?;
                self.shared(template)
            }
            Route::EmbedData(list) => {
                let (t, c) = (self.timeline, self.config);
                let date_texts = &self.p.entries.date_texts;
                let mut json = Vec::new();
                self.data_json(
                    list,
                    |i| record(t, c, i, &date_texts[i]).into(),
                    &mut |piece| json.extend_from_slice(&piece),
                );
                Ok(json)
            }
            Route::OEmbed(of) => self.oembed_json(of),
            Route::Fragment(list) => self.fragment(list),
            _ => return None,
        })
    }

    /// One of the [`SHARED`] files: its template, which a theme or site
    /// may override, rendered with the global `site` and `t` alone.
    fn shared(&self, template: &str) -> Result<Vec<u8>, Diagnostic> {
        self.render_template(template, &Context::new())
    }

    /// A list's `data.json`, from each event's record, handed to `emit` in
    /// pieces of about [`DATA_PIECE`] bytes (at least one).
    fn data_json<'r>(
        &self,
        list: &ListId,
        record: impl Fn(usize) -> std::borrow::Cow<'r, str>,
        emit: &mut dyn FnMut(Vec<u8>),
    ) {
        let events: Vec<usize> = plan::display_order(self.timeline, list, self.config).collect();
        // Field names are plain words: serialising them cannot fail.
        let fields = serde_json::to_string(&RECORD_FIELDS).unwrap_or_default();
        let mut json = format!(
            r#"{{"version":{DATA_VERSION},"total":{},"fields":{fields},"events":["#,
            events.len()
        );
        for (n, &i) in events.iter().enumerate() {
            if n > 0 {
                json.push(',');
            }
            json.push_str(&record(i));
            if json.len() >= DATA_PIECE {
                let next = String::with_capacity(DATA_PIECE + DATA_PIECE / 8);
                emit(std::mem::replace(&mut json, next).into_bytes());
            }
        }
        json.push_str("]}");
        emit(json.into_bytes());
    }

    fn oembed_json(&self, of: &Embeddable) -> Result<Vec<u8>, Diagnostic> {
        serde_json::to_vec_pretty(&self.oembed(of)).map_err(|e| json_error(of, &e))
    }

    fn fragment(&self, list: &ListId) -> Result<Vec<u8>, Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let events = plan::embed_slice(t, list, c);
        let values: Vec<Value> = events
            .iter()
            .map(|&i| self.list_value(i))
            .collect::<Result<_, _>>()?;
        let mut ctx = Context::new();
        ctx.insert_value("events", Value::from(values));
        ctx.insert("total", &t.list(list).len());
        self.render_template("fragment.html", &ctx)
    }

    fn oembed(&self, of: &Embeddable) -> OEmbed {
        let (t, c) = (self.timeline, self.config);
        let title = title_of(t, of, &c.lang, &c.title);
        let url = c.base_url.absolute(&Route::Embed(of.clone()).path());
        let height = frame_height(of);
        OEmbed {
            version: "1.0",
            kind: "rich",
            html: iframe_snippet(&url, &title, height),
            title,
            provider_name: c.title.clone(),
            provider_url: c.base_url.absolute(""),
            width: OEMBED_WIDTH,
            height,
            cache_age: OEMBED_CACHE_AGE,
        }
    }
}

/// Event `i`'s record in a list's `data.json`
/// (`{"version":2,"total":N,"fields":[…],"events":[record, …]}`), as JSON
/// text; `date_text` is its date as displayed.
fn record(t: &Timeline, c: &Config, i: usize, date_text: &str) -> String {
    let te = &t.events[i];
    let e = &te.event;
    let (start, end) = view::day_span(&e.date);
    let record: Record = (
        c.base_url.link(&Route::event(&e.slug).path()),
        &e.title,
        date_text,
        e.date.iso(),
        match &e.date {
            EventDate::Point(p) => p.html_datetime(),
            EventDate::Interval { .. } => None,
        },
        &e.summary_text,
        e.status.as_str(),
        te.actors.iter().map(|s| s.as_str()).collect(),
        t.theatres_within(i),
        te.tags.iter().map(|s| s.as_str()).collect(),
        start,
        end,
    );
    // Serialising plain strings and numbers cannot fail.
    serde_json::to_string(&record).unwrap_or_default()
}

/// The height a plain iframe of `of` starts with.
pub(super) fn frame_height(of: &Embeddable) -> u32 {
    match of {
        Embeddable::List(_) => OEMBED_LIST_HEIGHT,
        Embeddable::Event(_) => OEMBED_CARD_HEIGHT,
    }
}

/// The plain iframe snippet, as HTML text: what oEmbed's `html` holds and
/// "Embed this" offers.
pub(super) fn iframe_snippet(url: &str, title: &str, height: u32) -> String {
    format!(
        r#"<iframe src="{}" title="{}" width="100%" height="{height}" style="border:0" loading="lazy"></iframe>"#,
        escape::html(url),
        escape::html(title),
    )
}

/// The loader snippet, as HTML text.
pub(super) fn loader_snippet(name: &str, loader: &str) -> String {
    format!(
        "<div data-annals-embed=\"{}\"></div>\n<script src=\"{}\" async></script>",
        escape::html(name),
        escape::html(loader),
    )
}

/// What an embeddable thing is called: the site, a group or an event.
fn title_of(t: &Timeline, of: &Embeddable, lang: &crate::date::Lang, site: &str) -> String {
    match of {
        Embeddable::List(ListId::Timeline) => site.to_string(),
        Embeddable::List(ListId::Group(id)) => match id {
            GroupId::Actor(s) => t.actors.get(s).map(|g| g.entity.name.clone()),
            GroupId::Theatre(s) => t.theatres.get(s).map(|g| g.entity.name.clone()),
            GroupId::Tag(s) => t.tags.get(s).map(|g| g.name.clone()),
            GroupId::Year(y) => Some(view::year_label(i64::from(*y), lang)),
            GroupId::Period(s) => t.periods.by_slug.get(s).map(|p| p.name.clone()),
        }
        .unwrap_or_else(|| id.segment()),
        Embeddable::Event(slug) => t
            .index_of(slug)
            .map(|i| t.events[i].event.title.clone())
            .unwrap_or_else(|| slug.to_string()),
    }
}

fn json_error(what: &impl std::fmt::Debug, e: &serde_json::Error) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::Code::Io,
        format!("cannot write the embedding data of {what:?}: {e}"),
    )
}
