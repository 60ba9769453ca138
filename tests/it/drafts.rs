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
    let out = run(
        site.path(),
        &["build", "-o", "abs", "--base-url", "https://example.org/"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let sitemap = read(&site.path().join("abs/sitemap.xml"));
    assert!(sitemap.contains("/events/published/"), "{sitemap}");
    assert!(!sitemap.contains("unpublished"), "{sitemap}");

    let public = build(site.path(), &["--drafts"]);
    let page = read(&public.join("events/unpublished/index.html"));
    assert!(page.contains("badge draft"));
    assert!(public.join("actors/secret-actor/index.html").is_file());
}

#[test]
fn private_names_are_ignored() {
    let site = fixture("drafts");
    let public = build(site.path(), &["--drafts"]);
    // The whole list of event pages: `.hidden.md` and `_private/ignored.md`
    // would get the slugs `hidden` and `ignored` if they were read.
    let mut pages: Vec<String> = std::fs::read_dir(public.join("events"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    pages.sort();
    assert_eq!(pages, ["published", "unpublished"]);
    let index = read(&public.join("index.html"));
    assert!(!index.contains("Hidden") && !index.contains("Ignored"));
}
