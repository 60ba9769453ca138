//! Stage 5: Tera 2 templates over the plan, in parallel.
//!
//! Site-wide data goes into Tera's global context once; each page's context holds
//! only its own slice of events, as shared `Arc` values.

pub(crate) mod chart;
mod errors;
pub(crate) mod i18n;
mod jsonld;
pub(crate) mod lint;
pub(crate) mod vars;
pub(crate) mod view;

use crate::date::{EventDate, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::{BaseUrl, Config};
use crate::plan::{self, Page, Pager};
use crate::route::{year_segment, GroupId, Kind, ListId, Route};
use crate::slug::Slug;
use crate::theme::Theme;
use chart::Lanes;
use rayon::prelude::*;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::HashMap;
use tera::{Context, Kwargs, State, Tera, Value};

/// A route the plan made that the timeline does not know: a bug, reported
/// as a diagnostic rather than a panic.
fn missing(route: &Route) -> Diagnostic {
    Diagnostic::error(
        Code::Template,
        format!("internal error: nothing to render for `{route:?}`"),
    )
}

/// Prefix of annals' own templates, the last fallback: a theme or a site
/// overrides one by providing a template of the same name.
const BUILTIN_PREFIX: &str = "builtin/";

/// Templates that every site has whatever its theme (Zola's built-in
/// `robots.txt` is the model): files search engines read, not pages.
const BUILTINS: [(&str, &str); 2] = [
    ("sitemap.xml", include_str!("builtins/sitemap.xml")),
    ("robots.txt", include_str!("builtins/robots.txt")),
];

/// Prefix under which theme templates are registered; the site's own
/// `templates/` are registered bare, so they win through Tera's fallback lookup.
const THEME_PREFIX: &str = "theme/";

/// The page templates: a theme (with what it extends) must provide each, since
/// every site has every kind of page.
pub(crate) const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "event.html",
    "actors.html",
    "actor.html",
    "theatres.html",
    "theatre.html",
    "tags.html",
    "tag.html",
    "years.html",
    "year.html",
    "404.html",
];

pub(crate) struct Renderer<'a> {
    tera: Tera,
    /// Tera name → (file shown in messages, source).
    sources: HashMap<String, (String, String)>,
    timeline: &'a Timeline,
    config: &'a Config,
    /// Every event's view, as a Tera value built once.
    events: Vec<Value>,
    /// The theme's strings in the site's language.
    strings: i18n::Strings,
    /// Each event's date as plain text, for chart labels.
    date_texts: Vec<String>,
    /// Each actor's and theatre's page view, built once: a big theatre's
    /// "active here" list would otherwise be rebuilt on each of its pages.
    actor_views: HashMap<Slug, Value>,
    theatre_views: HashMap<Slug, Value>,
}

/// The template of one event in a list, rendered once per event into `event.item`.
const ITEM_TEMPLATE: &str = "event_item.html";

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates. `None` when any fails (with diagnostics).
    pub(crate) fn new(
        theme: &Theme,
        timeline: &'a Timeline,
        config: &'a Config,
        drafts: bool,
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Renderer<'a>> {
        let mut tera = Tera::new();
        if let Err(e) = tera.set_fallback_prefixes([THEME_PREFIX, BUILTIN_PREFIX]) {
            diagnostics.push(Diagnostic::error(Code::Template, e.to_string()));
            return None;
        }
        tera.autoescape_on([".html", ".xml", ".svg"]);
        register_filters(&mut tera, config);
        let strings = i18n::Strings::new(&theme.strings, &config.language);
        let for_filter = strings.clone();
        tera.register_filter(
            "count",
            move |n: u64, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
                let key: String = kwargs.must_get("key")?;
                Ok(for_filter.count(n, &key))
            },
        );
        tera.global_context().insert("t", &strings.as_value());
        let mut sources = HashMap::new();
        let mut all: Vec<(String, String)> = Vec::new();
        for (name, t) in &theme.templates {
            let full = format!("{THEME_PREFIX}{name}");
            sources.insert(full.clone(), (t.origin.clone(), t.source.clone()));
            all.push((full, t.source.clone()));
        }
        for (name, source) in BUILTINS {
            let full = format!("{BUILTIN_PREFIX}{name}");
            sources.insert(
                full.clone(),
                (format!("annals' built-in {name}"), source.to_string()),
            );
            all.push((full, source.to_string()));
        }
        for (name, t) in &theme.overrides {
            sources.insert(name.clone(), (t.origin.clone(), t.source.clone()));
            all.push((name.clone(), t.source.clone()));
        }
        if let Err(e) = tera.add_raw_templates(all) {
            diagnostics.push(errors::template_diagnostic(&e, &sources));
            return None;
        }
        let missing: Vec<&str> = REQUIRED_TEMPLATES
            .iter()
            .copied()
            .filter(|t| !tera.contains_template(t))
            .collect();
        if !missing.is_empty() {
            let plural = if missing.len() == 1 { "" } else { "s" };
            let message = format!(
                "theme `{}` has no template{plural} {}",
                theme.name,
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let hint = match &theme.extends {
                None => format!(
                    "add `extends: default` to the theme's `theme.yaml`, so that every template it lacks comes from the default theme (or add the template{plural} to `themes/{}/templates/` or the site's `templates/`)",
                    theme.name
                ),
                Some(parent) => format!(
                    "neither the theme nor `{parent}`, which it extends, has {}; extend a theme that does, such as `default`",
                    if missing.len() == 1 { "it" } else { "them" }
                ),
            };
            diagnostics.push(Diagnostic::error(Code::Template, message).with_hint(hint));
            return None;
        }
        // Each actor's and theatre's view is built once and shared by its
        // pages and by `site.actors` / `site.theatres`.
        let entity_views = |kind: Kind,
                            groups: &std::collections::BTreeMap<Slug, crate::model::Group>|
         -> Vec<(Slug, Value)> {
            groups
                .par_iter()
                .map(|(slug, g)| {
                    let v = view::entity(timeline, kind, g, config);
                    (slug.clone(), Value::from_serializable(&v))
                })
                .collect()
        };
        let actors = entity_views(Kind::Actor, &timeline.actors);
        let theatres = entity_views(Kind::Theatre, &timeline.theatres);
        let mut site =
            Value::from_serializable(&view::site(timeline, config, &theme.extra, drafts))
                .into_map()
                .unwrap_or_default();
        for (key, list) in [("actors", &actors), ("theatres", &theatres)] {
            let values: Vec<Value> = list.iter().map(|(_, v)| v.clone()).collect();
            site.insert(key.into(), Value::from(values));
        }
        tera.global_context()
            .insert_value("site", Value::from(site));
        let actor_views: HashMap<Slug, Value> = actors.into_iter().collect();
        let theatre_views: HashMap<Slug, Value> = theatres.into_iter().collect();
        // Each event is prepared once, in parallel: its full view renders its
        // list entry (`event_item.html`), which every list page that shows it
        // (the timeline, its actors, theatres, tags, year) then copies; lists
        // keep only a lean value (`view::LIST_FIELDS`, shared links, the
        // entry), and the full view is built again only for the event's own
        // page. So list pages cost a copy per event, not a template run, and
        // memory holds a few kilobytes per event, not its whole page.
        let shared = view::SharedLinks::new(timeline, config);
        let has_item = tera.contains_template(ITEM_TEMPLATE);
        let prepared: Vec<Result<(Value, String), Diagnostic>> = (0..timeline.events.len())
            .into_par_iter()
            .map(|i| {
                let full = view::event(timeline, i, config);
                let date_text = full.date.text.clone();
                let full = Value::from_serializable(&full);
                let item = if has_item {
                    let mut ctx = Context::new();
                    ctx.insert_value("event", full.clone());
                    let html = tera
                        .render(ITEM_TEMPLATE, &ctx)
                        .map_err(|e| errors::template_diagnostic(&e, &sources))?;
                    Some(Value::safe_string(&html))
                } else {
                    None
                };
                Ok((shared.lean_event(timeline, i, full, item), date_text))
            })
            .collect();
        let mut events = Vec::with_capacity(prepared.len());
        let mut date_texts = Vec::with_capacity(prepared.len());
        for r in prepared {
            match r {
                Ok((v, d)) => {
                    events.push(v);
                    date_texts.push(d);
                }
                Err(d) => {
                    diagnostics.push(d);
                    return None;
                }
            }
        }
        Some(Renderer {
            tera,
            sources,
            timeline,
            config,
            events,
            date_texts,
            strings,
            actor_views,
            theatre_views,
        })
    }

    /// Renders one page to bytes.
    pub(crate) fn render(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let ctx = self.context(page)?;
        self.render_template(page.template, &ctx)
    }

    /// Renders a template that is not a page (`sitemap.xml`, `robots.txt`)
    /// with `ctx` and the global `site`.
    pub(crate) fn render_template(
        &self,
        template: &str,
        ctx: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        match self.tera.render_to(template, ctx, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(errors::template_diagnostic(&e, &self.sources)),
        }
    }

    fn context(&self, page: &Page) -> Result<Context, Diagnostic> {
        let t = self.timeline;
        let c = self.config;
        let base = &c.base_url;
        let mut ctx = Context::new();
        let tr = |key: &str, args: &[(&str, &str)]| self.strings.get(key, args);
        let count = |n: usize| self.strings.count(n as u64, "event");
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
            Route::EventAsset(..) | Route::Feed(..) | Route::Data(_) | Route::Static(_) => {
                return Err(missing(&page.route))
            }
        };
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
            let list_values: Vec<Value> = events.iter().map(|&i| self.events[i].clone()).collect();
            ctx.insert_value("events", Value::from(list_values));
            ctx.insert_value("groups", self.groups(&events));
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
                chart = chart::overview(
                    t,
                    t.list(list),
                    lanes,
                    base,
                    &chart::Words {
                        lang: &c.lang,
                        date_texts: &self.date_texts,
                        strings: &self.strings,
                    },
                    &chart_title,
                );
            }
        }
        ctx.insert("chart", &chart);
        let path = page.route.path();
        ctx.insert(
            "page",
            &PageView {
                kind,
                title,
                description,
                url: base.link(&path),
                permalink: base.absolute(&path),
                pager: page
                    .pager
                    .as_ref()
                    .map(|p| pager_view(p, &page.route, base)),
                path,
            },
        );
        Ok(ctx)
    }

    /// An event page's own data: its full view with the body, and JSON-LD.
    fn event_context(&self, i: usize, ctx: &mut Context) -> Result<(), Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let e = &t.events[i].event;
        // The event's own page gets its full view, built here: each event page
        // is rendered once, so nothing is gained by keeping it.
        let mut event = Value::from_serializable(&view::event(t, i, c))
            .into_map()
            .unwrap_or_default();
        if let Some(extra) = Value::from_serializable(&view::event_page(t, i, c)?).into_map() {
            event.extend(extra);
        }
        if let Some(item) = self.events[i].get_from_path("item") {
            event.insert("item".into(), item.clone());
        }
        ctx.insert_value("event", Value::from(event));
        let image = e
            .image
            .as_ref()
            .map(|img| img.src.url(&c.base_url, &e.slug, true));
        ctx.insert("jsonld", &jsonld::json_ld(t, i, c, image));
        Ok(())
    }

    /// A group page's own variable (`actor`, `theatre`, `tag`, `year`), and
    /// its title and description.
    fn group_context(&self, id: &GroupId, ctx: &mut Context) -> (String, String) {
        let (t, c) = (self.timeline, self.config);
        let tr = |key: &str, args: &[(&str, &str)]| self.strings.get(key, args);
        let count = t.group_events(id).map_or(0, <[usize]>::len);
        let url = c.base_url.link(&Route::group(id.clone()).path());
        match id {
            GroupId::Actor(slug) | GroupId::Theatre(slug) => {
                let (groups, views) = match id.kind() {
                    Kind::Actor => (&t.actors, &self.actor_views),
                    _ => (&t.theatres, &self.theatre_views),
                };
                if let Some(v) = views.get(slug) {
                    ctx.insert_value(id.kind().singular(), v.clone());
                }
                let name = groups
                    .get(slug)
                    .map_or_else(|| slug.to_string(), |g| g.entity.name.clone());
                let events = self.strings.count(count as u64, "event");
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
                let label = view::year_label(*y, &c.lang);
                ctx.insert(
                    "year",
                    &view::YearView {
                        year: *y,
                        label: label.clone(),
                        url,
                        count,
                    },
                );
                (label, c.description.clone())
            }
        }
    }

    /// The page's events under year and month headings, in the page's order.
    /// Events known only to the year (or coarser) come under the year alone.
    fn groups(&self, events: &[usize]) -> Value {
        let t = self.timeline;
        let lang = &self.config.lang;
        let mut years: Vec<Value> = Vec::new();
        let mut months: Vec<Value> = Vec::new();
        let mut current_month: Vec<Value> = Vec::new();
        let mut key: Option<(i32, Option<u8>)> = None;
        let flush_month =
            |months: &mut Vec<Value>, items: &mut Vec<Value>, k: (i32, Option<u8>)| {
                if items.is_empty() {
                    return;
                }
                let (label, id) = match k.1 {
                    Some(m) => (
                        lang.month_year(m, k.0),
                        format!("m-{}-{m:02}", year_segment(k.0)),
                    ),
                    None => (String::new(), format!("y-{}", year_segment(k.0))),
                };
                let mut map: std::collections::BTreeMap<&'static str, Value> = Default::default();
                map.insert("month", Value::from(k.1.map(i32::from)));
                map.insert("label", Value::from(label));
                map.insert("id", Value::from(id));
                map.insert("events", Value::from(std::mem::take(items)));
                months.push(Value::from(map));
            };
        let flush_year = |years: &mut Vec<Value>, months: &mut Vec<Value>, year: i32| {
            if months.is_empty() {
                return;
            }
            let mut map: std::collections::BTreeMap<&'static str, Value> = Default::default();
            map.insert("year", Value::from(year));
            map.insert("label", Value::from(view::year_label(year, lang)));
            map.insert(
                "url",
                Value::from(
                    self.config
                        .base_url
                        .link(&Route::group(GroupId::Year(year)).path()),
                ),
            );
            map.insert("months", Value::from(std::mem::take(months)));
            years.push(Value::from(map));
        };
        for &i in events {
            let date = &t.events[i].event.date;
            let anchor = date.anchor();
            let k = (t.events[i].year, anchor.and_then(|p| p.month()));
            if key != Some(k) {
                if let Some(prev) = key {
                    flush_month(&mut months, &mut current_month, prev);
                    if prev.0 != k.0 {
                        flush_year(&mut years, &mut months, prev.0);
                    }
                }
                key = Some(k);
            }
            current_month.push(self.events[i].clone());
        }
        if let Some(prev) = key {
            flush_month(&mut months, &mut current_month, prev);
            flush_year(&mut years, &mut months, prev.0);
        }
        Value::from(years)
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
    #[serde(rename = "404")]
    NotFound,
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
            },
            Route::Event(_) => PageKind::Event,
            Route::Section(kind) => match kind {
                Kind::Actor => PageKind::Actors,
                Kind::Theatre => PageKind::Theatres,
                Kind::Tag => PageKind::Tags,
                Kind::Year => PageKind::Years,
            },
            Route::NotFound => PageKind::NotFound,
            Route::EventAsset(..) | Route::Feed(..) | Route::Data(_) | Route::Static(_) => {
                return None
            }
        })
    }
}

/// `page`, in every page template.
#[derive(Serialize, JsonSchema)]
pub(crate) struct PageView {
    /// The kind of page: `index`, `event`, `actors`, `actor`, `theatres`,
    /// `theatre`, `tags`, `tag`, `years`, `year` or `404`.
    kind: PageKind,
    /// The page's title, with "(page N of M)" on later pages of a list.
    title: String,
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

fn register_filters(tera: &mut Tera, config: &Config) {
    let base = config.base_url.clone();
    tera.register_filter(
        "url",
        move |path: &str, kwargs: Kwargs, _: &State| -> tera::TeraResult<String> {
            let absolute: Option<bool> = kwargs.get("absolute")?;
            Ok(base.href(path, absolute.unwrap_or(false)))
        },
    );
    let tz = config.timezone;
    let lang: Lang = config.lang;
    tera.register_filter(
        "date_display",
        move |value: &Value, kwargs: Kwargs, _: &State| -> tera::TeraResult<Value> {
            // A date object (`event.date`) or its EDTF text (`event.date.iso`).
            let iso = value.get_from_path("iso").and_then(Value::as_str);
            let text = match iso.or(value.as_str()) {
                Some(s) => s.to_string(),
                None => value.to_string(),
            };
            let date = EventDate::parse(&text, tz).map_err(|e| {
                tera::Error::message(format!(
                    "date_display: `{text}` is not a date: {}",
                    e.message
                ))
            })?;
            let format: Option<String> = kwargs.get("format")?;
            let shown = date.display(&lang);
            Ok(match format.as_deref() {
                Some("text") => Value::from(shown.text()),
                _ => Value::safe_string(&shown.html()),
            })
        },
    );
    let unsafe_html = config.unsafe_html;
    tera.register_filter(
        "markdown",
        move |text: &str, _: Kwargs, _: &State| -> Value {
            Value::safe_string(&crate::markdown::to_html(text, unsafe_html))
        },
    );
}
