//! SPEC §3–§6, §10: every class of bad input gives a positioned diagnostic,
//! all of them in one run, never a panic.

use crate::support::*;

/// Every error class of the `bad` fixture, with where it must be reported.
const EXPECTED: &[(&str, &str)] = &[
    ("E160", "annals.yaml:2:11"), // unknown time zone
    ("E110", "annals.yaml:3:1"),  // unknown config key
    ("E101", "content/events/no-front-matter.md:1:1"),
    ("E102", "content/events/unclosed.md:1:1"),
    ("E103", "content/events/yaml-syntax.md:3:1"),
    ("E110", "content/events/unknown-key.md:4:1"),
    ("E111", "content/events/missing-title.md:1:1"),
    ("E111", "content/events/missing-date.md:1:1"),
    ("E120", "content/events/impossible-day.md:3:7"),
    ("E120", "content/events/month-13.md:3:7"),
    ("E120", "content/events/end-before-start.md:3:7"),
    ("E120", "content/events/end-key-before.md:4:6"),
    ("E112", "content/events/bad-status.md:4:9"),
    ("E112", "content/events/bad-source-url.md:6:10"),
    ("E112", "content/events/empty-source.md:4:1"),
    ("E111", "content/events/image-no-alt.md:4:1"),
    ("E150", "content/events/missing-image.md:5:8"),
    ("E131", "content/events/unknown-related.md:4:11"),
    ("E130", "content/events/dup-two.md:4:7"),
    ("E112", "content/events/wrong-type.md:4:9"),
    ("E112", "content/events/wrong-type.md:5:9"),
    ("E112", "content/events/bad-location.md:4:12"),
    ("E110", "content/events/multi-error.md:2:1"),
    ("E120", "content/events/multi-error.md:3:7"),
    ("E001", "content/events/binary.md"),
    ("E140", "content/actors/b.md:3:11"),
    ("E112", "content/actors/c.md:3:7"),
    ("E141", "content/theatres/child.md:3:9"),
];

#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let site = fixture("bad");
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    let expected = EXPECTED;
    let blocks: Vec<&str> = err.split("\n\n").collect();
    for (code, place) in expected {
        let found = blocks
            .iter()
            .any(|b| b.contains(&format!("[{code}]")) && b.contains(&format!("--> {place}")));
        assert!(found, "no {code} at {place} in:\n{err}");
    }
    assert!(err.contains("hint: did you mean `theatres`?"));
    assert!(err.contains("hint: did you mean `confirmed`?"));
    assert!(err.contains("February 2023 has 28 days"));
    // The offending line is shown with a marker under the value.
    assert!(err.contains("3 | date: 2023-02-30\n  |       ^^^^^^^^^^"));
    assert!(err.lines().last().unwrap_or_default().contains(" errors, "));
}

#[test]
fn build_reports_the_same_problems_and_writes_nothing() {
    let site = fixture("bad");
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("E120"));
    assert!(!site.path().join("public").exists());
}

#[test]
fn hostile_inputs_never_panic() {
    let site = fixture("drafts");
    let events = site.path().join("content/events");
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("empty", b"".to_vec()),
        ("only-fence", b"---\n".to_vec()),
        ("empty-front", b"---\n---\n".to_vec()),
        ("list-front", b"---\n- a\n- b\n---\n".to_vec()),
        ("scalar-front", b"---\njust text\n---\n".to_vec()),
        (
            "deep",
            format!("---\ntitle: {}\ndate: 2023\n---\n", "[".repeat(5000)).into_bytes(),
        ),
        (
            "huge-year",
            b"---\ntitle: Huge\ndate: 99999999999999999999\n---\n".to_vec(),
        ),
        (
            "neg-year",
            b"---\ntitle: Neg\ndate: -999999\n---\n".to_vec(),
        ),
        (
            "float-date",
            b"---\ntitle: Float\ndate: 2023.5\n---\n".to_vec(),
        ),
        (
            "tagged",
            b"---\ntitle: !!binary aGVsbG8=\ndate: !custom 2023\n---\n".to_vec(),
        ),
        (
            "anchors",
            b"---\na: &a [x, x]\nb: &b [*a, *a]\ntitle: *b\ndate: 2023\n---\n".to_vec(),
        ),
        (
            "nul",
            b"---\ntitle: \"a\\0b\"\ndate: 2023\n---\n\0\0".to_vec(),
        ),
        (
            "bom-crlf",
            b"\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\ndate: 2023-07-01\r\n---\r\nBody\r\n"
                .to_vec(),
        ),
        (
            "bad-slug",
            b"---\ntitle: Slug\ndate: 2023\nslug: '../../..'\n---\n".to_vec(),
        ),
        (
            "weird-dates",
            b"---\ntitle: W\ndate: '2023-07-12T25:61'\n---\n".to_vec(),
        ),
        (
            "interval-open-open",
            b"---\ntitle: W\ndate: '../..'\n---\n".to_vec(),
        ),
        (
            "sources-scalar",
            b"---\ntitle: S\ndate: 2023\nsources: CNN\n---\n".to_vec(),
        ),
        (
            "image-escape",
            b"---\ntitle: I\ndate: 2023\nimage: {src: ../../etc/passwd, alt: x}\n---\n".to_vec(),
        ),
    ];
    for (name, bytes) in &inputs {
        std::fs::write(events.join(format!("{name}.md")), bytes).unwrap();
    }
    let out = run(site.path(), &["build"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    for name in [
        "empty",
        "only-fence",
        "list-front",
        "deep",
        "huge-year",
        "float-date",
        "bad-slug",
        "weird-dates",
        "interval-open-open",
        "sources-scalar",
        "image-escape",
    ] {
        assert!(
            err.contains(&format!("content/events/{name}.md")),
            "no diagnostic for {name}:\n{err}"
        );
    }
    // The BOM + CRLF file is fine: no error names it (a warning may).
    let errors_about_it = err
        .split("\n\n")
        .filter(|b| b.starts_with("error") && b.contains("bom-crlf.md"))
        .count();
    assert_eq!(errors_about_it, 0, "{err}");
}

#[test]
fn a_bom_and_crlf_file_builds() {
    let site = fixture("drafts");
    std::fs::write(site.path().join("content/events/bom.md"), b"\xef\xbb\xbf---\r\ntitle: BOM and CRLF\r\ndate: 2023-07-01\r\nactors: [A]\r\n---\r\nBody line\r\n").unwrap();
    let public = build(site.path(), &[]);
    let page = read(&public.join("events/bom/index.html"));
    assert!(page.contains("<h1>BOM and CRLF</h1>"));
    assert!(page.contains("<p>Body line</p>"));
}

#[test]
fn names_without_letters_self_relations_and_control_characters_are_errors() {
    let site = fixture("drafts");
    let events = site.path().join("content/events");
    std::fs::write(events.join("empty-names.md"), "---\ntitle: Empty names\ndate: 2023\nactors: [\"!!!\"]\ntheatres: \"???\"\ntags: [ok, \"..\"]\n---\n").unwrap();
    std::fs::write(
        events.join("self.md"),
        "---\ntitle: Self\ndate: 2023\nrelated: [published, self, Published]\n---\n",
    )
    .unwrap();
    std::fs::write(
        events.join("control.md"),
        "---\ntitle: \"bell \\a here\"\ndate: 2023\n---\n",
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("`!!!` in `actors` has no letters or digits"),
        "{err}"
    );
    assert!(err.contains("content/events/empty-names.md:4:11"), "{err}");
    assert!(err.contains("`???` in `theatres`"), "{err}");
    assert!(err.contains("`..` in `tags`"), "{err}");
    assert!(
        err.contains("event `self` lists itself in `related`"),
        "{err}"
    );
    assert!(err.contains("content/events/self.md:4:22"), "{err}");
    assert!(
        err.contains("`title` contains a control character"),
        "{err}"
    );
}

#[test]
fn very_long_slugs_are_shortened_so_files_can_be_written() {
    let site = fixture("drafts");
    let long = "word ".repeat(100);
    std::fs::write(
        site.path().join("content/events/long.md"),
        format!("---\ntitle: Long\ndate: 2023\nslug: {long}\nactors: [\"{long}\"]\n---\n"),
    )
    .unwrap();
    let public = build(site.path(), &[]);
    let slug = "word-".repeat(18) + "word";
    assert!(public.join(format!("events/{slug}/index.html")).is_file());
    assert!(public.join(format!("actors/{slug}/index.html")).is_file());
}

#[test]
fn every_error_class_is_reported_in_json_and_github_formats_too() {
    let site = fixture("bad");
    let json = run(site.path(), &["check", "--format", "json"]);
    assert_eq!(json.status.code(), Some(1));
    let objects: Vec<serde_json::Value> = String::from_utf8(json.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
    let github =
        String::from_utf8(run(site.path(), &["check", "--format", "github"]).stdout).unwrap();
    for (code, place) in EXPECTED {
        let mut parts = place.split(':');
        let file = parts.next().unwrap();
        let line: Option<u64> = parts.next().map(|l| l.parse().unwrap());
        let col: Option<u64> = parts.next().map(|c| c.parse().unwrap());
        let found = objects.iter().any(|o| {
            o["code"] == *code
                && o["file"] == file
                && o["line"].as_u64() == line
                && o["column"].as_u64() == col
                && o["severity"] == "error"
        });
        assert!(found, "JSON lacks {code} at {place}");
        let annotation = match (line, col) {
            (Some(l), Some(c)) => format!("::error file={file},line={l},col={c},"),
            _ => format!("::error file={file},title={code}::"),
        };
        assert!(
            github
                .lines()
                .any(|g| g.starts_with(&annotation) && g.contains(&format!("title={code}::"))),
            "GitHub lacks {code} at {place}"
        );
    }
}
