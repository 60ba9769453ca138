//! SPEC §4 order, with every tie-break.

use crate::support::*;

#[test]
fn events_follow_the_total_order_of_the_spec() {
    let site = fixture("ordering");
    let public = build(site.path(), &[]);
    let ids = article_ids(&read(&public.join("index.html")));
    let expected = [
        "n-earlier-year",  // 2022-12-31
        "i-year",          // 2023: coarser than any date in 2023
        "a-month",         // 2023-07: month before the days of July
        "g-approx", // 2023-07~: a qualifier never moves an event (same as a-month; slug breaks the tie)
        "h-unspecified", // 2023-07-XX: unspecified digits sort with the month
        "d-day-weight", // 2023-07-12, weight -1: lower weight first
        "b-day",    // 2023-07-12
        "f-day-slug", // 2023-07-12: same as b-day but for the slug
        "e-day-span", // 2023-07-12/14: same start, longer span last
        "k-late-west", // 2023-07-11T23:30-03:00 = 02:30 UTC on the 12th: timed after date-only
        "j-morning-east", // 08:00+03:00 = 05:00 UTC
        "c-timed",  // 10:00 UTC
        "m-open-start", // ../2023-07-13: sorted by its end
        "l-uncertain-day", // 2023-07-13?
    ];
    assert_eq!(ids, expected);
}

#[test]
fn descending_order_reverses_list_pages_and_prev_next_stays_chronological() {
    let site = fixture("ordering");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Ordering\npaginate_by: 0\norder: descending\n",
    )
    .unwrap();
    let public = build(site.path(), &[]);
    let ids = article_ids(&read(&public.join("index.html")));
    assert_eq!(ids.first().map(String::as_str), Some("l-uncertain-day"));
    assert_eq!(ids.last().map(String::as_str), Some("n-earlier-year"));
    let page = read(&public.join("events/b-day/index.html"));
    assert!(page.contains("rel=\"prev\" href=\"/events/d-day-weight/\""));
    assert!(page.contains("rel=\"next\" href=\"/events/f-day-slug/\""));
}

#[test]
fn lists_are_grouped_under_year_and_month_headings() {
    let site = fixture("ordering");
    let public = build(site.path(), &[]);
    let html = read(&public.join("index.html"));
    let y2022 = html.find("id=\"y-2022\"").expect("2022 heading");
    let y2023 = html.find("id=\"y-2023\"").expect("2023 heading");
    let july = html.find(">July 2023</time></h3>").expect("July heading");
    let dec = html
        .find(">December 2022</time></h3>")
        .expect("December heading");
    assert!(y2022 < dec && dec < y2023 && y2023 < july);
    // The year-only event sits under the year, before any month heading.
    let year_event = html.find("id=\"e-i-year\"").unwrap();
    assert!(y2023 < year_event && year_event < july);
}

#[test]
fn pagination_splits_lists_and_links_the_pages() {
    let site = fixture("ordering");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Ordering\npaginate_by: 5\n",
    )
    .unwrap();
    let public = build(site.path(), &[]);
    let first = article_ids(&read(&public.join("index.html")));
    let second = article_ids(&read(&public.join("page/2/index.html")));
    let third = article_ids(&read(&public.join("page/3/index.html")));
    assert_eq!((first.len(), second.len(), third.len()), (5, 5, 4));
    assert_eq!(first[0], "n-earlier-year");
    assert_eq!(second[0], "d-day-weight");
    assert!(!public.join("page/4").exists());
    let p2 = read(&public.join("page/2/index.html"));
    assert!(p2.contains("href=\"/page/3/\""));
    assert!(p2.contains("rel=\"prev\" href=\"/\""));
}
