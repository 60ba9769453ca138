//! A side with errors is still compared: what parses is diffed, the errors
//! are a note at the top, and the events of a file that does not parse on one
//! side are "not compared" rather than added or removed.

use super::Repo;
use crate::support::*;
use serde_json::Value;

fn short(repo: &Repo, rev: &str) -> String {
    repo.git(&["rev-parse", "--short=7", rev])
        .trim()
        .to_string()
}

/// The pull request that repairs a broken main gets its diff.
#[test]
fn a_broken_base_is_compared_with_a_note() {
    let repo = Repo::new("identity", false);
    repo.edit(
        "content/events/by-case.md",
        "date: 2023-07-04",
        "date: 2023-13-45",
    );
    repo.commit("break");
    repo.edit(
        "content/events/by-case.md",
        "date: 2023-13-45",
        "date: 2023-07-04",
    );
    repo.edit(
        "content/events/by-alias.md",
        "theatres: Orikhiv\n",
        "theatres: Orikhiv\nstatus: confirmed\n",
    );
    repo.commit("repair");
    let base = short(&repo, "HEAD~1");
    let out = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        format!(
            "note: the timeline at BASE `HEAD~1` ({base}) has 1 error; comparing what parses\n"
        )
    );
    let md = String::from_utf8(out.stdout).unwrap();
    let head = short(&repo, "HEAD");
    assert_eq!(
        md,
        format!(
            "## Timeline changes

> [!NOTE]
> The timeline at BASE `HEAD~1` (`{base}`) has 1 error. What parses is compared; the events of a file that does not parse are not.
>
> - `content/events/by-case.md:3:7` error\\[E120\\]: `2023-13-45` is not a valid date: month 13 does not exist

1 event changed (1 status change: reported → confirmed), 1 not compared

### Changed

- 1 July 2023: **Named by alias** (`by-alias`)
  - **status: reported → confirmed**

### Not compared

- 4 July 2023: **Named in capitals** (`by-case`): `content/events/by-case.md` does not parse at BASE

*Compared `HEAD~1` (`{base}`) with `HEAD` (`{head}`).*
"
        )
    );
    let (_, json) = repo.last_commit();
    assert_eq!(
        json["base"]["errors"][0]["file"],
        "content/events/by-case.md"
    );
    assert_eq!(json["base"]["errors"][0]["line"], 3);
    assert_eq!(json["head"]["errors"], Value::Array(vec![]));
    assert_eq!(json["added"], Value::Array(vec![]));
    assert_eq!(json["removed"], Value::Array(vec![]));
    let nc = &json["not_compared"][0];
    assert_eq!(nc["file"], "content/events/by-case.md");
    assert_eq!(nc["unparsed_at"], "base");
    assert_eq!(nc["event"]["slug"], "by-case");
}

/// The head is what the change proposes: its errors fail the command, as
/// `check` would, after the diff of what parses.
#[test]
fn a_broken_head_is_compared_and_fails() {
    let repo = Repo::new("identity", false);
    repo.write(
        "content/events/new.md",
        "---\ntitle: New\ndate: 2023-07-05\n---\n",
    );
    repo.edit(
        "content/events/by-case.md",
        "date: 2023-07-04",
        "date: 2023-13-45",
    );
    repo.commit("add one, break one");
    let head = short(&repo, "HEAD");
    let out = repo.diff(&["HEAD~1", "HEAD"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: the timeline at HEAD `HEAD` ({head}) has 1 error; comparing what parses\nerror[E120]: `2023-13-45` is not a valid date: month 13 does not exist\n --> content/events/by-case.md:3:7\n"
        )),
        "{err}"
    );
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(
        md.contains(&format!("> [!WARNING]\n> The timeline at HEAD `HEAD` (`{head}`) has 1 error, to fix before merging (`annals check` lists them). What parses is compared; the events of a file that does not parse are not.\n")),
        "{md}"
    );
    assert!(md.contains("\n1 event added, 1 not compared\n"), "{md}");
    assert!(
        md.contains("### Added\n\n- 5 July 2023: **New** (`new`)\n"),
        "{md}"
    );
    assert!(
        md.contains("### Not compared\n\n- 4 July 2023: **Named in capitals** (`by-case`): `content/events/by-case.md` does not parse at HEAD\n"),
        "{md}"
    );
    assert!(!md.contains("### Removed"), "{md}");

    // The working tree, likewise.
    repo.edit(
        "content/events/by-alias.md",
        "date: 2023-07-01",
        "date: someday",
    );
    let out = repo.diff(&["HEAD", "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    // by-case.md does not parse on either side: there is nothing to compare.
    assert!(
        stderr(&out).contains(
            "\nerror: the timeline in the working tree has 2 errors; comparing what parses\n"
        ),
        "{}",
        stderr(&out)
    );
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["head"]["errors"].as_array().unwrap().len(), 2);
    assert_eq!(
        json["not_compared"][0]["file"],
        "content/events/by-alias.md"
    );
    assert_eq!(json["not_compared"][0]["unparsed_at"], "head");
    assert_eq!(json["summary"], "1 event not compared");
}

/// An actor file that does not parse leaves its aliases unread: the events
/// that name the actor by alias are not re-attributed for it, and the actor
/// is neither added nor removed.
#[test]
fn a_broken_actor_file_re_attributes_nothing() {
    let repo = Repo::new("identity", false);
    repo.edit(
        "content/actors/ivan-popov.md",
        "kind: person",
        "kind: [person",
    );
    repo.commit("break the actor");
    repo.edit(
        "content/actors/ivan-popov.md",
        "kind: [person",
        "kind: person",
    );
    repo.commit("repair");
    let (md, json) = repo.last_commit();
    assert!(md.contains("\nNo changes to the timeline.\n"), "{md}");
    assert!(md.contains("content/actors/ivan-popov.md"), "{md}");
    assert_eq!(json["changed"], Value::Array(vec![]));
    assert_eq!(json["actors"]["added"], Value::Array(vec![]));
    assert_eq!(json["actors"]["removed"], Value::Array(vec![]));
    assert_eq!(json["actors"]["renamed"], Value::Array(vec![]));
}

/// A theme is not the timeline: its errors do not stop the diff.
#[test]
fn a_broken_template_does_not_stop_the_diff() {
    let repo = Repo::new("identity", false);
    repo.write("templates/event.html", "{% if %}");
    repo.edit(
        "content/events/by-case.md",
        "title: Named in capitals",
        "title: Renamed",
    );
    repo.commit("break the theme");
    let (md, json) = repo.last_commit();
    assert!(md.contains("\n1 event changed\n"), "{md}");
    assert_eq!(json["head"]["errors"], Value::Array(vec![]));
}

/// An event whose file has an error is read without its wrong value (a bad
/// status reads as the default): comparing it would report that default as a
/// change, so it is not compared.
#[test]
fn an_event_with_a_wrong_value_is_not_compared_on_its_defaults() {
    let repo = Repo::new("identity", false);
    repo.edit(
        "content/events/by-alias.md",
        "theatres: Orikhiv\n",
        "theatres: Orikhiv\nstatus: rumoured\n",
    );
    repo.commit("break");
    repo.edit(
        "content/events/by-alias.md",
        "status: rumoured\n",
        "status: claimed\n",
    );
    repo.commit("repair");
    let out = repo.diff(&["HEAD~1", "HEAD", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["changed"], Value::Array(vec![]), "{json:#}");
    assert_eq!(
        json["not_compared"][0]["file"],
        "content/events/by-alias.md"
    );
    assert_eq!(json["not_compared"][0]["unparsed_at"], "base");
}
