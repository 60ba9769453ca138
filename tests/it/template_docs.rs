//! SPEC §9: the variables templates receive are documented; this keeps
//! docs/templates.md in step with the views the code builds.

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
