//! SPEC §7 charts beyond a mark per event: density strips, an actor's or
//! theatre's histogram and the actor × theatre matrix, whose segments, bars
//! and cells link to filtered views of the index; each link leads to a page,
//! names existing groups and valid dates, and counts what it shows.

use crate::chart::marked;
use crate::support::*;
use std::path::Path;

/// The links and tooltips of one kind of drawing in an SVG of `html`: the
/// `<a href>` of each segment (`g class="strips"`) or bar (`g class="bars"`),
/// with the count its `<title>` ends with.
fn linked(html: &str, svg_class: &str, group: &str) -> Vec<(String, usize)> {
    let Some(start) = html.find(&format!("<svg class=\"{svg_class}")) else {
        return Vec::new();
    };
    let svg = &html[start..start + html[start..].find("</svg>").unwrap()];
    let Some(g) = svg.find(&format!("<g class=\"{group}\">")) else {
        return Vec::new();
    };
    svg[g..]
        .split("<a href=\"")
        .skip(1)
        .map(|a| {
            let href = a[..a.find('"').unwrap()].replace("&amp;", "&");
            let title = &a[a.find("<title>").unwrap() + 7..a.find("</title>").unwrap()];
            // "July 2023: 42 events"
            let count = title
                .rsplit(": ")
                .next()
                .and_then(|c| c.split(' ').next())
                .and_then(|n| n.replace(',', "").parse().ok())
                .unwrap_or_else(|| panic!("a count in {title:?}"));
            (href, count)
        })
        .collect()
}

/// Checks a filtered view's link: its page exists in `out`, its query names
/// existing groups and valid dates. Its `(key, value)` pairs.
fn resolves(out: &std::path::Path, href: &str) -> Vec<(String, String)> {
    let (path, query) = href.split_once('?').expect("a query");
    let page = out.join(path.trim_start_matches('/')).join("index.html");
    assert!(page.is_file(), "{href}: no page at {}", page.display());
    let date = |v: &str| {
        let digits = v.strip_prefix('-').unwrap_or(v);
        let parts: Vec<&str> = digits.split('-').collect();
        parts[0].len() == 4
            && parts.len() <= 3
            && parts.iter().all(|p| p.chars().all(|c| c.is_ascii_digit()))
            && parts[1..].iter().all(|p| p.len() == 2)
    };
    query
        .split('&')
        .map(|pair| {
            let (k, v) = pair.split_once('=').expect("key=value");
            match k {
                "actor" | "theatre" | "tag" | "period" => {
                    let section = format!("{k}s");
                    let section = if k == "theatre" {
                        "theatres".into()
                    } else {
                        section
                    };
                    let group = out.join(&section).join(v).join("index.html");
                    assert!(group.is_file(), "{href}: no {k} {v}");
                }
                "from" | "to" => assert!(date(v), "{href}: {k}={v} is not a date"),
                _ => panic!("{href}: unknown key {k}"),
            }
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// A site too dense for a mark per event: 400 events in July 2023, all of
/// actor A, every third of B too, every seventh of no actor.
fn dense_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "annals.yaml", "title: Dense\n");
    for k in 0..400 {
        let actors = match (k % 7, k % 3) {
            (0, _) => String::new(),
            (_, 0) => "actors: [A, B]\n".to_string(),
            _ => "actors: [A]\n".to_string(),
        };
        let theatre = if k % 2 == 0 { "North" } else { "South" };
        write(
            root,
            &format!("content/events/e{k:03}.md"),
            &format!(
                "---\ntitle: E{k}\ndate: 2023-07-{:02}\n{actors}theatres: [{theatre}]\n---\n",
                1 + k % 31
            ),
        );
    }
    site
}

#[test]
fn a_chart_too_dense_for_a_mark_each_is_a_strip_whose_segments_link_to_their_span() {
    let site = dense_site();
    let out = build(site.path(), &["-q"]);
    let html = read(&out.join("index.html"));
    assert!(
        html.contains("<svg class=\"chart dense\""),
        "no dense chart"
    );
    assert!(marked(&html).is_empty(), "marks in a dense chart");
    let segments = linked(&html, "chart", "strips");
    assert!(!segments.is_empty(), "no segment");
    // Per lane, what its segments count: each event once, as its date is a day.
    let mut per_lane: std::collections::BTreeMap<String, usize> = Default::default();
    for (href, count) in &segments {
        let pairs = resolves(&out, href);
        let lane = pairs
            .iter()
            .find(|(k, _)| k == "actor")
            .map_or("none".to_string(), |(_, v)| v.clone());
        let days: Vec<&String> = pairs
            .iter()
            .filter(|(k, _)| k == "from" || k == "to")
            .map(|(_, v)| v)
            .collect();
        assert_eq!(days.len(), 2, "{href}");
        assert!(days[0].starts_with("2023-07-"), "{href}: not a day of July");
        *per_lane.entry(lane).or_default() += count;
    }
    let expected: std::collections::BTreeMap<String, usize> = [
        ("a".to_string(), (0..400).filter(|k| k % 7 != 0).count()),
        (
            "b".to_string(),
            (0..400).filter(|k| k % 7 != 0 && k % 3 == 0).count(),
        ),
        ("none".to_string(), (0..400).filter(|k| k % 7 == 0).count()),
    ]
    .into();
    assert_eq!(per_lane, expected);
    // A segment counts what `annals list` finds for its actor and span.
    for (href, count) in segments
        .iter()
        .filter(|(h, _)| h.contains("actor=b"))
        .take(3)
    {
        let pairs = resolves(&out, href);
        let get = |key: &str| pairs.iter().find(|(k, _)| k == key).unwrap().1.clone();
        let o = run(
            site.path(),
            &[
                "list",
                "--actor",
                "b",
                "--from",
                &get("from"),
                "--to",
                &get("to"),
                "--format",
                "json",
            ],
        );
        let listed: serde_json::Value = serde_json::from_slice(&o.stdout).expect("JSON");
        assert_eq!(listed.as_array().map(Vec::len), Some(*count), "{href}");
    }
    // The legend explains the shades.
    assert!(
        html.contains("Events per day: 1 to "),
        "no key of the strip"
    );
    assert!(
        html.contains("Too many events for a mark each"),
        "no caption"
    );
}

#[test]
fn an_actors_and_a_theatres_histogram_add_up_to_their_events_and_link_to_their_spans() {
    let site = dense_site();
    let out = build(site.path(), &["-q"]);
    let events: serde_json::Value =
        serde_json::from_str(&read(&out.join("events.json"))).expect("events.json");
    let naming = |key: &str, slug: &str| {
        events["events"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e[key].as_array().unwrap().iter().any(|g| g["slug"] == slug))
            .count()
    };
    let mut pages = 0;
    for (section, key, slug) in [
        ("actors", "actors", "a"),
        ("actors", "actors", "b"),
        ("theatres", "theatres", "north"),
        ("theatres", "theatres", "south"),
    ] {
        let html = read(&out.join(section).join(slug).join("index.html"));
        let bars = linked(&html, "chart histogram", "bars");
        assert!(!bars.is_empty(), "{section}/{slug}: no histogram");
        let total: usize = bars.iter().map(|b| b.1).sum();
        assert_eq!(total, naming(key, slug), "{section}/{slug}");
        for (href, _) in &bars {
            let pairs = resolves(&out, href);
            let group = if section == "actors" {
                "actor"
            } else {
                "theatre"
            };
            assert!(
                pairs.contains(&(group.to_string(), slug.to_string())),
                "{href}"
            );
        }
        pages += 1;
    }
    assert_eq!(pages, 4);
}

/// The actor × theatre matrix of `/actors/`: column and row slugs (`None`
/// for the others), and each cell's count and link.
type Matrix = (
    Vec<Option<String>>,
    Vec<(Option<String>, Vec<(usize, Option<String>)>)>,
);

fn matrix_of(html: &str) -> Matrix {
    let start = html.find("<table class=\"matrix\">").expect("a matrix");
    let table = &html[start..start + html[start..].find("</table>").unwrap()];
    let slug = |cell: &str, section: &str| {
        let at = cell.find(&format!("href=\"/{section}/"))? + section.len() + 8;
        Some(cell[at..at + cell[at..].find('/').unwrap()].to_string())
    };
    let head = &table[..table.find("</thead>").unwrap()];
    let columns = head
        .split("<th scope=\"col\"")
        .skip(1)
        .map(|th| slug(th, "theatres"))
        .collect();
    let rows = table[table.find("<tbody>").unwrap()..]
        .split("<tr>")
        .skip(1)
        .map(|tr| {
            let th = &tr[..tr.find("</th>").unwrap()];
            let cells = tr
                .split("<td")
                .skip(1)
                .map(|td| {
                    let td = &td[td.find('>').unwrap() + 1..td.find("</td>").unwrap()];
                    let link = td
                        .strip_prefix("<a href=\"")
                        .map(|a| a[..a.find('"').unwrap()].replace("&amp;", "&"));
                    let text = td.rfind("\">").map_or(td, |i| &td[i + 2..]);
                    let text = text.trim_end_matches("</a>");
                    (text.parse().unwrap_or(0), link)
                })
                .collect();
            (slug(th, "actors"), cells)
        })
        .collect();
    (columns, rows)
}

#[test]
fn the_actor_theatre_matrix_counts_the_events_naming_both_with_the_rest_folded() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(root, "annals.yaml", "title: Matrix\n");
    for k in 0..300usize {
        let mut theatres = vec![format!("T{:02}", k % 25)];
        if k % 5 == 0 {
            theatres.push(format!("T{:02}", k % 4));
        }
        let theatres = if k % 11 == 0 {
            String::new()
        } else {
            theatres.join(", ")
        };
        write(
            root,
            &format!("content/events/e{k:03}.md"),
            &format!(
                "---\ntitle: E{k}\ndate: 2023-07-{:02}\nactors: [A{:02}, A{:02}]\ntheatres: [{theatres}]\n---\n",
                1 + k % 28,
                k % 40,
                k % 7
            ),
        );
    }
    let out = build(root, &["-q"]);
    let (columns, rows) = matrix_of(&read(&out.join("actors/index.html")));
    // What the matrix should be, from the export.
    let events: serde_json::Value =
        serde_json::from_str(&read(&out.join("events.json"))).expect("events.json");
    let events = events["events"].as_array().unwrap();
    let slugs = |e: &serde_json::Value, key: &str| -> Vec<String> {
        e[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["slug"].as_str().unwrap().to_string())
            .collect()
    };
    let busiest = |key: &str, most: usize| -> Vec<String> {
        let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
        for e in events {
            for s in slugs(e, key) {
                *counts.entry(s).or_default() += 1;
            }
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.into_iter().take(most).map(|r| r.0).collect()
    };
    let (actors, theatres) = (busiest("actors", 30), busiest("theatres", 20));
    let fold = |s: String, shown: &[String]| shown.contains(&s).then_some(s);
    let mut expected_columns: Vec<Option<String>> = theatres.iter().cloned().map(Some).collect();
    expected_columns.push(None);
    assert_eq!(columns, expected_columns);
    let mut expected_rows: Vec<Option<String>> = actors.iter().cloned().map(Some).collect();
    expected_rows.push(None);
    assert_eq!(
        rows.iter().map(|r| r.0.clone()).collect::<Vec<_>>(),
        expected_rows
    );
    for (row, (actor, cells)) in rows.iter().enumerate() {
        for (column, (count, link)) in cells.iter().enumerate() {
            let theatre = &columns[column];
            let expected = events
                .iter()
                .filter(|e| {
                    slugs(e, "actors")
                        .into_iter()
                        .any(|a| fold(a, &actors) == *actor)
                        && slugs(e, "theatres")
                            .into_iter()
                            .any(|t| fold(t, &theatres) == *theatre)
                })
                .count();
            assert_eq!(
                *count, expected,
                "row {row} ({actor:?}), column {column} ({theatre:?})"
            );
            let mut query: Vec<String> = Vec::new();
            if let Some(a) = actor {
                query.push(format!("actor={a}"));
            }
            if let Some(t) = theatre {
                query.push(format!("theatre={t}"));
            }
            let expected_link =
                (expected > 0 && !query.is_empty()).then(|| format!("/?{}", query.join("&")));
            assert_eq!(link, &expected_link, "row {row}, column {column}");
            if let Some(link) = link {
                resolves(&out, link);
            }
        }
    }
    // The others: 10 actors and 5 theatres folded, and counted.
    assert!(rows.last().unwrap().1.iter().any(|c| c.0 > 0));
}

#[test]
fn a_dense_chart_of_many_periods_stays_under_60_kb() {
    let site = dense_site();
    let long = "A period whose name goes on and on ".repeat(8);
    for k in 0..100 {
        write(
            site.path(),
            &format!("content/periods/p{k:03}.md"),
            &format!(
                "---\nname: {long}{k}\ndate: 2023-07-{:02}/2023-07-{:02}\n---\n",
                1 + k % 20,
                11 + k % 20
            ),
        );
    }
    let html = read(&build(site.path(), &["-q"]).join("index.html"));
    let start = html
        .find("<svg class=\"chart dense\"")
        .expect("a dense chart");
    let svg = &html[start..start + html[start..].find("</svg>").unwrap() + 6];
    assert!(svg.len() <= 60_000, "{} bytes", svg.len());
    assert_eq!(
        svg.matches("class=\"band\"").count(),
        40,
        "the 40 longest periods"
    );
    assert!(!linked(&html, "chart", "strips").is_empty(), "no segment");
}

/// A theatre's column counts its sub-theatres' events, as its page and the
/// search its cells link to do: on the example, Zaporizhzhia holds Orikhiv,
/// and every cell's number is what `annals list` gives for its actor and
/// theatre.
#[test]
fn a_matrix_cell_counts_what_its_link_finds() {
    let site = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    copy_tree(&root.join("content"), &site.path().join("content"));
    std::fs::copy(root.join("annals.yaml"), site.path().join("annals.yaml")).unwrap();
    let out = build(site.path(), &["-q", "--base-url", "/"]);
    let (columns, rows) = matrix_of(&read(&out.join("actors/index.html")));
    let mut checked = 0;
    for (actor, cells) in &rows {
        for ((count, _), theatre) in cells.iter().zip(&columns) {
            let (Some(actor), Some(theatre)) = (actor, theatre) else {
                continue;
            };
            let listed = run(
                site.path(),
                &[
                    "list",
                    "--actor",
                    actor,
                    "--theatre",
                    theatre,
                    "--format",
                    "json",
                ],
            );
            let rows: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
            assert_eq!(
                *count,
                rows.as_array().unwrap().len(),
                "{actor} × {theatre}"
            );
            checked += 1;
        }
    }
    assert!(columns.contains(&Some("orikhiv".to_string())));
    assert!(checked >= 4, "{checked} cells");
}
