//! An actor's or theatre's events per month (per day when they span a
//! season or less, per quarter or year when too long for a bar a month): server-rendered SVG bars, each linking
//! to the filtered view of its span, at most [`MAX_BARS`] of them whatever
//! the number of events.

use super::buckets::{self, Unit};
use super::{axis, Words, WIDTH};
use crate::escape::html as escape_html;
use crate::model::Timeline;
use crate::parse::config::BaseUrl;
use crate::route::Filter;
use std::fmt::Write as _;

/// The most bars a histogram has: ten years of months.
pub(crate) const MAX_BARS: i64 = 120;
/// The most days a histogram shows a bar a day for: a season.
const MAX_DAYS: i64 = 92;
const LEFT: f64 = 48.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = super::TOP;
/// The height of the tallest bar.
const BARS: f64 = 120.0;

/// The histogram of `events` (timeline indexes), each counted in the bin
/// where it begins, so that the bars add up to the events; `filter` is the
/// group's view, which each bar narrows to its span. Empty when no event
/// has a known date.
pub(crate) fn histogram(
    t: &Timeline,
    events: &[usize],
    base: &BaseUrl,
    words: &Words,
    title: &str,
    filter: &Filter,
) -> String {
    let Words {
        lang, strings, tz, ..
    } = *words;
    let starts: Vec<(usize, i64)> = events
        .iter()
        .filter_map(|&i| {
            let d = &t.events[i].event.date;
            let at = d.earliest_utc().or_else(|| d.latest_utc())?;
            Some((i, at.seconds()))
        })
        .collect();
    let (Some(min), Some(max)) = (
        starts.iter().map(|s| s.1).min(),
        starts.iter().map(|s| s.1).max(),
    ) else {
        return String::new();
    };
    // Days for a group of a season or less, where one month's bar would
    // say nothing; else months, quarters, years, runs of years.
    let Some(unit) = Unit::all().find(|u| {
        let most = if *u == Unit::Day { MAX_DAYS } else { MAX_BARS };
        u.count((min, max)).is_some_and(|n| n <= most)
    }) else {
        return String::new();
    };
    let grid = buckets::grid(unit, (min, max), tz, lang);
    let mut counts = vec![0usize; grid.len()];
    for &(i, _) in &starts {
        if let Some(k) = buckets::starting(&grid, &t.events[i].event.date) {
            if let Some(c) = counts.get_mut(k) {
                *c += 1;
            }
        }
    }
    let (Some(first), Some(last)) = (grid.first(), grid.last()) else {
        return String::new();
    };
    let (from, to) = (first.start, last.end.saturating_add(1));
    let plot = WIDTH - LEFT - RIGHT;
    let x = |ts: i64| LEFT + (ts - from) as f64 / (to - from).max(1) as f64 * plot;
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let baseline = TOP + BARS;
    let height = baseline + 8.0;
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart histogram" viewBox="0 0 {WIDTH} {height}" aria-labelledby="histogram-title" xmlns="http://www.w3.org/2000/svg"><title id="histogram-title">{}</title>"#,
        escape_html(title),
    );
    let finest = match unit {
        Unit::Day => axis::Unit::Day,
        Unit::Month | Unit::Quarter => axis::Unit::Month,
        Unit::Years(_) => axis::Unit::Year,
    };
    axis::ticks(&mut svg, (from, to), finest, &x, baseline, lang);
    let _ = write!(
        svg,
        r#"<line class="baseline" x1="{LEFT}" x2="{}" y1="{baseline}" y2="{baseline}"/><text class="count-label" x="{}" y="{}" text-anchor="end">{most}</text><text class="count-label" x="{}" y="{baseline}" text-anchor="end">0</text>"#,
        WIDTH - RIGHT,
        LEFT - 6.0,
        TOP + 4.0,
        LEFT - 6.0,
    );
    svg.push_str(r#"<g class="bars">"#);
    for (b, &n) in grid.iter().zip(&counts) {
        if n == 0 {
            continue;
        }
        let (x0, x1) = (x(b.start), x(b.end.saturating_add(1)));
        let h = (n as f64 / most as f64 * BARS).max(2.0);
        let href = base.link(&filter.clone().span(&b.from, &b.to).path());
        let label = super::span_title(strings, &b.text, n);
        let _ = write!(
            svg,
            r#"<a href="{}"><title>{}</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{h:.1}" class="d3"/></a>"#,
            escape_html(&href),
            escape_html(&label),
            x0 + 0.5,
            baseline - h,
            (x1 - x0 - 1.0).max(1.0),
        );
    }
    svg.push_str("</g></svg>");
    svg
}
