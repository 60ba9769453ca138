//! Rebuilding a site as its sources change (`annals serve`): each source's
//! parse is kept, so a save parses one file again; an edit that keeps every
//! event's place (a new title, summary, body, status or sources) re-renders
//! only the files that show the event (`plan::affected`'s answer for such an
//! edit), with what the renderer prepared for the other events kept. Anything
//! else (an event added, removed, re-dated or re-filed; an actor or theatre
//! file; an asset) builds the model again from the kept parses and writes
//! every file; the configuration, templates, themes and static files are
//! read again from scratch.
//!
//! The result is the same as a build of the sources as they are: the
//! property test below checks it byte for byte over random edits.

use super::{Options, Site};
use crate::diagnostic::{self, Diagnostic};
use crate::load::{self, Section, Walked};
use crate::model;
use crate::parse::{self, Config, Event, Outcome};
use crate::plan;
use crate::render::{Prepared, Renderer};
use crate::route::{DataFile, Route};
use crate::theme::{self, Theme};
use crate::write::Sink;
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What changed on disk.
#[derive(Debug, Clone)]
pub(crate) enum Changed {
    /// Read everything again (the first build).
    Everything,
    /// These paths (files or folders, below the site's root as the engine
    /// was given it) were written, made, renamed or removed.
    Paths(Vec<PathBuf>),
}

/// What the caller must write after [`Engine::update`].
#[derive(Debug)]
pub(crate) enum Step {
    /// Nothing the site is built from changed (an editor's temporary file).
    Unchanged,
    /// The sources have errors: the last output stays as it was.
    Failed(Vec<Diagnostic>),
    /// Every file, into an empty folder: [`Engine::write_everything`].
    Everything,
    /// Only these files, over the last output: `now` ([`Engine::write_files`]),
    /// then `later`, the files that hold every event (exports, each list's
    /// `data.json`), which are slow to write and no page shows.
    Files { now: Vec<Route>, later: Vec<Route> },
}

/// The site as last read, and the site whose output was last written.
pub(crate) struct Engine {
    opts: Options,
    config: Config,
    /// What reading the configuration and the theme said, and the theme's
    /// template warnings.
    setup_diagnostics: Vec<Diagnostic>,
    theme: Theme,
    walked: Walked,
    /// Where parsed events' bodies are kept: a new place at each reset, so
    /// that one does not grow with every edit of a long session.
    bodies: parse::Bodies,
    /// Each walked source's parse, by path.
    parses: HashMap<PathBuf, (Section, Outcome)>,
    /// The site whose files were last written, and what its renderer
    /// prepared (taken while a renderer uses it).
    served: Option<Served>,
    /// The site [`Engine::write_everything`] writes.
    next: Option<Site>,
    /// Event files parsed again since `served` was written.
    dirty: BTreeSet<PathBuf>,
    /// Files were added, removed or renamed, or an actor, theatre or asset
    /// changed, since `served` was written: only a whole build catches up.
    moved: bool,
}

struct Served {
    site: Site,
    prepared: Option<Prepared>,
}

impl Engine {
    /// An engine for the site of `opts`; nothing is read until
    /// [`update`](Self::update) with [`Changed::Everything`].
    pub(crate) fn new(opts: Options) -> Engine {
        Engine {
            opts,
            config: Config::default(),
            setup_diagnostics: Vec::new(),
            theme: Theme::default(),
            walked: Walked::default(),
            bodies: parse::Bodies::new(true),
            parses: HashMap::new(),
            served: None,
            next: None,
            dirty: BTreeSet::new(),
            moved: false,
        }
    }

    /// Takes in what changed and says what to write.
    pub(crate) fn update(&mut self, changed: &Changed) -> Step {
        let paths = match changed {
            Changed::Everything => {
                self.reset();
                return self.plan_everything();
            }
            Changed::Paths(paths) => paths,
        };
        let root = self.opts.root.clone();
        let content = root.join("content");
        let setup = |p: &Path| {
            p == root.join(parse::config::CONFIG_FILE)
                || ["templates", "themes", "static"]
                    .iter()
                    .any(|d| p.starts_with(root.join(d)))
        };
        if paths.iter().any(|p| setup(p)) {
            self.reset();
            return self.plan_everything();
        }
        let mut rewalk = false;
        let mut reparsed = false;
        // Something other than an event's fields changed: the model is
        // built again.
        let mut structural = false;
        for p in paths.iter().filter(|p| p.starts_with(&content)) {
            match self.parses.get(p).map(|(s, _)| *s) {
                Some(section) if p.is_file() => {
                    let outcome = self.parse(section, p.clone());
                    self.parses.insert(p.clone(), (section, outcome));
                    reparsed = true;
                    if section == Section::Events {
                        self.dirty.insert(p.clone());
                    } else {
                        structural = true;
                    }
                }
                // Gone, and nothing the site was built from: an editor's
                // temporary file, written and renamed away.
                None if !p.exists() && !self.knows(p) => {}
                // A file made, removed or renamed, a folder (whose own
                // events come with an editor's save), or an asset.
                _ => {
                    rewalk = true;
                    // An asset written in place leaves the walk as it was.
                    structural |=
                        p.is_file() && self.walked.assets.values().any(|files| files.contains(p));
                }
            }
        }
        if rewalk {
            let walked = load::walk(&self.opts.root);
            if walked != self.walked {
                self.take_walk(walked, paths);
                structural = true;
            }
        }
        if structural {
            self.moved = true;
            return self.plan_everything();
        }
        if !reparsed {
            return Step::Unchanged;
        }
        match self.try_edit() {
            Some(step) => step,
            None => self.plan_everything(),
        }
    }

    /// Writes the whole site planned by [`update`](Self::update) into `sink`;
    /// on success it is the site served from then on.
    pub(crate) fn write_everything(&mut self, sink: &dyn Sink) -> Result<(), Vec<Diagnostic>> {
        let Some(site) = self.next.take() else {
            return Err(vec![internal("nothing to write")]);
        };
        let (_, prepared) = site.build_keeping(sink, &|_, _| {}, true)?;
        self.served = Some(Served { site, prepared });
        self.dirty.clear();
        self.moved = false;
        Ok(())
    }

    /// Writes `routes` of the served site into `sink`. On failure the served
    /// site no longer matches any output, so the next update writes everything.
    pub(crate) fn write_files(
        &mut self,
        sink: &dyn Sink,
        routes: &[Route],
    ) -> Result<(), Vec<Diagnostic>> {
        let written = self.try_write_files(sink, routes);
        if written.is_err() {
            self.served = None;
        }
        written
    }

    /// The output no longer matches the served site (a write failed half
    /// way): the next update writes everything.
    pub(crate) fn forget_output(&mut self) {
        self.served = None;
    }

    fn try_write_files(
        &mut self,
        sink: &dyn Sink,
        routes: &[Route],
    ) -> Result<(), Vec<Diagnostic>> {
        let Some(Served { site, prepared, .. }) = self.served.as_mut() else {
            return Err(vec![internal("no site to write")]);
        };
        let Some(p) = prepared.take() else {
            return Err(vec![internal("the renderer is in use")]);
        };
        let (t, c) = (&site.timeline, &site.config);
        let renderer = Renderer::resume(p, t, c);
        let put = |route: &Route, bytes: Result<Vec<u8>, Diagnostic>| {
            let file = route.file();
            bytes.and_then(|b| sink.put(&file, &b).map_err(|e| super::io_error(&file, e)))
        };
        let mut errors: Vec<Diagnostic> = routes
            .par_iter()
            .filter_map(|route| {
                if let Some(page) = plan::page(t, c, route) {
                    return put(route, renderer.render(&page)).err();
                }
                renderer
                    .embed_file(route)
                    .and_then(|bytes| put(route, bytes).err())
            })
            .collect();
        let wanted: BTreeSet<&Route> = routes.iter().collect();
        let (_, failed) = crate::feeds::write_only(t, c, sink, &|r| wanted.contains(r));
        errors.extend(failed);
        *prepared = Some(renderer.into_prepared());
        if errors.is_empty() {
            Ok(())
        } else {
            diagnostic::sort(&mut errors);
            Err(errors)
        }
    }

    /// Reads the configuration, the theme and every source again.
    fn reset(&mut self) {
        let mut diagnostics = Vec::new();
        self.config = super::config(&self.opts, &mut diagnostics);
        self.theme = theme::load(&self.opts.root, &self.config.theme, &mut diagnostics);
        diagnostics.extend(crate::render::lint::theme(&self.theme));
        self.setup_diagnostics = diagnostics;
        self.parses.clear();
        self.served = None;
        self.bodies = parse::Bodies::new(self.opts.keep_bodies);
        let walked = load::walk(&self.opts.root);
        self.take_walk(walked, &[]);
    }

    /// Takes a new walk: sources it found that are new, or among `changed`,
    /// are parsed; those it did not find are forgotten.
    fn take_walk(&mut self, walked: Walked, changed: &[PathBuf]) {
        let wanted: Vec<(Section, PathBuf)> = walked
            .sources
            .iter()
            .filter(|(_, p)| !self.parses.contains_key(p) || changed.contains(p))
            .cloned()
            .collect();
        let parsed: Vec<(PathBuf, (Section, Outcome))> = wanted
            .into_par_iter()
            .map(|(section, p)| (p.clone(), (section, self.parse(section, p))))
            .collect();
        self.parses.extend(parsed);
        let present: std::collections::HashSet<&PathBuf> =
            walked.sources.iter().map(|(_, p)| p).collect();
        self.parses.retain(|p, _| present.contains(p));
        self.walked = walked;
    }

    fn parse(&self, section: Section, path: PathBuf) -> Outcome {
        let o = &self.opts;
        parse::read_one(&o.root, section, path, &self.config, &self.bodies, o.today)
    }

    /// Whether the site was built from `p` or from something below it.
    fn knows(&self, p: &Path) -> bool {
        self.parses.keys().any(|k| k.starts_with(p))
            || self
                .walked
                .assets
                .iter()
                .any(|(dir, files)| dir.starts_with(p) || files.iter().any(|f| f == p))
    }

    /// The model from every kept parse: the site to write whole, or its errors.
    fn plan_everything(&mut self) -> Step {
        self.next = None;
        let mut diagnostics = self.walked.diagnostics.clone();
        diagnostics.extend(self.setup_diagnostics.iter().cloned());
        let outcomes = self
            .walked
            .sources
            .iter()
            .filter_map(|(_, p)| self.parses.get(p).map(|(_, o)| o.clone()));
        let (parsed, _) = parse::assemble(outcomes, &mut diagnostics);
        let timeline = model::build(parsed, self.opts.drafts, &mut diagnostics);
        self.config.check.apply(&mut diagnostics);
        let mut errors: Vec<Diagnostic> = diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        if !errors.is_empty() {
            diagnostic::sort(&mut errors);
            return Step::Failed(errors);
        }
        self.next = Some(Site {
            root: self.opts.root.clone(),
            config: self.config.clone(),
            timeline,
            theme: self.theme.clone(),
            drafts: self.opts.drafts,
            assets: self.walked.assets.clone(),
        });
        Step::Everything
    }

    /// The edited events put in the served site in place, when every edit
    /// keeps its event's place and nothing else changed; `None` when the
    /// model must be built again.
    fn try_edit(&mut self) -> Option<Step> {
        if self.moved {
            return None;
        }
        let served = self.served.as_mut()?;
        served.prepared.as_ref()?;
        let t = &served.site.timeline;
        let mut edits: Vec<(usize, Event)> = Vec::new();
        for p in &self.dirty {
            let Some((Section::Events, Outcome::Event(Ok(e), diagnostics))) = self.parses.get(p)
            else {
                return None;
            };
            let mut diagnostics = diagnostics.clone();
            self.config.check.apply(&mut diagnostics);
            if e.has_errors || diagnostics.iter().any(Diagnostic::is_error) {
                return None;
            }
            let i = t.index_of(&e.slug)?;
            let old = &t.events[i].event;
            if old.path != e.path || !same_place(old, e) {
                return None;
            }
            edits.push((i, (**e).clone()));
        }
        let swap = |site: &mut Site, edits: &mut Vec<(usize, Event)>| {
            for (i, e) in edits.iter_mut() {
                std::mem::swap(&mut *site.timeline.events[*i].event, e);
            }
        };
        // An event's assets depend on its body and image.
        let assets_of = |site: &Site, edits: &[(usize, Event)]| -> Vec<_> {
            let t = &site.timeline;
            edits
                .iter()
                .map(|(i, _)| site.assets_of(&t.events[*i].event))
                .collect()
        };
        let assets_before = assets_of(&served.site, &edits);
        swap(&mut served.site, &mut edits);
        // The warnings of the whole timeline read titles; only
        // `deny_warnings` makes them errors, which the full path then
        // reports with their lines. Otherwise `serve` shows no warnings.
        let denied = self.config.check.deny_warnings
            && !model::lint::timeline(&served.site.timeline).is_empty();
        if denied || assets_of(&served.site, &edits) != assets_before {
            swap(&mut served.site, &mut edits);
            return None;
        }
        self.dirty.clear();
        for (i, _) in &edits {
            let e = &mut served.site.timeline.events[*i].event;
            (e.slug_span, e.title_span, e.date_span) = (None, None, None);
        }
        let Served { site, prepared, .. } = served;
        let (t, c) = (&site.timeline, &site.config);
        let mut renderer = Renderer::resume(prepared.take()?, t, c);
        // A list entry may show its neighbours' and related events' titles.
        let mut refresh: BTreeSet<usize> = BTreeSet::new();
        for (i, _) in &edits {
            let te = &t.events[*i];
            refresh.insert(*i);
            refresh.extend(
                te.prev
                    .into_iter()
                    .chain(te.next)
                    .chain(te.related.iter().copied()),
            );
        }
        let refresh: Vec<usize> = refresh.into_iter().collect();
        let edited: Vec<usize> = edits.iter().map(|(i, _)| *i).collect();
        let refreshed = renderer.refresh_events(&refresh, &edited);
        *prepared = Some(renderer.into_prepared());
        if let Err(d) = refreshed {
            self.served = None;
            return Some(Step::Failed(vec![d]));
        }
        let Served { site, .. } = self.served.as_ref()?;
        let (t, c) = (&site.timeline, &site.config);
        let routes: BTreeSet<Route> = edits
            .iter()
            .flat_map(|(i, _)| plan::showing(t, c, *i))
            .collect();
        let (later, now): (Vec<Route>, Vec<Route>) =
            routes.into_iter().partition(holds_every_event);
        Some(Step::Files { now, later })
    }
}

/// Whether two parses of an event file put it in the same place with the
/// same groups and links: then every other event's page and every group's
/// view are as they were.
fn same_place(a: &Event, b: &Event) -> bool {
    let related = |e: &Event| e.related.iter().map(|(s, _)| s.clone()).collect::<Vec<_>>();
    let periods = |e: &Event| e.periods.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
    a.slug == b.slug
        && a.file == b.file
        && a.date.iso() == b.date.iso()
        && a.weight == b.weight
        && a.draft == b.draft
        && a.actors == b.actors
        && a.theatres == b.theatres
        && a.tags == b.tags
        && related(a) == related(b)
        && periods(a) == periods(b)
}

/// The files that hold every event: written after the pages an edit reached.
fn holds_every_event(route: &Route) -> bool {
    matches!(
        route,
        Route::EmbedData(_)
            | Route::Data(
                DataFile::EventsJson
                    | DataFile::EventsCsv
                    | DataFile::Calendar
                    | DataFile::TimelineJs
            )
            | Route::Search(_)
    )
}

fn internal(what: &str) -> Diagnostic {
    Diagnostic::error(
        crate::diagnostic::Code::Io,
        format!("internal error: {what}"),
    )
}

#[cfg(test)]
mod tests;
