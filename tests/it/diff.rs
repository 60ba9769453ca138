//! SPEC §10 `annals diff BASE [HEAD]`: a real git repository in a temporary
//! folder, edited over several commits, diffed in Markdown and JSON.

mod errors;
mod fields;
mod markup;

use crate::support::*;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// A git repository holding a copy of a fixture site (at `site/` below the
/// repository's top when `sub` is set).
struct Repo {
    dir: tempfile::TempDir,
    site: String,
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

impl Repo {
    fn new(fixture_name: &str, sub: bool) -> Repo {
        let fx = fixture(fixture_name);
        let dir = tempfile::tempdir().expect("temp dir");
        let site = if sub { "site" } else { "." };
        std::fs::create_dir_all(dir.path().join(site)).unwrap();
        copy_tree(fx.path(), &dir.path().join(site));
        let repo = Repo {
            dir,
            site: site.into(),
        };
        repo.git(&["init", "-q"]);
        repo.commit("the site");
        repo
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn git(&self, args: &[&str]) -> String {
        git_in(self.path(), args)
    }

    fn file(&self, rel: &str) -> std::path::PathBuf {
        self.path().join(&self.site).join(rel)
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.file(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    /// Replaces `from` by `to` in a site file, which must hold it.
    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = read(&self.file(rel));
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
    }

    fn commit(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "--allow-empty", "-m", message]);
    }

    fn diff(&self, args: &[&str]) -> Output {
        let mut all = vec!["diff", "--root", &self.site];
        all.extend_from_slice(args);
        run(self.path(), &all)
    }

    /// Markdown and JSON of a diff that must succeed.
    fn both(&self, revs: &[&str]) -> (String, Value) {
        let md = self.diff(revs);
        assert_eq!(md.status.code(), Some(0), "{}", stderr(&md));
        let mut args = revs.to_vec();
        args.extend(["--format", "json"]);
        let json = self.diff(&args);
        assert_eq!(json.status.code(), Some(0), "{}", stderr(&json));
        let value = serde_json::from_slice(&json.stdout).expect("valid JSON");
        (String::from_utf8(md.stdout).unwrap(), value)
    }

    fn last_commit(&self) -> (String, Value) {
        self.both(&["HEAD~1", "HEAD"])
    }
}

const NEW_EVENT: &str = "---
title: A new event
date: 2023-07-05
actors: Popov
theatres: Orikhiv
status: claimed
sources:
  - url: https://example.org/report
    title: A report
---
Body.
";

#[test]
fn each_kind_of_change_over_several_commits() {
    let repo = Repo::new("identity", false);

    // Added.
    repo.write("content/events/new-event.md", NEW_EVENT);
    repo.commit("add an event");
    let (md, json) = repo.last_commit();
    assert!(
        md.starts_with("## Timeline changes\n\n1 event added\n\n### Added\n\n"),
        "{md}"
    );
    assert!(md.contains(
        "- 5 July 2023: **A new event** (`new-event`)\n  - claimed · actors: Ivan Popov · theatres: Orikhiv · 1 source\n"
    ), "{md}");
    assert!(md.contains("*Compared `HEAD~1` ("), "{md}");
    assert_eq!(json["summary"], "1 event added");
    assert_eq!(json["added"][0]["slug"], "new-event");
    assert_eq!(json["added"][0]["actors"][0]["slug"], "ivan-popov");
    assert_eq!(
        json["added"][0]["sources"][0]["url"],
        "https://example.org/report"
    );
    assert_eq!(json["removed"], Value::Array(vec![]));

    // Removed, and with it the only event naming Shoigu.
    std::fs::remove_file(repo.file("content/events/by-russian.md")).unwrap();
    repo.commit("remove an event");
    let (md, json) = repo.last_commit();
    assert!(md.contains("1 event removed, 1 actor removed\n"), "{md}");
    assert!(md.contains("### Removed\n\n- 3 July 2023: **Named in Russian** (`by-russian`)\n"));
    assert!(md.contains(
        "### Actors and theatres\n\n- actor removed: **Sergei Shoigu** (`sergei-shoigu`), named only in events (no file)\n"
    ), "{md}");
    assert_eq!(json["removed"][0]["slug"], "by-russian");
    assert_eq!(json["actors"]["removed"][0]["slug"], "sergei-shoigu");

    // Re-dated: one event crosses others, one keeps its place.
    repo.edit(
        "content/events/by-alias.md",
        "date: 2023-07-01",
        "date: 2023-07-06",
    );
    repo.edit(
        "content/events/by-case.md",
        "date: 2023-07-04",
        "date: 2023-07-03",
    );
    repo.commit("re-date");
    let (md, json) = repo.last_commit();
    assert!(md.contains("\n2 events changed\n"), "{md}");
    assert!(md.contains(
        "- 6 July 2023: **Named by alias** (`by-alias`)\n  - date: 1 July 2023 → 6 July 2023; moves later, now last, after *A new event*\n"
    ), "{md}");
    assert!(md.contains(
        "- 3 July 2023: **Named in capitals** (`by-case`)\n  - date: 4 July 2023 → 3 July 2023; same place in the timeline\n"
    ), "{md}");
    let changed = json["changed"].as_array().unwrap();
    // Head timeline order: by-case (3 July) before by-alias (6 July).
    assert_eq!(changed[0]["slug"], "by-case");
    assert_eq!(changed[0]["changes"]["date"]["from"], "2023-07-04");
    assert!(changed[0]["changes"].get("position").is_none());
    assert_eq!(changed[1]["changes"]["position"]["direction"], "later");
    assert_eq!(
        changed[1]["changes"]["position"]["after"]["slug"],
        "new-event"
    );

    // Re-attributed: a new actor (named only here) and another theatre.
    repo.edit(
        "content/events/by-case.md",
        "actors: IVAN POPOV\ntheatres: ORIKHIV",
        "actors: [Ivan Popov, Valery Gerasimov]\ntheatres: Zaporizhzhia",
    );
    repo.commit("re-attribute");
    let (md, json) = repo.last_commit();
    assert!(md.contains("1 event changed, 1 actor added\n"), "{md}");
    assert!(md.contains("  - actors: added Valery Gerasimov\n"), "{md}");
    assert!(
        md.contains("  - theatres: added Zaporizhzhia; removed Orikhiv\n"),
        "{md}"
    );
    assert!(md.contains("- actor added: **Valery Gerasimov** (`valery-gerasimov`), named only in events (no file)\n"));
    let changes = &json["changed"][0]["changes"];
    assert_eq!(changes["actors"]["added"][0]["name"], "Valery Gerasimov");
    assert_eq!(changes["actors"]["removed"], Value::Array(vec![]));
    assert_eq!(changes["theatres"]["removed"][0]["slug"], "orikhiv");
    assert_eq!(json["actors"]["added"][0]["file"], Value::Null);

    // Status, highlighted.
    repo.edit(
        "content/events/by-case.md",
        "theatres: Zaporizhzhia\n",
        "theatres: Zaporizhzhia\nstatus: confirmed\n",
    );
    repo.commit("confirm");
    let (md, json) = repo.last_commit();
    assert!(
        md.contains("\n1 event changed (1 status change: reported → confirmed)\n"),
        "{md}"
    );
    assert!(
        md.contains("(`by-case`)\n  - **status: reported → confirmed**\n"),
        "{md}"
    );
    assert_eq!(
        json["summary"],
        "1 event changed (1 status change: reported → confirmed)"
    );
    assert_eq!(json["changed"][0]["changes"]["status"]["to"], "confirmed");

    // A source added.
    repo.edit(
        "content/events/by-ukrainian.md",
        "theatres: zaporizhzhia\n",
        "theatres: zaporizhzhia\nsources:\n  - url: https://example.org/statement\n    title: A statement\n    publisher: The Ministry\n",
    );
    repo.commit("source");
    let (md, json) = repo.last_commit();
    assert!(
        md.contains(
            "  - sources: added [A statement](<https://example.org/statement>), The Ministry\n"
        ),
        "{md}"
    );
    let sources = &json["changed"][0]["changes"]["sources"];
    assert_eq!(sources["added"][0]["publisher"], "The Ministry");

    // A file moved to a sub-folder: same slug, nothing else changed.
    std::fs::create_dir_all(repo.file("content/events/2023")).unwrap();
    repo.git(&[
        "mv",
        "content/events/by-case.md",
        "content/events/2023/by-case.md",
    ]);
    repo.commit("move");
    let (md, json) = repo.last_commit();
    assert!(md.contains("\n1 event renamed\n\n### Renamed\n\n- 3 July 2023: **Named in capitals**: file `content/events/by-case.md` → `content/events/2023/by-case.md`\n"), "{md}");
    assert!(
        !md.contains("### Changed") && !md.contains("### Added"),
        "{md}"
    );
    assert_eq!(json["renamed"][0]["kind"], "moved");
    assert_eq!(
        json["renamed"][0]["to"]["file"],
        "content/events/2023/by-case.md"
    );
    assert_eq!(json["changed"], Value::Array(vec![]));

    // A slug renamed with the same content: neither added nor removed.
    repo.git(&[
        "mv",
        "content/events/by-ukrainian.md",
        "content/events/named-in-ukrainian.md",
    ]);
    repo.commit("rename");
    let (md, json) = repo.last_commit();
    assert!(md.contains("\n1 event renamed\n"), "{md}");
    assert!(md.contains("slug `by-ukrainian` → `named-in-ukrainian`, file `content/events/by-ukrainian.md` → `content/events/named-in-ukrainian.md`"), "{md}");
    assert_eq!(json["renamed"][0]["kind"], "renamed");
    assert_eq!(json["renamed"][0]["from"]["slug"], "by-ukrainian");
    assert_eq!(json["added"], Value::Array(vec![]));
    assert_eq!(json["removed"], Value::Array(vec![]));

    // HEAD omitted: the working tree, with a body edit not yet committed.
    repo.edit("content/events/by-alias.md", "Body.", "Body text, revised.");
    let (md, json) = repo.both(&["HEAD"]);
    assert!(
        md.contains("  - body (+3 −1 words): ~~Body.~~ **Body text, revised.**\n"),
        "{md}"
    );
    assert!(md.ends_with("with the working tree.*\n"), "{md}");
    assert_eq!(json["head"]["commit"], Value::Null);
    assert_eq!(json["changed"][0]["changes"]["body"]["words_added"], 3);

    // Across many commits at once: the net difference.
    let (md, json) = repo.both(&["HEAD~8", "HEAD"]);
    // Renamed and edited: paired by title, its edits listed under Changed.
    assert!(
        md.contains("slug `by-ukrainian` → `named-in-ukrainian`"),
        "{md}"
    );
    assert!(
        md.contains("(`named-in-ukrainian`)\n  - sources: added"),
        "{md}"
    );
    assert_eq!(
        json["summary"],
        "1 event added, 1 removed, 2 renamed, 3 changed (1 status change: reported → confirmed), 1 actor added, 1 actor removed"
    );

    // Nothing changed.
    let (md, json) = repo.both(&["HEAD", "HEAD"]);
    assert_eq!(md, "No changes to the timeline.\n");
    assert_eq!(json["summary"], "No changes to the timeline.");
}

#[test]
fn output_is_deterministic_and_drafts_are_marked() {
    let repo = Repo::new("drafts", false);
    repo.edit(
        "content/events/unpublished.md",
        "draft: true",
        "draft: false",
    );
    repo.commit("publish");
    let a = repo.diff(&["HEAD~1", "HEAD", "--format", "json"]);
    let b = repo.diff(&["HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(a.stdout, b.stdout);
    let (md, json) = repo.last_commit();
    assert!(md.contains("  - published: no longer a draft\n"), "{md}");
    assert_eq!(json["changed"][0]["changes"]["draft"]["from"], true);
    repo.write(
        "content/events/later.md",
        "---\ntitle: Later\ndate: 2024\ndraft: true\n---\n",
    );
    let (md, _) = repo.both(&["HEAD"]);
    assert!(
        md.contains("- 2024: **Later** (`later`) · *draft*\n"),
        "{md}"
    );
}

#[test]
fn a_site_in_a_sub_folder_and_one_that_did_not_exist_yet() {
    let repo = Repo::new("identity", true);
    repo.write("README.md", "not the site\n");
    repo.commit("readme");
    // Nothing in the site changed.
    let (md, _) = repo.last_commit();
    assert_eq!(md, "No changes to the timeline.\n");
    // Before the first commit there was no site: everything is added.
    repo.git(&["checkout", "-q", "--orphan", "empty"]);
    repo.git(&["rm", "-rq", "--cached", "."]);
    repo.git(&["commit", "-q", "--allow-empty", "-m", "empty"]);
    let out = repo.diff(&["empty", "main", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("note: no site at `site` in BASE `empty`"),
        "{}",
        stderr(&out)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        json["summary"],
        "4 events added, 2 actors added, 2 theatres added"
    );
}

#[test]
fn usage_errors_outside_a_repository_and_for_unknown_revisions() {
    let site = fixture("identity");
    let out = run(site.path(), &["diff", "HEAD"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not in a git repository"),
        "{}",
        stderr(&out)
    );

    let repo = Repo::new("identity", false);
    let out = repo.diff(&["no-such-branch"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown revision `no-such-branch`"),
        "{}",
        stderr(&out)
    );
    let out = repo.diff(&["HEAD", "HEAD~5"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("unknown revision `HEAD~5`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_shallow_clone_diffs_its_last_commit() {
    let repo = Repo::new("identity", false);
    repo.write("content/events/new-event.md", NEW_EVENT);
    repo.commit("add");
    repo.edit(
        "content/events/new-event.md",
        "status: claimed",
        "status: confirmed",
    );
    repo.commit("confirm");
    let clones = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    git_in(
        clones.path(),
        &["clone", "-q", "--depth", "2", &url, "shallow"],
    );
    let shallow = clones.path().join("shallow");
    assert_eq!(
        git_in(&shallow, &["rev-parse", "--is-shallow-repository"]).trim(),
        "true"
    );
    let out = run(&shallow, &["diff", "HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("**status: claimed → confirmed**"), "{md}");
    // The commit before is not in the clone: say so, and how to fix it.
    let out = run(&shallow, &["diff", "HEAD~2"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown revision `HEAD~2`"));
    assert!(stderr(&out).contains("shallow"), "{}", stderr(&out));
}

#[test]
fn a_new_display_name_is_one_rename_not_every_event_re_attributed() {
    let site = fixture("identity");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args([
                "-c",
                "user.name=T",
                "-c",
                "user.email=t@example.org",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(site.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "base"]);
    let actor = site.path().join("content/actors/ivan-popov.md");
    let text = std::fs::read_to_string(&actor)
        .unwrap()
        .replace("name: Ivan Popov", "name: Maj. Gen. Ivan Popov");
    std::fs::write(&actor, text).unwrap();
    let out = run(site.path(), &["diff", "HEAD"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("1 actor renamed"), "{md}");
    assert!(
        md.contains("- actor renamed: Ivan Popov → **Maj. Gen. Ivan Popov** (`ivan-popov`)"),
        "{md}"
    );
    assert!(
        !md.contains("### Changed"),
        "no event is re-attributed: {md}"
    );
}

#[test]
fn periods_added_removed_re_dated_and_renamed() {
    let repo = Repo::new("periods", false);
    repo.write(
        "content/periods/winter.md",
        "---\nname: Winter lull\ndate: 2023-12/2024-02\n---\n",
    );
    std::fs::remove_file(repo.file("content/periods/prelude.md")).unwrap();
    repo.edit(
        "content/periods/offensive.md",
        "date: 2023-06/2023-08",
        "date: 2023-06/2023-09",
    );
    repo.edit(
        "content/periods/river.md",
        "name: River campaign",
        "name: Dnipro campaign",
    );
    repo.commit("periods");
    let (md, json) = repo.last_commit();
    assert_eq!(
        json["summary"],
        "1 period added, 1 period removed, 1 period re-dated, 1 period renamed"
    );
    assert!(
        md.contains(
            "### Periods\n\n\
             - period added: **Winter lull** (`winter`), December 2023 – February 2024\n\
             - period removed: **The prelude** (`prelude`), until 31 May 2023\n\
             - period re-dated: **The summer offensive** (`offensive`): June–August 2023 → **June–September 2023**\n\
             - period renamed: River campaign → **Dnipro campaign** (`river`)\n"
        ),
        "{md}"
    );
    assert_eq!(json["periods"]["redated"][0]["from"], "2023-06/2023-08");
    assert_eq!(json["periods"]["redated"][0]["to"], "2023-06/2023-09");
    assert_eq!(
        json["periods"]["added"][0]["file"],
        "content/periods/winter.md"
    );
}
