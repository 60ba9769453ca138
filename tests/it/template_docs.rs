//! SPEC §9: the variables templates receive are documented, generated from
//! the view types (`annals theme vars`); docs/templates.md holds the same
//! text, and what templates really receive matches it.

use crate::support::*;
use std::collections::BTreeSet;
use std::path::Path;

fn theme_vars(args: &[&str]) -> String {
    let out = run(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[&["theme", "vars"], args].concat(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_reference_in_docs_is_what_theme_vars_prints() {
    let doc = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/templates.md"));
    let start = doc
        .find("-->\n")
        .map(|i| i + 4)
        .expect("the generated section's marker");
    let end = doc
        .find("<!-- end of generated reference -->")
        .expect("its end marker");
    assert_eq!(
        &doc[start..end],
        theme_vars(&[]),
        "docs/templates.md is stale: paste `annals theme vars` into its reference section"
    );
}

/// The documented direct fields of `path` in one template's reference.
fn documented(reference: &str, path: &str) -> BTreeSet<String> {
    let prefix = format!("| `{path}.");
    reference
        .lines()
        .filter_map(|l| l.strip_prefix(&prefix))
        .filter_map(|rest| rest.split('`').next())
        .filter(|f| !f.contains('.') && !f.contains('['))
        .map(str::to_string)
        .collect()
}

#[test]
fn what_templates_receive_is_what_the_reference_says() {
    let site = fixture("identity");
    let dump = |var: &str| format!("{{% for k, v in {var} %}}{{{{ k }}}} {{% endfor %}}\n");
    write(
        site.path(),
        "templates/index.html",
        &format!(
            "events:{}groups:{}months:{}page:{}",
            dump("events[0]"),
            dump("groups[0]"),
            dump("groups[0].months[0]"),
            dump("page")
        ),
    );
    write(
        site.path(),
        "templates/event.html",
        &format!("event:{}{{{{ event.item | safe }}}}", dump("event")),
    );
    write(
        site.path(),
        "templates/event_item.html",
        &format!("item:{}", dump("event")),
    );
    write(
        site.path(),
        "templates/actor.html",
        &format!("actor:{}", dump("actor")),
    );
    let public = build(site.path(), &["-q"]);
    let keys = |text: &str, label: &str| -> BTreeSet<String> {
        text.lines()
            .find_map(|l| l.strip_prefix(&format!("{label}:")))
            .unwrap_or_else(|| panic!("no {label} in {text}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let index = read(&public.join("index.html"));
    let reference = theme_vars(&["index.html"]);
    assert_eq!(keys(&index, "events"), documented(&reference, "events[]"));
    assert_eq!(keys(&index, "groups"), documented(&reference, "groups[]"));
    assert_eq!(
        keys(&index, "months"),
        documented(&reference, "groups[].months[]")
    );
    assert_eq!(keys(&index, "page"), documented(&reference, "page"));
    let slug = std::fs::read_dir(public.join("events"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let event = read(&public.join("events").join(&slug).join("index.html"));
    let mut own = documented(&theme_vars(&["event.html"]), "event");
    let seen = keys(&event, "event");
    // Optional fields are absent from events that lack them.
    for optional in ["image", "location", "prev", "next"] {
        if !seen.contains(optional) {
            own.remove(optional);
        }
    }
    assert_eq!(seen, own);
    let item_doc = documented(&theme_vars(&["event_item.html"]), "event");
    let items: BTreeSet<String> = keys(&event, "item");
    let mut item_doc = item_doc;
    for optional in ["image", "location"] {
        if !items.contains(optional) {
            item_doc.remove(optional);
        }
    }
    assert_eq!(items, item_doc);
    let actors = std::fs::read_dir(public.join("actors"))
        .unwrap()
        .filter_map(Result::ok)
        .find(|e| e.path().is_dir())
        .unwrap();
    let actor = read(&actors.path().join("index.html"));
    assert_eq!(
        keys(&actor, "actor"),
        documented(&theme_vars(&["actor.html"]), "actor")
    );
}
