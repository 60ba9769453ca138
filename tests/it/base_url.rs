//! SPEC §6/§7: every link honours `base_url`, including a sub-path, and resolves.

use crate::support::*;
use std::path::Path;

/// A copy of the repository's own example site.
pub(crate) fn example_site() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(root.join("annals.yaml"), dir.path().join("annals.yaml")).unwrap();
    copy_tree(&root.join("content"), &dir.path().join("content"));
    dir
}

/// Checks that every internal `href`/`src` of every HTML page resolves to a file.
fn check_links(public: &Path, origin: &str, prefix: &str) -> usize {
    let files = tree(public);
    let mut checked = 0;
    for (rel, bytes) in &files {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for attr in ["href", "src", "content"] {
            for v in attr_values(&html, attr) {
                let v = v.replace("&amp;", "&");
                let path = if let Some(rest) = v.strip_prefix(origin) {
                    rest.to_string()
                } else if v.starts_with('/') {
                    v.clone()
                } else {
                    continue; // external, fragment, or not a URL (meta content)
                };
                assert!(
                    path.starts_with(prefix),
                    "{rel}: link `{v}` ignores base_url {prefix}"
                );
                // A filtered view (`?actor=…`, charts) is the page it is on.
                let local = path[prefix.len()..]
                    .split(['#', '?'])
                    .next()
                    .unwrap_or_default()
                    .to_string();
                let target = if local.is_empty() || local.ends_with('/') {
                    format!("{local}index.html")
                } else {
                    local
                };
                assert!(
                    files.contains_key(&target),
                    "{rel}: link `{v}` points to missing `{target}`"
                );
                checked += 1;
            }
        }
    }
    checked
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let site = example_site();
    let public = build(site.path(), &["--base-url", "https://example.org/war/"]);
    let checked = check_links(&public, "https://example.org", "/war/");
    assert!(checked > 500, "only {checked} links checked");
    let index = read(&public.join("index.html"));
    assert!(index.contains("<link rel=\"canonical\" href=\"https://example.org/war/\">"));
    assert!(index.contains("<meta property=\"og:url\" content=\"https://example.org/war/\">"));
    let sitemap = read(&public.join("sitemap.xml"));
    assert!(sitemap.contains("<loc>https://example.org/war/events/"));
    assert!(
        read(&public.join("robots.txt")).contains("Sitemap: https://example.org/war/sitemap.xml")
    );
}

#[test]
fn a_path_only_base_url_works_too() {
    let site = example_site();
    let public = build(site.path(), &["--base-url", "/war"]);
    check_links(&public, "https://never.example", "/war/");
    let event = read(&public.join("events/2023-07-12-popov-voice-message/index.html"));
    assert!(event
        .contains("<link rel=\"canonical\" href=\"/war/events/2023-07-12-popov-voice-message/\">"));
}

#[test]
fn root_base_url_links_resolve() {
    let site = example_site();
    let public = build(site.path(), &[]);
    check_links(&public, "https://never.example", "/");
}

#[test]
fn the_404_page_is_not_indexed_and_event_pages_carry_json_ld() {
    let site = example_site();
    let public = build(site.path(), &["--base-url", "https://example.org/war/"]);
    let notfound = read(&public.join("404.html"));
    assert!(notfound.contains("<meta name=\"robots\" content=\"noindex\">"));
    assert!(!notfound.contains("rel=\"canonical\""));
    let event = read(&public.join("events/2023-07-12-popov-voice-message/index.html"));
    let start = event.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + event[start..].find("</script>").unwrap();
    let ld: serde_json::Value = serde_json::from_str(&event[start..end]).unwrap();
    assert_eq!(ld["@type"], "Event");
    assert_eq!(ld["startDate"], "2023-07-12");
    assert_eq!(
        ld["url"],
        "https://example.org/war/events/2023-07-12-popov-voice-message/"
    );
    assert_eq!(ld["performer"][0]["@type"], "Person");
    // An open start ("until July 2023") has only its end.
    let open = read(&public.join("events/2023-07-58th-army-defends-orikhiv/index.html"));
    assert!(open.contains("\"endDate\":\"2023-07\""), "{open}");
    assert!(!open.contains("\"startDate\""), "{open}");
}

/// The `url` filter prefixes site paths only: a value with a scheme
/// (`mailto:`, `tel:`, `data:`, `https:`), a protocol-relative `//host/…` and a
/// `#fragment` are addresses already, and a theme prints them as written.
#[test]
fn the_url_filter_leaves_addresses_that_are_not_site_paths_alone() {
    let site = fixture("identity");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    let values = [
        "mailto:a@b.c",
        "tel:+380441234567",
        "//cdn.example.net/x.js",
        "data:text/plain,hi",
        "https://example.net/a",
        "web+annals:x",
        "#top",
        "events/",
        "/actors/",
        "events/a:b/",
    ];
    let mut template = String::new();
    for v in values {
        template.push_str(&format!("<a href=\"{{{{ \"{v}\" | url }}}}\">{v}</a>\n"));
        template.push_str(&format!(
            "<a href=\"{{{{ \"{v}\" | url(absolute=true) }}}}\">{v}</a>\n"
        ));
    }
    std::fs::write(site.path().join("templates/404.html"), template).unwrap();
    let public = build(site.path(), &["--base-url", "https://example.org/war/"]);
    let hrefs = attr_values(&read(&public.join("404.html")), "href");
    let expected: Vec<&str> = vec![
        "mailto:a@b.c",
        "mailto:a@b.c",
        "tel:+380441234567",
        "tel:+380441234567",
        "//cdn.example.net/x.js",
        "//cdn.example.net/x.js",
        "data:text/plain,hi",
        "data:text/plain,hi",
        "https://example.net/a",
        "https://example.net/a",
        "web+annals:x",
        "web+annals:x",
        "#top",
        "#top",
        "/war/events/",
        "https://example.org/war/events/",
        "/war/actors/",
        "https://example.org/war/actors/",
        // A colon after the first `/` is part of a path, not a scheme.
        "/war/events/a:b/",
        "https://example.org/war/events/a:b/",
    ];
    assert_eq!(hrefs, expected);
}

/// `//example.org/x/` is a host without a scheme; read as a path it would put
/// every link under `/example.org/x/`. Both ways of giving it are refused.
#[test]
fn a_protocol_relative_base_url_is_refused() {
    let site = fixture("identity");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Identity\nbase_url: //example.org/x/\n",
    )
    .unwrap();
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("error[E160]"), "{err}");
    assert!(err.contains("--> annals.yaml:2:11"), "{err}");
    assert!(
        err.contains("hint: write `https://example.org/x/`"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());

    std::fs::write(site.path().join("annals.yaml"), "title: Identity\n").unwrap();
    let out = run(site.path(), &["build", "--base-url", "//example.org/x/"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error[E002]: invalid `--base-url`"), "{err}");
    assert!(
        err.contains("hint: write `https://example.org/x/`"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}
