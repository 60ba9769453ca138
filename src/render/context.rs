//! Each page's own context, built per page kind from its `Route`: an event's
//! full view, a group's page and list, a list's slice of events under year
//! and month headings, and the pager. Site-wide data is in the global
//! context (`Renderer::new`), never here.

use super::chart::{self, Lanes};
use super::view;
use super::{jsonld, missing, Renderer};
use crate::diagnostic::Diagnostic;
use crate::parse::config::BaseUrl;
use crate::plan::{self, Page, Pager};
use crate::route::{DataFile, Embeddable, Filter, GroupId, Kind, ListId, Route, EMBED_DATA};
use schemars::JsonSchema;
use serde::Serialize;
use tera::{Context, Value};

impl Renderer<'_> {
    pub(super) fn context(&self, page: &Page) -> Result<Context, Diagnostic> {
        let t = self.timeline;
        let c = self.config;
        let base = &c.base_url;
        let mut ctx = Context::new();
        let tr = |key: &str, args: &[(&str, &str)]| self.p.strings.get(key, args);
        let count = |n: usize| self.p.strings.count(n as u64, "event");
        let kind = PageKind::of(&page.route).ok_or_else(|| missing(&page.route))?;
        let (mut title, description) = match &page.route {
            Route::List(ListId::Timeline, _) => (c.title.clone(), c.description.clone()),
            Route::List(ListId::Group(id), _) => self.group_context(id, &mut ctx),
            Route::Event(slug) => {
                let i = t.index_of(slug).ok_or_else(|| missing(&page.route))?;
                self.event_context(i, &mut ctx)?;
                let e = &t.events[i].event;
                (e.title.clone(), e.summary_text.clone())
            }
            Route::Section(kind) => (tr(kind.section(), &[]), c.description.clone()),
            Route::NotFound => (tr("not_found", &[]), c.description.clone()),
            Route::Embed(of) => self.embed_context(of, &mut ctx)?,
            Route::EventAsset(..)
            | Route::Feed(..)
            | Route::Data(_)
            | Route::Static(_)
            | Route::Search(_)
            | Route::SitemapPart(_)
            | Route::EmbedData(_)
            | Route::OEmbed(_)
            | Route::Fragment(_) => return Err(missing(&page.route)),
        };
        // What embeds this page embeds the whole list, so it is named by it.
        let embed = embed_links(&page.route, base, &title);
        // Later pages of a list say so: "Ivan Popov (page 2 of 3)".
        if let Some(p) = &page.pager {
            if p.current > 1 {
                let (current, total) = (p.current.to_string(), p.total.to_string());
                title = tr(
                    "page_of",
                    &[("title", &title), ("current", &current), ("total", &total)],
                );
            }
        }
        let mut chart = String::new();
        if let Route::List(list, n) = &page.route {
            let events = plan::slice(t, list, *n, c);
            let list_values: Vec<Value> = events
                .iter()
                .map(|&i| self.list_value(i))
                .collect::<Result<_, _>>()?;
            let groups = self.groups(&events, &list_values);
            ctx.insert_value("events", Value::from(list_values));
            ctx.insert("groups", &groups);
            // The overview covers the whole list, so it is drawn once, on its first page.
            if *n == 1 {
                let (lanes, chart_title) = match list {
                    ListId::Timeline => (
                        Lanes::Actors,
                        tr("chart_index", &[("count", &count(t.events.len()))]),
                    ),
                    ListId::Group(GroupId::Actor(_)) => {
                        (Lanes::Theatres, tr("chart_by_theatre", &[("name", &title)]))
                    }
                    // A tag's page is titled "Tagged “x”"; its chart names the tag alone.
                    ListId::Group(GroupId::Tag(slug)) => {
                        let name = t.tags.get(slug).map_or(slug.as_str(), |g| g.name.as_str());
                        (Lanes::Actors, tr("chart_by_actor", &[("name", name)]))
                    }
                    ListId::Group(_) => (Lanes::Actors, tr("chart_by_actor", &[("name", &title)])),
                };
                let draw = || {
                    chart::overview(
                        t,
                        t.list(list),
                        lanes,
                        base,
                        &self.chart_words(),
                        &chart_title,
                        &match list {
                            ListId::Timeline => Filter::default(),
                            ListId::Group(id) => Filter::of_group(id),
                        },
                    )
                };
                chart = match &self.p.charts {
                    None => draw().svg,
                    Some(kept) => {
                        let lock = || kept.lock().unwrap_or_else(|e| e.into_inner());
                        let known = lock().get(list).map(|d| d.svg.clone());
                        known.unwrap_or_else(|| {
                            let drawn = draw();
                            let svg = drawn.svg.clone();
                            lock().insert(list.clone(), drawn);
                            svg
                        })
                    }
                };
            }
        }
        ctx.insert("chart", &chart);
        if let Route::Section(Kind::Actor) = &page.route {
            ctx.insert("matrix", &view::matrix(t, base, &self.p.strings));
        }
        // An actor's or theatre's events over time, on its first page.
        if let Route::List(ListId::Group(id @ (GroupId::Actor(_) | GroupId::Theatre(_))), n) =
            &page.route
        {
            let histogram = if *n == 1 {
                chart::histogram(
                    t,
                    t.list(&ListId::Group(id.clone())),
                    base,
                    &self.chart_words(),
                    &tr("histogram_title", &[("name", &title)]),
                    &Filter::of_group(id),
                )
            } else {
                String::new()
            };
            ctx.insert("histogram", &histogram);
        }
        let path = page.route.path();
        // The timeline's title is the site's: said once, not "Timeline · Timeline".
        let head_title = match &page.route {
            Route::List(ListId::Timeline, _) | Route::Embed(Embeddable::List(ListId::Timeline)) => {
                title.clone()
            }
            _ => format!("{title} · {}", c.title),
        };
        ctx.insert(
            "page",
            &PageView {
                kind,
                head_title,
                title,
                description,
                url: base.link(&path),
                permalink: base.absolute(&path),
                pager: page
                    .pager
                    .as_ref()
                    .map(|p| pager_view(p, &page.route, base)),
                embed,
                path,
            },
        );
        Ok(ctx)
    }

    /// An embed page's `embed`, and its events (a list's first
    /// `embed.max_events`) or its `event` (a card); its title and description.
    fn embed_context(
        &self,
        of: &Embeddable,
        ctx: &mut Context,
    ) -> Result<(String, String), Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let (title, description, total, shown) = match of {
            Embeddable::List(list) => {
                let (title, description) = match list {
                    ListId::Timeline => (c.title.clone(), c.description.clone()),
                    ListId::Group(id) => self.group_context(id, ctx),
                };
                let events = plan::embed_slice(t, list, c);
                let values: Vec<Value> = events
                    .iter()
                    .map(|&i| self.list_value(i))
                    .collect::<Result<_, _>>()?;
                ctx.insert_value("events", Value::from(values));
                (title, description, t.list(list).len(), events.len())
            }
            Embeddable::Event(slug) => {
                let i = t
                    .index_of(slug)
                    .ok_or_else(|| missing(&Route::Embed(of.clone())))?;
                ctx.insert("event", &view::event(t, i, c));
                let e = &t.events[i].event;
                (e.title.clone(), e.summary_text.clone(), 1, 1)
            }
        };
        let full = of.full().path();
        ctx.insert(
            "embed",
            &view::EmbedView {
                full_url: c.base_url.link(&full),
                canonical: c.base_url.absolute(&full),
                site_url: c.base_url.link(""),
                style: c.base_url.link(&Route::Data(DataFile::EmbedStyle).path()),
                script: c.base_url.link(&Route::Data(DataFile::EmbedScript).path()),
                data: matches!(of, Embeddable::List(_)).then(|| EMBED_DATA.to_string()),
                total,
                shown,
                max_events: c.embed.max_events,
            },
        );
        Ok((title, description))
    }

    /// An event page's own data: its full view with the body, and JSON-LD.
    /// The words every chart of this build draws with.
    fn chart_words(&self) -> chart::Words<'_> {
        chart::Words {
            lang: &self.config.lang,
            date_texts: &self.p.entries.date_texts,
            strings: &self.p.strings,
            tz: self.config.timezone,
        }
    }

    fn event_context(&self, i: usize, ctx: &mut Context) -> Result<(), Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let e = &t.events[i].event;
        // The event's own page gets its full view, built here: each event page
        // is rendered once, so nothing is gained by keeping it.
        let event = view::FullEvent {
            view: view::event(t, i, c),
            page: view::event_page(t, i, c)?,
            item: self.p.entries.get(i)?.item().map(Value::safe_string),
        };
        ctx.insert("event", &event);
        let image = e
            .image
            .as_ref()
            .map(|img| img.src.url(&c.base_url, &e.slug, true));
        ctx.insert("jsonld", &jsonld::json_ld(t, i, c, image));
        Ok(())
    }

    /// A group page's own variable (`actor`, `theatre`, `tag`, `year`,
    /// `period`), and
    /// its title and description.
    fn group_context(&self, id: &GroupId, ctx: &mut Context) -> (String, String) {
        let (t, c) = (self.timeline, self.config);
        let tr = |key: &str, args: &[(&str, &str)]| self.p.strings.get(key, args);
        let count = t.group_events(id).map_or(0, <[usize]>::len);
        let url = c.base_url.link(&Route::group(id.clone()).path());
        match id {
            GroupId::Actor(slug) | GroupId::Theatre(slug) => {
                let group = match id.kind() {
                    Kind::Actor => t.actors.get(slug),
                    _ => t.theatres.get(slug),
                };
                // Built for each of its pages, not kept: with its relation
                // lists (up to 200 links), the views of 2,000 actors held
                // 100 MB as Tera values.
                if let Some(g) = group {
                    ctx.insert(id.kind().singular(), &view::entity(t, id.kind(), g, c));
                }
                let name = group.map_or_else(|| slug.to_string(), |g| g.entity.name.clone());
                let events = self.p.strings.count(count as u64, "event");
                let description = tr("involving", &[("count", &events), ("name", &name)]);
                (name, description)
            }
            GroupId::Tag(slug) => {
                let name = t
                    .tags
                    .get(slug)
                    .map_or_else(|| slug.to_string(), |g| g.name.clone());
                ctx.insert(
                    "tag",
                    &view::Counted {
                        slug: slug.to_string(),
                        name: name.clone(),
                        url,
                        count,
                    },
                );
                (tr("tagged", &[("name", &name)]), c.description.clone())
            }
            GroupId::Year(y) => {
                let h = view::heading(Some(i64::from(*y)), None, &c.lang);
                let label = h.label.clone();
                ctx.insert(
                    "year",
                    &view::YearView {
                        year: *y,
                        label: h.label,
                        html: h.html,
                        url,
                        count,
                    },
                );
                (label, c.description.clone())
            }
            GroupId::Period(slug) => match t.periods.by_slug.get(slug) {
                Some(p) => {
                    ctx.insert("period", &view::period(p, c));
                    let about = crate::markdown::first_paragraph(&p.body);
                    let description = if about.is_empty() {
                        c.description.clone()
                    } else {
                        about
                    };
                    (p.name.clone(), description)
                }
                None => (slug.to_string(), c.description.clone()),
            },
        }
    }

    /// The page's events under year and month headings, in the page's order.
    /// Events known only to the year (or coarser) come under the year alone;
    /// an unknown year (`XXXX`) has a heading of its own, and only
    /// four-digit years' headings link to a year page. `values` are the
    /// events' list values, shared with the page's `events`.
    fn groups(&self, events: &[usize], values: &[Value]) -> Vec<view::YearGroup> {
        let t = self.timeline;
        let lang = &self.config.lang;
        let mut years: Vec<view::YearGroup> = Vec::new();
        for (&i, value) in events.iter().zip(values) {
            let te = &t.events[i];
            let year = te.event.date.list_year();
            let month = te.event.date.anchor().and_then(|p| p.month());
            if years.last().is_none_or(|y| y.year != year) {
                let h = view::heading(year, None, lang);
                let page = year
                    .and_then(|y| i32::try_from(y).ok())
                    .filter(|y| t.years.contains_key(y));
                years.push(view::YearGroup {
                    year,
                    id: year.map_or_else(|| "y-unknown".to_string(), |y| format!("y-{y}")),
                    label: h.label,
                    html: h.html,
                    url: page.map(|y| {
                        self.config
                            .base_url
                            .link(&Route::group(GroupId::Year(y)).path())
                    }),
                    months: Vec::new(),
                });
            }
            let Some(y) = years.last_mut() else { continue };
            if y.months.last().is_none_or(|m| m.month != month) {
                let id_year = year.map_or_else(|| "XXXX".to_string(), crate::date::year_iso);
                let (h, id) = match month {
                    Some(m) => (
                        view::heading(year, Some(m), lang),
                        format!("m-{id_year}-{m:02}"),
                    ),
                    None => (
                        view::Heading {
                            label: String::new(),
                            html: String::new(),
                        },
                        format!("y-{id_year}"),
                    ),
                };
                y.months.push(view::MonthGroup {
                    month,
                    label: h.label,
                    html: h.html,
                    id,
                    events: Vec::new(),
                });
            }
            if let Some(m) = y.months.last_mut() {
                m.events.push(value.clone());
            }
        }
        years
    }
}

/// Which kind of page is being rendered, as templates compare it
/// (`page.kind == "event"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum PageKind {
    Index,
    Event,
    Actors,
    Actor,
    Theatres,
    Theatre,
    Tags,
    Tag,
    Years,
    Year,
    Periods,
    Period,
    #[serde(rename = "404")]
    NotFound,
    /// An embed page (a list's or an event's).
    Embed,
}

impl PageKind {
    fn of(route: &Route) -> Option<PageKind> {
        Some(match route {
            Route::List(ListId::Timeline, _) => PageKind::Index,
            Route::List(ListId::Group(id), _) => match id.kind() {
                Kind::Actor => PageKind::Actor,
                Kind::Theatre => PageKind::Theatre,
                Kind::Tag => PageKind::Tag,
                Kind::Year => PageKind::Year,
                Kind::Period => PageKind::Period,
            },
            Route::Event(_) => PageKind::Event,
            Route::Section(kind) => match kind {
                Kind::Actor => PageKind::Actors,
                Kind::Theatre => PageKind::Theatres,
                Kind::Tag => PageKind::Tags,
                Kind::Year => PageKind::Years,
                Kind::Period => PageKind::Periods,
            },
            Route::NotFound => PageKind::NotFound,
            Route::Embed(_) => PageKind::Embed,
            Route::EventAsset(..)
            | Route::Feed(..)
            | Route::Data(_)
            | Route::Static(_)
            | Route::Search(_)
            | Route::SitemapPart(_)
            | Route::EmbedData(_)
            | Route::OEmbed(_)
            | Route::Fragment(_) => return None,
        })
    }
}

/// `page`, in every page template.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageView {
    /// The kind of page: `index`, `event`, `actors`, `actor`, `theatres`,
    /// `theatre`, `tags`, `tag`, `years`, `year`, `periods`, `period`, `404`
    /// or `embed`.
    kind: PageKind,
    /// The page's title, with "(page N of M)" on later pages of a list.
    title: String,
    /// The `<title>`: the page's title and then the site's (`Ivan Popov ·
    /// Timeline`), or the page's alone where it is the site's (the
    /// timeline's pages and embed), so the site is named once.
    head_title: String,
    /// For meta tags: the event's summary, the site's description.
    description: String,
    /// Link to this page (honours `base_url`).
    url: String,
    /// Absolute URL where `base_url` has an origin.
    permalink: String,
    /// Site-relative path (`events/x/`).
    path: String,
    /// On lists of more than one page: where this page is among them.
    pager: Option<PagerView>,
    /// On the timeline, event, actor, theatre, tag, year and period pages: their
    /// embeddable version, for "Embed this".
    embed: Option<view::EmbedLinks>,
}

/// What a full page's "Embed this" offers; none for pages without an embed.
fn embed_links(route: &Route, base: &BaseUrl, title: &str) -> Option<view::EmbedLinks> {
    let of = match route {
        Route::List(list, _) => Embeddable::List(list.clone()),
        Route::Event(slug) => Embeddable::Event(slug.clone()),
        _ => return None,
    };
    let oembed = base
        .has_origin()
        .then(|| base.absolute(&Route::OEmbed(of.clone()).path()));
    let url = base.absolute(&Route::Embed(of.clone()).path());
    let name = match &of {
        Embeddable::List(ListId::Timeline) => String::new(),
        _ => of.name(),
    };
    let loader = base.absolute(&Route::Data(DataFile::EmbedLoader).path());
    Some(view::EmbedLinks {
        loader_snippet: super::embed::loader_snippet(&name, &loader),
        iframe_snippet: super::embed::iframe_snippet(&url, title, super::embed::frame_height(&of)),
        url,
        name,
        loader,
        oembed,
    })
}

/// Where a page is among its list's pages.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PagerView {
    /// This page's number, from 1.
    current: usize,
    /// How many pages the list has.
    total: usize,
    /// Link to the first page.
    first: String,
    /// Link to the last page.
    last: String,
    /// Link to the page before, if any.
    prev: Option<String>,
    /// Link to the page after, if any.
    next: Option<String>,
    /// A window of page links around the current one.
    pages: Vec<PagerLink>,
}

/// One page of a list.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PagerLink {
    /// The page's number.
    number: usize,
    /// Link to it.
    url: String,
    /// Whether it is this page.
    current: bool,
}

/// The route of every page is `Route::List(_, n)`; anything else has no pager.
fn pager_view(p: &Pager, route: &Route, base: &BaseUrl) -> PagerView {
    let link = |n: usize| match route {
        Route::List(list, _) => base.link(&Route::List(list.clone(), n).path()),
        _ => base.link(&route.path()),
    };
    let lo = p.current.saturating_sub(3).max(1);
    let hi = (p.current + 3).min(p.total);
    let mut numbers: Vec<usize> = (lo..=hi).collect();
    if lo > 1 {
        numbers.insert(0, 1);
    }
    if hi < p.total {
        numbers.push(p.total);
    }
    PagerView {
        current: p.current,
        total: p.total,
        first: link(1),
        last: link(p.total),
        prev: (p.current > 1).then(|| link(p.current - 1)),
        next: (p.current < p.total).then(|| link(p.current + 1)),
        pages: numbers
            .into_iter()
            .map(|n| PagerLink {
                number: n,
                url: link(n),
                current: n == p.current,
            })
            .collect(),
    }
}
