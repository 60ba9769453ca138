//! SPEC §10 `annals list`: filters, formats, timeline order.

use crate::support::*;

fn list(args: &[&str]) -> (Option<i32>, String, String) {
    let site = fixture("identity");
    let mut all = vec!["list"];
    all.extend_from_slice(args);
    let out = run(site.path(), &all);
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr(&out),
    )
}

#[test]
fn table_lists_events_in_timeline_order() {
    let (code, out, _) = list(&[]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with("DATE") && lines[0].contains("STATUS") && lines[0].ends_with("TITLE")
    );
    assert!(lines[1].starts_with("1 July 2023") && lines[1].contains("Named by alias"));
    assert!(lines[4].contains("Named in capitals"));
    assert_eq!(lines.last(), Some(&"4 events"));
}

#[test]
fn filters_resolve_names_like_events_do() {
    // By alias, in another script, and by a theatre including its sub-theatre.
    let (_, by_alias, _) = list(&["--actor", "Іван Попов", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&by_alias).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 4);
    let (_, shoigu, _) = list(&["--actor", "sergei-shoigu", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&shoigu).unwrap();
    assert_eq!(v[0]["slug"], "by-russian");
    assert_eq!(
        v[0]["actors"],
        serde_json::json!(["Ivan Popov", "Sergei Shoigu"])
    );
    let (_, zap, _) = list(&["--theatre", "Zaporizhia", "--format", "json"]);
    let slugs: Vec<String> = serde_json::from_str::<serde_json::Value>(&zap)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["slug"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(slugs, ["by-alias", "by-ukrainian", "by-case"]);
}

#[test]
fn date_range_and_status_filters() {
    let (_, out, _) = list(&[
        "--from",
        "2023-07-02",
        "--to",
        "2023-07-03",
        "--format",
        "csv",
    ]);
    let rows: Vec<&str> = out.lines().collect();
    assert_eq!(
        rows[0],
        "slug,date,date_text,status,title,actors,theatres,tags,periods,file"
    );
    assert_eq!(rows.len(), 3);
    assert!(rows[1].starts_with("by-ukrainian,2023-07-02,2 July 2023,reported,Named in Ukrainian,Ivan Popov,Zaporizhzhia,,,content/events/by-ukrainian.md"));
    let (code, out, _) = list(&["--status", "claimed"]);
    assert_eq!(code, Some(0));
    assert!(out.ends_with("0 events\n"));
}

#[test]
fn unknown_names_and_bad_dates_are_usage_errors() {
    let (code, _, err) = list(&["--actor", "Ivan Popv"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("no actor is called `Ivan Popv`; did you mean `Ivan Popov`?"),
        "{err}"
    );
    let (code, _, err) = list(&["--from", "2023-13"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("month 13"), "{err}");
    let (code, _, _) = list(&["--format", "xml"]);
    assert_eq!(code, Some(2));
}

#[test]
fn negative_years_are_dates_not_flags() {
    let site = fixture("dates");
    let slugs = |from: &str| {
        let out = run(
            site.path(),
            &["list", "--from", from, "--to", "-0001", "--format", "csv"],
        );
        assert_eq!(out.status.code(), Some(0), "{from}: {}", stderr(&out));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .skip(1)
            .map(|row| row.split(',').next().unwrap_or_default().to_string())
            .collect::<Vec<_>>()
    };
    // `../2023-07-14` reaches back beyond the record, and `/2023-07-14` has a
    // start no one knows, so both may overlap any span before them; the 44
    // BCE event and the 2nd century BCE (`-01XX`, down to -0100) are kept or
    // not by the value of --from.
    assert_eq!(
        slugs("-0100"),
        ["bce-century", "bce", "open-start", "unknown-start"]
    );
    assert_eq!(slugs("-0042"), ["open-start", "unknown-start"]);
}
