//! The global `site` and the views of actors, theatres, years and periods.

use super::{group_id, heading, link_for, Counted, DateView, Link, Links};
use crate::date::{Bound, EventDate};
use crate::markdown;
use crate::model::{Group, Timeline};
use crate::parse::config::Config;
use crate::parse::event::Location;
use crate::route::{GroupId, Kind, Route};
use crate::slug::Slug;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

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
    /// The latest end of its events, without qualifiers; none when one of
    /// them has an open end.
    pub last: Option<DateView>,
    /// Whether one of its events has an open or unknown end (`2023-07/..`):
    /// its span has not ended as far as the timeline knows.
    pub open_end: bool,
    /// `first` to `last` as one date (`10–14 July 2023`), or from `first`
    /// on when `open_end` (`since 10 July 2023`).
    pub span: Option<DateView>,
    /// Theatres: the theatre that contains it.
    pub parent: Option<Link>,
    /// Theatres: its sub-theatres.
    pub children: Vec<Link>,
    /// Theatres: where it is, if given.
    pub location: Option<Location>,
    /// Actor: theatres it appears in. Theatre: actors active there. A
    /// theatre counts its sub-theatres' events, so the two agree. The most
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
    /// The label with the year machine-readable (`<time datetime="2023">`,
    /// `<data value="-0043">` before year 1); print with `| safe`.
    pub html: String,
    /// Link to the year's page.
    pub url: String,
    /// How many events it has.
    pub count: usize,
}

/// A period (SPEC §5): a named span of the timeline.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct PeriodView {
    /// Its slug (the file name).
    pub slug: String,
    /// Its name.
    pub name: String,
    /// Link to its page.
    pub url: String,
    /// Its span, as written in its file.
    pub date: Option<DateView>,
    /// `#rrggbb`: as written, or from a palette by its place in time.
    pub colour: String,
    /// Rendered Markdown; print with `| safe`.
    pub description: String,
    /// How many events belong to it.
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
    /// Periods.
    pub periods: usize,
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
    /// Every actor, as its page gets it but with `across` and `with` empty
    /// (their totals are kept): an actor's relations are on its own page.
    #[schemars(with = "Vec<EntityView>")]
    pub actors: Vec<tera::Value>,
    /// Every theatre, as its page gets it but with `across` and `with`
    /// empty (their totals are kept).
    #[schemars(with = "Vec<EntityView>")]
    pub theatres: Vec<tera::Value>,
    /// Every tag.
    pub tags: Vec<Counted>,
    /// Every year with events.
    pub years: Vec<YearView>,
    /// Every period, in time order.
    pub periods: Vec<PeriodView>,
    /// The five statuses, in order.
    pub statuses: Vec<&'static str>,
    /// Whether drafts are being built.
    pub drafts: bool,
    /// Which feeds and exports are written, by name (`atom: true`, …).
    pub feeds: BTreeMap<&'static str, bool>,
    /// The link to the site-wide search index's `meta.json`, which the
    /// search form reads (`docs/exports.md`); null when `feeds` leaves out
    /// `search_index`.
    pub search: Option<String>,
}

impl EntityView {
    /// The view as `site.actors` and `site.theatres` hold it: without the
    /// lists of relations, whose totals stay. Every page has `site`, and
    /// with the lists it weighed 50 KB an actor as Tera values.
    pub(crate) fn without_relations(self) -> EntityView {
        EntityView {
            across: Vec::new(),
            with: Vec::new(),
            ..self
        }
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
    let crate::model::GroupSpan {
        first,
        last,
        open_end,
    } = g.span(&t.events);
    let span = first.map(|f| match last {
        Some(l) if l.iso() != f.iso() => EventDate::Interval {
            start: Bound::Point(f),
            end: Bound::Point(l),
        },
        _ if open_end => EventDate::Interval {
            start: Bound::Point(f),
            end: Bound::Open,
        },
        _ => EventDate::Point(f),
    });
    let point = |p: crate::date::DatePoint| DateView::new(&EventDate::Point(p), lang);
    EntityView {
        slug: g.entity.slug.to_string(),
        name: g.entity.name.clone(),
        url: links.link(&Route::group(group_id(kind, &g.entity.slug)).path()),
        aliases: g.entity.aliases.clone(),
        kind: g.entity.kind,
        affiliation: g.entity.affiliation.clone(),
        description: markdown::to_html(&g.entity.description, config.unsafe_html),
        count: g.events.len(),
        first: first.map(point),
        last: last.map(point),
        open_end,
        span: span.map(|d| DateView::new(&d, lang)),
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

/// A period's view, as its page and `site.periods` see it.
pub(crate) fn period(p: &crate::model::periods::Period, config: &Config) -> PeriodView {
    PeriodView {
        slug: p.slug.to_string(),
        name: p.name.clone(),
        url: config
            .base_url
            .link(&Route::group(GroupId::Period(p.slug.clone())).path()),
        date: p.date.as_ref().map(|d| DateView::new(d, &config.lang)),
        colour: p.colour.as_str().to_string(),
        description: markdown::to_html(&p.body, config.unsafe_html),
        count: p.events.len(),
    }
}

/// `site`; `actors` and `theatres` are their views without relation lists
/// ([`EntityView::without_relations`]).
pub(crate) fn site(
    t: &Timeline,
    config: &Config,
    theme_extra: &serde_json::Value,
    drafts: bool,
    (actors, theatres): (Vec<tera::Value>, Vec<tera::Value>),
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
            periods: t.periods.by_slug.len(),
        },
        actors,
        theatres,
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
            .map(|(y, ev)| {
                let h = heading(Some(i64::from(*y)), None, &config.lang);
                YearView {
                    year: *y,
                    label: h.label,
                    html: h.html,
                    url: links.link(&Route::group(GroupId::Year(*y)).path()),
                    count: ev.len(),
                }
            })
            .collect(),
        periods: t.periods.in_order().map(|p| period(p, config)).collect(),
        statuses: crate::parse::event::Status::ALL
            .iter()
            .map(|s| s.as_str())
            .collect(),
        drafts,
        feeds: crate::parse::config::FEEDS
            .iter()
            .map(|&name| (name, config.feeds.iter().any(|f| f == name)))
            .collect(),
        search: crate::feeds::Enabled::from_config(config)
            .search_index
            .then(|| links.link(&Route::Search(crate::route::SearchFile::Meta).path())),
    }
}
