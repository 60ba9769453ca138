//! The pipeline, top to bottom: load → parse → model → plan → render → write.
//!
//! Commands call `Site::load` and then `Site::build_into` with a sink; this file
//! decides nothing about formats, it only wires the stages together.

pub(crate) mod incremental;

use crate::diagnostic::{self, Code, Diagnostic};
use crate::model::{self, Timeline};
use crate::parse::{self, Config};
use crate::plan::{self, Page};
use crate::render::Renderer;
use crate::route::{DataFile, Route};
use crate::theme::{self, Theme};
use crate::write::{DirSink, PublishError, Sink, Staging, Watching};
use crate::{load, parse::event::ImageSrc};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Replace an output folder that annals did not write (`build --force`).
    pub force: bool,
    /// Keep event bodies in memory instead of in a temporary file (for
    /// `annals diff`, whose sites are small and read twice).
    pub keep_bodies: bool,
    /// The date that "in the future" (W303) compares with. Only `check` sets
    /// it: with `None` the warning is not computed, so what every other
    /// command prints, writes and returns cannot change with the clock or the
    /// machine's time zone (SPEC §11).
    pub today: Option<chrono::NaiveDate>,
}

/// A loaded, validated site: everything needed to write it.
pub struct Site {
    pub(crate) root: PathBuf,
    pub(crate) config: Config,
    pub(crate) timeline: Timeline,
    pub(crate) theme: Theme,
    pub(crate) drafts: bool,
    /// Non-Markdown files beside events, by folder.
    assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>>,
}

/// What a build produced.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub pages: usize,
    pub files: usize,
    pub events: usize,
    /// Time and memory per stage of the build (not of loading).
    pub(crate) stages: Vec<crate::timing::Stage>,
}

/// What loading found: the site when no error was found, every diagnostic,
/// and how many source files were examined (`annals.yaml` and each file of
/// `content/` that was read or failed to be).
pub struct Loaded {
    /// The site, when nothing is wrong with it.
    pub site: Option<Site>,
    /// The site as far as it could be read, when something is wrong: events
    /// with errors lack their bad values. Never built; `check` renders it to
    /// find the template errors that the content's errors would hide.
    pub(crate) partial: Option<Site>,
    pub diagnostics: Vec<Diagnostic>,
    pub files: usize,
    /// Time and memory per stage of loading.
    pub(crate) stages: Vec<crate::timing::Stage>,
}

impl Loaded {
    /// The template errors that the content's errors would hide: rendering
    /// finds them, so what could be read is rendered, into nothing, and only
    /// what it says of templates is kept. Empty when the site is fine (a
    /// build or `check` renders it anyway).
    pub(crate) fn hidden_template_errors(&self) -> Vec<Diagnostic> {
        let Some(partial) = &self.partial else {
            return Vec::new();
        };
        match partial.build_into(&crate::write::NullSink) {
            Ok(_) => Vec::new(),
            Err(errors) => errors
                .into_iter()
                .filter(|d| d.code == diagnostic::Code::Template)
                .collect(),
        }
    }
}

/// A site's timeline read as far as it parses, with every problem found on the
/// way, errors included: an event or entity file with errors keeps what
/// parses (its wrong values left out), one without a valid title or date is
/// left out. [`load`] adds the theme and keeps the site only without errors;
/// `annals diff` compares what parses.
pub(crate) struct Contents {
    pub config: Config,
    pub timeline: Timeline,
    /// Sorted; warnings raised to errors by the site's `check:` policy.
    pub diagnostics: Vec<Diagnostic>,
    /// Non-Markdown files beside events, by folder.
    assets: std::collections::BTreeMap<PathBuf, Vec<PathBuf>>,
    files: usize,
    stages: Vec<crate::timing::Stage>,
}

/// `annals.yaml`, with `--base-url` in place of its `base_url`.
fn config(opts: &Options, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let mut config = parse::config::load(&opts.root, diagnostics);
    if let Some(b) = &opts.base_url {
        match parse::config::BaseUrl::parse(b) {
            Ok(b) => config.base_url = b,
            Err(e) => diagnostics.push(e.for_option()),
        }
    }
    config
}

/// Reads the configuration and `content/` into a timeline (no theme).
pub(crate) fn load_contents(opts: &Options) -> Contents {
    let mut diagnostics = Vec::new();
    let root = &opts.root;
    let config = config(opts, &mut diagnostics);
    let mut watch = crate::timing::Stopwatch::new();
    let walked = load::walk(root);
    watch.lap("walk");
    diagnostics.extend(walked.diagnostics);
    let (parsed, files) = parse::read_and_parse(
        root,
        walked.sources,
        &config,
        &parse::Bodies::new(opts.keep_bodies),
        opts.today,
        &mut diagnostics,
    );
    watch.lap("read+parse");
    let files = files + usize::from(root.join(parse::config::CONFIG_FILE).is_file());
    let timeline = model::build(parsed, opts.drafts, &mut diagnostics);
    watch.lap("model");
    config.check.apply(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    Contents {
        config,
        timeline,
        diagnostics,
        assets: walked.assets,
        files,
        stages: watch.stages,
    }
}

/// Loads and validates.
pub fn load(opts: &Options) -> Loaded {
    let Contents {
        config,
        timeline,
        mut diagnostics,
        assets,
        files,
        stages,
    } = load_contents(opts);
    let theme = theme::load(&opts.root, &config.theme, &mut diagnostics);
    // Template warnings are found here, with the other warnings, so that `check`
    // reports them and `check:` applies (a build keeps its own only on failure).
    diagnostics.extend(crate::render::lint::theme(&theme));
    config.check.apply(&mut diagnostics);
    diagnostic::sort(&mut diagnostics);
    let site = Site {
        root: opts.root.clone(),
        config,
        timeline,
        theme,
        drafts: opts.drafts,
        assets,
    };
    let (site, partial) = if diagnostics.iter().any(Diagnostic::is_error) {
        (None, Some(site))
    } else {
        (Some(site), None)
    };
    Loaded {
        site,
        partial,
        diagnostics,
        files,
        stages,
    }
}

/// The default output folder, or `--output` (relative to the current folder).
pub(crate) fn output_dir(opts: &Options) -> PathBuf {
    opts.output
        .clone()
        .unwrap_or_else(|| opts.root.join("public"))
}

impl Site {
    /// The output files (paths relative to the output folder, `/`-separated)
    /// that differ between a build of `before` and a build of `self`, where
    /// the two sites differ only in the event `slug` (edited, added or
    /// removed) and share a configuration. `None` if `slug` is not a slug.
    /// `serve`'s incremental rebuilds rest on this answer.
    pub fn affected_files(&self, before: &Site, slug: &str) -> Option<BTreeSet<String>> {
        let slug = crate::slug::Slug::from_name(slug)?;
        Some(plan::affected(
            &before.timeline,
            &self.timeline,
            &self.config,
            &slug,
        ))
    }

    /// Renders and writes every file into `sink`. Errors are template or I/O
    /// problems; the sink may then hold a partial site, which the caller discards.
    pub fn build_into(&self, sink: &dyn Sink) -> Result<Summary, Vec<Diagnostic>> {
        self.build_into_with(sink, &|_, _| {})
    }

    /// As [`build_into`](Self::build_into), calling `progress(done, total)`
    /// after each page (from any thread).
    pub(crate) fn build_into_with(
        &self,
        sink: &dyn Sink,
        progress: &(dyn Fn(usize, usize) + Sync),
    ) -> Result<Summary, Vec<Diagnostic>> {
        self.build_keeping(sink, progress, false)
            .map(|(summary, _)| summary)
    }

    /// As [`build_into_with`](Self::build_into_with), and with `keep`,
    /// keeping what the renderer prepared, for a later build of the same
    /// site with some events edited (`serve`), each list's overview as
    /// drawn among it, for redrawing only an edited event's marks. Without
    /// `keep`, what was prepared is dropped as soon as the pages and
    /// embedding files are written, before the search index is built.
    fn build_keeping(
        &self,
        sink: &dyn Sink,
        progress: &(dyn Fn(usize, usize) + Sync),
        keep: bool,
    ) -> Result<(Summary, Option<crate::render::Prepared>), Vec<Diagnostic>> {
        let mut diagnostics = Vec::new();
        let mut watch = crate::timing::Stopwatch::new();
        let Some(renderer) = Renderer::new(
            &self.theme,
            &self.timeline,
            &self.config,
            self.drafts,
            keep,
            &mut diagnostics,
        ) else {
            return Err(diagnostics);
        };
        watch.lap("prepare");
        let assets = self.asset_copies();
        let copies: std::collections::HashSet<String> = self
            .theme
            .statics
            .keys()
            .map(|name| Route::Static(name.clone()).file())
            .chain(assets.iter().map(|(rel, _)| rel.clone()))
            .collect();
        let generated = Watching::new(sink, copies);
        let pages = plan::pages(&self.timeline, &self.config);
        let done = std::sync::atomic::AtomicUsize::new(0);
        // Only failures are collected: a result per page would hold a
        // `Diagnostic`'s room for each of millions of pages.
        let mut errors: Vec<Diagnostic> = pages
            .par_iter()
            .filter_map(|page| {
                let written = renderer.render(page).and_then(|bytes| {
                    let file = page.route.file();
                    generated.put(&file, &bytes).map_err(|e| io_error(&file, e))
                });
                progress(
                    done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1,
                    pages.len(),
                );
                written.err()
            })
            .collect();
        // One broken template fails every page that uses it: say it once.
        let shown = |d: &Diagnostic| crate::report::human(d, false);
        errors.sort_by_cached_key(shown);
        errors.dedup_by(|a, b| shown(a) == shown(b));
        watch.lap("render");
        let page_count = pages.len();
        let mut files = page_count;
        match self.write_extras(&generated, &renderer, &pages) {
            Ok(n) => files += n,
            Err(d) => errors.extend(d),
        }
        // The search index needs neither the plan nor each event's
        // prepared entry: their room is its room.
        drop(pages);
        let prepared = keep.then(|| renderer.into_prepared());
        match self.write_copies(sink, &generated, assets) {
            Ok(n) => files += n,
            Err(d) => errors.extend(d),
        }
        watch.lap("extras");
        let is_search = |r: &Route| matches!(r, Route::Search(_));
        let (written, failed) =
            crate::feeds::write_only(&self.timeline, &self.config, &generated, &is_search);
        files += written;
        errors.extend(failed);
        watch.lap("search");
        diagnostic::sort(&mut errors);
        if errors.is_empty() {
            let summary = Summary {
                pages: page_count,
                files,
                events: self.timeline.events.len(),
                stages: watch.stages,
            };
            Ok((summary, prepared))
        } else {
            Err(errors)
        }
    }

    /// The marker, sitemap, robots.txt, embedding files, feeds and exports.
    /// Returns the count written.
    fn write_extras(
        &self,
        sink: &dyn Sink,
        renderer: &Renderer,
        pages: &[Page],
    ) -> Result<usize, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut count = 0;
        let marker = Route::Data(DataFile::Marker).file();
        match sink.put(&marker, crate::output::MARKER_TEXT.as_bytes()) {
            Ok(()) => count += 1,
            Err(e) => errors.push(io_error(&marker, e)),
        }
        let written = std::sync::atomic::AtomicUsize::new(0);
        let failed = std::sync::Mutex::new(Vec::new());
        let fail = |d: Diagnostic| failed.lock().unwrap_or_else(|e| e.into_inner()).push(d);
        let put = |route: Route, bytes: Result<Vec<u8>, Diagnostic>| {
            let file = route.file();
            match bytes.and_then(|b| sink.put(&file, &b).map_err(|e| io_error(&file, e))) {
                Ok(()) => {
                    written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    true
                }
                Err(e) => {
                    fail(e);
                    false
                }
            }
        };
        for (route, bytes) in self.search_engine_files(renderer, pages) {
            put(route, bytes);
        }
        let append = |route: &Route, bytes: &[u8]| {
            let file = route.file();
            sink.append(&file, bytes)
                .map_err(|e| fail(io_error(&file, e)))
                .is_ok()
        };
        renderer.embed_files(&put, &append);
        count += written.into_inner();
        // Made in parallel: sorted, so that no order depends on the threads.
        let mut failed = failed.into_inner().unwrap_or_else(|e| e.into_inner());
        diagnostic::sort(&mut failed);
        errors.extend(failed);
        // The search index is written after, as a stage of its own for `-v`.
        let not_search = |r: &Route| !matches!(r, Route::Search(_));
        let (written, failed) =
            crate::feeds::write_only(&self.timeline, &self.config, sink, &not_search);
        count += written;
        errors.extend(failed);
        if errors.is_empty() {
            Ok(count)
        } else {
            Err(errors)
        }
    }

    /// Static files and event assets, written after everything annals
    /// generates: one whose path `generated` has already written would
    /// replace a page, feed or export without a word, so it is an error that
    /// names both; a generated file is changed through its template.
    /// Returns the count written.
    fn write_copies(
        &self,
        sink: &dyn Sink,
        generated: &Watching,
        assets: Vec<(String, PathBuf)>,
    ) -> Result<usize, Vec<Diagnostic>> {
        let mut errors = Vec::new();
        let mut count = 0;
        let collision = |rel: &str, from: String| {
            Diagnostic::error(
                Code::OutputCollision,
                format!("`{from}` would replace `{rel}`, which annals generates"),
            )
            .in_file(from)
            .with_hint("rename or remove the file; to change a generated page, override its template in `templates/`; to leave out a feed or export, turn it off under `feeds:` in annals.yaml")
        };
        for (name, file) in &self.theme.statics {
            let rel = Route::Static(name.clone()).file();
            if generated.was_written(&rel) {
                errors.push(collision(&rel, file.origin(&self.root, name)));
                continue;
            }
            match file.read() {
                Ok(bytes) => match sink.put(&rel, &bytes) {
                    Ok(()) => count += 1,
                    Err(e) => errors.push(io_error(&rel, e)),
                },
                Err(e) => errors.push(io_error(&rel, e)),
            }
        }
        for (rel, src) in assets {
            if generated.was_written(&rel) {
                let from = src.strip_prefix(&self.root).unwrap_or(&src);
                errors.push(collision(&rel, diagnostic::display_path(from)));
                continue;
            }
            match std::fs::read(&src).and_then(|b| sink.put(&rel, &b)) {
                Ok(()) => count += 1,
                Err(e) => errors.push(io_error(&rel, e)),
            }
        }
        if errors.is_empty() {
            Ok(count)
        } else {
            Err(errors)
        }
    }

    /// `sitemap.xml` and `robots.txt`, from templates a theme or site may
    /// override. SPEC §7: sitemaps require absolute URLs, so a site whose
    /// `base_url` is only a path gets no sitemap and no `Sitemap:` line
    /// (`check` says why, once).
    fn search_engine_files(
        &self,
        renderer: &Renderer,
        pages: &[Page],
    ) -> Vec<(Route, Result<Vec<u8>, Diagnostic>)> {
        let base = &self.config.base_url;
        let mut out = Vec::new();
        let mut robots = tera::Context::new();
        if base.has_origin() {
            let locs: Vec<String> = pages
                .iter()
                .filter(|p| plan::in_sitemap(p))
                .map(|p| base.absolute(&p.route.path()))
                .collect();
            let sitemap = Route::Data(DataFile::Sitemap);
            let parts = plan::sitemap_parts(locs.len());
            robots.insert("sitemap", &base.absolute(&sitemap.path()));
            let urlset = |locs: &[String]| {
                let mut ctx = tera::Context::new();
                ctx.insert("locs", locs);
                renderer.render_template("sitemap.xml", &ctx)
            };
            if parts.is_empty() {
                out.push((sitemap.clone(), urlset(&locs)));
            } else {
                let mut ctx = tera::Context::new();
                let part_locs: Vec<String> =
                    parts.iter().map(|r| base.absolute(&r.path())).collect();
                ctx.insert("sitemaps", &part_locs);
                out.push((
                    sitemap.clone(),
                    renderer.render_template("sitemap_index.xml", &ctx),
                ));
                for (part, chunk) in parts.iter().zip(locs.chunks(plan::SITEMAP_URLS)) {
                    out.push((part.clone(), urlset(chunk)));
                }
            }
        } else {
            robots.insert("sitemap", &None::<String>);
        }
        let route = Route::Data(DataFile::Robots);
        let bytes = renderer.render_template(&route.path(), &robots);
        out.push((route, bytes));
        out
    }

    /// (output path, source file) for each event asset. An `index.md` bundle
    /// takes every file of its folder; an event elsewhere takes the files of its
    /// folder that it names (image or body), so a folder of many events does not
    /// copy every image to every event.
    fn asset_copies(&self) -> Vec<(String, PathBuf)> {
        let mut out: Vec<(String, PathBuf)> = self
            .timeline
            .events
            .iter()
            .flat_map(|te| self.assets_of(&te.event))
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The assets of one event, as [`asset_copies`](Self::asset_copies)
    /// finds them.
    fn assets_of(&self, e: &parse::Event) -> Vec<(String, PathBuf)> {
        let mut out = Vec::new();
        let Some(dir) = e.path.parent() else {
            return out;
        };
        let bundle = e.path.file_stem().is_some_and(|s| s == "index");
        let image = match e.image.as_ref().map(|i| &i.src) {
            Some(ImageSrc::File(p)) => Some(dir.join(p)),
            _ => None,
        };
        // Read only for events beside assets; a failed read shows up, with
        // its file, when the event's page is rendered.
        let mut body: Option<String> = None;
        for (folder, files) in self.assets.range(dir.to_path_buf()..) {
            if !folder.starts_with(dir) {
                break;
            }
            for f in files {
                let rel = f.strip_prefix(dir).unwrap_or(f);
                let rel_str = diagnostic::display_path(rel);
                let mentions = |body: &mut Option<String>| {
                    body.get_or_insert_with(|| {
                        e.body_text().map(|b| b.into_owned()).unwrap_or_default()
                    })
                    .contains(rel_str.as_str())
                };
                let named =
                    image.as_deref() == Some(f.as_path()) || (folder == dir && mentions(&mut body));
                if bundle || named {
                    let route = Route::EventAsset(e.slug.clone(), rel_str.clone());
                    out.push((route.file(), f.clone()));
                }
            }
        }
        out
    }
}

fn io_error(rel: &str, e: std::io::Error) -> Diagnostic {
    crate::io_error::cannot_write(rel, &e)
}

/// Why a build did not replace its output, and whether the previous output is
/// still where it was: the message a user reads must never claim what did not
/// happen.
pub(crate) struct BuildFailure {
    pub diagnostics: Vec<Diagnostic>,
    /// `None`: the previous output is untouched. `Some(p)`: it could not be
    /// put back and is at `p`.
    pub moved_aside: Option<PathBuf>,
}

impl From<Vec<Diagnostic>> for BuildFailure {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        BuildFailure {
            diagnostics,
            moved_aside: None,
        }
    }
}

/// Builds the site into the output folder, atomically, reporting pages done.
/// The output is resolved and judged (`output::resolve`) before anything is
/// written; with `force`, a folder that annals did not write may be replaced.
pub(crate) fn build(
    site: &Site,
    output: &Path,
    force: bool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Summary, BuildFailure> {
    // A symlinked output folder is replaced where it points, so the link survives.
    let output = crate::output::resolve(&site.root, output, crate::output::Use::Replace { force })
        .map_err(|d| vec![d])?;
    let staging = Staging::new(&output).map_err(|e| {
        vec![Diagnostic::error(
            Code::Io,
            format!(
                "cannot create a folder beside `{}`: {}",
                output.display(),
                crate::io_error::reason(&e, &output)
            ),
        )]
    })?;
    let sink = DirSink::new(staging.dir.clone());
    let mut summary = site
        .build_into_with(&sink, progress)
        .map_err(crate::io_error::collapse)?;
    let mut watch = crate::timing::Stopwatch::new();
    let cannot = |e: std::io::Error| {
        vec![Diagnostic::error(
            Code::Io,
            format!(
                "cannot replace `{}`: {}",
                output.display(),
                crate::io_error::reason(&e, &output)
            ),
        )]
    };
    staging.publish().map_err(|e| match e {
        PublishError::Untouched(e) => BuildFailure::from(cannot(e)),
        PublishError::MovedAside(e, old) => BuildFailure {
            diagnostics: cannot(e),
            moved_aside: Some(old),
        },
    })?;
    watch.lap("publish");
    summary.stages.extend(watch.stages);
    Ok(summary)
}
