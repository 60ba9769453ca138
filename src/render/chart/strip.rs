//! The density strip: what a lane becomes when its events no longer get a
//! mark each. Per bucket of the calendar (days, months, quarters or years,
//! the finest that fits the chart's width and its byte budget), a segment
//! whose shade says how many of the lane's events overlap it, linking to the
//! filtered view of those events. Its size depends on lanes × buckets only,
//! never on the number of events (SPEC §7: bounded whatever the number).

use super::buckets::{self, Bucket, Unit};
use crate::escape::html as escape_html;
use crate::parse::config::BaseUrl;
use crate::render::i18n::Strings;
use crate::route::Filter;
use std::fmt::Write as _;

/// The shades of a strip: level 1 (fewest) to `LEVELS` (most).
pub(crate) const LEVELS: usize = 5;
/// The narrowest a segment may be, in the chart's units, so that it can be
/// seen and pointed at.
const MIN_SEGMENT: f64 = 3.0;
/// A segment's drawing (`<rect …/>`, `<a>`, `<title>`) beyond its link and
/// words: what a bucket costs before it is drawn.
const SEGMENT_BYTES: usize = 80;
/// The height of a strip's segments.
const HEIGHT: f64 = 16.0;

/// One lane as a strip: the lane's view (its group, within the page's own),
/// the vertical middle of its row, the buckets each of its events overlaps.
pub(super) struct StripLane<'a> {
    pub filter: Filter,
    pub middle: f64,
    /// For each event of the lane, its date.
    pub dates: Vec<&'a crate::date::EventDate>,
}

/// The strips drawn, and what the legend says of them.
pub(super) struct Drawn {
    pub svg: String,
    pub unit: Unit,
    pub max: usize,
}

/// Where time is drawn: `x(seconds)` over `(min, max)`, the plot's width.
pub(super) struct Scale<'a> {
    pub x: &'a dyn Fn(i64) -> f64,
    pub span: (i64, i64),
    pub width: f64,
}

/// Every lane as a strip, at the finest unit whose segments are wide enough
/// and whose drawing fits `budget` bytes; the coarsest unit tried when none
/// does.
pub(super) fn draw(
    lanes: &[StripLane<'_>],
    scale: &Scale,
    (tz, lang, strings): (chrono_tz::Tz, &crate::date::Lang, &Strings),
    base: &BaseUrl,
    budget: usize,
) -> Drawn {
    let most = (scale.width / MIN_SEGMENT) as i64;
    // Each segment's link is at least its lane's filter: with the drawing,
    // a floor under what a segment costs, to skip a unit whose segments
    // cannot fit before drawing them (drawing them all to find that out was
    // most of a chart's time).
    let link_bytes: Vec<usize> = lanes
        .iter()
        .map(|l| base.link(&l.filter.path()).len())
        .collect();
    let counted = |unit: Unit| {
        let grid = buckets::grid(unit, scale.span, tz, lang);
        let counts: Vec<Counts> = lanes.iter().map(|l| Counts::of(&grid, &l.dates)).collect();
        let max = counts
            .iter()
            .flat_map(|c| &c.each)
            .copied()
            .max()
            .unwrap_or(0);
        (grid, counts, max)
    };
    let drawn = |unit: Unit,
                 (grid, counts, max): &(Vec<Bucket>, Vec<Counts>, usize),
                 runs: &[Vec<Run>]| Drawn {
        svg: segments(
            lanes,
            (grid, counts, runs),
            scale,
            (tz, lang, strings),
            base,
        ),
        unit,
        max: *max,
    };
    // The last unit and join whose segments could fit by their number alone:
    // drawn, over budget, when none fits.
    let mut fallback = None;
    for unit in Unit::all() {
        match unit.count(scale.span) {
            Some(n) if n <= most => {}
            _ => continue,
        }
        let candidate = counted(unit);
        // A segment per bucket where they fit; else neighbours of one shade
        // joined, up to a week's days or a year's months.
        let mut joins = vec![1];
        if unit.most_joined() > 1 {
            joins.push(unit.most_joined());
        }
        for join in joins {
            let runs: Vec<Vec<Run>> = candidate
                .1
                .iter()
                .map(|c| c.runs(candidate.2, join))
                .collect();
            if runs.iter().map(Vec::len).sum::<usize>() * SEGMENT_BYTES > budget {
                continue;
            }
            fallback = Some((unit, join));
            // A span adds `?from=…&amp;to=…` (at least 14 bytes and its
            // bounds, which are buckets' bounds) to the lane's link.
            let span_bytes = 14
                + candidate
                    .0
                    .iter()
                    .map(|b| b.from.len() + b.to.len())
                    .min()
                    .unwrap_or(0);
            let floor: usize = runs
                .iter()
                .zip(&link_bytes)
                .map(|(r, link)| r.len() * (SEGMENT_BYTES + link + span_bytes))
                .sum();
            if floor > budget {
                continue;
            }
            let d = drawn(unit, &candidate, &runs);
            if d.svg.len() <= budget {
                return d;
            }
        }
    }
    match fallback {
        Some((unit, join)) => {
            let candidate = counted(unit);
            let runs: Vec<Vec<Run>> = candidate
                .1
                .iter()
                .map(|c| c.runs(candidate.2, join))
                .collect();
            drawn(unit, &candidate, &runs)
        }
        None => Drawn {
            svg: String::new(),
            unit: Unit::Years(1),
            max: 0,
        },
    }
}

/// A lane's events counted in a grid of buckets.
struct Counts {
    /// How many overlap each bucket: what its shade says.
    each: Vec<usize>,
    /// How many begin before each bucket (`before[k]`: in buckets `< k`).
    before: Vec<usize>,
    /// How many end before each bucket (`ended[k]`: all their buckets `< k`).
    ended: Vec<usize>,
}

/// Buckets `lo..hi` next to each other with the same shade: one segment.
struct Run {
    lo: usize,
    hi: usize,
    level: usize,
}

impl Counts {
    fn of(grid: &[Bucket], dates: &[&crate::date::EventDate]) -> Counts {
        let (mut starts, mut ends) = (vec![0usize; grid.len() + 1], vec![0usize; grid.len() + 1]);
        for d in dates {
            let r = buckets::overlapping(grid, d);
            if !r.is_empty() {
                starts[r.start] += 1;
                ends[r.end] += 1;
            }
        }
        let prefix = |v: &[usize]| -> Vec<usize> {
            v.iter()
                .scan(0, |run, n| {
                    let at = *run;
                    *run += n;
                    Some(at)
                })
                .collect()
        };
        let (before, ended_excl) = (prefix(&starts), prefix(&ends));
        // `ended[k]` counts ends at k too: an event whose buckets end at k
        // (exclusive) is over before bucket k.
        let ended: Vec<usize> = (0..=grid.len()).map(|k| ended_excl[k] + ends[k]).collect();
        let each = (0..grid.len()).map(|k| before[k + 1] - ended[k]).collect();
        Counts {
            each,
            before,
            ended,
        }
    }

    /// The events overlapping any of buckets `lo..hi`, each once: those
    /// that begin before `hi` and have not ended before `lo`.
    fn within(&self, lo: usize, hi: usize) -> usize {
        self.before[hi] - self.ended[lo]
    }

    /// Runs of at most `join` non-empty buckets of one shade, in order.
    fn runs(&self, max: usize, join: usize) -> Vec<Run> {
        let mut out: Vec<Run> = Vec::new();
        for (k, &n) in self.each.iter().enumerate() {
            let level = level(n, max);
            if level == 0 {
                continue;
            }
            match out.last_mut() {
                Some(r) if r.hi == k && r.level == level && r.hi - r.lo < join => r.hi = k + 1,
                _ => out.push(Run {
                    lo: k,
                    hi: k + 1,
                    level,
                }),
            }
        }
        out
    }
}

/// The shade of a count among counts up to `max`: on a logarithmic scale, so
/// that a few busy months do not leave every other one in the palest shade.
pub(crate) fn level(count: usize, max: usize) -> usize {
    if count == 0 {
        return 0;
    }
    if max <= 1 {
        return LEVELS.div_ceil(2);
    }
    let share = (count as f64).ln() / (max as f64).ln();
    1 + ((share * (LEVELS - 1) as f64).round() as usize).min(LEVELS - 1)
}

fn segments(
    lanes: &[StripLane<'_>],
    (grid, counts, runs): (&[Bucket], &[Counts], &[Vec<Run>]),
    scale: &Scale,
    (tz, lang, strings): (chrono_tz::Tz, &crate::date::Lang, &Strings),
    base: &BaseUrl,
) -> String {
    let mut svg = String::new();
    svg.push_str(r#"<g class="strips">"#);
    for ((lane, runs), counts) in lanes.iter().zip(runs).zip(counts) {
        let y = lane.middle - HEIGHT / 2.0;
        for run in runs {
            let (first, last) = (&grid[run.lo], &grid[run.hi - 1]);
            // A run of buckets is said as one span: "July – September 2023".
            let span = if run.hi - run.lo == 1 {
                first.clone()
            } else {
                match buckets::span(first.from.clone(), last.to.clone(), tz, lang) {
                    Some(b) => b,
                    None => continue,
                }
            };
            let (x0, x1) = (
                (scale.x)(span.start.max(scale.span.0)),
                (scale.x)(span.end.saturating_add(1).min(scale.span.1)),
            );
            let href = base.link(&lane.filter.clone().span(&span.from, &span.to).path());
            let n = counts.within(run.lo, run.hi);
            let title = super::span_title(strings, &span.text, n);
            let _ = write!(
                svg,
                r#"<a href="{}"><title>{}</title><rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{HEIGHT}" class="d{}"/></a>"#,
                escape_html(&href),
                escape_html(&title),
                (x1 - x0).max(1.0),
                run.level,
            );
        }
    }
    svg.push_str("</g>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_grow_with_the_count_and_the_busiest_is_darkest() {
        assert_eq!(level(0, 100), 0);
        assert_eq!(level(1, 100), 1);
        assert_eq!(level(100, 100), LEVELS);
        assert!(level(10, 100) > level(2, 100));
        assert_eq!(level(1, 1), 3);
    }

    #[test]
    fn a_run_of_buckets_counts_each_event_once() {
        let lang = crate::date::Lang::new("en").expect("English");
        let at = |s: &str| {
            crate::date::EventDate::parse(s, chrono_tz::UTC)
                .ok()
                .and_then(|d| d.earliest_utc())
                .expect("a date")
                .seconds()
        };
        let grid = buckets::grid(
            Unit::Month,
            (at("2023-01"), at("2023-06")),
            chrono_tz::UTC,
            &lang,
        );
        let dates: Vec<crate::date::EventDate> =
            ["2023-01-05", "2023-02/2023-04", "2023-03-01", "2023-05/.."]
                .iter()
                .map(|s| crate::date::EventDate::parse(s, chrono_tz::UTC).expect("a date"))
                .collect();
        let counts = Counts::of(&grid, &dates.iter().collect::<Vec<_>>());
        assert_eq!(counts.each, [1, 1, 2, 1, 1, 1]);
        // February to April: the interval once, and March's point.
        assert_eq!(counts.within(1, 4), 2);
        assert_eq!(counts.within(0, 6), 4);
        assert_eq!(counts.within(4, 6), 1);
        // Joined runs keep to one shade and to `join` buckets.
        let runs = counts.runs(2, 12);
        let spans: Vec<(usize, usize)> = runs.iter().map(|r| (r.lo, r.hi)).collect();
        assert_eq!(spans, [(0, 2), (2, 3), (3, 6)]);
        assert_eq!(counts.runs(2, 2).len(), 4);
    }
}
