//! What readers get: one page of each kind, and the files robots read, kept
//! whole in snapshots (`snapshots/it__pages__*.snap`). The `feeds` fixture has
//! actors, theatres with a parent, tags, every kind of date and text that
//! needs escaping; it is built under a sub-path with an absolute base URL.

use crate::support::*;

/// (snapshot name, file below `public/`): one of each kind of page.
const PAGES: &[(&str, &str)] = &[
    ("index", "index.html"),
    ("event", "events/tricky/index.html"),
    ("actors", "actors/index.html"),
    ("actor", "actors/ivan-popov/index.html"),
    ("theatres", "theatres/index.html"),
    ("theatre", "theatres/zaporizhzhia/index.html"),
    ("tags", "tags/index.html"),
    ("tag", "tags/a-b/index.html"),
    ("years", "years/index.html"),
    ("year", "years/2023/index.html"),
    ("not_found", "404.html"),
    ("robots", "robots.txt"),
    ("sitemap", "sitemap.xml"),
];

#[test]
fn one_page_of_each_kind_as_readers_get_it() {
    let site = fixture("feeds");
    let public = build(site.path(), &["--base-url", "https://example.org/war/"]);
    for (name, file) in PAGES {
        let text = read(&public.join(file));
        assert!(
            !text.contains(&*site.path().to_string_lossy()),
            "{file} names the build's temporary folder"
        );
        insta::with_settings!({
            description => format!(
                "public/{file} of tests/fixtures/feeds, built with --base-url https://example.org/war/"
            ),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(*name, text);
        });
    }
}
