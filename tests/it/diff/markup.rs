//! The Markdown is posted as a pull-request comment: what events say must
//! reach it as text, never as markup, mentions or references.

use super::Repo;

const HOSTILE: &str = r#"---
title: "@octocat: #12, GH-34, a/b#5, $5 | $10 *now* <b>x</b> [x](y) &amp;"
slug: hostile
date: 2023-07-05
actors: ["@someone"]
tags: ["fix #7"]
---
Body with `tick` and @mention.
"#;

/// The title as the Markdown must show it (`now` between `*` or `_`).
fn title(now: &str) -> String {
    format!(
        "@&#8203;octocat: \\#&#8203;12, GH-&#8203;34, a/b\\#&#8203;5, <span>$</span>5 \\| <span>$</span>10 {now} \\<b\\>x\\</b\\> \\[x\\](y) \\&amp;"
    )
}

#[test]
fn user_text_cannot_ping_reference_or_break_out() {
    let repo = Repo::new("identity", false);
    repo.write("content/events/hostile.md", HOSTILE);
    repo.commit("add");
    let (md, _) = repo.last_commit();
    let lines = format!(
        "- 5 July 2023: **{}** (`hostile`)\n  - reported · actors: @&#8203;someone · tags: fix \\#&#8203;7 · no sources\n",
        title("\\*now\\*")
    );
    assert!(md.contains(&lines), "{md}");
    assert!(
        md.contains(
            "- actor added: **@&#8203;someone** (`someone`), named only in events (no file)\n"
        ),
        "{md}"
    );

    repo.edit(
        "content/events/hostile.md",
        "@mention.",
        "@mention, cc @admin #9.",
    );
    repo.edit(
        "content/events/hostile.md",
        "tags:",
        "sources:\n  - url: https://example.org/a\\b\n    title: \"Ping @admin\"\n    publisher: \"1. Division\"\ntags:",
    );
    repo.edit("content/events/hostile.md", "*now*", "_now_");
    // A file name with backticks, in a code span.
    std::fs::rename(
        repo.file("content/events/hostile.md"),
        repo.file("content/events/we``ird.md"),
    )
    .unwrap();
    repo.commit("edit");
    let (md, _) = repo.last_commit();
    let renamed = format!(
        "- 5 July 2023: **{}**: file `content/events/hostile.md` → ```content/events/we``ird.md```\n",
        title("\\_now\\_")
    );
    assert!(md.contains(&renamed), "{md}");
    let changed = format!(
        "- 5 July 2023: **{}** (`hostile`)\n  - title: *{}* → *{}*\n  - sources: added [Ping @&#8203;admin](<https://example.org/a%5Cb>), 1\\. Division\n  - body (+4 −1 words): Body with \\`tick\\` and ~~@&#8203;mention.~~ **@&#8203;mention, cc @&#8203;admin \\#&#8203;9.**\n",
        title("\\_now\\_"),
        title("\\*now\\*"),
        title("\\_now\\_"),
    );
    assert!(md.contains(&changed), "{md}");
}

/// `12. Juli 2023` at the start of a list item would make it an ordered list.
#[test]
fn a_date_like_a_list_number_stays_text() {
    let repo = Repo::new("identity", false);
    repo.write("annals.yaml", "title: Identität\nlanguage: de\n");
    repo.commit("in German");
    repo.edit(
        "content/events/by-case.md",
        "title: Named in capitals",
        "title: Renamed",
    );
    repo.commit("retitle");
    let (md, _) = repo.last_commit();
    assert!(
        md.contains("### Changed\n\n- 4\\. Juli 2023: **Renamed** (`by-case`)\n  - title: *Named in capitals* → *Renamed*\n"),
        "{md}"
    );
}
