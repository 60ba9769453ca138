//! Stage 5: Tera 2 templates over the plan, in parallel.
//!
//! Site-wide data goes into Tera's global context once; each page's context holds
//! only its own slice of events, as shared `Arc` values.

pub(crate) mod chart;
mod context;
mod embed;
mod entries;
mod errors;
pub(crate) mod i18n;
mod jsonld;
pub(crate) mod lint;
pub(crate) mod vars;
pub(crate) mod view;

pub(crate) use context::PageView;

use crate::date::{EventDate, Lang};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::parse::config::Config;
use crate::plan::Page;
use crate::route::{Kind, ListId, Route};
use crate::slug::Slug;
use crate::theme::Theme;
use rayon::prelude::*;
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
/// `robots.txt` is the model): files search engines read, and embedding.
const BUILTINS: [(&str, &str); 11] = [
    ("sitemap.xml", include_str!("builtins/sitemap.xml")),
    (
        "sitemap_index.xml",
        include_str!("builtins/sitemap_index.xml"),
    ),
    ("robots.txt", include_str!("builtins/robots.txt")),
    // Embedding (SPEC §8): self-contained pages, so that every theme has
    // them and each stays light (inline style and script, nothing loaded).
    ("embed.html", include_str!("builtins/embed.html")),
    (
        "embed_event.html",
        include_str!("builtins/embed_event.html"),
    ),
    ("embed_head.html", include_str!("builtins/embed_head.html")),
    ("embed_item.html", include_str!("builtins/embed_item.html")),
    ("embed_style.css", include_str!("builtins/embed_style.css")),
    ("embed_page.js", include_str!("builtins/embed_page.js")),
    ("embed.js", include_str!("builtins/embed.js")),
    ("fragment.html", include_str!("builtins/fragment.html")),
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
    timeline: &'a Timeline,
    config: &'a Config,
    p: Prepared,
}

/// What a renderer prepares once for a site, kept by `serve` between
/// rebuilds so that a saved event costs its own entry, not every event's.
pub(crate) struct Prepared {
    tera: Tera,
    /// Tera name → (file shown in messages, source).
    sources: HashMap<String, (String, String)>,
    /// Every event's list entries as `event_item.html` and `event_line.html`
    /// rendered them, once, packed (none when the theme has no such
    /// template), with its date's EDTF and HTML forms, and its date as text.
    /// The rest of what lists hold of an event is built when a page shows it
    /// ([`Renderer::list_value`]): as a Tera value it weighs more than the
    /// entries, and it is quick to make again from the timeline.
    entries: entries::Entries,
    /// Links to actors, theatres and tags, shared by the events that name them.
    shared: view::SharedLinks,
    /// The theme's strings in the site's language.
    strings: i18n::Strings,
    /// Each list's overview as drawn, when kept (`serve`), so that an edit
    /// redraws only the edited event's marks.
    charts: Option<std::sync::Mutex<HashMap<ListId, chart::Drawn>>>,
}

impl<'a> Renderer<'a> {
    /// Compiles the theme's templates. `None` when any fails (with diagnostics).
    pub(crate) fn new(
        theme: &Theme,
        timeline: &'a Timeline,
        config: &'a Config,
        drafts: bool,
        keep_charts: bool,
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
            diagnostics.extend(errors::template_diagnostics(&e, &sources));
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
        // `site.actors` and `site.theatres` hold each one's view without its
        // relation lists; its own pages build the whole view when rendered.
        let entity_views = |kind: Kind,
                            groups: &std::collections::BTreeMap<Slug, crate::model::Group>|
         -> Vec<Value> {
            groups
                .par_iter()
                .map(|(_, g)| {
                    let v = view::entity(timeline, kind, g, config).without_relations();
                    Value::from_serializable(&v)
                })
                .collect()
        };
        let site = view::site(
            timeline,
            config,
            &theme.extra,
            drafts,
            (
                entity_views(Kind::Actor, &timeline.actors),
                entity_views(Kind::Theatre, &timeline.theatres),
            ),
        );
        tera.global_context()
            .insert_value("site", Value::from_serializable(&site));
        // Each event is prepared once, in parallel: its view renders its list
        // entry (`event_item.html`), which every list page that shows it (the
        // timeline, its actors, theatres, tags, year) then copies into the
        // `ListEvent` it builds (its basics, shared links, the entry); the
        // full view is built again only for the event's own page. So list
        // pages cost a read of the entry per event, not a template run, and
        // the entries wait in a temporary file, not in memory (`entries.rs`).
        let shared = view::SharedLinks::new(timeline, config);
        let entries = match entries::Templates::new(&tera, &sources, timeline, config).prepare_all()
        {
            Ok(entries) => entries,
            Err(d) => {
                diagnostics.push(d);
                return None;
            }
        };
        Some(Renderer {
            timeline,
            config,
            p: Prepared {
                tera,
                sources,
                entries,
                shared,
                strings,
                charts: keep_charts.then(Default::default),
            },
        })
    }

    /// A renderer over `timeline` with what an earlier one prepared: valid
    /// when the two timelines differ only in events that
    /// [`refresh_event`](Self::refresh_event) is then called for, and in
    /// nothing that the site's global view or the actors' and theatres'
    /// views show (an edit that keeps every event's place and groups).
    pub(crate) fn resume(p: Prepared, timeline: &'a Timeline, config: &'a Config) -> Renderer<'a> {
        Renderer {
            timeline,
            config,
            p,
        }
    }

    /// What this renderer prepared, to [`resume`](Self::resume) later.
    pub(crate) fn into_prepared(self) -> Prepared {
        self.p
    }

    /// Prepares these events' list entries again after their fields
    /// changed (or their neighbours'), and the marks of those in `redraw`
    /// in the kept charts.
    pub(crate) fn refresh_events(
        &mut self,
        events: &[usize],
        redraw: &[usize],
    ) -> Result<(), Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let p = &mut self.p;
        p.shared = view::SharedLinks::new(t, c);
        let templates = entries::Templates::new(&p.tera, &p.sources, t, c);
        for &i in events {
            templates.refresh(&mut p.entries, i)?;
        }
        if let Some(charts) = &p.charts {
            let mut charts = charts.lock().unwrap_or_else(|e| e.into_inner());
            charts.par_iter_mut().for_each(|(_, drawn)| {
                drawn.redraw(t, redraw, &c.base_url, &p.entries.date_texts);
            });
        }
        Ok(())
    }

    /// Renders one page to bytes.
    pub(crate) fn render(&self, page: &Page) -> Result<Vec<u8>, Diagnostic> {
        let ctx = self.context(page)?;
        self.render_template(page.template, &ctx)
    }

    /// What lists hold of event `i` (a `ListEvent`: its basics, the shared
    /// links, its prepared entries), built for the page that shows it.
    pub(crate) fn list_value(&self, i: usize) -> Result<Value, Diagnostic> {
        let (t, c) = (self.timeline, self.config);
        let entries = self.p.entries.get(i)?;
        let listed = self.p.shared.list_event(
            t,
            i,
            c,
            self.p.entries.date(i, &entries),
            entries.item().map(Value::safe_string),
            entries.line().map(Value::safe_string),
        );
        Ok(Value::from_serializable(&listed))
    }

    /// Renders a template that is not a page (`sitemap.xml`, `robots.txt`)
    /// with `ctx` and the global `site`.
    pub(crate) fn render_template(
        &self,
        template: &str,
        ctx: &Context,
    ) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        match self.p.tera.render_to(template, ctx, &mut out) {
            Ok(()) => Ok(out),
            Err(e) => Err(errors::template_diagnostic(&e, &self.p.sources)),
        }
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
            let date = EventDate::from_iso(&text, tz).map_err(|e| {
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
    // What scripts read from `data-` attributes (a count's plural forms).
    tera.register_filter(
        "json_encode",
        |value: &Value, _: Kwargs, _: &State| -> tera::TeraResult<String> {
            serde_json::to_string(value).map_err(|e| tera::Error::message(e.to_string()))
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
