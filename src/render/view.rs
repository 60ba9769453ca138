//! What templates see: serialisable views of the model. Each event's view is
//! built once and shared by every page that lists it (tera values are `Arc`s),
//! so rendering stays linear in the number of events.
//!
//! `docs/templates.md` documents these fields; keep the two in step.

use crate::date::{EventDate, Lang};
use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{Group, Timeline, TimelineEvent};
use crate::parse::config::{BaseUrl, Config};
use crate::parse::event::Location;
use crate::route::{GroupId, Kind, Route};
use crate::slug::Slug;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct DateView {
    /// EDTF as normalised (`2023-07-10/2023-07-14`, `2023-07~`).
    pub iso: String,
    /// Plain text (`10–14 July 2023`).
    pub text: String,
    /// The same in `<time datetime>` elements; print with `| safe`.
    pub html: String,
}

impl DateView {
    pub(crate) fn new(date: &EventDate, lang: &Lang) -> DateView {
        let d = date.display(lang);
        DateView {
            iso: date.iso(),
            text: d.text(),
            html: d.html(),
        }
    }
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Link {
    /// Its slug.
    pub slug: String,
    /// Its name as the metadata file (or the first mention) gives it.
    pub name: String,
    /// Link to its page (honours `base_url`).
    pub url: String,
}

/// A named group (a tag, an actor or theatre in relation lists) with its count.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Counted {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// How many events it has (a theatre counts its sub-theatres' events).
    pub count: usize,
}

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

/// An event, as its list entry (`event_item.html`) and its page see it.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EventView {
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
    /// The year it is filed under (astronomical: `-43` is 44 BCE).
    pub year: i32,
    /// `reported`, `claimed`, `confirmed`, `disputed` or `denied`.
    pub status: &'static str,
    /// Its actors, in the order written.
    pub actors: Vec<Link>,
    /// Its theatres, in the order written.
    pub theatres: Vec<Link>,
    /// Its tags, in the order written.
    pub tags: Vec<Link>,
    /// Plain text: the `summary` key, or the body's first paragraph.
    pub summary: String,
    /// Its image, if any.
    pub image: Option<ImageView>,
    /// Its sources, in the order written.
    pub sources: Vec<SourceView>,
    /// Where it happened, if given.
    pub location: Option<Location>,
    /// Whether it is a draft (built only with `--drafts`).
    pub draft: bool,
    /// Tie-break among events at the same moment (lower first).
    pub weight: i64,
    /// The front matter's `extra`, unchanged.
    pub extra: serde_json::Value,
    /// What the theme's filters match on, as `data-` attribute values.
    pub facets: Facets,
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
    /// Days since 1970-01-01 of the earliest and latest moment, so that a date
    /// range compares numbers, BCE included. Open ends are ±100 000 000 days.
    pub start: i64,
    /// The latest moment, as `start`.
    pub end: i64,
}

/// An actor or a theatre.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EntityView {
    /// Its slug.
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Link to its page (honours `base_url`).
    pub url: String,
    /// Other names that resolve to it.
    pub aliases: Vec<String>,
    /// Actors: `person`, `unit`, `organisation`, `state` or `other`, from the metadata file.
    pub kind: Option<crate::parse::entity::ActorKind>,
    /// Actors: the side it belongs to, from the metadata file.
    pub affiliation: Option<String>,
    /// Rendered Markdown; print with `| safe`.
    pub description: String,
    /// How many events it has (a theatre counts its sub-theatres').
    pub count: usize,
    /// The first start of its events, without qualifiers.
    pub first: Option<DateView>,
    /// The latest end of its events, without qualifiers.
    pub last: Option<DateView>,
    /// Theatres: the theatre that contains it.
    pub parent: Option<Link>,
    /// Theatres: its sub-theatres.
    pub children: Vec<Link>,
    /// Theatres: where it is, if given.
    pub location: Option<Location>,
    /// Actor: theatres it appears in. Theatre: actors active there. The most
    /// frequent, at most `model::RELATIONS`.
    pub across: Vec<Counted>,
    /// How many there are in all.
    pub across_total: usize,
    /// Actor: actors it appears with, as `across`.
    pub with: Vec<Counted>,
    /// How many actors it appears with in all.
    pub with_total: usize,
}

/// A year with events.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct YearView {
    /// The year (astronomical: `-43` is 44 BCE).
    pub year: i32,
    /// `2023`, `44 BCE`, in the site's language.
    pub label: String,
    /// Link to the year's page.
    pub url: String,
    /// How many events it has.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct Counts {
    /// Events built.
    pub events: usize,
    /// Actors with a page.
    pub actors: usize,
    /// Theatres with a page.
    pub theatres: usize,
    /// Tags.
    pub tags: usize,
    /// Years with events.
    pub years: usize,
}

/// `site`, in every template's global context.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct SiteView {
    /// From `annals.yaml`.
    pub title: String,
    /// From `annals.yaml`.
    pub description: String,
    /// Path prefix for links (`/war/`).
    pub base_path: String,
    /// Absolute root URL when `base_url` has an origin, else the path.
    pub url: String,
    /// The site's language (`en`, `fr`, `de`, `es`, `ru`, `uk`).
    pub language: String,
    /// The zone for times written without an offset.
    pub timezone: String,
    /// `ascending` or `descending` (newest first on list pages).
    pub order: crate::parse::config::Order,
    /// The theme's name.
    pub theme: String,
    /// `annals <version>`.
    pub generator: String,
    /// The theme's `extra` with the site's `extra` merged over it.
    pub extra: serde_json::Value,
    /// Totals.
    pub counts: Counts,
    /// Every actor, the same values their pages get.
    pub actors: Vec<EntityView>,
    /// Every theatre, the same values their pages get.
    pub theatres: Vec<EntityView>,
    /// Every tag.
    pub tags: Vec<Counted>,
    /// Every year with events.
    pub years: Vec<YearView>,
    /// The five statuses, in order.
    pub statuses: Vec<&'static str>,
    /// Whether drafts are being built.
    pub drafts: bool,
    /// Which feeds and exports are written, by name (`atom: true`, …).
    pub feeds: BTreeMap<&'static str, bool>,
}

pub(crate) struct Links<'a> {
    pub base: &'a BaseUrl,
}

impl Links<'_> {
    fn link(&self, path: &str) -> String {
        self.base.link(path)
    }
}

/// The group of `kind` with this slug: an actor, a theatre or a tag. Years
/// are not named by slugs; no caller passes `Kind::Year`.
pub(crate) fn group_id(kind: Kind, slug: &Slug) -> GroupId {
    match kind {
        Kind::Actor => GroupId::Actor(slug.clone()),
        Kind::Theatre => GroupId::Theatre(slug.clone()),
        Kind::Tag | Kind::Year => GroupId::Tag(slug.clone()),
    }
}

fn tag_link(links: &Links, t: &Timeline, slug: &Slug) -> Link {
    Link {
        slug: slug.to_string(),
        name: t
            .tags
            .get(slug)
            .map(|x| x.name.clone())
            .unwrap_or_else(|| slug.to_string()),
        url: links.link(&Route::group(GroupId::Tag(slug.clone())).path()),
    }
}

/// The link to an actor or theatre; one without a page of its own (named only
/// by a draft) still gets a link by its slug.
fn link_for(links: &Links, kind: Kind, groups: &BTreeMap<Slug, Group>, slug: &Slug) -> Link {
    let name = match groups.get(slug) {
        Some(g) => g.entity.name.clone(),
        None => slug.to_string(),
    };
    Link {
        slug: slug.to_string(),
        name,
        url: links.link(&Route::group(group_id(kind, slug)).path()),
    }
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

/// The fields of an event that list pages get, besides `item`: what a list
/// entry needs and no more, since lists hold a value for every event at once.
/// `actors`, `theatres` and `tags` are shared values (see [`SharedLinks`]).
pub(crate) const LIST_FIELDS: &[&str] = &[
    "slug",
    "title",
    "url",
    "permalink",
    "date",
    "year",
    "status",
    "summary",
    "draft",
    "weight",
];

/// Each actor's, theatre's and tag's link as one Tera value, shared by every
/// event that names it: a link is three strings, and a timeline names its
/// actors hundreds of times each.
pub(crate) struct SharedLinks {
    actors: std::collections::HashMap<Slug, tera::Value>,
    theatres: std::collections::HashMap<Slug, tera::Value>,
    tags: std::collections::HashMap<Slug, tera::Value>,
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

    /// Event `i`'s links to groups of `kind`, in order: the shared values,
    /// and for a slug without a page (a draft's actor) the event's own link
    /// from its full view `own`.
    fn list(&self, kind: Kind, slugs: &[Slug], own: Option<&tera::Value>) -> tera::Value {
        let map = match kind {
            Kind::Actor => &self.actors,
            Kind::Theatre => &self.theatres,
            Kind::Tag | Kind::Year => &self.tags,
        };
        let own = own.and_then(tera::Value::as_array).unwrap_or_default();
        tera::Value::from(
            slugs
                .iter()
                .zip(own.iter().map(Some).chain(std::iter::repeat(None)))
                .map(|(s, o)| match map.get(s) {
                    Some(v) => v.clone(),
                    None => o.cloned().unwrap_or_else(tera::Value::none),
                })
                .collect::<Vec<_>>(),
        )
    }

    /// What lists keep of event `i`: [`LIST_FIELDS`] of its full view `full`,
    /// shared links, and its rendered entry.
    pub(crate) fn lean_event(
        &self,
        t: &Timeline,
        i: usize,
        full: tera::Value,
        item: Option<tera::Value>,
    ) -> tera::Value {
        use tera::value::Key;
        let mut full = full.into_map().unwrap_or_default();
        let mut lean = tera::Map::with_capacity(LIST_FIELDS.len() + 4);
        for &field in LIST_FIELDS {
            if let Some(v) = full.swap_remove(&Key::Str(field)) {
                lean.insert(field.into(), v);
            }
        }
        let te = &t.events[i];
        for (kind, slugs) in [
            (Kind::Actor, &te.actors),
            (Kind::Theatre, &te.theatres),
            (Kind::Tag, &te.tags),
        ] {
            let section = kind.section();
            let list = self.list(kind, slugs, full.get(&Key::Str(section)));
            lean.insert(section.into(), list);
        }
        if let Some(item) = item {
            lean.insert("item".into(), item);
        }
        tera::Value::from(lean)
    }
}

fn event_view(t: &Timeline, i: usize, links: &Links, config: &Config) -> EventView {
    let te: &TimelineEvent = &t.events[i];
    let e = &te.event;
    let lang = &config.lang;
    let url_path = Route::event(&e.slug).path();
    let summary = e.summary_text.clone();
    EventView {
        slug: e.slug.to_string(),
        title: e.title.clone(),
        url: links.link(&url_path),
        permalink: config.base_url.absolute(&url_path),
        date: DateView::new(&e.date, lang),
        year: te.year,
        status: e.status.as_str(),
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
        summary,
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
        draft: e.draft,
        weight: e.weight,
        extra: e.extra.clone(),
        facets: facets(t, te),
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

fn facets(t: &Timeline, te: &TimelineEvent) -> Facets {
    let join = |v: &[Slug]| v.iter().map(Slug::as_str).collect::<Vec<_>>().join(" ");
    let mut theatres: Vec<Slug> = Vec::new();
    for s in &te.theatres {
        for c in std::iter::once(s.clone()).chain(t.ancestors(s)) {
            if !theatres.contains(&c) {
                theatres.push(c);
            }
        }
    }
    const OPEN: i64 = 100_000_000;
    let d = &te.event.date;
    let day = |x: chrono::NaiveDateTime| x.and_utc().timestamp().div_euclid(86_400);
    Facets {
        actors: join(&te.actors),
        theatres: join(&theatres),
        tags: join(&te.tags),
        start: d.earliest_utc().map(day).unwrap_or(-OPEN),
        end: d.latest_utc().map(day).unwrap_or(OPEN),
    }
}

/// An actor's or theatre's view (`kind` is one of the two).
pub(crate) fn entity(t: &Timeline, kind: Kind, g: &Group, config: &Config) -> EntityView {
    let links = Links {
        base: &config.base_url,
    };
    let lang = &config.lang;
    let (own, other, other_kind) = if kind == Kind::Actor {
        (&t.actors, &t.theatres, Kind::Theatre)
    } else {
        (&t.theatres, &t.actors, Kind::Actor)
    };
    let counted =
        |groups: &BTreeMap<Slug, Group>, kind: Kind, list: &[(Slug, usize)]| -> Vec<Counted> {
            list.iter()
                .map(|(s, n)| {
                    let l = link_for(&links, kind, groups, s);
                    Counted {
                        slug: l.slug,
                        name: l.name,
                        url: l.url,
                        count: *n,
                    }
                })
                .collect()
        };
    // First start and latest end (not last start: a long span may end after
    // later events begin), each shown as one plain point.
    let point =
        |p: &crate::date::DatePoint| DateView::new(&EventDate::Point(p.unqualified()), lang);
    let first = g
        .events
        .first()
        .and_then(|&i| t.events[i].event.date.anchor())
        .map(point);
    let last = g
        .events
        .iter()
        .max_by(|&&a, &&b| {
            let (x, y) = (&t.events[a].event.date, &t.events[b].event.date);
            // An open end (None) is the latest of all.
            let end = |d: &EventDate| d.latest_utc().unwrap_or(chrono::NaiveDateTime::MAX);
            end(x).cmp(&end(y)).then(a.cmp(&b))
        })
        .and_then(|&i| {
            t.events[i]
                .event
                .date
                .end_point()
                .or(t.events[i].event.date.anchor())
        })
        .map(point);
    EntityView {
        slug: g.entity.slug.to_string(),
        name: g.entity.name.clone(),
        url: links.link(&Route::group(group_id(kind, &g.entity.slug)).path()),
        aliases: g.entity.aliases.clone(),
        kind: g.entity.kind,
        affiliation: g.entity.affiliation.clone(),
        description: markdown::to_html(&g.entity.description, config.unsafe_html),
        count: g.events.len(),
        first,
        last,
        parent: g
            .entity
            .parent
            .as_ref()
            .map(|p| link_for(&links, kind, own, p)),
        children: g
            .children
            .iter()
            .map(|c| link_for(&links, kind, own, c))
            .collect(),
        location: g.entity.location.clone(),
        across: counted(other, other_kind, &g.across),
        across_total: g.across_total,
        with: counted(own, kind, &g.with),
        with_total: g.with_total,
    }
}

pub(crate) fn site(
    t: &Timeline,
    config: &Config,
    theme_extra: &serde_json::Value,
    drafts: bool,
) -> SiteView {
    let links = Links {
        base: &config.base_url,
    };
    let mut extra = theme_extra.clone();
    crate::theme::merge(&mut extra, &config.extra);
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        base_path: config.base_url.path.clone(),
        url: config.base_url.absolute(""),
        language: config.language.clone(),
        timezone: config.timezone.name().to_string(),
        order: config.order,
        theme: config.theme.clone(),
        generator: format!("annals {}", env!("CARGO_PKG_VERSION")),
        extra,
        counts: Counts {
            events: t.events.len(),
            actors: t.actors.len(),
            theatres: t.theatres.len(),
            tags: t.tags.len(),
            years: t.years.len(),
        },
        // Filled by the renderer with the same values the entity pages get.
        actors: Vec::new(),
        theatres: Vec::new(),
        tags: t
            .tags
            .values()
            .map(|tag| Counted {
                slug: tag.slug.to_string(),
                name: tag.name.clone(),
                url: links.link(&Route::group(GroupId::Tag(tag.slug.clone())).path()),
                count: tag.events.len(),
            })
            .collect(),
        years: t
            .years
            .iter()
            .map(|(y, ev)| YearView {
                year: *y,
                label: year_label(*y, &config.lang),
                url: links.link(&Route::group(GroupId::Year(*y)).path()),
                count: ev.len(),
            })
            .collect(),
        statuses: crate::parse::event::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        drafts,
        feeds: crate::parse::config::FEEDS
            .iter()
            .map(|&name| (name, config.feeds.iter().any(|f| f == name)))
            .collect(),
    }
}

/// `2023`, `44 BCE` (astronomical year -43), in the site's language.
pub(crate) fn year_label(year: i32, lang: &Lang) -> String {
    match EventDate::from_year(i64::from(year), chrono_tz::UTC) {
        Ok(d) => d.display(lang).text(),
        Err(_) => year.to_string(),
    }
}
