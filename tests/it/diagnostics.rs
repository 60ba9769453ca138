//! SPEC §3–§6, §10: every class of bad input gives a positioned diagnostic,
//! all of them in one run, never a panic. What `check` prints, in each
//! format, is kept whole in snapshots (`snapshots/it__diagnostics__*.snap`).

use crate::support::*;

/// Every error class of the `bad` fixture, with where it must be reported.
const EXPECTED: &[(&str, &str)] = &[
    ("E160", "annals.yaml:2:11"), // unknown time zone
    ("E110", "annals.yaml:3:1"),  // unknown config key
    ("E101", "content/events/no-front-matter.md:1:1"),
    ("E102", "content/events/unclosed.md:1:1"),
    ("E103", "content/events/yaml-syntax.md:3:7"),
    ("E110", "content/events/unknown-key.md:4:1"),
    ("E111", "content/events/missing-title.md:1:1"),
    ("E111", "content/events/missing-date.md:1:1"),
    ("E120", "content/events/impossible-day.md:3:7"),
    ("E120", "content/events/month-13.md:3:7"),
    ("E120", "content/events/end-before-start.md:3:7"),
    ("E120", "content/events/end-key-before.md:4:6"),
    ("E112", "content/events/bad-status.md:4:9"),
    ("E112", "content/events/bad-source-url.md:6:10"),
    ("E112", "content/events/empty-source.md:5:5"),
    ("E111", "content/events/image-no-alt.md:4:1"),
    ("E150", "content/events/missing-image.md:5:8"),
    ("E131", "content/events/unknown-related.md:4:11"),
    ("E130", "content/events/dup-two.md:4:7"),
    ("E112", "content/events/wrong-type.md:4:9"),
    ("E112", "content/events/wrong-type.md:5:9"),
    ("E112", "content/events/bad-location.md:4:17"),
    ("E110", "content/events/multi-error.md:2:1"),
    ("E120", "content/events/multi-error.md:3:7"),
    ("E001", "content/events/binary.md"),
    ("E140", "content/actors/b.md:3:11"),
    ("E112", "content/actors/c.md:3:7"),
    ("E141", "content/theatres/child.md:3:9"),
];

/// What `annals check --format <format>` prints on a copy of `fixture`, whole:
/// the exit status, stdout and stderr. It runs in the copy with `--root .`, so
/// the paths it prints are relative; should the temporary folder ever show up
/// in a message, it reads `[SITE]` here, and the snapshot says so.
fn check_output(fixture_name: &str, format: &str) -> String {
    let site = fixture(fixture_name);
    let out = bin()
        .args(["check", "--root", ".", "--format", format])
        // W303 compares with today: a fixed day keeps the output fixed.
        .args(["--today", "2024-01-01"])
        .env("NO_COLOR", "1")
        .current_dir(site.path())
        .output()
        .expect("the annals binary runs");
    let text = format!(
        "exit status: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    hide_site(&text, site.path())
}

/// `text` with the temporary folder `dir` (as given and canonical) shown as `[SITE]`.
fn hide_site(text: &str, dir: &std::path::Path) -> String {
    let mut text = text.to_string();
    let canonical = dir.canonicalize().expect("the site exists");
    for path in [canonical.as_path(), dir] {
        text = text.replace(&*path.to_string_lossy(), "[SITE]");
    }
    text
}

/// Asserts the snapshot `check_<fixture>_<format>` of [`check_output`].
fn assert_check_snapshot(fixture_name: &str, format: &str) {
    let output = check_output(fixture_name, format);
    insta::with_settings!({
        description => format!(
            "NO_COLOR=1 annals check --root . --format {format} --today 2024-01-01, in tests/fixtures/{fixture_name}"
        ),
        omit_expression => true,
    }, {
        insta::assert_snapshot!(format!("check_{fixture_name}_{format}"), output);
    });
}

#[test]
fn check_on_the_bad_site_in_human_format() {
    assert_check_snapshot("bad", "human");
}

#[test]
fn check_on_the_bad_site_in_json_format() {
    assert_check_snapshot("bad", "json");
}

#[test]
fn check_on_the_bad_site_in_github_format() {
    assert_check_snapshot("bad", "github");
}

#[test]
fn check_on_the_warnings_site_in_human_format() {
    assert_check_snapshot("warnings", "human");
}

#[test]
fn check_on_the_warnings_site_in_json_format() {
    assert_check_snapshot("warnings", "json");
}

#[test]
fn check_on_the_warnings_site_in_github_format() {
    assert_check_snapshot("warnings", "github");
}

/// The snapshots above show every message; this names the behaviour they
/// must keep whatever the wording: one run reports every problem of every
/// file, each at its file, line and column, and fails.
#[test]
fn every_problem_in_every_file_is_reported_in_one_run() {
    let site = fixture("bad");
    let out = run(site.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr(&out).contains("panicked"), "{}", stderr(&out));
    let objects: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object per line"))
        .collect();
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
        assert!(found, "no {code} at {place} in:\n{objects:#?}");
    }
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
    assert!(page.contains("<h1 dir=\"auto\">BOM and CRLF</h1>"));
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
    let out = run(site.path(), &["check", "--today", "2024-01-01"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(!err.contains("panicked"), "{err}");
    // What check says about these three files, message, place and hint.
    let about_them: Vec<&str> = err
        .split("\n\n")
        .filter(|block| {
            ["empty-names.md", "self.md", "control.md"]
                .iter()
                .any(|f| block.contains(&format!(" content/events/{f}")))
        })
        .collect();
    insta::with_settings!({
        description => "annals check --today 2024-01-01 on tests/fixtures/drafts with three files added: what it says about them",
        omit_expression => true,
    }, {
        insta::assert_snapshot!(about_them.join("\n\n"));
    });
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
