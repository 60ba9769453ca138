//! An engine's output after any sequence of changes is a full build's.

use super::{Changed, Engine, Step};
use crate::site::{self, Options};
use crate::write::MemorySink;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

type Files = BTreeMap<String, Vec<u8>>;

const ACTORS: [&str; 3] = ["Alpha Corps", "Beta Group", "Gamma"];
const THEATRES: [&str; 2] = ["North", "South"];
const STATUSES: [&str; 3] = ["reported", "confirmed", "disputed"];
/// The periods' slugs: `summer` is re-dated by [`Op::PeriodFile`], `war`
/// spans every event's year.
const PERIODS: [&str; 2] = ["summer", "war"];

#[derive(Debug, Clone)]
struct Spec {
    name: String,
    title: String,
    year: i32,
    day: u32,
    actors: u8,
    theatre: usize,
    tag: Option<String>,
    status: usize,
    body: String,
    /// Another event's name (by index into the site's events when written).
    related: Option<usize>,
    /// A period named in `periods:` (by index into [`PERIODS`]); `None`:
    /// the date decides.
    period: Option<usize>,
    draft: bool,
}

#[derive(Debug, Clone)]
enum Op {
    Title(usize, String),
    Body(usize, String),
    Status(usize, usize),
    Date(usize, u32),
    Actors(usize, u8),
    Tag(usize, Option<String>),
    Related(usize, Option<usize>),
    Draft(usize, bool),
    Add(Spec),
    Delete(usize),
    Rename(usize, String),
    Break(usize),
    ActorFile(String),
    PerPage(usize),
    Period(usize, Option<usize>),
    /// `summer` spans July of 2023 from this day to the next number's day,
    /// or on (`..`) when it is `None`.
    PeriodFile(u32, Option<u32>),
}

fn word() -> impl Strategy<Value = String> {
    prop::sample::select(vec!["Siege", "Talks", "Strike", "Truce", "Raid", "Retreat"])
        .prop_map(str::to_string)
}

fn spec() -> impl Strategy<Value = Spec> {
    (
        "[a-f]{1,3}",
        word(),
        2022..2024i32,
        1..29u32,
        0..8u8,
        0..2usize,
        prop::option::of(word()),
        0..3usize,
        word(),
        prop::option::of(0..6usize),
        (
            prop::option::weighted(0.2, 0..2usize),
            prop::bool::weighted(0.1),
        ),
    )
        .prop_map(
            |(
                name,
                title,
                year,
                day,
                actors,
                theatre,
                tag,
                status,
                body,
                related,
                (period, draft),
            )| Spec {
                name,
                title,
                year,
                day,
                actors,
                theatre,
                tag,
                status,
                body,
                related,
                period,
                draft,
            },
        )
}

fn op() -> impl Strategy<Value = Op> {
    let k = 0..20usize;
    prop_oneof![
        4 => (k.clone(), word()).prop_map(|(k, w)| Op::Title(k, w)),
        3 => (k.clone(), word()).prop_map(|(k, w)| Op::Body(k, w)),
        2 => (k.clone(), 0..3usize).prop_map(|(k, s)| Op::Status(k, s)),
        1 => (k.clone(), 1..29u32).prop_map(|(k, d)| Op::Date(k, d)),
        1 => (k.clone(), 0..8u8).prop_map(|(k, a)| Op::Actors(k, a)),
        1 => (k.clone(), prop::option::of(word())).prop_map(|(k, t)| Op::Tag(k, t)),
        1 => (k.clone(), prop::option::of(0..6usize)).prop_map(|(k, r)| Op::Related(k, r)),
        1 => (k.clone(), any::<bool>()).prop_map(|(k, d)| Op::Draft(k, d)),
        2 => spec().prop_map(Op::Add),
        1 => k.clone().prop_map(Op::Delete),
        1 => (k.clone(), "[g-h]{1,2}").prop_map(|(k, n)| Op::Rename(k, n)),
        1 => k.clone().prop_map(Op::Break),
        1 => word().prop_map(Op::ActorFile),
        1 => (1..4usize).prop_map(Op::PerPage),
        1 => (k, prop::option::of(0..2usize)).prop_map(|(k, p)| Op::Period(k, p)),
        1 => (1..29u32, prop::option::of(0..20u32)).prop_map(|(a, b)| Op::PeriodFile(a, b)),
    ]
}

/// A site on disk and the specs it was written from.
struct SiteDir {
    dir: tempfile::TempDir,
    events: Vec<Spec>,
}

impl SiteDir {
    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn path(&self, name: &str) -> PathBuf {
        self.root().join(format!("content/events/{name}.md"))
    }

    fn text(&self, s: &Spec) -> String {
        let actors: Vec<&str> = (0..3)
            .filter(|b| s.actors & (1 << b) != 0)
            .map(|b| ACTORS[b])
            .collect();
        let mut text = format!(
            "---\ntitle: \"{}\"\ndate: {}-07-{:02}\nactors: [{}]\ntheatres: [{}]\nstatus: {}\n",
            s.title,
            s.year,
            s.day,
            actors.join(", "),
            THEATRES[s.theatre],
            STATUSES[s.status],
        );
        if let Some(tag) = &s.tag {
            text.push_str(&format!("tags: [{tag}]\n"));
        }
        if let Some(other) = s.related.and_then(|r| self.events.get(r)) {
            if other.name != s.name {
                text.push_str(&format!("related: [{}]\n", other.name));
            }
        }
        if let Some(p) = s.period {
            text.push_str(&format!("periods: [{}]\n", PERIODS[p]));
        }
        if s.draft {
            text.push_str("draft: true\n");
        }
        text.push_str(&format!(
            "sources:\n  - publisher: \"Ledger\"\n    url: https://example.org/{}\n---\n{} at the {}.\n",
            s.name, s.body, s.title
        ));
        text
    }

    fn write(&self, k: usize) -> PathBuf {
        let path = self.path(&self.events[k].name);
        std::fs::write(&path, self.text(&self.events[k])).unwrap();
        path
    }

    fn write_config(&self, per_page: usize) -> PathBuf {
        let path = self.root().join("annals.yaml");
        std::fs::write(
            &path,
            format!("title: Test\nbase_url: https://example.org/war/\npaginate_by: {per_page}\n"),
        )
        .unwrap();
        path
    }

    fn new(specs: Vec<Spec>) -> SiteDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/events")).unwrap();
        std::fs::create_dir_all(dir.path().join("content/actors")).unwrap();
        let mut site = SiteDir {
            dir,
            events: Vec::new(),
        };
        site.write_config(2);
        site.actor_file("Army");
        std::fs::create_dir_all(site.root().join("content/periods")).unwrap();
        site.period_file(10, Some(5));
        std::fs::write(
            site.root().join("content/periods/war.md"),
            "---\nname: The war\ndate: 2022/2023\ncolour: \"#a33\"\n---\nTwo years.\n",
        )
        .unwrap();
        for s in specs {
            if site.events.iter().all(|e| e.name != s.name) {
                site.events.push(s);
                site.write(site.events.len() - 1);
            }
        }
        site
    }

    fn actor_file(&self, kind: &str) -> PathBuf {
        let path = self.root().join("content/actors/alpha-corps.md");
        std::fs::write(
            &path,
            format!("---\nname: Alpha Corps\nkind: unit\naffiliation: {kind}\n---\nA unit.\n"),
        )
        .unwrap();
        path
    }

    fn period_file(&self, from: u32, length: Option<u32>) -> PathBuf {
        let path = self.root().join("content/periods/summer.md");
        let end = match length {
            Some(n) => format!("2023-07-{:02}", (from + n).min(31)),
            None => "..".into(),
        };
        std::fs::write(
            &path,
            format!("---\nname: Summer\ndate: 2023-07-{from:02}/{end}\n---\nHot.\n"),
        )
        .unwrap();
        path
    }

    /// Applies `op` on disk; returns the paths it touched.
    fn apply(&mut self, op: &Op) -> Vec<PathBuf> {
        if self.events.is_empty()
            && !matches!(
                op,
                Op::Add(_) | Op::ActorFile(_) | Op::PerPage(_) | Op::PeriodFile(..)
            )
        {
            return Vec::new();
        }
        let n = self.events.len().max(1);
        let mut edit = |k: usize, f: &dyn Fn(&mut Spec)| {
            f(&mut self.events[k % n]);
            // Editors write a temporary file and rename it over the old
            // one, which the watcher may also report on the folder.
            let tmp = self.root().join("content/events/4913");
            let folder = self.root().join("content/events");
            vec![tmp, folder, self.write(k % n)]
        };
        match op.clone() {
            Op::Title(k, w) => edit(k, &|s| s.title = w.clone()),
            Op::Body(k, w) => edit(k, &|s| s.body = w.clone()),
            Op::Status(k, v) => edit(k, &|s| s.status = v),
            Op::Date(k, d) => edit(k, &|s| s.day = d),
            Op::Actors(k, a) => edit(k, &|s| s.actors = a),
            Op::Tag(k, t) => edit(k, &|s| s.tag = t.clone()),
            Op::Related(k, r) => edit(k, &|s| s.related = r),
            Op::Draft(k, d) => edit(k, &|s| s.draft = d),
            Op::Add(s) => {
                if self.events.iter().any(|e| e.name == s.name) {
                    return Vec::new();
                }
                self.events.push(s);
                vec![self.write(self.events.len() - 1)]
            }
            Op::Delete(k) => {
                let s = self.events.remove(k % n);
                let path = self.path(&s.name);
                std::fs::remove_file(&path).unwrap();
                vec![path]
            }
            Op::Rename(k, name) => {
                if self.events.iter().any(|e| e.name == name) {
                    return Vec::new();
                }
                let old = self.path(&self.events[k % n].name);
                self.events[k % n].name = name;
                let new = self.path(&self.events[k % n].name);
                std::fs::rename(&old, &new).unwrap();
                vec![old, new]
            }
            Op::Break(k) => {
                let path = self.path(&self.events[k % n].name);
                std::fs::write(&path, "---\ntitle: [unclosed\ndate: 2023-07-01\n---\n").unwrap();
                vec![path]
            }
            Op::ActorFile(kind) => vec![self.actor_file(&kind)],
            Op::PerPage(p) => vec![self.write_config(p)],
            Op::Period(k, p) => edit(k, &|s| s.period = p),
            Op::PeriodFile(from, length) => vec![self.period_file(from, length)],
        }
    }
}

fn options(root: &Path) -> Options {
    Options {
        root: root.to_path_buf(),
        base_url: Some("http://127.0.0.1:4000/war/".into()),
        ..Options::default()
    }
}

/// A full build of the site as it is on disk, or `None` when it has errors.
fn full_build(root: &Path) -> Option<Files> {
    let site = site::load(&options(root)).site?;
    let sink = MemorySink::default();
    site.build_into(&sink).ok()?;
    Some(sink.files.into_inner().unwrap())
}

/// What the engine's steps leave in an output: the files last written, as
/// `serve` keeps them.
fn follow(engine: &mut Engine, changed: &Changed, out: &mut Files) -> Result<(), String> {
    match engine.update(changed) {
        Step::Unchanged => Ok(()),
        Step::Failed(errors) => Err(errors
            .iter()
            .map(|d| crate::report::human(d, false))
            .collect::<Vec<_>>()
            .join("\n")),
        Step::Everything => {
            let sink = MemorySink::default();
            engine
                .write_everything(&sink)
                .map_err(|e| format!("{e:?}"))?;
            *out = sink.files.into_inner().unwrap();
            Ok(())
        }
        Step::Files { now, later } => {
            let sink = MemorySink::default();
            engine
                .write_files(&sink, &now)
                .map_err(|e| format!("{e:?}"))?;
            engine
                .write_files(&sink, &later)
                .map_err(|e| format!("{e:?}"))?;
            out.extend(sink.files.into_inner().unwrap());
            Ok(())
        }
    }
}

fn differences(a: &Files, b: &Files) -> Vec<String> {
    let mut out: Vec<String> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect();
    out.sort();
    out.dedup();
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_sequence_of_changes_ends_as_a_full_build(
        specs in prop::collection::vec(spec(), 3..7),
        ops in prop::collection::vec(op(), 1..7),
    ) {
        let mut site = SiteDir::new(specs);
        let mut engine = Engine::new(options(site.root()));
        let mut out = Files::new();
        let first = follow(&mut engine, &Changed::Everything, &mut out);
        prop_assert_eq!(first.is_ok(), full_build(site.root()).is_some(), "first build");
        for op in &ops {
            let before = out.clone();
            let touched = site.apply(op);
            // Nothing on disk changed: the watcher reports nothing, and the
            // last step's result (which may be a failure) stands.
            if touched.is_empty() {
                continue;
            }
            let step = follow(&mut engine, &Changed::Paths(touched), &mut out);
            match (step, full_build(site.root())) {
                (Ok(()), Some(full)) => {
                    let diff = differences(&out, &full);
                    prop_assert!(diff.is_empty(), "after {:?}: {:?} differ", op, diff);
                }
                (Err(_), None) => prop_assert_eq!(&out, &before, "a failed step changed the output"),
                (step, full) => prop_assert!(
                    false,
                    "after {:?}: the engine says {:?}, a full build {}",
                    op,
                    step,
                    if full.is_some() { "succeeds" } else { "fails" }
                ),
            }
        }
    }
}

fn spec_named(name: &str, day: u32) -> Spec {
    Spec {
        name: name.into(),
        title: format!("Event {name}"),
        year: 2023,
        day,
        actors: 1,
        theatre: 0,
        tag: None,
        status: 0,
        body: "Body".into(),
        related: None,
        period: None,
        draft: false,
    }
}

#[test]
fn a_new_title_rewrites_only_what_shows_the_event() {
    let specs: Vec<Spec> = (1..=9).map(|d| spec_named(&format!("e{d}"), d)).collect();
    let mut site = SiteDir::new(specs);
    let mut engine = Engine::new(options(site.root()));
    let mut out = Files::new();
    follow(&mut engine, &Changed::Everything, &mut out).unwrap();
    let touched = site.apply(&Op::Title(4, "Renamed".into()));
    let Step::Files { now, later } = engine.update(&Changed::Paths(touched)) else {
        panic!("a title edit should not rebuild everything");
    };
    let files =
        |routes: &[crate::route::Route]| routes.iter().map(|r| r.file()).collect::<Vec<_>>();
    // Its page, its neighbours' (previous/next links), the timeline's page
    // that lists it and its first page (the chart), its actor's and theatre's
    // and year's, its embed card and the embeds of its lists, its oEmbed.
    for expected in [
        "events/e5/index.html",
        "events/e4/index.html",
        "events/e6/index.html",
        "index.html",
        "page/3/index.html",
        "actors/alpha-corps/index.html",
    ] {
        assert!(
            files(&now).contains(&expected.to_string()),
            "{expected} in {:?}",
            files(&now)
        );
    }
    assert!(!files(&now).contains(&"events/e1/index.html".to_string()));
    assert!(now.len() < 40, "{} files", now.len());
    assert!(files(&later).contains(&"events.json".to_string()));
    assert!(
        !files(&now).contains(&"events.json".to_string()),
        "exports come later"
    );
    let sink = MemorySink::default();
    engine.write_files(&sink, &now).unwrap();
    let page = sink.files.lock().unwrap()["events/e5/index.html"].clone();
    assert!(String::from_utf8(page).unwrap().contains("Renamed"));
}

#[test]
fn an_editors_temporary_file_changes_nothing() {
    let mut site = SiteDir::new(vec![spec_named("a", 1), spec_named("b", 2)]);
    let mut engine = Engine::new(options(site.root()));
    let mut out = Files::new();
    follow(&mut engine, &Changed::Everything, &mut out).unwrap();
    let gone = site.root().join("content/events/.a.md.swp");
    assert!(matches!(
        engine.update(&Changed::Paths(vec![gone])),
        Step::Unchanged
    ));
    let touched = site.apply(&Op::Break(0));
    assert!(matches!(
        engine.update(&Changed::Paths(touched)),
        Step::Failed(_)
    ));
    let touched = site.apply(&Op::Title(0, "Fixed".into()));
    assert!(follow(&mut engine, &Changed::Paths(touched), &mut out).is_ok());
    assert_eq!(
        differences(&out, &full_build(site.root()).unwrap()),
        Vec::<String>::new()
    );
}

#[test]
fn an_edit_after_a_failed_structural_change_is_not_taken_alone() {
    let mut a = spec_named("a", 1);
    a.related = Some(1);
    let mut site = SiteDir::new(vec![a, spec_named("b", 2)]);
    site.write(0); // now that `b` exists, `a` names it
    let mut engine = Engine::new(options(site.root()));
    let mut out = Files::new();
    follow(&mut engine, &Changed::Everything, &mut out).unwrap();
    assert!(String::from_utf8_lossy(&out["events/a/index.html"]).contains("events/b/"));
    // `b` goes while `a` still names it: an error.
    let touched = site.apply(&Op::Delete(1));
    assert!(matches!(
        engine.update(&Changed::Paths(touched)),
        Step::Failed(_)
    ));
    // A new title for `a` keeps its place, but the site still lacks `b`.
    let a = site.path("a");
    let text = std::fs::read_to_string(&a).unwrap();
    std::fs::write(&a, text.replace("title: \"Event a\"", "title: \"Talks\"")).unwrap();
    assert!(std::fs::read_to_string(&a)
        .unwrap()
        .contains("related: [b]"));
    let touched = vec![a];
    assert!(matches!(
        engine.update(&Changed::Paths(touched)),
        Step::Failed(_)
    ));
    assert!(full_build(site.root()).is_none());
}

#[test]
fn an_asset_written_in_place_is_copied_again() {
    let mut site = SiteDir::new(vec![spec_named("a", 1)]);
    let map = site.root().join("content/events/map.png");
    std::fs::write(&map, b"one").unwrap();
    site.events[0].body = "![A map](map.png)".into();
    site.write(0);
    let mut engine = Engine::new(options(site.root()));
    let mut out = Files::new();
    follow(&mut engine, &Changed::Everything, &mut out).unwrap();
    assert_eq!(out["events/a/map.png"], b"one");
    std::fs::write(&map, b"two").unwrap();
    follow(&mut engine, &Changed::Paths(vec![map]), &mut out).unwrap();
    assert_eq!(out["events/a/map.png"], b"two");
    assert_eq!(
        differences(&out, &full_build(site.root()).unwrap()),
        Vec::<String>::new()
    );
}
