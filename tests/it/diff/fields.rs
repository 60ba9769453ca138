//! An edit of one field of a nested value (a source's date, an image's alt
//! text, a theatre's location) shows as that field changed, not as the whole
//! value added and removed.

use super::Repo;
use serde_json::json;

const BEFORE: &str = "---
title: Named in capitals
date: 2023-07-04
actors: IVAN POPOV
theatres: ORIKHIV
sources:
  - url: https://example.org/reuters
    publisher: Reuters
    date: 2023-07-12
  - title: A statement
    publisher: The Ministry
image:
  src: https://example.org/photo.jpg
  alt: A photo
location: {name: Orikhiv, lat: 47.57, lon: 35.78}
extra:
  page: {number: 3}
---
Body.
";

#[test]
fn one_field_changed_is_one_change() {
    let repo = Repo::new("identity", false);
    repo.write("content/events/by-case.md", BEFORE);
    repo.commit("detailed");
    let edits = [
        (
            "    date: 2023-07-12",
            "    date: 2023-07-13\n    archive: https://archive.org/x",
        ),
        ("  - title: A statement", "  - title: The statement"),
        ("  alt: A photo", "  alt: A photo of the bridge"),
        ("lat: 47.57", "lat: 47.58"),
        ("number: 3}", "number: 4}\nweight: 2\nrelated: [by-alias]"),
    ];
    for (from, to) in edits {
        repo.edit("content/events/by-case.md", from, to);
    }
    repo.edit(
        "content/actors/ivan-popov.md",
        "affiliation: Russia",
        "affiliation: Russian Federation",
    );
    repo.edit("content/theatres/orikhiv.md", "lon: 35.78", "lon: 35.79");
    repo.commit("edit fields");
    let (md, json) = repo.last_commit();
    assert!(
        md.starts_with(
            "## Timeline changes\n\n1 event changed, 1 actor changed, 1 theatre changed\n"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- 4 July 2023: **Named in capitals** (`by-case`)
  - sources: [Reuters](<https://example.org/reuters>): date `2023-07-12` → `2023-07-13`; archive (none) → `https://archive.org/x`
  - sources: The statement, The Ministry: title *A statement* → *The statement*
  - image: alt *A photo* → *A photo of the bridge*
  - location: lat `47.57` → `47.58`
  - related: added *Named by alias*
  - weight: 0 → 2
  - extra: page.number `3` → `4`
"
        ),
        "{md}"
    );
    assert!(
        md.contains(
            "- actor changed: **Ivan Popov** (`ivan-popov`): affiliation *Russia* → *Russian Federation*
- theatre changed: **Orikhiv** (`orikhiv`): location.lon `35.78` → `35.79`
"
        ),
        "{md}"
    );
    let changes = &json["changed"][0]["changes"];
    let sources = &changes["sources"];
    assert_eq!(sources["added"], json!([]));
    assert_eq!(sources["removed"], json!([]));
    assert_eq!(
        sources["changed"][0]["fields"],
        json!([
            {"field": "date", "from": "2023-07-12", "to": "2023-07-13"},
            {"field": "archive", "to": "https://archive.org/x"},
        ])
    );
    assert_eq!(sources["changed"][0]["source"]["date"], "2023-07-13");
    assert_eq!(
        changes["image"],
        json!([{"field": "alt", "from": "A photo", "to": "A photo of the bridge"}])
    );
    assert_eq!(
        changes["location"],
        json!([{"field": "lat", "from": 47.57, "to": 47.58}])
    );
    assert_eq!(
        changes["extra"],
        json!([{"field": "page.number", "from": 3, "to": 4}])
    );
    assert_eq!(changes["weight"], json!({"from": 0, "to": 2}));
    assert_eq!(
        changes["related"],
        json!({"added": [{"slug": "by-alias", "title": "Named by alias"}], "removed": []})
    );
    // Kept for readers of the earlier output.
    assert_eq!(
        changes["other"],
        json!(["image", "location", "related", "weight", "extra"])
    );
    assert_eq!(
        json["theatres"]["changed"][0]["fields"],
        json!([{"field": "location.lon", "from": 35.78, "to": 35.79}])
    );

    // An image removed, and the related events reordered only.
    repo.edit(
        "content/events/by-case.md",
        "image:\n  src: https://example.org/photo.jpg\n  alt: A photo of the bridge\n",
        "",
    );
    repo.edit(
        "content/events/by-case.md",
        "related: [by-alias]",
        "related: [by-alias, by-russian]",
    );
    repo.commit("more");
    repo.edit(
        "content/events/by-case.md",
        "related: [by-alias, by-russian]",
        "related: [by-russian, by-alias]",
    );
    let (md, json) = repo.both(&["HEAD~1"]);
    assert!(
        md.contains(
            "(`by-case`)
  - image: src `https://example.org/photo.jpg` → (none); alt *A photo of the bridge* → (none)
  - related: added *Named in Russian*
"
        ),
        "{md}"
    );
    assert_eq!(
        json["changed"][0]["changes"]["image"][0],
        json!({"field": "src", "from": "https://example.org/photo.jpg"})
    );
    let (md, _) = repo.both(&["HEAD"]);
    assert!(
        md.contains("(`by-case`)\n  - related: the same events, in another order\n"),
        "{md}"
    );
}
