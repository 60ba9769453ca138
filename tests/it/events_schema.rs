//! SPEC §7 `/events.schema.json`: the JSON Schema of `/events.json`, published
//! beside it whenever it is written, the same bytes as `docs/events.schema.json`,
//! and naming the version that `events.json` carries. `tests/feeds/` validates
//! each built `events.json` against the schema published with it.

use crate::support::*;
use std::path::Path;

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn docs_schema() -> String {
    read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/events.schema.json"))
}

fn set_feeds(site: &Path, feeds: &str) {
    let config = site.join("annals.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}{feeds}")).unwrap();
}

#[test]
fn the_schema_is_published_beside_events_json_and_names_its_version() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    assert_eq!(read(&public.join("events.schema.json")), docs_schema());
    let schema = json(&public.join("events.schema.json"));
    let events = json(&public.join("events.json"));
    assert_eq!(events["version"], 1);
    assert_eq!(schema["properties"]["version"]["const"], events["version"]);
    assert_eq!(
        schema["title"], "annals events.json export, version 1",
        "the title says the version too"
    );
    assert_eq!(
        events["$schema"],
        "https://example.org/war/events.schema.json"
    );
}

#[test]
fn a_path_only_base_url_points_to_the_schema_by_its_path() {
    let site = fixture("feeds");
    let public = build(site.path(), &["--base-url", "/war/"]);
    let events = json(&public.join("events.json"));
    assert_eq!(events["$schema"], "/war/events.schema.json");
}

#[test]
fn no_schema_without_events_json() {
    for feeds in ["feeds: false\n", "feeds:\n  events_json: false\n"] {
        let site = fixture("feeds");
        set_feeds(site.path(), feeds);
        let public = build(site.path(), &[]);
        assert!(!public.join("events.json").exists(), "{feeds}");
        assert!(!public.join("events.schema.json").exists(), "{feeds}");
    }
    // The schema goes with events.json, not with the other exports.
    let site = fixture("feeds");
    set_feeds(site.path(), "feeds:\n  csv: false\n  timelinejs: false\n");
    let public = build(site.path(), &[]);
    assert_eq!(read(&public.join("events.schema.json")), docs_schema());
}
