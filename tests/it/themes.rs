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
