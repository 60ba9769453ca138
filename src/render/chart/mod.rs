//! The server-rendered SVG overview on list pages: time across, one lane per
//! actor (or theatre), a linked mark per event. Works without JavaScript.
//!
//! Marks that would land on the same pixel of a lane are drawn once, so the SVG
//! stays bounded (lanes × width) however many events a page covers.

mod axis;
mod bands;
mod buckets;
mod histogram;
mod legend;
mod rows;
mod strip;

use crate::date::{Bound, EventDate, Lang, Precision};
use crate::escape::html as escape_html;
use crate::model::Timeline;
use crate::parse::config::BaseUrl;
use crate::route::{Filter, GroupId, Route};
use crate::slug::Slug;
use std::collections::HashMap;
use std::fmt::Write as _;

pub(crate) use histogram::histogram;
use rows::{lanes_of, place};
/// The shade (0 for none, 1 to 5) of a count among counts up to a maximum.
pub(crate) use strip::level as shade;

const WIDTH: f64 = 960.0;
const LABEL: f64 = 200.0;
const LANE: f64 = 30.0;
const TOP: f64 = 28.0;
const MAX_LANES: usize = 12;
/// How far below the one before each further row of marks in a lane is.
const STACK: f64 = 14.0;
/// The most rows of marks a lane has. When the marks of a chart do not all
/// fit, every lane has one row and marks that would overlap are drawn once,
/// so a chart stays bounded (lanes × width).
const MAX_ROWS: usize = 8;
/// The most bytes a chart's SVG takes, whatever the number of events (SPEC
/// §7; issue 14 asks for 60 KB): density strips take what the rest leaves.
pub(crate) const LIMIT: usize = 58_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lanes {
    Actors,
    Theatres,
}

struct Lane {
    label: String,
    /// Its group: `None` for the lane of the others (or of no actor).
    group: Option<GroupId>,
    side: usize,
}

/// The slugs an event is drawn under: its actors, or its theatres.
fn lane_names(e: &crate::model::TimelineEvent, lanes: Lanes) -> &[Slug] {
    match lanes {
        Lanes::Actors => &e.actors,
        Lanes::Theatres => &e.theatres,
    }
}

/// The words a chart needs, prepared once per build.
pub(crate) struct Words<'a> {
    pub lang: &'a Lang,
    /// Each event's date as plain text, by timeline index.
    pub date_texts: &'a [String],
    pub strings: &'a crate::render::i18n::Strings,
    /// The site's time zone, in which a density strip's days and months are
    /// counted, as its links' filters read them.
    pub tz: chrono_tz::Tz,
}

/// A strip segment's or a histogram bar's `<title>`: its span and how many
/// events it counts ("July 2023: 42 events").
fn span_title(strings: &crate::render::i18n::Strings, span: &str, events: usize) -> String {
    strings.get(
        "chart_segment",
        &[
            ("span", span),
            ("count", &strings.count(events as u64, "event")),
        ],
    )
}

/// A drawn overview, with where each event's marks begin, so that an edit of
/// an event's title or status redraws its marks' heads, not the chart
/// (`serve`; a 10k-event timeline's chart is most of a megabyte).
pub(crate) struct Drawn {
    pub svg: String,
    /// Each mark drawn, in the order drawn.
    marks: Vec<Mark>,
}

struct Mark {
    event: usize,
    /// Its head (`<a …><title>…</title>`) in `svg`.
    head: std::ops::Range<usize>,
    side: usize,
    focusable: bool,
}

/// A mark's link and its tooltip: what an event's title and status change.
fn mark_head(
    svg: &mut String,
    t: &Timeline,
    i: usize,
    base: &BaseUrl,
    date_texts: &[String],
    side: usize,
    focusable: bool,
) {
    let e = &t.events[i].event;
    let url = base.link(&Route::event(&e.slug).path());
    let label = format!("{}: {}", date_texts[i], e.title);
    let tab = if focusable {
        ""
    } else {
        r#" tabindex="-1" aria-hidden="true""#
    };
    let qualified = if is_qualified(&e.date) {
        " qualified"
    } else {
        ""
    };
    let _ = write!(
        svg,
        r#"<a href="{}" class="mark side-{side} status-{}{qualified}"{tab}><title>{}</title>"#,
        escape_html(&url),
        e.status.as_str(),
        escape_html(&label)
    );
}

/// Whether a point of the date is uncertain or approximate (`?`, `~`, `%`).
fn is_qualified(d: &EventDate) -> bool {
    let points = match d {
        EventDate::Point(p) => vec![p],
        EventDate::Interval { start, end } => {
            start.point().into_iter().chain(end.point()).collect()
        }
    };
    points.iter().any(|p| p.qualifiers().any())
}

/// Which end of a mark fades out: the side of an interval that goes on
/// (`2023-07/..`) or reaches back beyond the record (`../2023-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fade {
    None,
    Start,
    End,
}

fn fade(d: &EventDate) -> Fade {
    match d {
        EventDate::Interval {
            start: Bound::Open, ..
        } => Fade::Start,
        EventDate::Interval {
            end: Bound::Open, ..
        } => Fade::End,
        _ => Fade::None,
    }
}

impl Drawn {
    /// Draws the heads of the marks of `events` again, from `t` as it is
    /// now. Whether the chart has marks of any of them.
    pub(crate) fn redraw(
        &mut self,
        t: &Timeline,
        events: &[usize],
        base: &BaseUrl,
        date_texts: &[String],
    ) -> bool {
        if !self.marks.iter().any(|m| events.contains(&m.event)) {
            return false;
        }
        let mut svg = String::with_capacity(self.svg.len() + 256);
        let mut from = 0;
        // How far the marks after the last redrawn one have moved.
        let shift = |at: usize, svg: &String, from: usize| svg.len() + at - from;
        for m in &mut self.marks {
            if !events.contains(&m.event) {
                m.head = shift(m.head.start, &svg, from)..shift(m.head.end, &svg, from);
                continue;
            }
            svg.push_str(&self.svg[from..m.head.start]);
            let start = svg.len();
            mark_head(&mut svg, t, m.event, base, date_texts, m.side, m.focusable);
            from = m.head.end;
            m.head = start..svg.len();
        }
        svg.push_str(&self.svg[from..]);
        self.svg = svg;
        true
    }
}

/// Renders the overview of `events` (indexes into the timeline), `filter`
/// being the view of the page's own list. Empty when there is nothing to
/// draw. A mark per event while they fit in the lanes' rows and in [`LIMIT`]
/// bytes; else density strips, which fit whatever the number of events.
pub(crate) fn overview(
    t: &Timeline,
    events: &[usize],
    lanes: Lanes,
    base: &BaseUrl,
    words: &Words,
    title: &str,
    filter: &Filter,
) -> Drawn {
    let draw = |strips| overview_as(t, events, lanes, base, words, (title, filter), strips);
    let drawn = draw(false);
    if drawn.svg.len() > LIMIT {
        draw(true)
    } else {
        drawn
    }
}

/// The overview, with density strips when `strips` or when some event would
/// get no mark.
fn overview_as(
    t: &Timeline,
    events: &[usize],
    lanes: Lanes,
    base: &BaseUrl,
    words: &Words,
    (title, filter): (&str, &Filter),
    strips: bool,
) -> Drawn {
    let Words {
        lang,
        date_texts,
        strings,
        tz,
    } = *words;
    let spans: Vec<(usize, i64, i64)> = events
        .iter()
        .filter_map(|&i| {
            // Points, however coarse, are dots where they sort; only closed
            // intervals are bars. An open interval is a dot at its known end.
            let d = &t.events[i].event.date;
            let start = d.anchor()?.earliest_utc().seconds();
            let end = match (d.is_interval(), d.earliest_utc(), d.latest_utc()) {
                (true, Some(_), Some(l)) => l.seconds().max(start),
                _ => start,
            };
            Some((i, start, end))
        })
        .collect();
    if spans.is_empty() {
        return Drawn {
            svg: String::new(),
            marks: Vec::new(),
        };
    }
    // The axis is never finer than the finest date it shows: a single year
    // is labelled with its year, not with the day its first second falls on.
    let finest = events
        .iter()
        .filter_map(|&i| {
            let d = &t.events[i].event.date;
            [d.anchor(), d.end_point()]
                .into_iter()
                .flatten()
                .map(|p| p.precision())
                .max()
        })
        .max()
        .unwrap_or(Precision::Day);
    let min = spans.iter().map(|s| s.1).min().unwrap_or(0);
    let max = spans.iter().map(|s| s.2).max().unwrap_or(min);
    // A time is drawn within its day: the axis starts at that day's
    // midnight, so its first label is the day the event happened on.
    let min = if finest > Precision::Day {
        min.div_euclid(86_400) * 86_400
    } else {
        min
    };
    // A little air on both sides so marks at the ends are not cut in half.
    let pad = ((max - min) / 40).max(43_200);
    let (min, max) = (min - pad, max + pad);

    let (groups, lane_route): (_, fn(Slug) -> GroupId) = match lanes {
        Lanes::Actors => (&t.actors, GroupId::Actor),
        Lanes::Theatres => (&t.theatres, GroupId::Theatre),
    };
    let mut counts: HashMap<&Slug, usize> = HashMap::new();
    for &(i, _, _) in &spans {
        let e = &t.events[i];
        let names = lane_names(e, lanes);
        for s in names {
            *counts.entry(s).or_default() += 1;
        }
    }
    let mut ranked: Vec<(&Slug, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let shown: Vec<&Slug> = ranked.iter().take(MAX_LANES).map(|(s, _)| *s).collect();
    let mut sides: Vec<&str> = shown
        .iter()
        .filter_map(|s| groups.get(*s).and_then(|g| g.entity.affiliation.as_deref()))
        .collect();
    sides.sort_unstable();
    sides.dedup();
    let mut lanes_out: Vec<Lane> = shown
        .iter()
        .map(|s| {
            let g = groups.get(*s);
            let side = g
                .and_then(|g| g.entity.affiliation.as_deref())
                .and_then(|a| sides.iter().position(|x| *x == a))
                .map(|p| p + 1)
                .unwrap_or(0);
            Lane {
                label: g
                    .map(|g| g.entity.name.clone())
                    .unwrap_or_else(|| s.to_string()),
                group: Some(lane_route((*s).clone())),
                side,
            }
        })
        .collect();
    let lane_of: HashMap<&Slug, usize> = shown.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let other = lanes_out.len();
    let needs_other = spans.iter().any(|&(i, _, _)| {
        let e = &t.events[i];
        let names = lane_names(e, lanes);
        names.is_empty() || names.iter().any(|s| !lane_of.contains_key(s))
    });
    if needs_other {
        lanes_out.push(Lane {
            label: match (ranked.len() > MAX_LANES, lanes) {
                (true, _) => strings.get("others", &[]),
                (false, Lanes::Actors) => strings.get("no_actor", &[]),
                (false, Lanes::Theatres) => strings.get("no_theatre", &[]),
            },
            group: None,
            side: 0,
        });
    }

    let plot = WIDTH - LABEL - 16.0;
    let x = |ts: i64| LABEL + (ts - min) as f64 / (max - min).max(1) as f64 * plot;
    // An open side fades out at the chart's edge.
    let drawn_spans: Vec<(usize, i64, i64, Fade)> = spans
        .iter()
        .map(|&(i, start, end)| match fade(&t.events[i].event.date) {
            Fade::End => (i, start, max, Fade::End),
            Fade::Start => (i, min, end, Fade::Start),
            Fade::None => (i, start, end, Fade::None),
        })
        .collect();
    // Every event in rows while they all fit; else each lane is a density
    // strip, whose size does not grow with the number of events.
    let placed = if strips {
        None
    } else {
        place(t, &drawn_spans, (lanes, &lane_of, other), &x, MAX_ROWS).ok()
    };
    let dense = placed.is_none();
    let placed = placed.unwrap_or_default();
    // Each lane as tall as its rows of marks; the first row where a lane of
    // one row always was.
    let mut rows_of = vec![1usize; lanes_out.len()];
    for p in &placed {
        if let Some(r) = rows_of.get_mut(p.lane) {
            *r = (*r).max(p.level + 1);
        }
    }
    let lane_top: Vec<f64> = rows_of
        .iter()
        .scan(TOP, |top, &rows| {
            let at = *top;
            *top += LANE + STACK * (rows - 1) as f64;
            Some(at)
        })
        .collect();
    let lanes_bottom = TOP
        + rows_of
            .iter()
            .map(|&r| LANE + STACK * (r - 1) as f64)
            .sum::<f64>()
        + 8.0;
    let bands = bands::bands(t, (min, max), base);
    // A strip's key is written once its unit is known, after the lanes.
    let mut legend = legend::Legend {
        density: dense.then(String::new),
        sides: &sides,
        qualified: placed
            .iter()
            .any(|p| is_qualified(&t.events[p.event].event.date)),
        fading: placed.iter().any(|p| p.fade != Fade::None),
    };
    let legend_top = lanes_bottom
        + if bands.is_empty() {
            0.0
        } else {
            bands::BAND_LABEL
        };
    let height = legend_top
        + if legend.is_empty() {
            0.0
        } else {
            legend::HEIGHT
        };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart{}" viewBox="0 0 {WIDTH} {height}" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
        if dense { " dense" } else { "" },
        escape_html(title)
    );
    if legend.fading {
        svg.push_str(FADE_DEFS);
    }
    bands::draw(&mut svg, &bands, &x, lanes_bottom);
    axis::ticks(
        &mut svg,
        (min, max),
        axis::Unit::finest(finest),
        &x,
        lanes_bottom,
        lang,
    );
    for (n, lane) in lanes_out.iter().enumerate() {
        let y = lane_top[n];
        let _ = write!(svg, r#"<g class="lane side-{}">"#, lane.side);
        let _ = write!(
            svg,
            r#"<line class="lane-rule" x1="{LABEL}" x2="{}" y1="{:.1}" y2="{:.1}"/>"#,
            WIDTH - 8.0,
            y + LANE / 2.0,
            y + LANE / 2.0
        );
        // A strip's shades are not the side's colour: a swatch says it.
        if dense && lane.side > 0 {
            let _ = write!(
                svg,
                r#"<rect class="swatch" x="{}" y="{:.1}" width="4" height="16"/>"#,
                LABEL - 8.0,
                y + LANE / 2.0 - 8.0
            );
        }
        let label = escape_html(&crate::text::shorten(&lane.label, 27));
        match &lane.group {
            Some(g) => {
                let _ = write!(
                    svg,
                    r#"<a href="{}"><text class="lane-label" x="8" y="{:.1}">{label}</text></a>"#,
                    escape_html(&base.link(&Route::group(g.clone()).path())),
                    y + LANE / 2.0 + 4.0
                );
            }
            None => {
                let _ = write!(
                    svg,
                    r#"<text class="lane-label" x="8" y="{:.1}">{label}</text>"#,
                    y + LANE / 2.0 + 4.0
                );
            }
        }
        svg.push_str("</g>");
    }
    if dense {
        let mut rows: Vec<strip::StripLane> = lanes_out
            .iter()
            .zip(&lane_top)
            .map(|(lane, top)| strip::StripLane {
                filter: match &lane.group {
                    Some(g) => filter.clone().and_group(g),
                    None => filter.clone(),
                },
                middle: top + LANE / 2.0,
                dates: Vec::new(),
            })
            .collect();
        for &(i, _, _) in &spans {
            for lane in lanes_of(&t.events[i], (lanes, &lane_of, other)) {
                if let Some(row) = rows.get_mut(lane) {
                    row.dates.push(&t.events[i].event.date);
                }
            }
        }
        let scale = strip::Scale {
            x: &x,
            span: (min, max),
            width: plot,
        };
        // What the rest of the chart leaves of its bound.
        let budget = LIMIT.saturating_sub(svg.len() + legend::RESERVE);
        let strips = strip::draw(&rows, &scale, (tz, lang, strings), base, budget);
        svg.push_str(&strips.svg);
        legend.density =
            Some(strings.get(strips.unit.per_key(), &[("max", &strips.max.to_string())]));
    }
    let mut marks: Vec<Mark> = Vec::new();
    for p in &placed {
        let cy = lane_top[p.lane] + LANE / 2.0 + STACK * p.level as f64;
        let side = lanes_out.get(p.lane).map(|l| l.side).unwrap_or(0);
        let at = svg.len();
        mark_head(&mut svg, t, p.event, base, date_texts, side, p.focusable);
        marks.push(Mark {
            event: p.event,
            head: at..svg.len(),
            side,
            focusable: p.focusable,
        });
        let (x0, x1) = (p.x0, p.x1);
        let qualified = is_qualified(&t.events[p.event].event.date);
        if x1 - x0 >= 8.0 {
            let mask = match p.fade {
                Fade::None => "",
                Fade::Start => r#" mask="url(#annals-fade-start)""#,
                Fade::End => r#" mask="url(#annals-fade-end)""#,
            };
            let _ = write!(
                svg,
                r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="10" rx="5"{mask}/>"#,
                cy - 5.0,
                x1 - x0
            );
            if qualified {
                let _ = write!(
                    svg,
                    r#"<rect class="ring" x="{:.1}" y="{:.1}" width="{:.1}" height="16" rx="8"{mask}/>"#,
                    x0 - 3.0,
                    cy - 8.0,
                    x1 - x0 + 6.0
                );
            }
        } else {
            let cx = (x0 + x1) / 2.0;
            let _ = write!(svg, r#"<circle cx="{cx:.1}" cy="{cy:.1}" r="6"/>"#);
            if qualified {
                let _ = write!(
                    svg,
                    r#"<circle class="ring" cx="{cx:.1}" cy="{cy:.1}" r="9"/>"#
                );
            }
        }
        svg.push_str("</a>");
    }
    legend.draw(&mut svg, (LABEL, WIDTH - 8.0, legend_top), strings);
    svg.push_str("</svg>");
    Drawn { svg, marks }
}

/// Masks that fade a bar out towards its open side, in the bar's own units.
const FADE_DEFS: &str = concat!(
    r##"<defs><linearGradient id="annals-fade-g"><stop offset="0" stop-color="white"/>"##,
    r##"<stop offset=".55" stop-color="white"/><stop offset="1" stop-color="white" stop-opacity="0"/></linearGradient>"##,
    r##"<linearGradient id="annals-fade-g-start" href="#annals-fade-g" x1="1" x2="0"/>"##,
    r##"<mask id="annals-fade-end" maskContentUnits="objectBoundingBox"><rect width="1" height="1" fill="url(#annals-fade-g)"/></mask>"##,
    r##"<mask id="annals-fade-start" maskContentUnits="objectBoundingBox"><rect width="1" height="1" fill="url(#annals-fade-g-start)"/></mask></defs>"##,
);

#[cfg(test)]
mod tests;
