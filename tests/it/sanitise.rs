//! SPEC §11 "safe by default": front matter escaped, raw HTML sanitised.

use crate::support::*;

#[test]
fn raw_html_is_sanitised_and_front_matter_escaped() {
    let site = fixture("sanitise");
    let public = build(site.path(), &[]);
    let page = read(&public.join("events/raw-html/index.html"));
    // Harmless markup survives.
    assert!(page.contains("mc<sup>2</sup>"));
    assert!(page.contains("<abbr title=\"Institute\">ISW</abbr>"));
    assert!(page.contains("<table>"));
    assert!(page.contains("<del>struck</del>"));
    assert!(page.contains("type=\"checkbox\""));
    assert!(page.contains("class=\"footnote-definition\""));
    // Nothing executable does.
    for bad in [
        "alert(\"body\")",
        "javascript:",
        "onclick=",
        "onerror=\"",
        "<img src=x onerror",
        "<iframe",
        "alert(1)</script>",
        "<script>alert(2)",
        "<script>alert(3)",
    ] {
        assert!(!page.contains(bad), "`{bad}` leaked into the page");
    }
    assert!(page.contains("Raw &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;"));
    // JSON-LD cannot be closed by a title.
    let ld_start = page.find("application/ld+json").unwrap();
    let ld = &page[ld_start..page[ld_start..].find("</script>").unwrap() + ld_start];
    assert!(!ld[20..].contains('<'), "JSON-LD holds a raw `<`: {ld}");
    // Every list page escapes too.
    let index = read(&public.join("index.html"));
    assert!(!index.contains("<script>alert"));
    assert!(index.contains("Sanitise &lt;script&gt;"));
    // A slug made from hostile text stays in the output folder.
    assert!(public
        .join("tags/script-alert-2-script/index.html")
        .is_file());
}

#[test]
fn unsafe_html_keeps_raw_html() {
    let site = fixture("sanitise");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Unsafe\nunsafe_html: true\n",
    )
    .unwrap();
    let public = build(site.path(), &[]);
    let page = read(&public.join("events/raw-html/index.html"));
    assert!(page.contains("<script>alert(\"body\")</script>"));
    // Front matter is still escaped: unsafe_html is about the Markdown body only.
    assert!(page.contains("Raw &lt;script&gt;"));
}

/// Spreadsheets run a cell that starts with `=`, `+`, `-` or `@`: in
/// `events.csv`'s free-text columns such a cell is written with a `'` in
/// front, while its date columns and `events.json` keep every value as written.
#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "annals.yaml", "title: Formulas\n");
    let file = |title: &str, date: &str, more: &str, body: &str| {
        format!("---\ntitle: '{title}'\ndate: '{date}'\n{more}sources:\n  - publisher: '@agency'\n    url: https://example.org/{date}\n---\n{body}\n")
    };
    write(
        root,
        "content/events/a.md",
        &file(
            "=HYPERLINK(\"https://example.org\",\"x\")",
            "-0043",
            "summary: '+1 dead'\ntags: ['=cmd|calc']\nactors: ['-Minus']\n",
            "- a list first\n",
        ),
    );
    write(
        root,
        "content/events/b.md",
        &file("Plain title", "2023-07-12", "", "Body."),
    );
    let public = build(root, &[]);
    let text = read(&public.join("events.csv"));
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let cell = |row: usize, name: &str| {
        let k = header.iter().position(|h| h == name).unwrap();
        records[row][k].to_string()
    };
    // Timeline order: 44 BCE first.
    assert_eq!(
        cell(0, "title"),
        "'=HYPERLINK(\"https://example.org\",\"x\")"
    );
    assert_eq!(cell(0, "summary"), "'+1 dead");
    assert_eq!(cell(0, "tags"), "'=cmd|calc");
    assert_eq!(cell(0, "actors"), "'-Minus");
    assert_eq!(cell(0, "sources"), "'@agency");
    assert_eq!(cell(0, "body").trim_end(), "'- a list first");
    assert_eq!(cell(0, "date"), "-0043", "a date column keeps its year");
    assert_eq!(cell(1, "title"), "Plain title");
    assert_eq!(cell(1, "body").trim_end(), "Body.");
    let json: serde_json::Value = serde_json::from_str(&read(&public.join("events.json"))).unwrap();
    assert_eq!(
        json["events"][0]["title"],
        "=HYPERLINK(\"https://example.org\",\"x\")"
    );
}

/// TimelineJS inserts `group` and `display_date` as HTML: an actor's name
/// and an imported display date are escaped there, as the headline is.
#[test]
fn timelinejs_group_and_display_date_are_escaped_text() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "annals.yaml", "title: Groups\n");
    write(
        root,
        "content/events/a.md",
        "---\ntitle: A\ndate: 2023-07-12\nactors: ['<img src=x onerror=alert(1)>']\nextra:\n  display_date: '<b onmouseover=alert(2)>July</b>'\nsources:\n  - publisher: Agency\n    url: https://example.org/a\n---\nBody.\n",
    );
    let public = build(root, &[]);
    let tl: serde_json::Value =
        serde_json::from_str(&read(&public.join("timelinejs.json"))).unwrap();
    let slide = &tl["events"][0];
    assert_eq!(slide["group"], "&lt;img src=x onerror=alert(1)&gt;");
    assert_eq!(
        slide["display_date"],
        "&lt;b onmouseover=alert(2)&gt;July&lt;/b&gt;"
    );
}
