//! SPEC §10: `init`, `new`, exit codes.

use crate::support::*;

#[test]
fn init_makes_a_site_that_builds_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "mysite"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("mysite");
    assert!(site.join("annals.yaml").is_file());
    assert!(site.join(".gitignore").is_file());
    let public = build(&site, &[]);
    assert!(public.join("index.html").is_file());
    assert!(public
        .join("events/2024-01-15-the-timeline-begins/index.html")
        .is_file());
    // A second init refuses to overwrite.
    let again = run(dir.path(), &["init", "mysite"]);
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_writes_an_event_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    run(dir.path(), &["init"]);
    let out = run(
        dir.path(),
        &[
            "new",
            "Popov says: \"I was fired\"",
            "--date",
            "2023-07-12",
            "--actor",
            "Ivan Popov",
            "--actor",
            "Іван Попов",
            "--theatre",
            "Zaporizhzhia",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let path = dir
        .path()
        .join("content/events/2023-07-12-popov-says-i-was-fired.md");
    let text = read(&path);
    assert!(text.starts_with("---\ntitle: "));
    let public = build(dir.path(), &[]);
    let page = read(&public.join("events/2023-07-12-popov-says-i-was-fired/index.html"));
    assert!(page.contains("Popov says: &quot;I was fired&quot;"));
    assert!(page.contains("href=\"/actors/ivan-popov/\""));
    // The same title again would overwrite: refused.
    let again = run(
        dir.path(),
        &["new", "Popov says: \"I was fired\"", "--date", "2023-07-12"],
    );
    assert_eq!(again.status.code(), Some(2));
}

#[test]
fn new_rejects_a_bad_date_as_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["new", "X", "--date", "2023-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("February 2023 has 28 days"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        run(dir.path(), &["build", "--no-such-flag"]).status.code(),
        Some(2)
    );
    assert_eq!(run(dir.path(), &["frobnicate"]).status.code(), Some(2));
    let out = run(dir.path(), &["build"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no `content/` folder"));
}

#[test]
fn check_passes_on_a_good_site_and_writes_nothing() {
    let site = fixture("identity");
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!site.path().join("public").exists());
}

#[test]
fn quiet_build_prints_nothing_on_success() {
    let site = fixture("identity");
    let out = run(site.path(), &["build", "-q"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty() && out.stdout.is_empty());
}

#[test]
fn build_check_compares_the_output_without_writing() {
    let site = fixture("identity");
    // No output yet: everything is missing.
    let out = run(site.path(), &["build", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("missing  index.html"));
    assert!(
        !site.path().join("public").exists(),
        "--check writes nothing"
    );

    let public = build(site.path(), &[]);
    let out = run(site.path(), &["build", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(out.stdout.is_empty());

    // A stale page, a stray file and a missing one are each listed.
    std::fs::write(public.join("events/by-case/index.html"), "old").unwrap();
    std::fs::write(public.join("stray.html"), "x").unwrap();
    std::fs::remove_file(public.join("robots.txt")).unwrap();
    let out = run(site.path(), &["build", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let listed = String::from_utf8_lossy(&out.stdout).to_string();
    assert_eq!(
        listed,
        "changed  events/by-case/index.html\nmissing  robots.txt\nstale    stray.html\n"
    );
    assert!(stderr(&out).contains("differs from the build in 3 files"));
    assert_eq!(
        std::fs::read_to_string(public.join("events/by-case/index.html")).unwrap(),
        "old"
    );
}

#[test]
fn build_prints_errors_in_full_and_counts_warnings() {
    let site = fixture("warnings");
    let out = run(site.path(), &["build"]);
    assert!(out.status.success());
    let err = stderr(&out);
    assert!(!err.contains("warning["), "{err}");
    // The fixture's eight warning classes less W303, which only `check`
    // computes (a build does not read the clock).
    assert!(
        err.contains("0 errors, 7 warnings (`annals check` lists the warnings)"),
        "{err}"
    );
    let verbose = stderr(&run(site.path(), &["build", "-v"]));
    assert!(verbose.contains("warning[W301]"));
}

#[test]
fn schema_is_json_schema_2020_12_with_every_key() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["schema"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    for key in [
        "title", "date", "end", "actors", "theatres", "tags", "status", "summary", "sources",
        "image", "location", "related", "slug", "draft", "weight", "extra",
    ] {
        assert!(v["properties"][key]["description"].is_string(), "{key}");
    }
    assert_eq!(
        v["properties"]["sources"]["items"]["additionalProperties"],
        false
    );
}

#[test]
fn init_ci_github_writes_a_workflow_and_editor_settings() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "site", "--ci", "github"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("site");
    let text = read(&site.join(".github/workflows/annals.yml"));
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).expect("valid YAML");
    let steps = wf["jobs"]["review"]["steps"].as_sequence().unwrap();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(runs
        .iter()
        .any(|r| r.contains("annals check --format github")));
    assert!(runs.iter().any(|r| r.contains("annals diff")));
    assert!(wf["jobs"]["deploy"]["steps"]
        .as_sequence()
        .unwrap()
        .iter()
        .any(|s| s["uses"].as_str() == Some("actions/deploy-pages@v4")));
    assert!(read(&site.join(".vscode/settings.json")).contains("annals-event.schema.json"));
    // In an existing site, --ci adds what is missing and keeps the rest.
    std::fs::remove_file(site.join(".github/workflows/annals.yml")).unwrap();
    std::fs::write(site.join("annals.yaml"), "title: Mine\n").unwrap();
    assert!(run(&site, &["init", "--ci", "github"]).status.success());
    assert!(site.join(".github/workflows/annals.yml").is_file());
    assert_eq!(read(&site.join("annals.yaml")), "title: Mine\n");
}

#[test]
fn init_ci_github_in_a_sub_folder_writes_the_workflow_at_the_repository_top() {
    let repo = tempfile::tempdir().unwrap();
    assert!(std::process::Command::new("git")
        .args(["init", "-q"])
        .current_dir(repo.path())
        .status()
        .unwrap()
        .success());
    let out = run(repo.path(), &["init", "docs/timeline", "--ci", "github"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let wf = read(&repo.path().join(".github/workflows/annals.yml"));
    assert!(wf.contains("ANNALS_ROOT: \"docs/timeline\""));
    assert!(wf.contains("annals check --format github --root \"$ANNALS_ROOT\""));
    assert!(!repo.path().join("docs/timeline/.github").exists());
}

#[test]
fn build_check_refuses_the_same_outputs_as_build() {
    let site = fixture("identity");
    let out = run(site.path(), &["build", "--check", "--output", "content"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("refusing to write the site"));
}

/// Counts in the command's own messages agree with their number: `1 event`,
/// never `1 events`.
#[test]
fn build_messages_count_in_the_singular_too() {
    let site = tempfile::tempdir().unwrap();
    write(site.path(), "annals.yaml", "title: One\n");
    write(
        site.path(),
        "content/events/one.md",
        "---\ntitle: One\ndate: 2023-07-12\nactors: [Ivan Popov]\ntheatres: [Orikhiv]\ntags: [tag]\nsources:\n  - url: https://example.org/a\n---\nBody.\n",
    );
    let out = run(site.path(), &["build", "-v"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let err = stderr(&out);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        // The files read are the event and `annals.yaml`.
        lines.contains(&"read 2 files: 1 event, 1 actor, 1 theatre, 1 tag, 1 year"),
        "{err}"
    );
    let built = lines
        .iter()
        .find(|l| l.starts_with("built "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(built.contains(") from 1 event in "), "{built}");
}
