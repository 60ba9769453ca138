//! SPEC §9: themes and site templates: page titles built from the theme's
//! strings, and template variables that hide the globals `t` and `site`.

use crate::support::*;

/// A name is text, not a string template: braces in it are printed as written,
/// whatever placeholders the string it is put into has.
#[test]
fn braces_in_names_are_not_placeholders() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/events")).unwrap();
    std::fs::write(
        root.join("annals.yaml"),
        "title: \"Daily {total}\"\npaginate_by: 1\n",
    )
    .unwrap();
    for day in ["01", "02"] {
        std::fs::write(
            root.join(format!("content/events/2023-07-{day}-meeting.md")),
            format!("---\ntitle: Meeting {day}\ndate: 2023-07-{day}\nactors: \"Team {{current}}\"\n---\nBody.\n"),
        )
        .unwrap();
    }
    let public = build(root, &[]);
    let actor = read(&public.join("actors/team-current/page/2/index.html"));
    assert!(
        actor.contains("<title>Team {current} (page 2 of 2) · Daily {total}</title>"),
        "{actor}"
    );
    let index = read(&public.join("page/2/index.html"));
    assert!(
        index.contains("<title>Daily {total} (page 2 of 2)</title>"),
        "{index}"
    );
}

/// `{% for t in … %}` hides the theme's strings inside the loop: `t.name`
/// then reads the loop item, and `{{ t.sources }}` prints nothing.
#[test]
fn a_template_variable_named_like_a_global_is_a_warning() {
    let site = fixture("identity");
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(
        site.path().join("templates/tags.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<ul>\n  {%- for t in site.tags %}<li>{{ t.name }}</li>{% endfor %}\n</ul>\n{% for key, site in site.extra %}{% endfor %}\n{% set t = t %}{% endblock content %}\n",
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "warnings alone pass: {}",
        stderr(&out)
    );
    let err = stderr(&out);
    let expected = [
        (
            "the loop variable `t` hides the global `t` (the theme's strings)",
            "4:11",
        ),
        (
            "the loop variable `site` hides the global `site` (the site's data)",
            "6:13",
        ),
        (
            "the variable `t` hides the global `t` (the theme's strings)",
            "7:8",
        ),
    ];
    for (message, place) in expected {
        let warning = format!("warning[W204]: {message}\n --> templates/tags.html:{place}\n");
        assert!(err.contains(&warning), "no `{warning}` in:\n{err}");
    }
    assert!(err.contains("4 |   {%- for t in site.tags %}"), "{err}");
    assert!(
        err.contains("hint: rename the variable: where it is in scope, `t` is it, not the theme"),
        "{err}"
    );
    // The built-in theme itself binds neither name.
    std::fs::remove_file(site.path().join("templates/tags.html")).unwrap();
    let err = stderr(&run(site.path(), &["check"]));
    assert!(!err.contains("W204"), "{err}");
}

/// The site's title is in every `<title>` once: after the page's own title,
/// or alone where the page's title is the site's (the timeline, its later
/// pages, its embed). `og:title` is the page's title, `og:site_name` the site's.
#[test]
fn every_title_names_the_site_once() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "annals.yaml", "title: Daily\npaginate_by: 1\n");
    for day in ["01", "02"] {
        write(
            root,
            &format!("content/events/2023-07-{day}-meeting.md"),
            &format!("---\ntitle: Meeting {day}\ndate: 2023-07-{day}\nactors: [Team]\ntheatres: [Hall]\ntags: [Talks]\n---\nBody.\n"),
        );
    }
    let public = build(root, &[]);
    let title = |rel: &str| {
        let html = read(&public.join(rel));
        let start = html.find("<title>").unwrap() + 7;
        let end = html.find("</title>").unwrap();
        let og = html
            .split("<meta property=\"og:title\" content=\"")
            .nth(1)
            .map(|rest| rest[..rest.find('"').unwrap()].to_string());
        (html[start..end].to_string(), og)
    };
    let cases = [
        ("index.html", "Daily", Some("Daily")),
        (
            "page/2/index.html",
            "Daily (page 2 of 2)",
            Some("Daily (page 2 of 2)"),
        ),
        ("actors/team/index.html", "Team · Daily", Some("Team")),
        (
            "actors/team/page/2/index.html",
            "Team (page 2 of 2) · Daily",
            Some("Team (page 2 of 2)"),
        ),
        (
            "theatres/hall/page/2/index.html",
            "Hall (page 2 of 2) · Daily",
            Some("Hall (page 2 of 2)"),
        ),
        (
            "tags/talks/page/2/index.html",
            "Tagged “Talks” (page 2 of 2) · Daily",
            Some("Tagged “Talks” (page 2 of 2)"),
        ),
        (
            "years/2023/page/2/index.html",
            "2023 (page 2 of 2) · Daily",
            Some("2023 (page 2 of 2)"),
        ),
        (
            "events/2023-07-01-meeting/index.html",
            "Meeting 01 · Daily",
            Some("Meeting 01"),
        ),
        ("actors/index.html", "Actors · Daily", Some("Actors")),
        ("404.html", "Page not found · Daily", Some("Page not found")),
        ("embed/index.html", "Daily", None),
        ("embed/actors/team/index.html", "Team · Daily", None),
        (
            "embed/events/2023-07-01-meeting/index.html",
            "Meeting 01 · Daily",
            None,
        ),
    ];
    for (rel, head, og) in cases {
        assert_eq!(
            title(rel),
            (head.to_string(), og.map(str::to_string)),
            "{rel}"
        );
    }
    // "Embed this" on a later page embeds the whole list: its iframe is
    // titled by the list, not by the page.
    let later = read(&public.join("actors/team/page/2/index.html"));
    assert!(later.contains("title=&quot;Team&quot; width="), "{later}");
    // And no page anywhere names the site twice.
    for (rel, _) in tree(&public)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let (head, _) = title(&rel);
        assert_eq!(head.matches("Daily").count(), 1, "{rel}: {head}");
    }
}
