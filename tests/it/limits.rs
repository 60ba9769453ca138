//! Resource limits (issue 16, SPEC §11): content from many contributors may
//! hold a file of gigabytes, YAML nested a hundred thousand deep, an alias
//! bomb, a line of megabytes, bytes that are not text, a symbolic link loop,
//! or a CSV export that never closes a quote. Each is a diagnostic that
//! names the file, never a hang, a panic or running out of memory.

use crate::support::*;

fn site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "annals.yaml", "title: Limits\n");
    write(
        dir.path(),
        "content/events/fine.md",
        &event("Fine", "2023-07-12"),
    );
    dir
}

/// `annals check`'s exit status and its report, one diagnostic a block.
fn check(dir: &std::path::Path) -> (Option<i32>, String) {
    let out = run(dir, &["check", "--root", "."]);
    (out.status.code(), stderr(&out))
}

/// The block of the report that names `file`.
fn block<'a>(report: &'a str, file: &str) -> &'a str {
    report
        .split("\n\n")
        .find(|b| b.contains(&format!("--> {file}")))
        .unwrap_or_else(|| panic!("nothing about {file} in:\n{report}"))
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread_and_the_limit_can_be_raised() {
    let dir = site();
    let body = "A line of the body, long enough to add up.\n".repeat(125_000);
    write(
        dir.path(),
        "content/events/big.md",
        &format!("{}{body}", event("Big", "2023-07-13")),
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        block(&report, "content/events/big.md"),
        "error[E001]: the file is 5.4 MB, more than the 5.0 MB a source may be\n --> content/events/big.md\n  = hint: split it into several files, or raise `limits.max_file_size` in annals.yaml"
    );
    let out = run(dir.path(), &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        !dir.path().join("public").exists(),
        "a failed build writes nothing"
    );

    write(
        dir.path(),
        "annals.yaml",
        "title: Limits\nlimits:\n  max_file_size: 6 MB\n",
    );
    let out = run(dir.path(), &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(read(&dir.path().join("public/events/big/index.html")).contains("A line of the body"));

    write(
        dir.path(),
        "annals.yaml",
        "title: Limits\nlimits:\n  max_file_size: 1 KB\n",
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert!(block(&report, "content/events/big.md")
        .starts_with("error[E001]: the file is 5.4 MB, more than the 1 KB a source may be"));

    write(
        dir.path(),
        "annals.yaml",
        "title: Limits\nlimits:\n  max_file_size: lots\n",
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert!(
        block(&report, "annals.yaml").starts_with("error[E112]: `limits.max_file_size` must be a size such as `5 MB`, `800 KB` or a number of bytes, not `lots`\n --> annals.yaml:3:18"),
        "{report}"
    );
}

#[test]
fn yaml_nested_too_deep_is_refused_where_it_goes_too_deep() {
    let dir = site();
    let deep = format!("extra: {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    write(
        dir.path(),
        "content/events/deep.md",
        &format!("---\ntitle: Deep\ndate: 2023\n{deep}---\n"),
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    let b = block(&report, "content/events/deep.md:4:72");
    assert!(b.starts_with("error[E103]: invalid YAML: lists and maps are nested too deeply (more than 64 levels)\n"), "{b}");
    assert!(b.ends_with("= hint: front matter needs a few levels of lists and maps at most: look for `[` or `{` left open"), "{b}");
    // Nesting that real front matter uses is fine.
    let fine = format!("extra: {{a: {}1{}}}\n", "[".repeat(10), "]".repeat(10));
    write(
        dir.path(),
        "content/events/deep.md",
        &format!("---\ntitle: Deep\ndate: 2023\n{fine}---\n"),
    );
    assert_eq!(check(dir.path()).0, Some(0));
}

#[test]
fn an_alias_bomb_is_refused() {
    let dir = site();
    let mut yaml = String::from("extra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n");
    for (name, prev) in ["b", "c", "d", "e", "f", "g", "h", "i"]
        .iter()
        .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
    {
        yaml.push_str(&format!(
            "  {name}: &{name} [{}]\n",
            vec![format!("*{prev}"); 9].join(", ")
        ));
    }
    write(
        dir.path(),
        "content/events/bomb.md",
        &format!("---\ntitle: Bomb\ndate: 2023\n{yaml}---\n"),
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        block(&report, "content/events/bomb.md"),
        "error[E103]: invalid YAML: aliases expand to too much (each `*name` repeats what `&name` holds, and aliases of aliases multiply)\n --> content/events/bomb.md:1:1\n  |\n1 | ---\n  | ^^^\n  = hint: write the values out instead of nesting aliases"
    );
}

#[test]
fn a_line_of_megabytes_is_quoted_in_part() {
    let dir = site();
    let long = "x".repeat(4_000_000);
    write(
        dir.path(),
        "content/events/long.md",
        &format!("---\ntitle: T\ndate: {long}\n---\n"),
    );
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    let b = block(&report, "content/events/long.md:3:7");
    assert!(
        b.starts_with("error[E120]: invalid date `xxxxxxxxxx"),
        "{}",
        &b[..200.min(b.len())]
    );
    assert!(
        b.len() < 2_000,
        "the report quotes {} bytes of the line",
        b.len()
    );
}

#[test]
fn bytes_that_are_not_text_are_named_and_never_sent_to_the_terminal() {
    let dir = site();
    let mut binary: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    binary[0] = 0xff;
    std::fs::write(dir.path().join("content/events/image.md"), &binary).unwrap();
    std::fs::write(
        dir.path().join("content/events/zeros.md"),
        [0u8, 0, 0, 0x1b, b'[', b'2', b'J'],
    )
    .unwrap();
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        block(&report, "content/events/image.md"),
        "error[E001]: not valid UTF-8 (first bad byte at offset 0)\n --> content/events/image.md\n  = hint: save the file as UTF-8"
    );
    assert_eq!(
        block(&report, "content/events/zeros.md:1:1"),
        "error[E101]: an event file must start with front matter\n --> content/events/zeros.md:1:1\n  |\n1 | \u{2400}\u{2400}\u{2400}\u{241b}[2J\n  | ^^^\n  = hint: the first line must be `---`, then `key: value` lines, then a line `---`"
    );
    assert!(!report.contains('\0') && !report.contains('\u{1b}'));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_loop_in_content_is_named_once() {
    let dir = site();
    std::fs::create_dir_all(dir.path().join("content/events/more")).unwrap();
    std::os::unix::fs::symlink("..", dir.path().join("content/events/more/again")).unwrap();
    let (code, report) = check(dir.path());
    assert_eq!(code, Some(1));
    assert_eq!(
        block(&report, "content/events/more/again"),
        "error[E001]: cannot read: it is a symbolic link to `content/events`, a folder that holds it\n --> content/events/more/again"
    );
    assert_eq!(report.matches("a folder that holds it").count(), 1);
}

#[test]
fn an_import_with_an_unclosed_quote_or_a_million_columns() {
    let dir = site();
    let mut csv = String::from("Year,Month,Day,Headline\n2023,1,2,\"Never closed\n");
    csv.push_str(&"2023,1,3,More\n".repeat(1000));
    write(dir.path(), "quote.csv", &csv);
    for format in ["csv", "acled", "ucdp"] {
        let out = run(dir.path(), &["import", format, "quote.csv", "--root", "."]);
        assert_eq!(out.status.code(), Some(1), "{format}");
        let err = stderr(&out);
        let expected = match format {
            "csv" => "error[E190]: line 2: a quoted cell opens here and is never closed, so the rest of the file would be one cell\n --> quote.csv\n  = hint: close the quote; a `\"` inside a quoted cell is written `\"\"`\n",
            _ => "error[E190]: line 2: a quoted cell opens here",
        };
        assert!(err.starts_with(expected), "{format}: {err}");
    }
    assert_eq!(entries(&dir.path().join("content/events")), ["fine.md"]);

    // A million columns: those it knows are read, the rest ignored.
    let mut head = String::from("Year,Month,Day,Headline");
    let mut row = String::from("2023,7,14,Wide");
    for i in 0..1_000_000 {
        head.push_str(&format!(",c{i}"));
        row.push_str(",x");
    }
    write(dir.path(), "wide.csv", &format!("{head}\n{row}\n"));
    let out = run(dir.path(), &["import", "csv", "wide.csv", "--root", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        entries(&dir.path().join("content/events")),
        ["2023-07-14-wide.md", "fine.md"]
    );
}
