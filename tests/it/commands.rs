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

/// A site fresh from `init` (with or without the workflow) has nothing to
/// fix: no warning, not even a note, so `check --deny-warnings` passes and a
/// newcomer's first `check` says "no problems".
#[test]
fn a_new_site_checks_clean() {
    for extra in [&[][..], &["--ci", "github"]] {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["init", "site"];
        args.extend_from_slice(extra);
        assert!(run(dir.path(), &args).status.success());
        let site = dir.path().join("site");
        let out = run(
            &site,
            &[
                "check",
                "--deny-warnings",
                "--format",
                "json",
                "--today",
                "2024-06-01",
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "", "{extra:?}");
        let out = run(&site, &["check", "--deny-warnings"]);
        assert_eq!(out.status.code(), Some(0), "{extra:?}");
        assert_eq!(stderr(&out), "no problems in 2 files\n", "{extra:?}");
    }
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
    // No output yet: nothing to compare with, said plainly (not a list of
    // every file as "missing" and advice to commit it), as a usage error.
    let out = run(site.path(), &["build", "--check", "-q"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        "error[E002]: `build --check` has nothing to compare with: there is no output folder `./public`\n  \
         = hint: `--check` is for sites that commit their built output; run `annals build` first. \
         A site that is built where it is published (as `annals init --ci github` sets up, with \
         `public/` in `.gitignore`) has no output to check: `annals check` validates it\n\n"
    );
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

/// The workflow installs the annals that wrote it, exactly, and keeps the
/// binary in the Actions cache keyed by that version: a reviewer's check
/// takes seconds and never changes under them with a new release.
#[test]
fn init_ci_github_pins_and_caches_the_annals_that_wrote_it() {
    let dir = tempfile::tempdir().unwrap();
    assert!(run(dir.path(), &["init", "site", "--ci", "github", "-q"])
        .status
        .success());
    let text = read(&dir.path().join("site/.github/workflows/annals.yml"));
    let wf: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    assert_eq!(
        wf["env"]["ANNALS_VERSION"].as_str(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    for job in ["review", "deploy"] {
        let steps = wf["jobs"][job]["steps"].as_sequence().unwrap();
        let at = |pred: &dyn Fn(&serde_yaml::Value) -> bool| {
            steps
                .iter()
                .position(pred)
                .unwrap_or_else(|| panic!("{job}: step missing"))
        };
        let restore = at(&|s| s["uses"].as_str() == Some("actions/cache/restore@v4"));
        assert_eq!(steps[restore]["id"].as_str(), Some("annals"));
        assert_eq!(steps[restore]["with"]["path"].as_str(), Some("~/.annals"));
        assert_eq!(
            steps[restore]["with"]["key"].as_str(),
            Some("annals-${{ env.ANNALS_VERSION }}-${{ runner.os }}-${{ runner.arch }}")
        );
        let install = at(&|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("cargo install"))
        });
        assert_eq!(
            steps[install]["run"].as_str(),
            Some("cargo install annals --version \"$ANNALS_VERSION\" --locked --root ~/.annals")
        );
        let save = at(&|s| s["uses"].as_str() == Some("actions/cache/save@v4"));
        let on_path = at(&|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.contains("$HOME/.annals/bin") && r.contains("GITHUB_PATH"))
        });
        let first_use = at(&|s| {
            s["run"]
                .as_str()
                .is_some_and(|r| r.trim_start().starts_with("annals "))
        });
        assert!(restore < install && install < save && save < on_path && on_path < first_use);
        for step in [install, save] {
            assert_eq!(
                steps[step]["if"].as_str(),
                Some("steps.annals.outputs.cache-hit != 'true'"),
                "{job}: only on a cache miss"
            );
        }
    }
    assert_eq!(text.matches("cargo install").count(), 2, "{text}");
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

/// `init` ignores `public/` and the workflow builds and publishes it: the
/// workflow never checks a committed output that the `.gitignore` keeps out.
#[test]
fn init_gitignore_and_workflow_tell_one_story() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["init", "site", "--ci", "github", "-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let site = dir.path().join("site");
    let ignored: Vec<String> = read(&site.join(".gitignore"))
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(String::from)
        .collect();
    assert_eq!(ignored, ["/public/"]);
    let wf = read(&site.join(".github/workflows/annals.yml"));
    assert!(!wf.contains("--check"), "{wf}");
    let wf: serde_yaml::Value = serde_yaml::from_str(&wf).unwrap();
    let deploy = wf["jobs"]["deploy"]["steps"].as_sequence().unwrap();
    let build = deploy
        .iter()
        .position(|s| s["name"].as_str() == Some("Build"))
        .expect("a build step");
    let upload = deploy
        .iter()
        .position(|s| s["uses"].as_str() == Some("actions/upload-pages-artifact@v3"))
        .expect("an upload step");
    assert!(build < upload);
    assert_eq!(
        deploy[upload]["with"]["path"].as_str(),
        Some("${{ env.ANNALS_ROOT }}/public")
    );
    // And `build --check` in that site says why it has nothing to check.
    let out = run(&site, &["build", "--check"]);
    assert_eq!(out.status.code(), Some(2));
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
