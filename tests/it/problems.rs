//! Issue 11: no diagnostic hides another, each points at the item it is
//! about, and each says the real cause. `tests/fixtures/hidden` has files
//! with several problems each; every one of them must be reported, once.

use crate::support::*;

/// Everything `check` must say about the `hidden` fixture, in its order:
/// code, place, message.
const EXPECTED: &[(&str, &str, &str)] = &[
    // A broken event is still referred to by `refers.md` without a second,
    // false "does not exist"; its own warning still shows.
    ("W301", "content/events/broken.md:2:8", "event `broken` has no sources"),
    ("E112", "content/events/broken.md:4:9", "unknown status `rumoured`"),
    ("E120", "content/events/day-zero.md:3:7", "`2023-07-00` is not a valid date: day 00 does not exist"),
    ("W301", "content/events/long-line.md:2:8", "event `long-line` has no sources"),
    ("E110", "content/events/long-line.md:4:1", "unknown key `notes` in event front matter"),
    // Both problems of one `related:` list, each at its own entry.
    ("E131", "content/events/rel.md:4:11", "related event `no-such-event` does not exist"),
    ("E131", "content/events/rel.md:4:26", "event `rel` lists itself in `related`"),
    // A missing `alt` no longer hides a missing picture.
    ("E111", "content/events/rel.md:5:1", "`image` has no `alt` text"),
    ("E150", "content/events/rel.md:6:8", "image file `missing.png` does not exist"),
    ("W302", "content/events/rel.md:8:16", "source `Known only by name` has no `url` or `archive`"),
    // Each bad source at its own line, with the character that is wrong.
    ("E112", "content/events/sources.md:8:10", "source `url` `ftp://example.org/a` is not a web address: it starts with `ftp:`, not `https://` or `http://`"),
    ("E112", "content/events/sources.md:10:10", "source `url` `https://example.org/a\"b` is not a web address: it contains `\"`, which a URL must write as `%22`"),
    ("W302", "content/events/sources.md:11:16", "source `Bad date` has no `url` or `archive`"),
    ("E120", "content/events/sources.md:12:11", "source `date`: `2023-02-30` is not a valid date: February 2023 has 28 days"),
    ("E103", "content/events/tabs.md:5:1", "invalid YAML: line 5 is indented with a tab, and YAML allows only spaces for indentation"),
    // A file too broken to be an event still has its slug and `related:` checked.
    ("E111", "content/events/undated.md:1:1", "an event has no `date`"),
    ("E130", "content/events/undated.md:3:7", "two events have the slug `weight`"),
    ("E131", "content/events/undated.md:4:10", "related event `nowhere` does not exist"),
    ("W301", "content/events/weight.md:2:8", "event `weight` has no sources"),
    ("E112", "content/events/weight.md:4:9", "`weight` must be a whole number, not `1.5`"),
    ("E112", "content/events/weight.md:5:8", "`draft` must be `true` or `false`, not `yes please`"),
];

fn check_json(site: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<serde_json::Value>) {
    let mut args = vec!["check", "--format", "json", "--today", "2024-01-01"];
    args.extend(extra);
    let out = run(site, &args);
    let objects = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    (out.status.code(), objects)
}

#[test]
fn every_problem_of_every_file_is_reported_once_at_its_item() {
    let site = fixture("hidden");
    let (code, objects) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1));
    let found: Vec<(String, String, String)> = objects
        .iter()
        .map(|o| {
            (
                o["code"].as_str().unwrap_or_default().to_string(),
                format!(
                    "{}:{}:{}",
                    o["file"].as_str().unwrap_or_default(),
                    o["line"],
                    o["column"]
                ),
                o["message"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    let expected: Vec<(String, String, String)> = EXPECTED
        .iter()
        .map(|(c, p, m)| (c.to_string(), p.to_string(), m.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn hints_say_what_to_do_about_the_real_cause() {
    let site = fixture("hidden");
    let (_, objects) = check_json(site.path(), &[]);
    let hint = |file: &str, code: &str| {
        objects
            .iter()
            .find(|o| o["file"] == file && o["code"] == code)
            .and_then(|o| o["hint"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        hint("content/events/tabs.md", "E103"),
        "replace the tab with spaces (two per level is usual); set your editor to indent YAML with spaces"
    );
    assert_eq!(
        hint("content/events/day-zero.md", "E120"),
        "days are numbered from 01; write 2023-07 for a month with no day"
    );
}

#[test]
fn a_long_line_is_cut_around_its_marker() {
    let site = fixture("hidden");
    let out = run(site.path(), &["check", "--today", "2024-01-01"]);
    let err = stderr(&out);
    let block = err
        .split("\n\n")
        .find(|b| b.contains("content/events/long-line.md:4:1"))
        .expect("the unknown key is reported");
    let shown: Vec<&str> = block.lines().skip(3).take(2).collect();
    let words = "word ".repeat(18);
    assert_eq!(
        shown,
        [format!("4 | notes: {words}wor…"), "  | ^^^^^".to_string()]
    );
    // Source lines and markers (`N | …`, `  | ^^^`) stay short; prose may wrap.
    for line in err.lines().filter(|l| {
        l.trim_start().split(' ').nth(1) == Some("|") || l.trim_start().starts_with('|')
    }) {
        assert!(
            line.chars().count() <= 110,
            "a line of {} characters: {line}",
            line.chars().count()
        );
    }
}

#[test]
fn quiet_hides_summaries_never_the_problems_that_fail_the_check() {
    let site = fixture("drafts");
    write(
        site.path(),
        "content/events/unsourced.md",
        "---\ntitle: Unsourced\ndate: 2023-01-01\n---\n",
    );
    let out = run(
        site.path(),
        &["check", "-q", "--deny-warnings", "--today", "2024-01-01"],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("warning[W301]: event `unsourced` has no sources\n --> content/events/unsourced.md:2:8\n"),
        "{err}"
    );
    assert!(
        err.ends_with("\n\nerror: warnings count as errors with --deny-warnings\n"),
        "{err}"
    );
    assert!(!err.contains(" warnings in "), "no summary line: {err}");
    // Without --deny-warnings the warnings do not decide the status: quiet hides them.
    let out = run(site.path(), &["check", "-q", "--today", "2024-01-01"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stderr(&out), "");
}

#[test]
fn actor_and_theatre_files_with_errors_are_still_checked_against_the_others() {
    let site = fixture("drafts");
    write(
        site.path(),
        "content/theatres/child.md",
        "---\nname: Child\nparent: nowhere\ncolour: red\n---\n",
    );
    write(
        site.path(),
        "content/actors/ivan.md",
        "---\nname: Ivan\naliases: [Vanya, \" \"]\nkind: wizard\n---\n",
    );
    write(
        site.path(),
        "content/actors/vanya.md",
        "---\nname: Vanya\nweight: 2\n---\n",
    );
    let (code, objects) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1));
    let found: Vec<String> = objects
        .iter()
        .filter(|o| {
            o["file"]
                .as_str()
                .is_some_and(|f| f.contains("/actors/") || f.contains("/theatres/"))
        })
        .map(|o| {
            format!(
                "{} {}:{}:{}",
                o["code"].as_str().unwrap_or_default(),
                o["file"].as_str().unwrap_or_default(),
                o["line"],
                o["column"]
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            // No event mentions these entities (W304); the alias clash was
            // hidden by the same file's errors.
            "W304 content/actors/ivan.md:null:null",
            "W202 content/actors/ivan.md:3:11",
            "E112 content/actors/ivan.md:3:18",
            "E112 content/actors/ivan.md:4:7",
            "W304 content/actors/vanya.md:null:null",
            "E110 content/actors/vanya.md:3:1",
            "W304 content/theatres/child.md:null:null",
            // The missing parent was hidden by the unknown key.
            "E141 content/theatres/child.md:3:9",
            "E110 content/theatres/child.md:4:1",
        ]
    );
}

#[test]
fn content_errors_do_not_hide_template_errors_nor_one_template_error_another() {
    let site = fixture("drafts");
    write(
        site.path(),
        "templates/event.html",
        "{% extends \"base.html\" %}{% block main %}{{ page.title | nofilter }}{% endblock %}",
    );
    write(
        site.path(),
        "content/events/bad.md",
        "---\ntitle: Bad\ndate: 2023-99\n---\n",
    );
    let (code, objects) = check_json(site.path(), &[]);
    assert_eq!(code, Some(1));
    let errors: Vec<String> = objects
        .iter()
        .filter(|o| o["severity"] == "error")
        .map(|o| {
            format!(
                "{} {}:{}:{} {}",
                o["code"].as_str().unwrap_or_default(),
                o["file"].as_str().unwrap_or_default(),
                o["line"],
                o["column"],
                o["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            "E120 content/events/bad.md:3:7 `2023-99` is not a valid date: month 99 does not exist",
            "E170 templates/event.html:1:35 template error: Block `main` is not defined in any parent template",
            "E170 templates/event.html:1:58 template error: Unknown filter `nofilter`",
        ]
    );
    // A build fails with the same three, and writes nothing.
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let heads: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(heads.len(), 3, "{err}");
    assert!(!site.path().join("public").exists());
}

#[test]
fn a_static_file_or_asset_never_replaces_a_generated_file() {
    let site = fixture("drafts");
    for name in [
        "index.html",
        "events.json",
        "robots.txt",
        "events/published/index.html",
    ] {
        write(site.path(), &format!("static/{name}"), "mine");
    }
    // Replacing a theme's static file is normal.
    write(site.path(), "static/style.css", "body {}");
    write(
        site.path(),
        "content/events/bundle/index.md",
        "---\ntitle: Bundle\ndate: 2023-05-01\n---\n",
    );
    write(
        site.path(),
        "content/events/bundle/index.html",
        "<p>an asset named like the page</p>",
    );
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    let heads: Vec<&str> = err.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(
        heads,
        [
            "error[E151]: `content/events/bundle/index.html` would replace `events/bundle/index.html`, which annals generates",
            "error[E151]: `static/events/published/index.html` would replace `events/published/index.html`, which annals generates",
            "error[E151]: `static/events.json` would replace `events.json`, which annals generates",
            "error[E151]: `static/index.html` would replace `index.html`, which annals generates",
            "error[E151]: `static/robots.txt` would replace `robots.txt`, which annals generates",
        ],
        "{err}"
    );
    assert!(!site.path().join("public").exists());
    // `check` finds the same, and without them the site builds with the site's stylesheet.
    let out = run(site.path(), &["check", "--format", "json"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("\"E151\"")
            .count(),
        5
    );
    for name in [
        "index.html",
        "events.json",
        "robots.txt",
        "events/published/index.html",
    ] {
        std::fs::remove_file(site.path().join("static").join(name)).unwrap();
    }
    std::fs::remove_file(site.path().join("content/events/bundle/index.html")).unwrap();
    let public = build(site.path(), &[]);
    assert_eq!(read(&public.join("style.css")), "body {}");
    assert!(read(&public.join("index.html")).contains("<html"));
}

#[test]
fn yaml_syntax_errors_say_their_usual_cause_and_the_fix() {
    let site = fixture("drafts");
    let cases: &[(&str, &str, &str, &str, &str)] = &[
        // file, front matter lines, place, message, hint
        (
            "at",
            "title: @user says\ndate: 2023",
            "2:8",
            "the value of `title` starts with `@`, which YAML reserves",
            "quote the value: `title: \"@user says\"`",
        ),
        (
            "colon",
            "title: Foo: bar\ndate: 2023",
            "2:11",
            "the value of `title` contains `: `, which YAML reads as the start of another key",
            "quote the value: `title: \"Foo: bar\"`",
        ),
        (
            "bracket",
            "title: [Draft] Something\ndate: 2023",
            "2:16",
            "the value of `title` starts with `[`, so YAML reads a list, and text follows it",
            "quote the whole value: `title: \"[Draft] Something\"`",
        ),
        (
            "quote",
            "title: \"foo\ndate: 2023",
            "2:8",
            "the quote `\"` that opens here is never closed",
            "end the value with `\"` on the same line",
        ),
        (
            "twice",
            "title: a\ndate: 2023\ntitle: b",
            "4:1",
            "`title` is written twice, on lines 2 and 4",
            "keep one of them",
        ),
        (
            "indent",
            "title: a\ndate: 2023\nsources:\n  - url: https://example.org/a\n   publisher: y",
            "6:4",
            "line 6 is indented by 3 spaces, out of step with the lines above it",
            "the keys of one map, and of one list entry, start in the same column",
        ),
    ];
    for (name, yaml, ..) in cases {
        write(
            site.path(),
            &format!("content/events/{name}.md"),
            &format!("---\n{yaml}\n---\n"),
        );
    }
    let (_, objects) = check_json(site.path(), &[]);
    for (name, _, place, message, hint) in cases {
        let file = format!("content/events/{name}.md");
        let found: Vec<String> = objects
            .iter()
            .filter(|o| o["file"] == file.as_str())
            .map(|o| {
                format!(
                    "{} {}:{} {} / {}",
                    o["code"].as_str().unwrap_or_default(),
                    o["line"],
                    o["column"],
                    o["message"].as_str().unwrap_or_default(),
                    o["hint"].as_str().unwrap_or_default()
                )
            })
            .collect();
        assert_eq!(
            found,
            [format!("E103 {place} invalid YAML: {message} / {hint}")],
            "{name}"
        );
    }
}
