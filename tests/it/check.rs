//! SPEC §10 `check`: every warning class, in the three formats, with a summary,
//! `--deny-warnings`, and `check:` in annals.yaml raising warnings to errors.

use crate::support::*;

/// (code, file:line) of every warning the `warnings` fixture holds.
const EXPECTED: &[(&str, &str, Option<usize>)] = &[
    ("W202", "content/actors/beta.md", Some(3)),
    ("W304", "content/actors/unused.md", None),
    ("W308", "content/events/dup-b.md", Some(2)),
    ("W307", "content/events/dup-url.md", Some(8)),
    ("W303", "content/events/future.md", Some(3)),
    ("W306", "content/events/long-title.md", Some(2)),
    ("W301", "content/events/no-sources.md", Some(2)),
    ("W302", "content/events/source-no-url.md", Some(5)),
    ("W305", "content/events/big-image.md", Some(5)),
];

fn site_with_big_image() -> tempfile::TempDir {
    let site = fixture("warnings");
    let events = site.path().join("content/events");
    // A 3 MB image is made here rather than committed.
    std::fs::write(events.join("big.png"), vec![0u8; 3 * 1024 * 1024]).unwrap();
    std::fs::write(
        events.join("big-image.md"),
        "---\ntitle: Big image\ndate: 2023-01-06\nimage:\n  src: big.png\n  alt: Nothing much\nsources:\n  - publisher: A\n    url: https://example.org/b\n---\n",
    )
    .unwrap();
    site
}

#[test]
fn human_format_reports_every_warning_class_with_a_summary() {
    let site = site_with_big_image();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let err = stderr(&out);
    for (code, file, line) in EXPECTED {
        let place = match line {
            Some(l) => format!("--> {file}:{l}:"),
            None => format!("--> {file}\n"),
        };
        let found = err
            .split("\n\n")
            .any(|b| b.starts_with(&format!("warning[{code}]")) && b.contains(&place));
        assert!(found, "no {code} at {place} in:\n{err}");
    }
    assert!(
        err.trim_end()
            .ends_with("0 errors, 9 warnings, 1 note in 12 files"),
        "{err}"
    );
}

#[test]
fn json_format_is_one_object_per_problem() {
    let site = site_with_big_image();
    let out = run(site.path(), &["check", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let objects: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    // Every warning, and the note that a path-only `base_url` gets no sitemap.
    assert_eq!(objects.len(), EXPECTED.len() + 1);
    assert_eq!(objects.iter().filter(|o| o["code"] == "N401").count(), 1);
    for (code, file, line) in EXPECTED {
        let o = objects
            .iter()
            .find(|o| o["code"] == *code)
            .unwrap_or_else(|| panic!("no {code}"));
        assert_eq!(o["severity"], "warning");
        assert_eq!(o["file"], *file);
        assert_eq!(o["line"].as_u64().map(|l| l as usize), *line);
        assert!(o["message"].as_str().is_some_and(|m| !m.is_empty()));
        assert!(o.get("column").is_some() && o.get("hint").is_some());
    }
}

#[test]
fn github_format_prints_workflow_annotations() {
    let site = fixture("bad");
    let out = run(site.path(), &["check", "--format", "github"]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout
            .lines()
            .all(|l| l.starts_with("::error ") || l.starts_with("::warning ")),
        "{stdout}"
    );
    assert!(stdout.contains("::error file=content/events/impossible-day.md,line=3,col=7,endColumn=17,title=E120::`2023-02-30` is not a valid date: February 2023 has 28 days%0Ahint: "), "{stdout}");
}

#[test]
fn deny_warnings_fails_on_warnings() {
    let site = fixture("warnings");
    assert_eq!(
        run(site.path(), &["check", "--deny-warnings"])
            .status
            .code(),
        Some(1)
    );
    let clean = fixture("identity");
    std::fs::write(clean.path().join("content/events/by-alias.md"), "---\ntitle: Named by alias\ndate: 2023-07-01\nactors: Popov\ntheatres: Orikhiv\nsources:\n  - url: https://example.org/x\n---\n").unwrap();
    for f in ["by-ukrainian", "by-russian", "by-case"] {
        std::fs::remove_file(clean.path().join(format!("content/events/{f}.md"))).unwrap();
    }
    std::fs::remove_file(clean.path().join("content/theatres/zaporizhzhia.md")).unwrap();
    std::fs::write(
        clean.path().join("content/theatres/orikhiv.md"),
        "---\nname: Orikhiv\n---\n",
    )
    .unwrap();
    let out = run(clean.path(), &["check", "--deny-warnings"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn annals_yaml_can_require_sources() {
    let site = fixture("warnings");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Warnings\ncheck:\n  require_sources: true\n",
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[W301]: event `no-sources` has no sources"),
        "{err}"
    );
    assert!(
        err.contains("warning[W302]"),
        "other warnings stay warnings"
    );
    // And the build refuses too.
    assert_eq!(run(site.path(), &["build"]).status.code(), Some(1));

    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Warnings\ncheck:\n  require_source: true\n",
    )
    .unwrap();
    let err = stderr(&run(site.path(), &["check"]));
    assert!(
        err.contains("unknown key `require_source` in `check`")
            && err.contains("did you mean `require_sources`?"),
        "{err}"
    );
}

#[test]
fn every_code_is_documented_with_an_example() {
    let doc = read(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics.md"));
    for code in annals::diagnostic::Code::ALL {
        let c = code.as_str();
        let section = doc
            .split(&format!("### {c}\n"))
            .nth(1)
            .unwrap_or_else(|| panic!("{c} is not documented"));
        let section = section.split("\n### ").next().unwrap_or_default();
        assert!(section.contains(&format!("[{c}]")), "{c} has no example");
    }
}
