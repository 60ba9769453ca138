//! Drafts are built only with `--drafts`; `_` and `.` names are never read.

use crate::support::*;

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = fixture("drafts");
    let public = build(site.path(), &[]);
    assert!(public.join("events/published/index.html").is_file());
    assert!(!public.join("events/unpublished").exists());
    assert!(
        !public.join("actors/secret-actor").exists(),
        "an actor only in a draft has no page"
    );
    assert!(!read(&public.join("index.html")).contains("Not yet public"));
    assert!(!read(&public.join("sitemap.xml")).contains("unpublished"));

    let public = build(site.path(), &["--drafts"]);
    let page = read(&public.join("events/unpublished/index.html"));
    assert!(page.contains("badge draft"));
    assert!(public.join("actors/secret-actor/index.html").is_file());
}

#[test]
fn private_names_are_ignored() {
    let site = fixture("drafts");
    let public = build(site.path(), &["--drafts"]);
    assert!(!public.join("events/ignored").exists());
    assert!(!public.join("events/hidden").exists());
    assert!(!public.join("events/_private").exists());
}
