//! SPEC §9: a theme may `extends:` another; whatever it lacks comes from the
//! theme it extends, so a theme of one template works and a new page kind
//! never breaks an existing theme.

use crate::support::*;
use std::path::Path;

fn theme_file(site: &Path, theme: &str, rel: &str, text: &str) {
    write(site, &format!("themes/{theme}/{rel}"), text);
}

/// The fixture's configuration, with `theme:` added.
fn use_theme(site: &Path, theme: &str) {
    let config = site.join("annals.yaml");
    let text = std::fs::read_to_string(&config).unwrap_or_default();
    std::fs::write(&config, format!("{text}\ntheme: {theme}\n")).expect("write");
}

#[test]
fn a_theme_of_one_template_that_extends_default_builds_every_page_kind() {
    let plain = fixture("identity");
    let default_build = tree(&build(plain.path(), &["-q"]));
    let site = fixture("identity");
    use_theme(site.path(), "mine");
    theme_file(site.path(), "mine", "theme.yaml", "extends: default\n");
    theme_file(
        site.path(),
        "mine",
        "templates/event.html",
        "<!doctype html><title>{{ event.title }}</title><p class=mine>{{ event.date.text }}</p>\n",
    );
    let built = tree(&build(site.path(), &["-q"]));
    assert_eq!(
        built.keys().collect::<Vec<_>>(),
        default_build.keys().collect::<Vec<_>>(),
        "the same files as with the default theme"
    );
    let mut event_pages = 0;
    for (path, bytes) in &built {
        let text = String::from_utf8_lossy(bytes);
        if path.starts_with("events/") && path.ends_with("/index.html") {
            assert!(text.contains("<p class=mine>"), "{path}: {text}");
            event_pages += 1;
        } else if path.ends_with(".html") {
            // Every other page is the default theme's, as it would be.
            assert_eq!(
                text,
                String::from_utf8_lossy(&default_build[path]),
                "{path} differs"
            );
        }
    }
    assert!(event_pages >= 3, "{event_pages} event pages");
    for kind in [
        "index.html",
        "actors/index.html",
        "theatres/index.html",
        "tags/index.html",
        "years/index.html",
        "404.html",
        "robots.txt",
    ] {
        assert!(built.contains_key(kind), "{kind} missing");
    }
}

#[test]
fn chains_of_themes_take_each_file_from_the_nearest_theme_that_has_it() {
    let site = fixture("identity");
    use_theme(site.path(), "child");
    theme_file(
        site.path(),
        "child",
        "theme.yaml",
        "extends: parent\nextra: {motto: from child}\n",
    );
    theme_file(
        site.path(),
        "child",
        "templates/404.html",
        "child 404, {{ site.extra.motto }}, {{ site.extra.colour }}\n",
    );
    theme_file(site.path(), "child", "static/style.txt", "child style\n");
    theme_file(
        site.path(),
        "parent",
        "theme.yaml",
        "extends: default\nextra: {motto: from parent, colour: red}\n",
    );
    theme_file(site.path(), "parent", "templates/404.html", "parent 404\n");
    theme_file(
        site.path(),
        "parent",
        "templates/tags.html",
        "parent tags\n",
    );
    theme_file(site.path(), "parent", "static/style.txt", "parent style\n");
    theme_file(
        site.path(),
        "parent",
        "static/only-parent.txt",
        "parent only\n",
    );
    let public = build(site.path(), &["-q"]);
    assert_eq!(
        read(&public.join("404.html")),
        "child 404, from child, red\n"
    );
    assert_eq!(read(&public.join("tags/index.html")), "parent tags\n");
    assert_eq!(read(&public.join("style.txt")), "child style\n");
    assert_eq!(read(&public.join("only-parent.txt")), "parent only\n");
    assert!(
        read(&public.join("actors/index.html")).contains("<!DOCTYPE html>")
            || read(&public.join("actors/index.html")).contains("<!doctype html>")
    );
}

#[test]
fn a_folder_theme_named_default_that_extends_default_extends_the_built_in_one() {
    let site = fixture("identity");
    theme_file(site.path(), "default", "theme.yaml", "extends: default\n");
    theme_file(site.path(), "default", "templates/404.html", "my 404\n");
    let public = build(site.path(), &["-q"]);
    assert_eq!(read(&public.join("404.html")), "my 404\n");
    assert!(public.join("events").is_dir());
}

#[test]
fn a_cycle_of_themes_is_an_error_naming_the_chain() {
    let site = fixture("identity");
    use_theme(site.path(), "a");
    theme_file(site.path(), "a", "theme.yaml", "extends: b\n");
    theme_file(site.path(), "b", "theme.yaml", "extends: a\n");
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("themes extend each other in a cycle: a → b → a"),
        "{err}"
    );
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_theme_without_extends_that_lacks_templates_is_told_to_extend_default() {
    let site = fixture("identity");
    use_theme(site.path(), "bare");
    theme_file(
        site.path(),
        "bare",
        "templates/event.html",
        "{{ event.title }}\n",
    );
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("theme `bare` has no templates `index.html`, `actors.html`"),
        "{err}"
    );
    assert!(
        err.contains("add `extends: default` to the theme's `theme.yaml`"),
        "{err}"
    );
    // Once it extends default, it builds.
    theme_file(site.path(), "bare", "theme.yaml", "extends: default\n");
    build(site.path(), &["-q"]);
}

#[test]
fn extending_a_theme_that_does_not_exist_names_both() {
    let site = fixture("identity");
    use_theme(site.path(), "mine");
    theme_file(site.path(), "mine", "theme.yaml", "extends: nope\n");
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("theme `nope` not found; `themes/mine/` extends it"),
        "{err}"
    );
}

// The second built-in theme, `dossier` (SPEC §9): it extends default, so it
// proves the contract on every page kind of the example.

/// A copy of the repository's example with `theme: dossier`, and the same
/// example with the default theme, both built.
fn example_in_both_themes() -> (tempfile::TempDir, tempfile::TempDir) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sites = Vec::new();
    for theme in ["default", "dossier"] {
        let site = tempfile::tempdir().expect("temp dir");
        copy_tree(&root.join("content"), &site.path().join("content"));
        std::fs::copy(root.join("annals.yaml"), site.path().join("annals.yaml")).expect("copy");
        use_theme(site.path(), theme);
        build(site.path(), &["-q"]);
        sites.push(site);
    }
    let dossier = sites.pop().expect("two sites");
    let default = sites.pop().expect("two sites");
    (default, dossier)
}

/// The `id="e-…"` of each row of a dossier table, in order.
fn row_ids(html: &str) -> Vec<String> {
    // The search's result pattern is a `<template>`: no row a reader sees.
    let html = &without_templates(html);
    html.match_indices("<tr class=\"entry")
        .filter_map(|(i, _)| {
            let rest = &html[i..];
            let start = rest.find("id=\"e-")? + 6;
            let end = rest[start..].find('"')?;
            Some(rest[start..start + end].to_string())
        })
        .collect()
}

#[test]
fn dossier_shows_every_list_page_as_a_table_of_its_own_events() {
    let (default, dossier) = example_in_both_themes();
    let plain = tree(&default.path().join("public"));
    let built = tree(&dossier.path().join("public"));
    // The same pages and files as the default theme, and the theme's two own.
    let mut expected: Vec<&String> = plain.keys().collect();
    let (css, js) = ("dossier.css".to_string(), "dossier.js".to_string());
    expected.extend([&css, &js]);
    expected.sort();
    assert_eq!(built.keys().collect::<Vec<_>>(), expected);
    let mut lists = 0;
    for (path, bytes) in &built {
        if !path.ends_with("index.html") || path.starts_with("embed/") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        let events = article_ids(&String::from_utf8_lossy(&plain[path]));
        let is_list = path == "index.html"
            || ["actors/", "theatres/", "tags/", "years/", "periods/"]
                .iter()
                .any(|p| path.starts_with(p) && path.matches('/').count() == 2);
        if !is_list {
            assert!(!text.contains("dossier-table"), "{path} has a table");
            continue;
        }
        lists += 1;
        // One row per event of the page, in the default theme's (timeline) order.
        assert!(!events.is_empty(), "{path}: no events");
        assert_eq!(row_ids(&text), events, "{path}");
        // The page's table, and the search results' (hidden until a search).
        assert_eq!(
            without_templates(&text)
                .matches("<table class=\"dossier-table\"")
                .count(),
            2,
            "{path}"
        );
        let list = &text[text.find("data-annals-list").expect("the page's list")..];
        let table = &list[..list.find("</table>").expect("a table")];
        assert_eq!(table.matches("<th scope=\"col\"").count(), 6, "{path}");
        for column in ["Date", "Event", "Actors", "Theatres", "Status", "Sources"] {
            assert!(
                text.contains(&format!("\">{column}</th>")),
                "{path}: no {column} column"
            );
        }
        // The search wraps the table and pager, and the page keeps default's
        // chart, search form, feeds, canonical link, skip link and embed snippet.
        assert_eq!(text.matches(" data-annals-list").count(), 1, "{path}");
        let list = &text[text.find(" data-annals-list").expect("list")..];
        assert!(
            list.contains("<table"),
            "{path}: the table is not in the list"
        );
        for part in [
            "<svg",
            "id=\"filters\"",
            "annals.js",
            "dossier.js",
            "<link rel=\"canonical\"",
            "class=\"skip-link\"",
            "application/atom+xml",
            "class=\"embed-this\"",
            "href=\"/style.css\"",
            "href=\"/dossier.css\"",
        ] {
            assert!(text.contains(part), "{path} lacks {part}");
        }
    }
    // The timeline, 9 actors, 2 theatres, tags, a year, 2 periods.
    assert!(lists >= 16, "{lists} list pages");
}

#[test]
fn dossier_takes_what_it_does_not_override_from_default() {
    let (default, dossier) = example_in_both_themes();
    let plain = tree(&default.path().join("public"));
    let built = tree(&dossier.path().join("public"));
    // Static files it lacks are default's, byte for byte.
    for file in ["style.css", "annals.js", "embed.js"] {
        assert_eq!(built[file], plain[file], "{file}");
    }
    // Pages whose templates it does not override are default's, but for its stylesheet.
    let link = "<link rel=\"stylesheet\" href=\"/dossier.css\">\n";
    for page in [
        "actors/index.html",
        "theatres/index.html",
        "tags/index.html",
        "years/index.html",
        "periods/index.html",
        "404.html",
    ] {
        let text = String::from_utf8_lossy(&built[page]);
        assert_eq!(text.matches(link).count(), 1, "{page}");
        assert_eq!(
            text.replacen(link, "", 1),
            String::from_utf8_lossy(&plain[page]),
            "{page}"
        );
    }
    // Its event page is its own record, with default's head.
    let event = "events/2023-07-12-popov-voice-message/index.html";
    let text = String::from_utf8_lossy(&built[event]);
    for part in [
        "<dl class=\"record-fields\">",
        "<script type=\"application/ld+json\">",
        "<link rel=\"canonical\"",
        "class=\"skip-link\"",
        "class=\"embed-this\"",
        "<code class=\"iso\">2023-07-12</code>",
        "<dt>Permanent link</dt>",
    ] {
        assert!(text.contains(part), "{event} lacks {part}");
    }
    assert!(!text.contains("class=\"facts\""), "default's event page");
}

#[test]
fn dossier_source_addresses_are_written_out_and_linked_from_the_table() {
    let site = fixture("feeds");
    use_theme(site.path(), "dossier");
    let public = build(site.path(), &["-q"]);
    let event = read(&public.join("events/tricky/index.html"));
    // As a link whose text is the address, so that paper keeps it.
    assert!(
        event.contains(
            "<a class=\"url\" href=\"https://example.org/a?x=1&amp;y=2\" rel=\"noopener\">https://example.org/a?x=1&amp;y=2</a>"
        ),
        "{event}"
    );
    let index = read(&public.join("index.html"));
    let row = &index[index.find("id=\"e-tricky\"").expect("a row")..];
    let row = &row[..row.find("</tr>").expect("row end")];
    assert!(
        row.contains("<td class=\"c-sources\" data-label=\"Sources\"><span class=\"n\">"),
        "{row}"
    );
    assert!(
        row.contains("href=\"https://example.org/a?x=1&amp;y=2\""),
        "{row}"
    );
}

#[test]
fn dossier_speaks_each_language_of_the_default_theme() {
    // (language, dossier's own "Event" column, default's "Actors")
    for (lang, own, inherited) in [
        ("en", "Event", "Actors"),
        ("fr", "Événement", "Acteurs"),
        ("de", "Ereignis", "Akteure"),
        ("es", "Evento", "Actores"),
        ("ru", "Событие", "Участники"),
        ("uk", "Подія", "Учасники"),
    ] {
        let site = fixture("identity");
        use_theme(site.path(), "dossier");
        let config = site.path().join("annals.yaml");
        let text = read(&config);
        std::fs::write(&config, format!("{text}\nlanguage: {lang}\n")).expect("write");
        let public = build(site.path(), &["-q"]);
        let index = read(&public.join("index.html"));
        assert!(
            index.contains(&format!("data-sort=\"title\">{own}</th>")),
            "{lang}: {index}"
        );
        assert!(
            index.contains(&format!("data-sort=\"actor\">{inherited}</th>")),
            "{lang}"
        );
        // No string falls back to its key or, but in English, to English.
        for key in ["event_col", "sort_hint", "t.date"] {
            assert!(!index.contains(key), "{lang}: {key}");
        }
        if lang != "en" {
            assert!(!index.contains("Sort the table"), "{lang}: English hint");
            let event = walkdir::WalkDir::new(public.join("events"))
                .into_iter()
                .filter_map(Result::ok)
                .find(|e| e.file_name() == "index.html")
                .expect("an event page");
            let page = read(event.path());
            assert!(
                !page.contains("Permanent link"),
                "{lang}: English on the event page"
            );
            assert!(
                !page.contains(">permalink<"),
                "{lang}: a key on the event page"
            );
        }
    }
}

#[test]
fn a_site_folder_named_dossier_replaces_the_built_in_dossier() {
    let site = fixture("identity");
    use_theme(site.path(), "dossier");
    theme_file(site.path(), "dossier", "theme.yaml", "extends: default\n");
    theme_file(site.path(), "dossier", "templates/404.html", "my 404\n");
    let public = build(site.path(), &["-q"]);
    assert_eq!(read(&public.join("404.html")), "my 404\n");
    let index = read(&public.join("index.html"));
    assert!(
        !index.contains("dossier-table"),
        "the built-in dossier's list"
    );
    assert!(index.contains("<ol class=\"events\">"), "default's list");
    assert!(!public.join("dossier.css").exists());
}

#[test]
fn an_unknown_theme_names_both_built_in_themes() {
    let site = fixture("identity");
    use_theme(site.path(), "dosier");
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("theme `dosier` not found"), "{err}");
    assert!(err.contains("a built-in theme: default, dossier"), "{err}");
}

#[test]
fn one_dossier_page_of_each_template_it_has_as_readers_get_it() {
    let site = fixture("feeds");
    use_theme(site.path(), "dossier");
    let public = build(site.path(), &["--base-url", "https://example.org/war/"]);
    for (name, file) in [
        ("dossier_index", "index.html"),
        ("dossier_event", "events/tricky/index.html"),
    ] {
        let text = read(&public.join(file));
        insta::with_settings!({
            description => format!(
                "public/{file} of tests/fixtures/feeds with theme: dossier, built with --base-url https://example.org/war/"
            ),
            omit_expression => true,
        }, {
            insta::assert_snapshot!(name, text);
        });
    }
}

#[test]
fn a_site_from_init_offers_dossier_on_its_theme_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = run(dir.path(), &["init", "site"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("site");
    let config = site.join("annals.yaml");
    let text = read(&config);
    assert!(text.contains("`dossier`"), "{text}");
    assert!(text.contains("\ntheme: default\n"), "{text}");
    std::fs::write(
        &config,
        text.replace("\ntheme: default\n", "\ntheme: dossier\n"),
    )
    .expect("write");
    let public = build(&site, &["-q"]);
    let index = read(&public.join("index.html"));
    assert_eq!(row_ids(&index).len(), 1, "{index}");
}
