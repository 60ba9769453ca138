//! SPEC §9: the variables templates receive are documented; this keeps
//! docs/templates.md in step with the views the code builds.

use crate::support::*;
use annals::render::view;
use annals::site::{self, Options};
use std::collections::BTreeSet;
use std::path::Path;

fn keys(prefix: &str, value: &serde_json::Value, out: &mut BTreeSet<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let path = format!("{prefix}.{k}");
                out.insert(path.clone());
                // `extra` is the user's own data.
                if k != "extra" {
                    keys(&path, v, out);
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                keys(prefix, item, out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_field_templates_receive_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/templates.md")).unwrap();
    let site::Loaded {
        site, diagnostics, ..
    } = site::load(&Options {
        root: root.to_path_buf(),
        ..Options::default()
    });
    let site = site.unwrap_or_else(|| panic!("{diagnostics:?}"));
    let mut fields = BTreeSet::new();
    // Every event of the example, so that optional fields (image, related,
    // prev, next) show up; what only the event's page gets is included.
    for i in 0..site.timeline.events.len() {
        keys(
            "event",
            &serde_json::to_value(view::event(&site.timeline, i, &site.config)).unwrap(),
            &mut fields,
        );
        keys(
            "event",
            &serde_json::to_value(view::event_page(&site.timeline, i, &site.config).unwrap())
                .unwrap(),
            &mut fields,
        );
    }
    let site_view = view::site(
        &site.timeline,
        &site.config,
        &serde_json::Value::Null,
        false,
    );
    keys(
        "site",
        &serde_json::to_value(&site_view).unwrap(),
        &mut fields,
    );
    let mut missing = Vec::new();
    for path in &fields {
        // Documented either in full (`event.image`) or by its last part in an
        // object table (`` `credit` ``).
        let last = path.rsplit('.').next().unwrap_or_default();
        if !doc.contains(&format!("`{path}`"))
            && !doc.contains(&format!("`{last}`"))
            && !doc.contains(&format!(".{last}`"))
        {
            missing.push(path.clone());
        }
    }
    assert!(
        missing.is_empty(),
        "fields missing from docs/templates.md: {missing:?}"
    );
    assert!(fields.len() > 40, "only {} fields seen", fields.len());
}

/// `event_item.html` is rendered once per event with the event's list view,
/// not its page's: its section must name every field it does not get, and
/// that it gets no `page`. What it gets is read from a build, not assumed.
#[test]
fn what_event_item_html_lacks_is_documented() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let doc = std::fs::read_to_string(root.join("docs/templates.md")).unwrap();
    let section = doc
        .split("\n## `event_item.html`\n")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("docs/templates.md has a section `event_item.html`");
    let site = fixture("identity");
    let loaded = site::load(&Options {
        root: site.path().to_path_buf(),
        ..Options::default()
    });
    let s = loaded.site.expect("the fixture loads");
    // Every field an event has anywhere: its view, its page's part, `item`.
    let mut names = BTreeSet::new();
    for i in 0..s.timeline.events.len() {
        for value in [
            serde_json::to_value(view::event(&s.timeline, i, &s.config)).unwrap(),
            serde_json::to_value(view::event_page(&s.timeline, i, &s.config).unwrap()).unwrap(),
        ] {
            names.extend(value.as_object().unwrap().keys().cloned());
        }
    }
    names.insert("item".into());
    let list = names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/event_item.html"),
        format!("<p class=\"absent\">{{% for name in [{list}] %}}{{% if event[name] is undefined %}}{{{{ name }}}} {{% endif %}}{{% endfor %}}{{% if page is undefined %}}page{{% endif %}}</p>\n"),
    )
    .unwrap();
    let index = read(&build(site.path(), &[]).join("index.html"));
    let absent: BTreeSet<&str> = texts_after(&index, "<p class=\"absent\">")
        .flat_map(str::split_whitespace)
        .collect();
    assert!(
        absent.contains("body") && absent.contains("page"),
        "{absent:?}"
    );
    for name in &absent {
        assert!(
            section.contains(&format!("`{name}`")),
            "event_item.html gets no `{name}`, and its section does not say so:\n{section}"
        );
    }
    // And list pages' `events` name exactly what lists keep.
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `events` |"))
        .expect("a row for `events`");
    for field in view::LIST_FIELDS
        .iter()
        .chain(&["actors", "theatres", "tags", "item"])
    {
        assert!(
            row.contains(&format!("`{field}`")),
            "`events` row lacks `{field}`"
        );
    }
}

/// The text between each `open` and the `</p>` after it.
fn texts_after<'a>(html: &'a str, open: &'a str) -> impl Iterator<Item = &'a str> {
    html.match_indices(open).filter_map(move |(i, _)| {
        let start = i + open.len();
        html[start..]
            .find("</p>")
            .map(|end| &html[start..start + end])
    })
}
