//! What templates see: serialisable views of the model, one struct per
//! variable, so that what is serialised is exactly what a template receives.
//! `render::vars` generates `annals theme vars` and docs/templates.md from
//! these types' JSON Schemas.
//!
//! Events (`event.rs`) and the site and its groups (`site.rs`) have a file
//! each; this one holds what both use: dates, links and counted links.

mod event;
mod matrix;
mod site;

pub(crate) use event::{day_span, event, event_page, EventView, FullEvent, ListEvent, SharedLinks};
pub(crate) use matrix::{matrix, MatrixView};
pub(crate) use site::{entity, period, site, EntityView, PeriodView, SiteView, YearView};

/// `embed`, on embed pages (SPEC §8).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EmbedView {
    /// Link to the full page this embeds.
    pub full_url: String,
    /// The full page's absolute URL where `base_url` has an origin, else its
    /// link: the embed page's canonical link.
    pub canonical: String,
    /// Link to the site's home page.
    pub site_url: String,
    /// Link to the stylesheet every embed page shares (`/embed/style.css`,
    /// rendered once from `embed_style.css`).
    pub style: String,
    /// Link to the script every embed page shares (`/embed/page.js`,
    /// rendered once from `embed_page.js`): load it with `defer`.
    pub script: String,
    /// Lists: the slice's compact data file, relative to the page
    /// (`data.json`), which the page's script reads when a filter is set.
    pub data: Option<String>,
    /// How many events the slice has.
    pub total: usize,
    /// How many this page shows (at most `embed.max_events`).
    pub shown: usize,
    /// `embed.max_events`.
    pub max_events: usize,
}

/// `page.embed`, on every full page that has an embeddable version: what
/// the "Embed this" snippets need.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct EmbedLinks {
    /// The embed page's absolute URL where `base_url` has an origin, else its link.
    pub url: String,
    /// What the loader's `data-annals-embed` takes: `actors/ivan-popov`,
    /// `events/<slug>`, or empty for the timeline.
    pub name: String,
    /// The loader's URL (`embed.js`), absolute where `base_url` has an origin.
    pub loader: String,
    /// The oEmbed response's absolute URL; none with a path-only `base_url`.
    pub oembed: Option<String>,
    /// The loader snippet as HTML text (print it escaped, as text to copy).
    pub loader_snippet: String,
    /// The plain iframe snippet as HTML text.
    pub iframe_snippet: String,
}

/// One year of a list page's events (`groups`), in the page's order.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct YearGroup {
    /// The year (astronomical: `-43` is 44 BCE, `-13800000000` a long
    /// year); none for the unknown year (`XXXX`).
    pub year: Option<i64>,
    /// An HTML id for the heading: `y-2023`, `y--43`, `y-unknown`.
    pub id: String,
    /// `2023`, `44 BCE`, `13.8 billion years ago`, `Unknown year`.
    pub label: String,
    /// The label with the year machine-readable (`<time datetime="2023">`,
    /// `<data value="-0043">` before year 1 and for long years); print with
    /// `| safe`.
    pub html: String,
    /// Link to the year's page; none for years that have no page (long
    /// years, the unknown year).
    pub url: Option<String>,
    /// The months of that year on this page, then the events known only to the year.
    pub months: Vec<MonthGroup>,
}

/// One month of a year group.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MonthGroup {
    /// 1–12; none for events known only to the year (or coarser).
    pub month: Option<u8>,
    /// `July 2023`, `Липень 2023 р.` (a heading: it begins with a capital);
    /// empty for events known only to the year.
    pub label: String,
    /// The label with the month machine-readable (`<time
    /// datetime="2023-07">`); print with `| safe`. Empty with the label.
    pub html: String,
    /// An HTML id for the heading: `m-2023-07`, `y-2023`.
    pub id: String,
    /// The events, as in `events`.
    #[schemars(with = "Vec<ListEvent>")]
    pub events: Vec<tera::Value>,
}

use crate::date::{EventDate, Lang};
use crate::model::{Group, Timeline};
use crate::parse::config::BaseUrl;
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

pub(crate) struct Links<'a> {
    pub base: &'a BaseUrl,
}

impl Links<'_> {
    fn link(&self, path: &str) -> String {
        self.base.link(path)
    }
}

/// The group of `kind` with this slug: an actor, a theatre, a tag or a
/// period. Years are not named by slugs; no caller passes `Kind::Year`.
pub(crate) fn group_id(kind: Kind, slug: &Slug) -> GroupId {
    match kind {
        Kind::Actor => GroupId::Actor(slug.clone()),
        Kind::Theatre => GroupId::Theatre(slug.clone()),
        Kind::Period => GroupId::Period(slug.clone()),
        Kind::Tag | Kind::Year => GroupId::Tag(slug.clone()),
    }
}

fn period_link(links: &Links, t: &Timeline, slug: &Slug) -> Link {
    Link {
        slug: slug.to_string(),
        name: t
            .periods
            .by_slug
            .get(slug)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| slug.to_string()),
        url: links.link(&Route::group(GroupId::Period(slug.clone())).path()),
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

/// A year or month heading (`2023`, `44 BCE`, `Липень 2023 р.`, `13.8
/// billion years ago`) in the site's language: text, and HTML with the date
/// machine-readable. It begins with a capital, as headings do
/// (`DateDisplay::capitalised`). `None` is the unknown year (`XXXX`).
pub(crate) fn heading(year: Option<i64>, month: Option<u8>, lang: &Lang) -> Heading {
    let date = match year {
        Some(y) => EventDate::year_month(y, month),
        None => EventDate::parse("XXXX", chrono_tz::UTC),
    };
    match date {
        Ok(d) => {
            let shown = d.display(lang).capitalised();
            Heading {
                label: shown.text(),
                html: shown.html(),
            }
        }
        // Years outside what a date can hold have no page and no heading.
        Err(_) => {
            let text = year.map(|y| y.to_string()).unwrap_or_default();
            Heading {
                label: text.clone(),
                html: text,
            }
        }
    }
}

/// A year's or month's heading: `heading`.
pub(crate) struct Heading {
    pub label: String,
    pub html: String,
}

/// `2023`, `44 BCE` (astronomical year -43), `13.8 billion years ago`, in
/// the site's language.
pub(crate) fn year_label(year: i64, lang: &Lang) -> String {
    heading(Some(year), None, lang).label
}
