//! The site-wide search index (issue 14, SPEC §7; layout in docs/exports.md):
//! what a reader's query finds is what the index's files say, read here
//! independently of the theme's script, following the documented layout.

use crate::support::*;
use std::collections::BTreeMap;
use std::path::Path;

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The documented bucket: FNV-1a (32 bits) of the UTF-8 of the first three
/// characters, modulo the number of buckets.
fn bucket(term: &str, buckets: u64) -> u64 {
    let head: String = term.chars().take(3).collect();
    let mut h: u32 = 0x811c_9dc5;
    for b in head.bytes() {
        h = (h ^ u32::from(b)).wrapping_mul(0x0100_0193);
    }
    u64::from(h) % buckets
}

/// Each event (by slug) a term occurs in, with its strength.
fn postings(public: &Path, term: &str) -> BTreeMap<String, u64> {
    let meta = json(&public.join("search/meta.json"));
    let n = bucket(term, meta["buckets"].as_u64().unwrap());
    let terms = json(&public.join(format!("search/terms/{n}.json")));
    let slugs = slugs(public);
    let mut out = BTreeMap::new();
    let mut event = 0;
    for v in terms[term].as_array().into_iter().flatten() {
        let v = v.as_u64().unwrap();
        event += v / 4;
        out.insert(slugs[event as usize].clone(), v % 4);
    }
    out
}

/// Every event's slug, by its number (timeline order), from the records.
fn slugs(public: &Path) -> Vec<String> {
    let meta = json(&public.join("search/meta.json"));
    let chunk = meta["chunk"].as_u64().unwrap();
    let events = meta["events"].as_u64().unwrap();
    (0..events.div_ceil(chunk))
        .flat_map(|n| {
            let docs = json(&public.join(format!("search/docs/{n}.json")));
            docs.as_array()
                .unwrap()
                .iter()
                .map(|r| r["slug"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "annals.yaml", "title: Search\nbase_url: /war/\n");
    write(
        root,
        "content/events/first.md",
        "---\ntitle: Élysée talks open\ndate: 2023-01-05\nactors: [Ivan Popov]\n---\nThe delegations met.\n",
    );
    write(
        root,
        "content/events/second.md",
        "---\ntitle: Shelling near Orikhiv\ndate: 2023-02-10\nsummary: Artillery struck the town.\nsources:\n  - publisher: Kyiv Independent\n    url: https://example.org/a\n---\nFirst paragraph.\n\nA witness named Quillfeather saw it. <script>alert(1)</script>\n",
    );
    write(
        root,
        "content/events/third.md",
        "---\ntitle: Talks resume\ndate: 2023-03-01\nactors: [Ivan Popov]\nstatus: disputed\n---\nСтороны встретились.\n",
    );
    dir
}

#[test]
fn every_word_is_found_where_it_occurs_with_its_strength() {
    let dir = site();
    let public = build(dir.path(), &[]);
    assert_eq!(slugs(&public), ["first", "second", "third"]);
    // Titles weigh 3, summaries and names 2, bodies and sources 1.
    let talks = postings(&public, "talks");
    assert_eq!(
        talks,
        BTreeMap::from([("first".into(), 3), ("third".into(), 3)])
    );
    assert_eq!(
        postings(&public, "quillfeather"),
        BTreeMap::from([("second".into(), 1)])
    );
    assert_eq!(
        postings(&public, "artillery"),
        BTreeMap::from([("second".into(), 2)])
    );
    assert_eq!(
        postings(&public, "independent"),
        BTreeMap::from([("second".into(), 1)])
    );
    assert_eq!(
        postings(&public, "popov").len(),
        2,
        "actors' names are found"
    );
    // Folded: accents and case; Cyrillic kept as letters.
    assert_eq!(
        postings(&public, "elysee"),
        BTreeMap::from([("first".into(), 3)])
    );
    // A body's first paragraph is the event's summary when it has none.
    assert_eq!(
        postings(&public, "стороны"),
        BTreeMap::from([("third".into(), 2)])
    );
    // What a script holds is not a word of the page.
    assert!(postings(&public, "alert").is_empty());
}

#[test]
fn facets_give_the_events_annals_list_gives() {
    let site = fixture("periods");
    let public = build(site.path(), &["--drafts"]);
    let meta = json(&public.join("search/meta.json"));
    let slugs = slugs(&public);
    let mut checked = 0;
    for (facet, flag) in [
        ("actor", "--actor"),
        ("theatre", "--theatre"),
        ("tag", "--tag"),
        ("period", "--period"),
        ("status", "--status"),
    ] {
        for value in meta["facets"][facet].as_array().unwrap() {
            let value = value[0].as_str().unwrap();
            let list = json(&public.join(format!("search/facets/{facet}/{value}.json")));
            let mut n = 0;
            let found: Vec<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .map(|d| {
                    n += d.as_u64().unwrap();
                    slugs[n as usize].as_str()
                })
                .collect();
            let out = run(
                site.path(),
                &["list", "--drafts", flag, value, "--format", "json"],
            );
            assert!(out.status.success(), "{}", stderr(&out));
            let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let expected: Vec<&str> = rows
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["slug"].as_str().unwrap())
                .collect();
            assert_eq!(found, expected, "{facet} {value}");
            checked += 1;
        }
    }
    assert!(checked >= 8, "{checked} facet values");
}

#[test]
fn the_first_page_points_to_the_index_and_readers_without_scripts_to_other_pages() {
    let dir = site();
    let public = build(dir.path(), &[]);
    let index = read(&public.join("index.html"));
    assert_eq!(
        attr_values(&index, "data-search"),
        ["/war/search/meta.json"]
    );
    let meta = json(&public.join("search/meta.json"));
    assert_eq!(meta["links"]["event"], "/war/events/{slug}/");
    assert_eq!(meta["links"]["actor"], "/war/actors/{slug}/");
    assert_eq!(meta["files"]["terms"], "terms/{n}.json");
    assert!(index.contains(r#"<p class="browse-hint" id="browse-hint">"#));
    // Without the index, no form: the page is the plain list with the hint.
    write(
        dir.path(),
        "annals.yaml",
        "title: Search\nbase_url: /war/\nfeeds:\n  search_index: false\n",
    );
    let public = build(dir.path(), &[]);
    assert!(!public.join("search").exists());
    let index = read(&public.join("index.html"));
    assert!(attr_values(&index, "id").iter().all(|id| id != "filters"));
    assert!(index.contains(r#"id="browse-hint""#));
}

#[test]
fn the_list_of_files_depends_only_on_the_number_of_events() {
    let dir = site();
    let files = |public: &Path| -> Vec<String> {
        tree(public)
            .into_keys()
            .filter(|f| f.starts_with("search/terms/"))
            .collect()
    };
    let before = files(&build(dir.path(), &[]));
    assert_eq!(before.len(), 16);
    write(
        dir.path(),
        "content/events/third.md",
        "---\ntitle: Entirely new words\ndate: 2023-03-01\n---\nZebra xylophone.\n",
    );
    let public = build(dir.path(), &[]);
    assert_eq!(files(&public), before);
    assert_eq!(postings(&public, "xylophone").len(), 1);
}
