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
