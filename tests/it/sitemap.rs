//! SPEC §7 "Sitemap": absolute `<loc>`s that the sitemaps.org 0.9 schema
//! accepts with an absolute `base_url`; no sitemap and no `Sitemap:` line with a
//! path-only one, and one note from `check`. Both files come from built-in
//! templates that a site can override.

use crate::support::*;
use std::path::Path;

/// Validates `file` against the sitemaps.org 0.9 schema with xmllint.
pub(crate) fn assert_valid_sitemap(file: &Path) {
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/schemas/sitemap.xsd");
    let out = std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&schema)
        .arg(file)
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run `xmllint` ({e}): `apt-get install libxml2-utils` (Debian; .ci/run installs it)")
        });
    assert!(
        out.status.success(),
        "{} is not a valid sitemap: {}",
        file.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn locs(xml: &str) -> Vec<String> {
    xml.split("<loc>")
        .skip(1)
        .filter_map(|s| s.split("</loc>").next())
        .map(str::to_string)
        .collect()
}

#[test]
fn an_absolute_base_url_gives_absolute_locs_that_the_schema_accepts() {
    for fixture_name in ["identity", "dates", "drafts", "feeds"] {
        let site = fixture(fixture_name);
        let out = run(
            site.path(),
            &["build", "--base-url", "https://example.org/war/"],
        );
        assert!(out.status.success(), "{}", stderr(&out));
        let public = site.path().join("public");
        let sitemap = public.join("sitemap.xml");
        assert_valid_sitemap(&sitemap);
        let locs = locs(&read(&sitemap));
        assert!(!locs.is_empty());
        // One loc per page, every one absolute and under the base.
        let pages = tree(&public)
            .keys()
            .filter(|p| p.ends_with("index.html") && !p.starts_with("embed/"))
            .count();
        assert_eq!(locs.len(), pages, "{fixture_name}");
        for loc in &locs {
            assert!(loc.starts_with("https://example.org/war/"), "{loc}");
            assert!(!loc.contains("404"), "{loc}");
        }
        assert_eq!(
            read(&public.join("robots.txt")),
            "User-agent: *\nAllow: /\nSitemap: https://example.org/war/sitemap.xml\n"
        );
    }
}

#[test]
fn a_path_only_base_url_writes_no_sitemap_and_check_says_why_once() {
    let site = fixture("identity");
    let public = build(site.path(), &["--base-url", "/war/"]);
    assert!(!public.join("sitemap.xml").exists());
    assert_eq!(
        read(&public.join("robots.txt")),
        "User-agent: *\nAllow: /\n"
    );
    // `check` cannot know the `--base-url` a build will get: it notes only
    // a path that annals.yaml writes.
    let out = run(site.path(), &["check", "--deny-warnings"]);
    assert!(!stderr(&out).contains("N401"), "{}", stderr(&out));
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Identity\nbase_url: /war/\n",
    )
    .unwrap();
    let out = run(site.path(), &["check", "--deny-warnings"]);
    let err = stderr(&out);
    assert_eq!(err.matches("note[N401]").count(), 1, "{err}");
    assert!(
        err.contains("no sitemap.xml and no oEmbed responses are written"),
        "{err}"
    );
    // A note is not a warning: it never fails the check.
    let clean = fixture("identity");
    std::fs::write(
        clean.path().join("annals.yaml"),
        "title: Clean\nbase_url: /\n",
    )
    .unwrap();
    let json = run(clean.path(), &["check", "--format", "json"]);
    let lines: Vec<&str> = std::str::from_utf8(&json.stdout)
        .unwrap()
        .lines()
        .filter(|l| l.contains("N401"))
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].contains("\"severity\":\"note\""), "{}", lines[0]);
    let github = run(clean.path(), &["check", "--format", "github"]);
    assert!(String::from_utf8_lossy(&github.stdout).contains("::notice file=annals.yaml"));
}

#[test]
fn a_site_template_overrides_the_built_in_robots_and_sitemap() {
    let site = fixture("identity");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/robots.txt"),
        "User-agent: *\nDisallow: /\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("templates/sitemap.xml"),
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>{{ locs | first }}</loc></url></urlset>\n",
    )
    .unwrap();
    let public = build(site.path(), &["--base-url", "https://example.org/"]);
    assert_eq!(
        read(&public.join("robots.txt")),
        "User-agent: *\nDisallow: /\n"
    );
    assert_eq!(
        locs(&read(&public.join("sitemap.xml"))),
        ["https://example.org/"]
    );
    assert_valid_sitemap(&public.join("sitemap.xml"));
}
