//! `annals import` (SPEC §10, issue 13): TimelineJS JSON and the TimelineJS
//! sheet as CSV, on Knight Lab's own published files and on ours.

use crate::support::*;
use std::path::{Path, PathBuf};

/// A new, empty site (no events), and the import fixtures' folder.
fn empty_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("content/events")).unwrap();
    std::fs::write(
        dir.path().join("annals.yaml"),
        "title: Imported\nbase_url: /\n",
    )
    .unwrap();
    dir
}

fn input(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import(site: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    run(site, &all)
}

fn events(site: &Path) -> Vec<String> {
    entries(&site.join("content/events"))
}

#[test]
fn knight_labs_published_files_import_and_build() {
    // (file, format, events written, files written, items left out)
    for (file, format, events_written, written, skipped) in [
        ("women_in_computing.csv", "csv", 10, 10, 0),
        ("women_in_computing.json", "timelinejs", 10, 10, 0),
        ("marktwain.json", "timelinejs", 17, 17, 0),
        // Its three eras are periods.
        ("eras.json", "timelinejs", 20, 23, 0),
        ("houston_timelinejs2.json", "timelinejs", 18, 18, 0),
    ] {
        let site = empty_site();
        let out = import(site.path(), &[format, input(file).to_str().unwrap()]);
        let err = stderr(&out);
        assert!(out.status.success(), "{file}: {err}");
        assert_eq!(events(site.path()).len(), events_written, "{file}: {err}");
        let last = err.lines().last().unwrap_or_default();
        let skipped_text = if skipped > 0 {
            format!(", skipped {skipped} items")
        } else {
            String::new()
        };
        assert!(
            last.starts_with(&format!("wrote {written} files{skipped_text}; 0 errors")),
            "{file}: {last}"
        );
        build(site.path(), &[]);
    }
}

#[test]
fn an_imported_slide_reads_as_an_annals_event() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["csv", input("women_in_computing.csv").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let ada = read(
        &site
            .path()
            .join("content/events/1815-12-10-ada-lovelace.md"),
    );
    assert_eq!(
        ada,
        "---\ntitle: Ada Lovelace\ndate: 1815-12-10\nend: 1852-11-27\nimage:\n  src: https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg\n  alt: Portrait by Alfred Edward Chalon\n  caption: Portrait by Alfred Edward Chalon\n  credit: Wikimedia Commons\n---\nWomen have been programming since before it was a thing. Take [Ada Lovelace](https://en.wikipedia.org/wiki/Ada_Lovelace): Daughter of Lord Byron, she's often credited as the first computer programmer. Her work on [Charles Babbage's Analytical Engine](https://en.wikipedia.org/wiki/Analytical_Engine) contains notes of the first machine-implemented algorithm.\n\nThis slide demonstrates a simple \"image\" media type.\n"
    );
    assert!(stderr(&out).contains(
        "warning[W205]: line 3: the image has no alt text; it is `Portrait by Alfred Edward Chalon` for now"
    ));
}

#[test]
fn items_that_cannot_be_imported_are_named_and_the_others_written() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("edge.json").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E190]: /events/4: it has no start_date"),
        "{err}"
    );
    assert!(
        err.contains("error[E190]: /events/5: its date `2023-13` is not valid"),
        "{err}"
    );
    assert_eq!(
        events(site.path()),
        [
            "1860-around-1860.md",
            "1872-24-a-winter.md",
            "1872-the-start-date-wins.md",
            "2023-07-12-the-same-name-2.md",
            "2023-07-12-the-same-name.md",
            "ides.md",
        ]
    );
    let ides = read(&site.path().join("content/events/ides.md"));
    assert_eq!(
        ides,
        "---\ntitle: The Ides of March\ndate: -0043-03-15\ntags:\n- Rome\n---\nCaesar is killed.\n"
    );
    let around = read(&site.path().join("content/events/1860-around-1860.md"));
    assert!(around.contains("date: 1860~\n"), "{around}");
    let wins = read(
        &site
            .path()
            .join("content/events/1872-the-start-date-wins.md"),
    );
    assert!(
        wins.contains("date: '1872'\n") || wins.contains("date: \"1872\"\n"),
        "{wins}"
    );
    assert!(
        wins.contains("\n\n[A video](https://www.youtube.com/watch?v=x)\n"),
        "{wins}"
    );
    assert!(!wins.contains("youtube.com/embed"), "no third-party player");
    build(site.path(), &[]);
}

#[test]
fn importing_twice_gives_the_same_files_and_never_overwrites_without_force() {
    let (a, b) = (empty_site(), empty_site());
    for site in [&a, &b] {
        let out = import(
            site.path(),
            &["timelinejs", input("marktwain.json").to_str().unwrap()],
        );
        assert!(out.status.success());
    }
    assert_eq!(
        tree(&a.path().join("content")),
        tree(&b.path().join("content"))
    );
    let first = tree(&a.path().join("content"));
    let one = a.path().join("content/events").join(&events(a.path())[0]);
    std::fs::write(&one, "edited by hand\n").unwrap();
    let again = import(
        a.path(),
        &["timelinejs", input("marktwain.json").to_str().unwrap()],
    );
    assert!(
        stderr(&again)
            .contains("wrote 0 files, kept 17 files that exist (`--force` replaces them)"),
        "{}",
        stderr(&again)
    );
    assert_eq!(read(&one), "edited by hand\n");
    let forced = import(
        a.path(),
        &[
            "timelinejs",
            input("marktwain.json").to_str().unwrap(),
            "--force",
        ],
    );
    assert!(forced.status.success());
    assert_eq!(tree(&a.path().join("content")), first);
}

#[test]
fn a_dry_run_writes_nothing_and_says_what_it_would() {
    let site = empty_site();
    let out = import(
        site.path(),
        &[
            "csv",
            input("women_in_computing.csv").to_str().unwrap(),
            "--dry-run",
            "--into",
            "elsewhere",
        ],
    );
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(said.lines().count(), 10, "{said}");
    assert!(said.lines().all(|l| l.starts_with("elsewhere/")), "{said}");
    assert!(stderr(&out).contains("would write 10 files"));
    assert!(!site.path().join("elsewhere").exists());
    assert!(events(site.path()).is_empty());
}

/// Knight Lab's cosmology timeline: years down to 13.8 billion years ago
/// are long years, in order with ordinary ones, on no year page, and come
/// back out of the export as TimelineJS wrote them, on its cosmological
/// scale.
#[test]
fn cosmological_years_import_as_long_years_and_come_back() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("cosmo.json").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("wrote 7 files; 0 errors"), "{err}");
    // TimelineJS's years are historical (-44 is 44 BCE), annals' astronomical.
    let front = |name: &str| {
        let text = read(&site.path().join("content/events").join(name));
        text.lines()
            .filter(|l| l.starts_with("date:") || l.starts_with("end:"))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let files = events(site.path());
    let named = |what: &str| {
        files
            .iter()
            .find(|f| f.contains(what))
            .unwrap_or_else(|| panic!("no file for {what} in {files:?}"))
            .clone()
    };
    assert_eq!(front(&named("big-bang")), ["date: Y-13799999999"]);
    assert_eq!(
        front(&named("paleozoic")),
        ["date: Y-538799999", "end: Y-251901999"]
    );
    assert_eq!(front(&named("homo-sapiens")), ["date: Y-314999"]);
    assert_eq!(front(&named("wheel")), ["date: '-3499'"]);

    let public = build(site.path(), &[]);
    let index = read(&public.join("index.html"));
    assert!(
        index.contains(r#"<data value="Y-13799999999">13.8 billion years ago</data>"#),
        "{index}"
    );
    let order = article_ids(&index);
    assert_eq!(order.len(), 7);
    assert!(order[0].contains("big-bang"), "{order:?}");
    assert!(order[6].contains("wheel"), "{order:?}");
    // Only the wheel's year is written with four digits.
    let years: Vec<String> = std::fs::read_dir(public.join("years"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|e| e != "index.html")
        .collect();
    assert_eq!(years, ["-3499"]);

    let exported: serde_json::Value =
        serde_json::from_str(&read(&public.join("timelinejs.json"))).unwrap();
    let original: serde_json::Value = serde_json::from_str(&read(&input("cosmo.json"))).unwrap();
    assert_eq!(exported["scale"], "cosmological");
    let years = |v: &serde_json::Value| {
        let year = |d: &serde_json::Value| match d {
            serde_json::Value::String(s) => s.parse::<i64>().ok(),
            d => d.as_i64(),
        };
        v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| (year(&e["start_date"]["year"]), year(&e["end_date"]["year"])))
            .collect::<Vec<_>>()
    };
    assert_eq!(years(&exported), years(&original));
    // TimelineJS wants the years as numbers.
    assert!(exported["events"][0]["start_date"]["year"].is_i64());
}

#[test]
fn a_long_year_keeps_its_year_alone_and_says_so() {
    let site = empty_site();
    write(
        site.path(),
        "deep.json",
        r#"{"events":[{"start_date":{"year":"-315000","month":"3","day":1},"display_date":"c. 315000 BCE","text":{"headline":"Homo sapiens"}}]}"#,
    );
    let out = import(site.path(), &["timelinejs", "deep.json"]);
    let err = stderr(&out);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("warning[W205]: /events/0: the start_date is in the year -315000, which annals keeps alone: its month, day and time are left out"),
        "{err}"
    );
    let file = read(
        &site
            .path()
            .join("content/events")
            .join(&events(site.path())[0]),
    );
    assert!(file.contains("\ndate: Y-314999\n"), "{file}");
}

#[test]
fn a_file_that_is_not_timelinejs_says_what_it_lacks() {
    let site = empty_site();
    write(site.path(), "other.json", "{\"slides\": []}");
    let out = import(site.path(), &["timelinejs", "other.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains(
            "error[E190]: not a TimelineJS file: it has no `events` list\n --> other.json"
        ),
        "{}",
        stderr(&out)
    );
}

#[test]
fn acled_exports_old_and_new_become_events_actors_and_a_place_hierarchy() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["acled", input("acled_new.csv").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "one row has a bad date: {err}");
    assert!(
        err.contains("error[E190]: line 5: `2024-03-XX` is not a date ACLED writes (2020-05-09, 09 May 2020, 9-May-20)"),
        "{err}"
    );
    let out = import(
        site.path(),
        &["acled", input("acled_old.csv").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        entries(&site.path().join("content/theatres")),
        [
            "ashanti.md",
            "cape-coast.md",
            "central-ghana.md",
            "central-kenya.md",
            "delta.md",
            "ghana.md",
            "ikeja.md",
            "kenya.md",
            "kumasi.md",
            "lagos.md",
            "nigeria.md",
            "nyeri.md",
            "warri-south.md",
        ]
    );
    let theatre = |slug: &str| read(&site.path().join(format!("content/theatres/{slug}.md")));
    assert_eq!(
        theatre("central-kenya"),
        "---\nname: Central (Kenya)\nparent: kenya\n---\n"
    );
    assert_eq!(
        theatre("nyeri"),
        "---\nname: Nyeri\nparent: central-kenya\n---\n"
    );
    let actor = |slug: &str| read(&site.path().join(format!("content/actors/{slug}.md")));
    assert_eq!(
        actor("military-forces-of-nigeria-1993-1998"),
        "---\nname: Military Forces of Nigeria (1993-1998)\nkind: state\n---\n"
    );
    assert_eq!(
        actor("militia-ijaw"),
        "---\nname: Militia (Ijaw)\nkind: organisation\n---\n"
    );
    let event = |slug: &str| read(&site.path().join(format!("content/events/{slug}.md")));
    assert_eq!(
        event("gha101"),
        "---\ntitle: 'Armed clash: Military Forces of Ghana (2017-) in Cape Coast'\ndate: 2024-03-02\nactors:\n- Military Forces of Ghana (2017-)\n- Unidentified Armed Group (Ghana)\ntheatres:\n- cape-coast\ntags:\n- Political violence\n- Battles\n- Armed clash\nsources:\n- publisher: Daily Graphic\n- publisher: GhanaWeb\nlocation:\n  name: Cape Coast\n  lat: 5.1053\n  lon: -1.2466\nextra:\n  event_id_cnty: GHA101\n  fatalities: 0\n  geo_precision: '1'\n  interaction: State forces-Rebel group\n  iso: '288'\n  region: Western Africa\n  source_scale: National\n  timestamp: '1710000000'\n---\nOn 2 March 2024, soldiers clashed with an armed group near Cape Coast.\nTwo were wounded.\n"
    );
    // time_precision 2: the day, approximate; 3: the month, approximate.
    assert!(event("nig9002").contains("\ndate: 1997-06-12~\n"));
    assert!(event("gha104").contains("\ndate: 2024-03~\n"));
    // The spreadsheet's `9-May-20`, its century from `year`.
    assert!(event("nig9001").contains("\ndate: 2020-05-09\n"));
    assert!(event("ken202").contains("- Teachers (Kenya)\n- Students (Kenya)\n"));
    build(site.path(), &[]);
}

#[test]
fn ucdp_ged_becomes_events_with_their_date_windows_sides_and_places() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["ucdp", input("ucdp_ged.csv").to_str().unwrap()],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E190]: line 6: date_end 2023-07-01 is before date_start 2023-07-09"),
        "{err}"
    );
    let event = |slug: &str| read(&site.path().join(format!("content/events/{slug}.md")));
    let first = event("ucdp-244657");
    assert!(first.starts_with("---\ntitle: Government of Russia (Soviet Union) - Government of Ukraine, Kharkiv town\ndate: 2022-03-01\nactors:\n- Government of Russia (Soviet Union)\n- Government of Ukraine\ntheatres:\n- kharkivskyi-raion\n"), "{first}");
    assert!(first.contains("sources:\n- title: Shelling near the station\n  publisher: Agency One\n  date: 2022-03-02\n- title: Second report\n  publisher: Agency Two\n  date: 2022-03-03\n"), "{first}");
    assert!(
        first.contains("  deaths:\n    best: 6\n    high: 9\n    low: 6\n"),
        "{first}"
    );
    assert!(!first.contains("url:"), "no invented URL");
    // date_prec 1 over several days: a span; 3: the first day, approximate;
    // 4 within one month: the month.
    assert!(event("ucdp-244658").contains("\ndate: 2022-03-08\nend: 2022-03-10\n"));
    assert!(event("ucdp-244659").contains("\ndate: 2023-05-14~\n"));
    assert!(event("ucdp-244660").contains("\ndate: 2023-06\n"));
    assert_eq!(
        read(&site.path().join("content/theatres/kharkivskyi-raion.md")),
        "---\nname: Kharkivskyi raion\nparent: kharkiv-oblast\n---\n"
    );
    build(site.path(), &[]);
}

#[test]
fn another_generators_markdown_keeps_every_key_and_its_bundles() {
    let site = empty_site();
    let out = import(site.path(), &["markdown", input("hugo").to_str().unwrap()]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error[E190]: undated.md: it has no date"),
        "{err}"
    );
    assert!(
        err.contains("note[W205]: _index.md: a section page, not an event; left out"),
        "{err}"
    );
    assert!(
        err.contains("note[W205]: battle.md: kept under `extra`: `linktitle`"),
        "{err}"
    );
    assert_eq!(
        events(site.path()),
        [
            "2023-07-12-jekyll-post.md",
            "battle.md",
            "the-treaty-fr/",
            "the-treaty-fr/hall.png",
            "the-treaty-fr/index.md",
            "the-treaty/",
            "the-treaty/hall.png",
            "the-treaty/index.md",
        ]
    );
    // A bundle's translation is a bundle of its own, not a file of the first.
    assert!(
        err.contains("note[W205]: treaty/index.fr.md: the `fr` translation of `treaty/index.md`, imported as an event of its own"),
        "{err}"
    );
    assert_eq!(
        read(&site.path().join("content/events/battle.md")),
        "---\ntitle: Battle at the ford\ndate: 2023-07-12T22:30:00+03:00\ntags:\n- battles\n- north\nsummary: Two brigades meet at the ford.\nlocation:\n  name: Kostrin ford\nweight: 2\nextra:\n  linktitle: Ford\n---\nThe **first** crossing failed.\n"
    );
    let treaty = read(&site.path().join("content/events/the-treaty/index.md"));
    assert!(
        treaty.contains("draft: true\nextra:\n  params:\n    signatories: 2\n"),
        "{treaty}"
    );
    let jekyll = read(&site.path().join("content/events/2023-07-12-jekyll-post.md"));
    assert!(
        jekyll.contains("date: 2023-07-12T10:00:00+02:00\n"),
        "{jekyll}"
    );
    let public = build(site.path(), &["--drafts"]);
    assert!(
        public.join("events/the-treaty/hall.png").is_file(),
        "the bundle's image is published"
    );
    assert!(public.join("events/the-treaty-fr/hall.png").is_file());
}

#[test]
fn check_names_the_annals_key_for_another_generators_key() {
    let site = empty_site();
    write(
        site.path(),
        "content/events/a.md",
        "---\ntitle: A\ndate: 2023-07-01\ncategories: [war]\neventlocation: Kyiv\n---\n",
    );
    let out = run(site.path(), &["check"]);
    let err = stderr(&out);
    assert!(
        err.contains("error[E110]: unknown key `categories` in event front matter"),
        "{err}"
    );
    assert!(err.contains("  = hint: annals calls these `tags`"), "{err}");
    assert!(
        err.contains("  = hint: write the place as `location: {name: …}`"),
        "{err}"
    );
}

/// A slide's fields that must survive TimelineJS → annals → TimelineJS,
/// as text (the export links the headline and renders the body again).
fn slide_fields(v: &serde_json::Value) -> Vec<String> {
    let text = |v: &serde_json::Value| {
        let html = v.as_str().unwrap_or_default();
        let mut out = String::new();
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                '>' => {
                    in_tag = false;
                    out.push(' ');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&amp;", "&")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let number = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => s.trim().parse::<i64>().ok(),
        v => v.as_i64(),
    };
    let date = |d: &serde_json::Value| {
        ["year", "month", "day", "hour", "minute"]
            .map(|k| {
                d.get(k)
                    .and_then(number)
                    .map_or(String::new(), |n| n.to_string())
            })
            .join("/")
    };
    vec![
        date(&v["start_date"]),
        v.get("end_date").map(date).unwrap_or_default(),
        text(&v["display_date"]),
        text(&v["text"]["headline"]),
        text(&v["text"]["text"]),
        text(&v["media"]["url"]),
        text(&v["media"]["caption"]),
        text(&v["media"]["credit"]),
        text(&v["group"]),
    ]
}

#[test]
fn a_timelinejs_file_comes_back_out_of_the_export() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("marktwain.json").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let public = build(site.path(), &[]);
    let exported: serde_json::Value =
        serde_json::from_str(&read(&public.join("timelinejs.json"))).unwrap();
    let original: serde_json::Value =
        serde_json::from_str(&read(&input("marktwain.json"))).unwrap();
    let picture = |url: &str| {
        let u = url.to_ascii_lowercase();
        [".jpg", ".jpeg", ".png", ".gif"]
            .iter()
            .any(|e| u.ends_with(e))
    };
    // Slides with a headline, and no media or a picture: the others become
    // a title from their caption and a link in their text, on purpose.
    let comparable = |slides: &serde_json::Value| {
        let mut all: Vec<Vec<String>> = slides["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(slide_fields)
            .filter(|f| !f[3].is_empty() && (f[5].is_empty() || picture(&f[5])))
            .collect();
        all.sort();
        all
    };
    let (was, is) = (comparable(&original), comparable(&exported));
    assert!(was.len() >= 8, "{} slides compared", was.len());
    // A slide without a display date gets the site's wording of its date.
    let same = |a: &Vec<String>, b: &Vec<String>| {
        a.iter()
            .zip(b)
            .enumerate()
            .all(|(k, (x, y))| x == y || (k == 2 && x.is_empty()))
    };
    for fields in &was {
        let back = is.iter().find(|b| b[3] == fields[3] && b[0] == fields[0]);
        assert!(
            back.is_some_and(|b| same(fields, b)),
            "{fields:?} does not come back: {back:?}"
        );
    }
}

#[test]
fn eras_become_periods_and_come_back_as_eras() {
    let site = empty_site();
    let out = import(
        site.path(),
        &["timelinejs", input("eras.json").to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        entries(&site.path().join("content/periods")),
        [
            "era-test-600-650.md",
            "era-test-650-700.md",
            "era-test-700-720.md"
        ]
    );
    assert_eq!(
        read(&site.path().join("content/periods/era-test-650-700.md")),
        "---\nname: Era Test 650-700\ndate: 0650/0700\n---\n"
    );
    let public = build(site.path(), &[]);
    let exported: serde_json::Value =
        serde_json::from_str(&read(&public.join("timelinejs.json"))).unwrap();
    let original: serde_json::Value = serde_json::from_str(&read(&input("eras.json"))).unwrap();
    let eras = |v: &serde_json::Value| -> Vec<Vec<String>> {
        v["eras"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| slide_fields(e)[..5].to_vec())
            .map(|mut f| {
                f[2].clear(); // eras have no display date
                f
            })
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect()
    };
    assert_eq!(eras(&exported), eras(&original));
    // Each period has its page, with the events of its span.
    let page = read(&public.join("periods/era-test-650-700/index.html"));
    assert!(
        page.contains("<h1 dir=\"auto\">Era Test 650-700</h1>"),
        "{page}"
    );
}

#[test]
fn an_era_of_long_years_becomes_a_period_with_date_and_end() {
    let site = empty_site();
    let file = site.path().join("deep.json");
    std::fs::write(
        &file,
        r#"{"eras": [{"start_date": {"year": "-4600000000"}, "end_date": {"year": -4000000000},
                      "text": {"headline": "Hadean", "text": "<p>Before rocks.</p>"}}],
            "events": [{"start_date": {"year": "-4540000000"}, "text": {"headline": "Earth forms"}}]}"#,
    )
    .unwrap();
    let out = import(site.path(), &["timelinejs", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    // An EDTF interval cannot join long years: the span is `date` and `end`.
    assert_eq!(
        read(&site.path().join("content/periods/hadean.md")),
        "---\nname: Hadean\ndate: Y-4599999999\nend: Y-3999999999\n---\nBefore rocks.\n"
    );
    let public = build(site.path(), &[]);
    let exported: serde_json::Value =
        serde_json::from_str(&read(&public.join("timelinejs.json"))).unwrap();
    assert_eq!(exported["eras"][0]["start_date"]["year"], -4600000000i64);
    assert_eq!(exported["eras"][0]["end_date"]["year"], -4000000000i64);
    assert_eq!(exported["scale"], "cosmological");
    let page = read(&public.join("periods/hadean/index.html"));
    assert!(
        page.contains("4.6 billion years ago"),
        "the period's span, in words: {page}"
    );
    assert_eq!(article_ids(&page), ["4540000000-bce-earth-forms"]);
}

#[test]
fn import_build_export_import_gives_the_same_files() {
    for file in [
        "marktwain.json",
        "eras.json",
        "cosmo.json",
        "houston_timelinejs2.json",
        "women_in_computing.json",
        "edge.json",
    ] {
        let first = empty_site();
        let out = import(first.path(), &["timelinejs", input(file).to_str().unwrap()]);
        assert!(
            out.status.code().is_some_and(|c| c <= 1),
            "{file}: {}",
            stderr(&out)
        );
        let public = build(first.path(), &[]);
        let second = empty_site();
        let out = import(
            second.path(),
            &[
                "timelinejs",
                public.join("timelinejs.json").to_str().unwrap(),
            ],
        );
        assert!(out.status.success(), "{file}, exported: {}", stderr(&out));
        let (a, b) = (
            tree(&first.path().join("content")),
            tree(&second.path().join("content")),
        );
        assert!(a.len() > 3, "{file}: {} files", a.len());
        for (name, bytes) in &a {
            assert_eq!(
                b.get(name).map(|x| String::from_utf8_lossy(x).into_owned()),
                Some(String::from_utf8_lossy(bytes).into_owned()),
                "{file}: {name} does not come back the same"
            );
        }
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{file}"
        );
    }
}

/// Shapes the import fuzz targets found that made files the build refused
/// (issue 16): each is now imported as a file that builds, or reported.
#[test]
fn what_an_import_writes_builds_whatever_the_export_holds() {
    let site = empty_site();
    // A TimelineJS media URL with a DEL in it, and a sheet row that ends
    // before it starts.
    write(
        site.path(),
        "slides.json",
        r#"{"events": [{"start_date": {"year": "2023"}, "text": {"headline": "Photo"},
            "media": {"url": "https://example.org/pho\u007fto one.jpg", "caption": "c"}}]}"#,
    );
    write(
        site.path(),
        "sheet.csv",
        "Year,Month,Day,End Year,Headline\n1815,12,10,27,Backwards\n1816,1,1,,Fine\n",
    );
    let out = import(site.path(), &["timelinejs", "slides.json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let photo = read(&site.path().join("content/events/2023-photo.md"));
    assert!(
        photo.contains("src: https://example.org/pho%7Fto%20one.jpg\n"),
        "{photo}"
    );
    let out = import(site.path(), &["csv", "sheet.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).starts_with("error[E190]: line 2: its event would not build: invalid `end`: the interval `1815-12-10/0027` ends before it starts\n"),
        "{}",
        stderr(&out)
    );
    // An ACLED tag of punctuation only, a UCDP row with a latitude and no
    // longitude.
    for (format, fixture, column, value) in [
        ("acled", "acled_new.csv", "tags", "."),
        ("ucdp", "ucdp_ged.csv", "longitude", ""),
    ] {
        let file = format!("{format}.csv");
        write(site.path(), &file, &first_row_with(fixture, column, value));
        let out = import(site.path(), &[format, &file]);
        assert_eq!(out.status.code(), Some(0), "{format}: {}", stderr(&out));
    }
    // Everything written builds.
    let out = run(site.path(), &["build", "--root", "."]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// The heading and first row of the fixture `file`, with `column` set to `value`.
fn first_row_with(file: &str, column: &str, value: &str) -> String {
    let text = std::fs::read_to_string(input(file)).unwrap();
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let head = reader.headers().unwrap().clone();
    let mut row: Vec<String> = reader
        .records()
        .next()
        .unwrap()
        .unwrap()
        .iter()
        .map(String::from)
        .collect();
    row[head.iter().position(|c| c == column).unwrap()] = value.to_string();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&head).unwrap();
    w.write_record(&row).unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}
