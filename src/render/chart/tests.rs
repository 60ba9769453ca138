//! The overview's size at scale: drawn from a synthetic timeline of many
//! events, so that a chart that grows with the events fails here, fast,
//! before `.ci/validate` measures a 100k-event site.

use super::*;
use crate::load::{Section, SourceFile};
use crate::parse::Parsed;
use crate::route::ListId;

/// A timeline of `n` events over `years` years from 2000, each naming one
/// or two of `actors` actors with long names, all tagged `t`.
fn timeline(n: usize, years: usize, actors: usize) -> Timeline {
    let events = (0..n)
        .map(|k| {
            let day = k * 365 * years / n;
            let (y, d) = (2000 + day / 365, day % 365);
            let (m, d) = (1 + d / 31 % 12, 1 + d % 28);
            let a = |j: usize| format!("Actor number {} of a long-named brigade", j % actors);
            let text = format!(
                "---\ntitle: Event {k}\ndate: {y}-{m:02}-{d:02}\nactors: [{}, {}]\ntags: [t]\n---\n",
                a(k * 7),
                a(k * 13 + 1)
            );
            let rel = std::path::PathBuf::from(format!("content/events/e{k}.md"));
            let file = SourceFile {
                section: Section::Events,
                path: rel.clone(),
                rel,
                text,
            };
            let fm = crate::load::frontmatter::split(&file.text).expect("front matter");
            let (event, diagnostics) =
                crate::parse::event::parse(&fm, &file, chrono_tz::UTC, &crate::parse::Bodies::Memory);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            Box::new(event.expect("an event"))
        })
        .collect();
    let parsed = Parsed {
        events,
        ..Parsed::default()
    };
    crate::model::build(parsed, false, &mut Vec::new())
}

fn strings() -> crate::render::i18n::Strings {
    let table = serde_json::json!({"en": {
        "chart_segment": "{span}: {count}",
        "chart_per_day": "Events per day: 1 to {max}",
        "chart_per_month": "Events per month: 1 to {max}",
        "chart_per_quarter": "Events per quarter: 1 to {max}",
        "chart_per_year": "Events per year: 1 to {max}",
        "chart_per_segment": "Events per segment: 1 to {max}",
        "others": "Others",
        "event": {"one": "event", "other": "events"},
    }});
    crate::render::i18n::Strings::new(&table, "en")
}

fn draw(t: &Timeline, list: &ListId) -> Drawn {
    let lang = Lang::new("en").expect("English");
    let date_texts: Vec<String> = t
        .events
        .iter()
        .map(|e| e.event.date.display(&lang).text())
        .collect();
    let strings = strings();
    let words = Words {
        lang: &lang,
        date_texts: &date_texts,
        strings: &strings,
        tz: chrono_tz::UTC,
    };
    let base = BaseUrl::parse("https://example.org/a-long-base-path/").expect("a base URL");
    let filter = match list {
        ListId::Timeline => Filter::default(),
        ListId::Group(id) => Filter::of_group(id),
    };
    overview(
        t,
        t.list(list),
        Lanes::Actors,
        &base,
        &words,
        "Overview",
        &filter,
    )
}

#[test]
fn a_dense_chart_is_a_strip_under_60_kb_however_many_events() {
    // 600 events of 12 actors in 3 years get a mark each in 8 rows, but
    // their marks would take too many bytes.
    for (n, years, actors) in [
        (600, 3, 12),
        (3_000, 1, 40),
        (20_000, 8, 40),
        (20_000, 40, 40),
    ] {
        let t = timeline(n, years, actors);
        for list in [
            ListId::Timeline,
            ListId::Group(GroupId::Tag(Slug::from_name("t").expect("a slug"))),
        ] {
            let svg = draw(&t, &list).svg;
            assert!(
                svg.contains(r#"<g class="strips">"#),
                "{n} events: no strip"
            );
            assert!(
                svg.len() <= 60_000,
                "{n} events over {years} years, {list:?}: {} bytes",
                svg.len()
            );
            // Dense, but still showing something in every lane.
            let segments = svg.matches("<rect x=").count();
            assert!(segments >= 12 * 4, "{segments} segments");
        }
    }
}

#[test]
fn a_chart_whose_events_fit_has_a_mark_each_and_no_strip() {
    let t = timeline(40, 2, 5);
    let drawn = draw(&t, &ListId::Timeline);
    assert!(!drawn.svg.contains("strips"));
    let mut marked: Vec<usize> = drawn.marks.iter().map(|m| m.event).collect();
    marked.sort_unstable();
    marked.dedup();
    assert_eq!(marked.len(), 40);
}
