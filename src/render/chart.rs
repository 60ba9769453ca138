//! The server-rendered SVG overview on list pages: time across, one lane per
//! actor (or theatre), a linked mark per event. Works without JavaScript.
//!
//! Marks that would land on the same pixel of a lane are drawn once, so the SVG
//! stays bounded (lanes × width) however many events a page covers.

use crate::date::{Lang, Precision};
use crate::escape::html as escape_html;
use crate::model::Timeline;
use crate::parse::config::BaseUrl;
use crate::route::{GroupId, Route};
use crate::slug::Slug;
use chrono::{Datelike, NaiveDate};
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

const WIDTH: f64 = 960.0;
const LABEL: f64 = 200.0;
const LANE: f64 = 30.0;
const TOP: f64 = 28.0;
const MAX_LANES: usize = 12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lanes {
    Actors,
    Theatres,
}

struct Lane {
    label: String,
    url: Option<String>,
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
    let _ = write!(
        svg,
        r#"<a href="{}" class="mark side-{side} status-{}"{tab}><title>{}</title>"#,
        escape_html(&url),
        e.status.as_str(),
        escape_html(&label)
    );
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

/// Renders the overview of `events` (indexes into the timeline). Empty when
/// there is nothing to draw.
pub(crate) fn overview(
    t: &Timeline,
    events: &[usize],
    lanes: Lanes,
    base: &BaseUrl,
    words: &Words,
    title: &str,
) -> Drawn {
    let Words {
        lang,
        date_texts,
        strings,
    } = *words;
    let spans: Vec<(usize, i64, i64)> = events
        .iter()
        .filter_map(|&i| {
            // Points, however coarse, are dots where they sort; only closed
            // intervals are bars. An open interval is a dot at its known end.
            let d = &t.events[i].event.date;
            let start = d.anchor()?.earliest_utc().and_utc().timestamp();
            let end = match (d.is_interval(), d.earliest_utc(), d.latest_utc()) {
                (true, Some(_), Some(l)) => l.and_utc().timestamp().max(start),
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
                url: Some(base.link(&Route::group(lane_route((*s).clone())).path())),
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
            url: None,
            side: 0,
        });
    }

    let plot = WIDTH - LABEL - 16.0;
    let x = |ts: i64| LABEL + (ts - min) as f64 / (max - min).max(1) as f64 * plot;
    let bands = bands(t, (min, max), base);
    let lanes_bottom = TOP + LANE * lanes_out.len() as f64 + 8.0;
    let height = lanes_bottom + if bands.is_empty() { 0.0 } else { BAND_LABEL };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg class="chart" viewBox="0 0 {WIDTH} {height}" aria-labelledby="chart-title" xmlns="http://www.w3.org/2000/svg"><title id="chart-title">{}</title>"#,
        escape_html(title)
    );
    draw_bands(&mut svg, &bands, &x, lanes_bottom);
    ticks(
        &mut svg,
        (min, max),
        Unit::finest(finest),
        &x,
        lanes_bottom,
        lang,
    );
    for (n, lane) in lanes_out.iter().enumerate() {
        let y = TOP + LANE * n as f64;
        let _ = write!(svg, r#"<g class="lane side-{}">"#, lane.side);
        let _ = write!(
            svg,
            r#"<line class="lane-rule" x1="{LABEL}" x2="{}" y1="{:.1}" y2="{:.1}"/>"#,
            WIDTH - 8.0,
            y + LANE / 2.0,
            y + LANE / 2.0
        );
        let label = escape_html(&crate::text::shorten(&lane.label, 27));
        match &lane.url {
            Some(u) => {
                let _ = write!(
                    svg,
                    r#"<a href="{}"><text class="lane-label" x="8" y="{:.1}">{label}</text></a>"#,
                    escape_html(u),
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
    let mut drawn: HashSet<(usize, i64)> = HashSet::new();
    let mut marks: Vec<Mark> = Vec::new();
    for &(i, start, end) in &spans {
        let e = &t.events[i];
        let names = lane_names(e, lanes);
        let mut rows: Vec<usize> = names
            .iter()
            .map(|s| lane_of.get(s).copied().unwrap_or(other))
            .collect();
        if rows.is_empty() {
            rows.push(other);
        }
        rows.sort_unstable();
        rows.dedup();
        // One tab stop per event: its copies in other lanes are for the eye.
        let mut focusable = true;
        for row in rows {
            let (x0, x1) = (x(start), x(end));
            if !drawn.insert((row, x0.round() as i64)) {
                continue;
            }
            let cy = TOP + LANE * row as f64 + LANE / 2.0;
            let side = lanes_out.get(row).map(|l| l.side).unwrap_or(0);
            let at = svg.len();
            mark_head(&mut svg, t, i, base, date_texts, side, focusable);
            marks.push(Mark {
                event: i,
                head: at..svg.len(),
                side,
                focusable,
            });
            focusable = false;
            if x1 - x0 >= 8.0 {
                let _ = write!(
                    svg,
                    r#"<rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="10" rx="5"/>"#,
                    cy - 5.0,
                    x1 - x0
                );
            } else {
                let _ = write!(
                    svg,
                    r#"<circle cx="{:.1}" cy="{cy:.1}" r="6"/>"#,
                    (x0 + x1) / 2.0
                );
            }
            svg.push_str("</a>");
        }
    }
    svg.push_str("</svg>");
    Drawn { svg, marks }
}

/// The height of the row under the lanes where periods are named.
const BAND_LABEL: f64 = 18.0;

/// A period drawn behind the lanes: from where it starts to where it ends,
/// within the chart (an open or unknown end reaches the chart's edge).
struct Band {
    name: String,
    url: String,
    colour: String,
    from: i64,
    to: i64,
}

/// The periods that overlap the chart's span `(min, max)`, in their order.
fn bands(t: &Timeline, (min, max): (i64, i64), base: &BaseUrl) -> Vec<Band> {
    let ts = |d: chrono::NaiveDateTime| d.and_utc().timestamp();
    t.periods
        .in_order()
        .filter_map(|p| {
            let d = p.date.as_ref()?;
            let from = d.earliest_utc().map_or(min, ts).max(min);
            let to = d.latest_utc().map_or(max, ts).min(max);
            (from < to).then(|| Band {
                name: p.name.clone(),
                url: base.link(&Route::group(GroupId::Period(p.slug.clone())).path()),
                colour: p.colour.as_str().to_string(),
                from,
                to,
            })
        })
        .collect()
}

/// Each band as a translucent rectangle over the lanes, named under them
/// where its width leaves room; the whole band links to the period's page.
fn draw_bands(svg: &mut String, bands: &[Band], x: &dyn Fn(i64) -> f64, bottom: f64) {
    if bands.is_empty() {
        return;
    }
    svg.push_str(r#"<g class="bands">"#);
    for (n, b) in bands.iter().enumerate() {
        let (x0, x1) = (x(b.from), x(b.to));
        // A label ends where its band does, or where a later band (drawn
        // over it) begins; about 6.5 user units per character of its font.
        let next = bands[n + 1..]
            .iter()
            .map(|later| x(later.from))
            .filter(|&at| at > x0)
            .fold(x1, f64::min);
        let room = ((next - x0 - 6.0) / 6.5) as usize;
        let label = if room >= 4 {
            format!(
                r#"<text class="band-label" x="{:.1}" y="{:.1}">{}</text>"#,
                x0 + 3.0,
                bottom + BAND_LABEL - 5.0,
                escape_html(&crate::text::shorten(&b.name, room))
            )
        } else {
            String::new()
        };
        let _ = write!(
            svg,
            r#"<a href="{}" class="band"><title>{}</title><rect x="{x0:.1}" y="{:.1}" width="{:.1}" height="{:.1}" fill="{}"/>{label}</a>"#,
            escape_html(&b.url),
            escape_html(&b.name),
            TOP - 6.0,
            x1 - x0,
            bottom + BAND_LABEL - TOP + 6.0,
            escape_html(&b.colour),
        );
    }
    svg.push_str("</g>");
}

/// What the axis marks: years, months or days. Derived `Ord`: finer < coarser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    Day,
    Month,
    Year,
}

impl Unit {
    /// The finest unit dates of `precision` can be told apart by.
    fn finest(precision: Precision) -> Unit {
        match precision {
            Precision::Millennium | Precision::Century | Precision::Decade | Precision::Year => {
                Unit::Year
            }
            // Seasons start and end on month boundaries.
            Precision::Season | Precision::Month => Unit::Month,
            Precision::Day | Precision::Minute | Precision::Second => Unit::Day,
        }
    }
}

/// Axis ticks at years, months or days, whichever gives 2 to 12 of them, but
/// never finer than `finest`, so a lone date is labelled at its precision.
fn ticks(
    svg: &mut String,
    (min, max): (i64, i64),
    finest: Unit,
    x: &dyn Fn(i64) -> f64,
    height: f64,
    lang: &Lang,
) {
    let to_date = |ts: i64| chrono::DateTime::from_timestamp(ts, 0).map(|d| d.date_naive());
    let (Some(a), Some(b)) = (to_date(min), to_date(max)) else {
        return;
    };
    let days = (b - a).num_days();
    let natural = if days > 3 * 365 {
        Unit::Year
    } else if days > 75 {
        Unit::Month
    } else {
        Unit::Day
    };
    let mut marks: Vec<(NaiveDate, String)> = Vec::new();
    match natural.max(finest) {
        Unit::Year => {
            // Round steps (1, 2, 5, 10, 20, 50, …), counted in each year's era.
            let years = (b.year() - a.year()).max(1);
            let step = [1, 2, 5]
                .iter()
                .flat_map(|m| (0..6).map(move |e| m * 10i32.pow(e)))
                .filter(|s| years / s <= 10)
                .min()
                .unwrap_or(1_000_000);
            // The first of January of each year after `a`'s, up to `b`'s.
            for y in round_years(a.year() + 1, b.year(), step) {
                if let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1) {
                    marks.push((d, crate::render::view::year_label(y, lang)));
                }
            }
        }
        Unit::Month => {
            let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
            let step = (months / 10 + 1) as u32;
            let mut d = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
            while let Some(day) = d.filter(|d| *d <= b) {
                marks.push((day, lang.short_month_year(day.month() as u8, day.year())));
                d = day.checked_add_months(chrono::Months::new(step));
            }
        }
        Unit::Day => {
            let step = (days / 8 + 1).max(1);
            let mut d = a.succ_opt();
            // The year is named where the axis starts and where it changes.
            let mut year = None;
            while let Some(day) = d.filter(|d| *d <= b) {
                let new_year = (year != Some(day.year())).then_some(day.year());
                year = Some(day.year());
                marks.push((
                    day,
                    lang.short_day(day.day() as u8, day.month() as u8, new_year),
                ));
                d = day.checked_add_days(chrono::Days::new(step as u64));
            }
        }
    }
    svg.push_str(r#"<g class="axis">"#);
    for (d, label) in marks {
        let ts = d
            .and_hms_opt(0, 0, 0)
            .map(|t| t.and_utc().timestamp())
            .unwrap_or(min);
        let px = x(ts);
        let _ = write!(
            svg,
            r#"<line x1="{px:.1}" x2="{px:.1}" y1="{}" y2="{height:.1}"/><text x="{px:.1}" y="16" text-anchor="middle">{}</text>"#,
            TOP - 6.0,
            escape_html(&label)
        );
    }
    svg.push_str("</g>");
}

/// The years from `first` to `last` (astronomical) that are a multiple of
/// `step` in their own era: BCE years counted back (`40 BCE`, `20 BCE`),
/// CE years forward (`20`, `40`), as a reader counts them; there is no year 0.
fn round_years(first: i32, last: i32, step: i32) -> Vec<i32> {
    let step = step.max(1);
    let mut years = Vec::new();
    if first <= 0 {
        // Year y <= 0 is the year 1 - y BCE.
        let (oldest, newest) = (1 - first, 1 - last.min(0));
        let mut n = oldest - oldest.rem_euclid(step);
        while n >= newest.max(1) {
            years.push(1 - n);
            n -= step;
        }
    }
    if last >= 1 {
        let from = first.max(1);
        let mut y = from + (step - from.rem_euclid(step)) % step;
        while y <= last {
            years.push(y);
            y += step;
        }
    }
    years
}
