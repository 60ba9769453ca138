//! SPEC §8 on the files a build writes: an embed page for every list and
//! every event, light, with the stylesheet and script they all share written
//! once, its slice's data for filters, the static oEmbed responses, fragments
//! when asked for, and the loader. The
//! browser side (heights, pym.js, AMP, filters, cross-origin messages) is
//! tests/browser/embed.test.mjs.

use crate::support::*;
use std::path::Path;

/// The records of a list's `data.json` (version 2: arrays named by the
/// file's `fields`) as objects, each checked to have one value per field.
fn records(doc: &serde_json::Value) -> Vec<serde_json::Value> {
    assert_eq!(doc["version"], 2, "data.json version");
    let fields: Vec<&str> = doc["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f.as_str().expect("a field name"))
        .collect();
    doc["events"]
        .as_array()
        .expect("an array of events")
        .iter()
        .map(|row| {
            let row = row.as_array().expect("a record is an array");
            assert_eq!(row.len(), fields.len(), "{row:?}");
            serde_json::Value::Object(
                fields
                    .iter()
                    .map(|f| f.to_string())
                    .zip(row.iter().cloned())
                    .collect(),
            )
        })
        .collect()
}

/// The slug in an event's URL (`/war/events/<slug>/`).
fn slug_of(url: &serde_json::Value) -> &str {
    let url = url.as_str().expect("a url");
    url.trim_end_matches('/')
        .rsplit('/')
        .next()
        .expect("a slug")
}

fn with_config(site: &Path, extra: &str) {
    let config = site.join("annals.yaml");
    let text = read(&config);
    std::fs::write(&config, format!("{text}{extra}")).unwrap();
}

/// The `href` of the first `<link rel="{rel}"` in `html`.
fn link_href(html: &str, rel: &str) -> Option<String> {
    let at = html.find(&format!("<link rel=\"{rel}\""))?;
    let tag = &html[at..at + html[at..].find('>')?];
    let href = tag.split("href=\"").nth(1)?;
    Some(href[..href.find('"')?].to_string())
}

/// The source of one of annals' built-in templates.
fn builtin(name: &str) -> String {
    read(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/render/builtins")
            .join(name),
    )
}

/// Every embed page of a build, relative to `public` (`embed/…/index.html`).
fn embed_pages(public: &Path) -> Vec<String> {
    tree(public)
        .into_keys()
        .filter(|p| p.starts_with("embed/") && p.ends_with("index.html"))
        .collect()
}

/// What an embed page loads: its stylesheet and its scripts' `src`, in order.
fn loaded(html: &str) -> (Vec<String>, Vec<String>) {
    let attr = |tag: &str, name: &str| {
        let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
        Some(tag[at..at + tag[at..].find('"')?].to_string())
    };
    let tags = |open: &str| -> Vec<String> {
        html.match_indices(open)
            .map(|(at, _)| html[at..at + html[at..].find('>').unwrap()].to_string())
            .collect()
    };
    let styles = tags("<link rel=\"stylesheet\"")
        .iter()
        .filter_map(|t| attr(t, "href"))
        .collect();
    let scripts = tags("<script")
        .iter()
        .map(|t| attr(t, "src").unwrap_or_else(|| format!("inline: {t}")))
        .collect();
    (styles, scripts)
}

#[test]
fn every_list_and_event_has_a_light_embed_page() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let full_pages = tree(&public)
        .into_keys()
        .filter(|p| p.ends_with("index.html") && !p.starts_with("embed/"))
        .filter(|p| {
            !matches!(
                p.as_str(),
                "actors/index.html"
                    | "theatres/index.html"
                    | "tags/index.html"
                    | "years/index.html"
                    | "periods/index.html"
            ) && !p.contains("/page/")
                && !p.starts_with("page/")
        })
        .collect::<Vec<_>>();
    assert!(full_pages.len() > 20, "{full_pages:?}");
    for page in &full_pages {
        let embed = public.join("embed").join(page);
        assert!(embed.exists(), "no embed page for {page}");
        let html = read(&embed);
        assert!(html.len() < 150 * 1024, "{page}: {} bytes", html.len());
        assert!(
            html.contains("<meta name=\"robots\" content=\"noindex\">"),
            "{page}"
        );
        assert!(html.contains("<base target=\"_top\">"), "{page}");
        let full = format!(
            "https://example.org/war/{}",
            page.trim_end_matches("index.html")
        );
        assert_eq!(link_href(&html, "canonical"), Some(full), "{page}");
        for absent in ["@import", "class=\"site-nav\""] {
            assert!(!html.contains(absent), "{page} has {absent}");
        }
        // An event's card carries its content alone.
        if page.starts_with("events/") {
            assert!(html.len() < 3 * 1024, "{page}: {} bytes", html.len());
        }
    }
    let card = read(&public.join("embed/events/tricky/index.html"));
    assert!(card.contains("class=\"annals-embed annals-embed-card\""));
    assert!(card.contains("<a class=\"annals-title\" href=\"/war/events/tricky/\" dir=\"auto\">"));
    // The loader sits at the root, whatever the theme.
    assert!(read(&public.join("embed.js")).contains("data-annals-embed"));
}

/// Embed pages link one stylesheet and one script, written once for the
/// site beside them from the built-in templates, and have no inline script
/// or style (a strict Content-Security-Policy allows them); the links honour
/// a path in `base_url` as every other link does.
#[test]
fn embed_pages_share_one_stylesheet_and_one_script() {
    let site = fixture("feeds");
    for (args, prefix) in [
        (&[][..], "/war/"),
        (&["--base-url", "/war/"][..], "/war/"),
        (&["--base-url", "/"][..], "/"),
        (&["--base-url", "https://example.org/a/b/"][..], "/a/b/"),
    ] {
        let public = build(site.path(), args);
        let pages = embed_pages(&public);
        assert!(pages.len() > 20, "{pages:?}");
        let style = format!("{prefix}embed/style.css");
        let script = format!("{prefix}embed/page.js");
        for page in &pages {
            let html = read(&public.join(page));
            assert_eq!(
                loaded(&html),
                (vec![style.clone()], vec![script.clone()]),
                "{page} with {args:?}"
            );
            assert!(
                html.contains(&format!("<script src=\"{script}\" defer></script>")),
                "{page}: the script is deferred"
            );
            for inline in ["<style", " style=\"", " onclick=", " onload="] {
                assert!(!html.contains(inline), "{page} has {inline}");
            }
        }
        // Written once, with the built-in templates' text.
        assert_eq!(
            read(&public.join("embed/style.css")),
            builtin("embed_style.css")
        );
        let js = read(&public.join("embed/page.js"));
        assert_eq!(js, builtin("embed_page.js"));
        for protocol in [
            "annals:height",
            "embed-size",
            "xPYMx",
            "navigateTo",
            "theme",
        ] {
            assert!(js.contains(protocol), "page.js has no {protocol}");
        }
        // The host's loader stays where it was.
        assert_eq!(read(&public.join("embed.js")), builtin("embed.js"));
    }
}

/// A site's `embed_style.css` or `embed_page.js` replaces the built-in one
/// for every embed page: it is the shared file.
#[test]
fn the_shared_style_and_script_are_overridable_templates() {
    let site = fixture("feeds");
    let templates = site.path().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("embed_style.css"),
        "/* {{ site.title }} */ .annals-embed { color: red; }\n",
    )
    .unwrap();
    std::fs::write(templates.join("embed_page.js"), "console.log(1);\n").unwrap();
    let public = build(site.path(), &[]);
    assert_eq!(
        read(&public.join("embed/style.css")),
        "/* Feeds & <Exports> \"quoted\" */ .annals-embed { color: red; }\n",
        "rendered with `site`, unescaped as CSS"
    );
    assert_eq!(read(&public.join("embed/page.js")), "console.log(1);\n");
    let html = read(&public.join("embed/actors/ivan-popov/index.html"));
    assert_eq!(
        loaded(&html),
        (
            vec!["/war/embed/style.css".to_string()],
            vec!["/war/embed/page.js".to_string()]
        )
    );
}

#[test]
fn an_embed_page_shows_max_events_and_its_data_holds_the_whole_slice() {
    let site = fixture("feeds");
    with_config(site.path(), "order: descending\nembed: {max_events: 3}\n");
    let public = build(site.path(), &[]);
    let html = read(&public.join("embed/index.html"));
    let titles: Vec<&str> = html
        .split("<a class=\"annals-title\" href=\"")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    let data: serde_json::Value =
        serde_json::from_str(&read(&public.join("embed/data.json"))).expect("valid JSON");
    let events = records(&data);
    let total = events.len();
    assert_eq!(data["total"], total);
    assert!(total > 3, "{total}");
    // The page shows the first three of the slice, in the data's order (newest first).
    let first: Vec<&str> = events[..3]
        .iter()
        .map(|e| e["url"].as_str().unwrap())
        .collect();
    assert_eq!(titles, first);
    assert!(html.contains(&format!("data-annals-total=\"{total}\"")));
    assert!(html.contains(&format!(
        "<p class=\"annals-more\"><a href=\"/war/\" data-annals-forms=\"{{&quot;one&quot;:&quot;event&quot;,&quot;other&quot;:&quot;events&quot;}}\">{total} events</a></p>"
    )));
    // Each record carries what the page's filters need.
    for e in &events {
        for key in [
            "title", "url", "iso", "date", "summary", "status", "actors", "theatres", "tags",
            "start", "end",
        ] {
            assert!(e.get(key).is_some(), "no {key} in {e}");
        }
        assert!(e["start"].as_i64() <= e["end"].as_i64(), "{e}");
    }
    // A sub-theatre's event is found by its parent theatre too.
    let orikhiv = events
        .iter()
        .find(|e| {
            e["theatres"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t == "orikhiv")
        })
        .expect("an event in Orikhiv");
    assert!(orikhiv["theatres"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "zaporizhzhia"));
    // A group's data holds that group's events only.
    let popov: serde_json::Value =
        serde_json::from_str(&read(&public.join("embed/actors/ivan-popov/data.json"))).unwrap();
    for e in records(&popov) {
        assert!(
            e["actors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "ivan-popov"),
            "{e}"
        );
    }
}

#[test]
fn oembed_responses_need_an_absolute_base_url() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let html = read(&public.join("actors/ivan-popov/index.html"));
    let href = link_href(&html, "alternate\" type=\"application/json+oembed")
        .expect("an oEmbed discovery link");
    assert_eq!(
        href,
        "https://example.org/war/oembed/actors/ivan-popov.json"
    );
    let json: serde_json::Value =
        serde_json::from_str(&read(&public.join("oembed/actors/ivan-popov.json"))).unwrap();
    assert_eq!(json["version"], "1.0");
    assert_eq!(json["type"], "rich");
    assert_eq!(json["title"], "Ivan Popov");
    assert_eq!(json["provider_url"], "https://example.org/war/");
    assert_eq!(json["provider_name"], "Feeds & <Exports> \"quoted\"");
    assert!(json["width"].as_u64().is_some() && json["height"].as_u64().is_some());
    assert_eq!(
        json["html"],
        "<iframe src=\"https://example.org/war/embed/actors/ivan-popov/\" title=\"Ivan Popov\" width=\"100%\" height=\"600\" style=\"border:0\" loading=\"lazy\"></iframe>"
    );
    // One response per embeddable page, the timeline's as index.json.
    assert!(public.join("oembed/index.json").exists());
    assert!(public.join("oembed/events/tricky.json").exists());
    let tricky: serde_json::Value =
        serde_json::from_str(&read(&public.join("oembed/events/tricky.json"))).unwrap();
    assert!(tricky["html"]
        .as_str()
        .unwrap()
        .contains("title=\"Tom &amp; Jerry &lt;script&gt;"));

    // A path-only base_url: no responses, no links, and `check` says so once.
    let public = build(site.path(), &["--base-url", "/war/"]);
    assert!(!public.join("oembed").exists());
    assert!(!read(&public.join("actors/ivan-popov/index.html")).contains("json+oembed"));
    with_config(site.path(), "base_url: /war/\n");
    let config = read(&site.path().join("annals.yaml"));
    std::fs::write(
        site.path().join("annals.yaml"),
        config.replace("base_url: https://example.org/war/\n", ""),
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(
        err.matches("no oEmbed responses are written").count(),
        1,
        "{err}"
    );
}

#[test]
fn fragments_are_written_only_when_asked_for_with_absolute_links() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    assert!(!public.join("fragments").exists());
    with_config(site.path(), "embed: {fragments: true}\n");
    let public = build(site.path(), &[]);
    let html = read(&public.join("fragments/actors/ivan-popov.html"));
    assert!(html.starts_with("<ol class=\"annals-events\""), "{html}");
    assert!(
        html.contains("href=\"https://example.org/war/events/"),
        "{html}"
    );
    assert!(!html.contains("<html"), "a fragment is markup alone");
    assert!(public.join("fragments/index.html").exists());
}

#[test]
fn bad_embed_settings_are_errors_at_the_value() {
    let site = fixture("feeds");
    with_config(site.path(), "embed: {max_events: 0, fragmnets: true}\n");
    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E112]: `embed.max_events` must be a whole number from 1 to 10000, not `0`\n --> annals.yaml:5:21"),
        "{err}"
    );
    assert!(
        err.contains("unknown key `fragmnets`") && err.contains("did you mean `fragments`?"),
        "{err}"
    );
}

/// The records an embed page's script renders when filtering carry the date
/// as machine-readable as the server's list (SPEC §4): `iso`, the EDTF value,
/// always; `datetime` where the date is one point HTML can express.
#[test]
fn embed_data_dates_are_machine_readable() {
    let site = fixture("feeds");
    let public = build(site.path(), &[]);
    let data: serde_json::Value =
        serde_json::from_str(&read(&public.join("embed/data.json"))).unwrap();
    let dates: std::collections::BTreeMap<String, (serde_json::Value, serde_json::Value)> =
        records(&data)
            .iter()
            .map(|e| {
                let slug = slug_of(&e["url"]).to_string();
                (slug, (e["iso"].clone(), e["datetime"].clone()))
            })
            .collect();
    let null = serde_json::Value::Null;
    let cases = [
        ("month", ("2023-06".into(), "2023-06".into())),
        ("approximate", ("2023-05~".into(), "2023-05".into())),
        ("bce", ("-0043".into(), null.clone())),
        ("year-zero", ("0000".into(), null.clone())),
        ("interval", ("2023-07-10/2023-07-14".into(), null.clone())),
        ("open-start", ("../2021-03-01".into(), null.clone())),
    ];
    for (slug, expected) in cases {
        assert_eq!(dates.get(slug), Some(&expected), "{slug}");
    }
}

/// An empty timeline's embed says there are no events yet, not that none
/// match a filter it was not given.
#[test]
fn an_empty_timeline_embeds_as_empty() {
    let site = fixture("empty");
    let public = build(site.path(), &["-q"]);
    let html = read(&public.join("embed/index.html"));
    assert!(
        html.contains("<p class=\"annals-empty\">No events yet.</p>"),
        "{html}"
    );
}

/// The timeline's `data.json` holds a record of every event; past a
/// megabyte it is written in pieces (never held whole), and the file is
/// still one JSON document with every event once, in the timeline's order.
#[test]
fn a_data_file_written_in_pieces_is_whole_and_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    corpus(&[
        "--events",
        "2500",
        "--seed",
        "3",
        "--out",
        site.to_str().unwrap(),
    ]);
    let public = build(&site, &[]);
    let text = read(&public.join("embed/data.json"));
    assert!(text.len() > 1 << 20, "{} bytes: one piece", text.len());
    let data: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let listed: Vec<String> = records(&data)
        .iter()
        .map(|e| slug_of(&e["url"]).to_string())
        .collect();
    assert_eq!(data["total"], 2500);
    assert_eq!(listed.len(), 2500);
    let unique: std::collections::BTreeSet<&str> = listed.iter().map(|s| s.as_str()).collect();
    assert_eq!(unique.len(), 2500, "an event is listed twice");
    // The same order as the exports, which follow the timeline.
    let exported: serde_json::Value =
        serde_json::from_str(&read(&public.join("events.json"))).expect("valid JSON");
    let exported: Vec<&str> = exported["events"]
        .as_array()
        .expect("an array of events")
        .iter()
        .map(|e| e["slug"].as_str().expect("a slug"))
        .collect();
    assert_eq!(listed, exported);
}
