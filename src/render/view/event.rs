//! An event's views: what lists hold of it, what its list entry and its page
//! receive.

use super::{link_for, period_link, tag_link, DateView, Link, Links};
use crate::date::{EventDate, Lang, Moment};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{Group, Timeline, TimelineEvent};
use crate::parse::config::Config;
use crate::parse::event::Location;
use crate::route::{Kind, Route};
use crate::slug::Slug;
use schemars::JsonSchema;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct ImageView {
    /// Link to the image: its URL, or the copy beside the event's page.
    pub src: String,
    /// Absolute where `base_url` has an origin (for Open Graph).
    pub permalink: String,
    /// Text for readers who cannot see it.
    pub alt: String,
    /// A caption, if any.
    pub caption: Option<String>,
    /// Who made it, if given.
    pub credit: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct SourceView {
    /// The article's address (http or https), if known: a URL is never invented.
    pub url: Option<String>,
    /// Its title, if given.
    pub title: Option<String>,
    /// Who published it, if given.
    pub publisher: Option<String>,
    /// When it was published, if given.
    pub date: Option<DateView>,
    /// An archived copy's address, if given.
    pub archive: Option<String>,
    /// A quotation from it, if given.
    pub quote: Option<String>,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EventRef {
    /// The event's slug.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Link to its page.
    pub url: String,
    /// When it happened.
    pub date: DateView,
}

/// What every view of an event has: the fields a list entry needs and no
/// more, since lists hold one for every event at once.
#[derive(Debug, Clone, JsonSchema)]
pub(crate) struct EventBasics {
    /// The event's slug (its file name unless `slug:` says otherwise).
    pub slug: String,
    /// The title, plain text.
    pub title: String,
    /// Link to the event's page (honours `base_url`).
    pub url: String,
    /// Absolute URL of the event's page where `base_url` has an origin, else the link.
    pub permalink: String,
    /// When it happened.
    pub date: DateView,
    /// The year it is filed under in lists: its start's (its end's for an
    /// open or unknown start), astronomical (`-43` is 44 BCE, `-13800000000`
    /// a long year); none for an unknown year (`XXXX`).
    pub year: Option<i64>,
    /// `reported`, `claimed`, `confirmed`, `disputed` or `denied`.
    pub status: &'static str,
    /// Plain text: the `summary` key, or the body's first paragraph.
    pub summary: String,
    /// Whether it is a draft (built only with `--drafts`).
    pub draft: bool,
    /// Tie-break among events at the same moment (lower first).
    pub weight: i64,
}

/// An event as its list entry (`event_item.html`) sees it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EventView {
    #[serde(flatten)]
    pub basics: EventBasics,
    /// Its actors, in the order written.
    pub actors: Vec<Link>,
    /// Its theatres, in the order written.
    pub theatres: Vec<Link>,
    /// Its tags, in the order written.
    pub tags: Vec<Link>,
    /// The periods it belongs to, in time order.
    pub periods: Vec<Link>,
    /// Its image, if any.
    pub image: Option<ImageView>,
    /// Its sources, in the order written.
    pub sources: Vec<SourceView>,
    /// Where it happened, if given.
    pub location: Option<Location>,
    /// The front matter's `extra`, unchanged.
    pub extra: serde_json::Value,
    /// What the theme's filters match on, as `data-` attribute values.
    pub facets: Facets,
}

impl EventBasics {
    const FIELDS: usize = 10;

    /// Writes the fields into a struct being serialised: `EventBasics` is
    /// flattened into other views, and a flattened struct serialises as a
    /// map whose keys tera must allocate, once per field per event, where a
    /// struct's keys are `&'static str`s. Lists keep one value per event for
    /// the whole build, so their `ListEvent` writes these fields itself.
    fn write_fields<S: SerializeStruct>(&self, s: &mut S) -> Result<(), S::Error> {
        s.serialize_field("slug", &self.slug)?;
        s.serialize_field("title", &self.title)?;
        s.serialize_field("url", &self.url)?;
        s.serialize_field("permalink", &self.permalink)?;
        s.serialize_field("date", &self.date)?;
        s.serialize_field("year", &self.year)?;
        s.serialize_field("status", &self.status)?;
        s.serialize_field("summary", &self.summary)?;
        s.serialize_field("draft", &self.draft)?;
        s.serialize_field("weight", &self.weight)
    }
}

impl Serialize for EventBasics {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("EventBasics", Self::FIELDS)?;
        self.write_fields(&mut s)?;
        s.end()
    }
}

/// An event as list pages receive it in `events` (and in `groups`): its
/// basics, its links, and its entry rendered once by `event_item.html`.
/// The links are Tera values shared by every event that names the same
/// actor, theatre or tag (tera serialises a nested `Value` by sharing it).
/// Serialised as one struct (see [`EventBasics::write_fields`]).
#[derive(Debug, Clone, JsonSchema)]
pub(crate) struct ListEvent {
    #[serde(flatten)]
    pub basics: EventBasics,
    /// Its actors, in the order written.
    #[schemars(with = "Vec<Link>")]
    pub actors: tera::Value,
    /// Its theatres, in the order written.
    #[schemars(with = "Vec<Link>")]
    pub theatres: tera::Value,
    /// Its tags, in the order written.
    #[schemars(with = "Vec<Link>")]
    pub tags: tera::Value,
    /// The entry as `event_item.html` rendered it (html; print with `| safe`).
    /// Absent when the theme has no `event_item.html`.
    #[schemars(with = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<tera::Value>,
    /// The compact line `event_line.html` rendered (html; print with `| safe`).
    /// Absent when the theme has no `event_line.html`.
    #[schemars(with = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<tera::Value>,
}

impl Serialize for ListEvent {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ListEvent", EventBasics::FIELDS + 5)?;
        self.basics.write_fields(&mut s)?;
        s.serialize_field("actors", &self.actors)?;
        s.serialize_field("theatres", &self.theatres)?;
        s.serialize_field("tags", &self.tags)?;
        for (name, value) in [("item", &self.item), ("line", &self.line)] {
            match value {
                Some(html) => s.serialize_field(name, html)?,
                None => s.skip_field(name)?,
            }
        }
        s.end()
    }
}

/// An event page's `event`: the list entry's view, what only its own page
/// shows, and its list entry.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct FullEvent {
    #[serde(flatten)]
    pub view: EventView,
    #[serde(flatten)]
    pub page: EventPageView,
    /// The entry as `event_item.html` rendered it (html; print with `| safe`).
    /// Absent when the theme has no `event_item.html`.
    #[schemars(with = "Option<String>")]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<tera::Value>,
}

/// What only an event's own page shows. Kept out of [`EventView`], which
/// every list holds for every event, because the body is most of an event's
/// weight and each event page is rendered once: building these when the page
/// is rendered costs nothing extra and keeps memory linear with a small slope.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EventPageView {
    /// Rendered, sanitised Markdown; print with `| safe`.
    pub body: String,
    /// The events it names in `related`, in the order written.
    pub related: Vec<EventRef>,
    /// The event before it in timeline order, if any.
    pub prev: Option<EventRef>,
    /// The event after it in timeline order, if any.
    pub next: Option<EventRef>,
}

/// Space-separated slugs and day numbers, for client-side filtering.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Facets {
    /// Its actors' slugs, space-separated.
    pub actors: String,
    /// The event's theatres and every theatre that contains them.
    pub theatres: String,
    /// Its tags' slugs, space-separated.
    pub tags: String,
    /// Its periods' slugs, space-separated.
    pub periods: String,
    /// Days since 1970-01-01 of the earliest and latest moment, so that a date
    /// range compares numbers, BCE and long years included. Open ends are ±10^14 days.
    pub start: i64,
    /// The latest moment, as `start`.
    pub end: i64,
}

fn event_ref(t: &Timeline, i: usize, links: &Links, lang: &Lang) -> EventRef {
    let e = &t.events[i].event;
    EventRef {
        slug: e.slug.to_string(),
        title: e.title.clone(),
        url: links.link(&Route::event(&e.slug).path()),
        date: DateView::new(&e.date, lang),
    }
}

/// Event `i`'s view, as `event_item.html` and `event.html` see it.
pub(crate) fn event(t: &Timeline, i: usize, config: &Config) -> EventView {
    let links = Links {
        base: &config.base_url,
    };
    event_view(t, i, &links, config)
}

/// Each actor's, theatre's and tag's link as one Tera value, shared by every
/// event that names it: a link is three strings, and a timeline names its
/// actors hundreds of times each.
/// Keyed with FxHash: looked up for every link of every event a page shows,
/// by the build's own slugs, where SipHash's defence against chosen keys
/// buys nothing.
pub(crate) struct SharedLinks {
    actors: rustc_hash::FxHashMap<Slug, tera::Value>,
    theatres: rustc_hash::FxHashMap<Slug, tera::Value>,
    tags: rustc_hash::FxHashMap<Slug, tera::Value>,
}

impl SharedLinks {
    pub(crate) fn new(t: &Timeline, config: &Config) -> SharedLinks {
        let links = Links {
            base: &config.base_url,
        };
        let value = |link: Link| tera::Value::from_serializable(&link);
        let groups = |kind: Kind, groups: &BTreeMap<Slug, Group>| {
            groups
                .keys()
                .map(|s| (s.clone(), value(link_for(&links, kind, groups, s))))
                .collect()
        };
        SharedLinks {
            actors: groups(Kind::Actor, &t.actors),
            theatres: groups(Kind::Theatre, &t.theatres),
            tags: t
                .tags
                .keys()
                .map(|s| (s.clone(), value(tag_link(&links, t, s))))
                .collect(),
        }
    }

    /// Links to the groups `slugs` of `kind`, in order: the shared values,
    /// and for a slug without a page (a draft's actor) the event's own link
    /// from `own`.
    /// The shared links of `slugs`; one made here where none is shared.
    fn list(&self, kind: Kind, slugs: &[Slug], own: impl Fn(&Slug) -> Link) -> tera::Value {
        let map = match kind {
            Kind::Actor => &self.actors,
            Kind::Theatre => &self.theatres,
            Kind::Tag | Kind::Year | Kind::Period => &self.tags,
        };
        tera::Value::from(
            slugs
                .iter()
                .map(|s| match map.get(s) {
                    Some(v) => v.clone(),
                    None => tera::Value::from_serializable(&own(s)),
                })
                .collect::<Vec<_>>(),
        )
    }

    /// What lists hold of event `i`: its basics, its links and its rendered
    /// entries. Built each time a page shows the event (memory keeps only the
    /// entries), so it makes no more of the event's view than that.
    pub(crate) fn list_event(
        &self,
        t: &Timeline,
        i: usize,
        config: &Config,
        date: DateView,
        item: Option<tera::Value>,
        line: Option<tera::Value>,
    ) -> ListEvent {
        let te = &t.events[i];
        let links = Links {
            base: &config.base_url,
        };
        ListEvent {
            actors: self.list(Kind::Actor, &te.actors, |s| {
                link_for(&links, Kind::Actor, &t.actors, s)
            }),
            theatres: self.list(Kind::Theatre, &te.theatres, |s| {
                link_for(&links, Kind::Theatre, &t.theatres, s)
            }),
            tags: self.list(Kind::Tag, &te.tags, |s| tag_link(&links, t, s)),
            basics: basics(t, i, &links, config, date),
            item,
            line,
        }
    }
}

/// Event `i`'s basics, with its `date` made by the caller (lists read it
/// prepared).
fn basics(t: &Timeline, i: usize, links: &Links, config: &Config, date: DateView) -> EventBasics {
    let e = &t.events[i].event;
    let url_path = Route::event(&e.slug).path();
    EventBasics {
        slug: e.slug.to_string(),
        title: e.title.clone(),
        url: links.link(&url_path),
        permalink: config.base_url.absolute(&url_path),
        date,
        year: e.date.list_year(),
        status: e.status.as_str(),
        summary: e.summary_text.clone(),
        draft: e.draft,
        weight: e.weight,
    }
}

fn event_view(t: &Timeline, i: usize, links: &Links, config: &Config) -> EventView {
    let te: &TimelineEvent = &t.events[i];
    let e = &te.event;
    let lang = &config.lang;
    EventView {
        basics: basics(t, i, links, config, DateView::new(&e.date, lang)),
        actors: te
            .actors
            .iter()
            .map(|s| link_for(links, Kind::Actor, &t.actors, s))
            .collect(),
        theatres: te
            .theatres
            .iter()
            .map(|s| link_for(links, Kind::Theatre, &t.theatres, s))
            .collect(),
        tags: te.tags.iter().map(|s| tag_link(links, t, s)).collect(),
        periods: te
            .periods
            .iter()
            .map(|s| period_link(links, t, s))
            .collect(),
        image: e.image.as_ref().map(|img| ImageView {
            src: img.src.url(&config.base_url, &e.slug, false),
            permalink: img.src.url(&config.base_url, &e.slug, true),
            alt: img.alt.clone(),
            caption: img.caption.clone(),
            credit: img.credit.clone(),
        }),
        sources: e
            .sources
            .iter()
            .map(|s| SourceView {
                url: s.url.clone(),
                title: s.title.clone(),
                publisher: s.publisher.clone(),
                date: s.date.as_ref().map(|d| DateView::new(d, lang)),
                archive: s.archive.clone(),
                quote: s.quote.clone(),
            })
            .collect(),
        location: e.location.as_deref().cloned(),
        extra: e.extra.clone(),
        facets: facets(t, i),
    }
}

/// The part of event `i`'s view that only its own page needs.
pub(crate) fn event_page(
    t: &Timeline,
    i: usize,
    config: &Config,
) -> Result<EventPageView, Diagnostic> {
    let links = Links {
        base: &config.base_url,
    };
    let te = &t.events[i];
    let lang = &config.lang;
    Ok(EventPageView {
        body: markdown::to_html(&te.event.body_text()?, config.unsafe_html),
        related: te
            .related
            .iter()
            .map(|&r| event_ref(t, r, &links, lang))
            .collect(),
        prev: te.prev.map(|p| event_ref(t, p, &links, lang)),
        next: te.next.map(|n| event_ref(t, n, &links, lang)),
    })
}

fn facets(t: &Timeline, i: usize) -> Facets {
    let te = &t.events[i];
    let join = |v: &[Slug]| v.iter().map(Slug::as_str).collect::<Vec<_>>().join(" ");
    let (start, end) = day_span(&te.event.date);
    Facets {
        actors: join(&te.actors),
        theatres: join(&t.theatres_within(i)),
        tags: join(&te.tags),
        periods: join(&te.periods),
        start,
        end,
    }
}

/// Days since 1970-01-01 (UTC) of a date's earliest and latest moment, so
/// that a date range compares numbers, BCE and long years included; open
/// ends are ±10^14 days, beyond the longest year (about 3.7 × 10^13 days),
/// and still exact as a JavaScript number.
pub(crate) fn day_span(d: &EventDate) -> (i64, i64) {
    const OPEN: i64 = 100_000_000_000_000;
    (
        d.earliest_utc().map_or(-OPEN, Moment::days),
        d.latest_utc().map_or(OPEN, Moment::days),
    )
}
