//! Periods drawn behind the lanes of a chart (SPEC §5, §7).

use super::TOP;
use crate::escape::html as escape_html;
use crate::model::Timeline;
use crate::parse::config::BaseUrl;
use crate::route::{GroupId, Route};
use std::fmt::Write as _;

/// The height of the row under the lanes where periods are named.
pub(super) const BAND_LABEL: f64 = 18.0;

/// A period drawn behind the lanes: from where it starts to where it ends,
/// within the chart (an open or unknown end reaches the chart's edge).
pub(super) struct Band {
    name: String,
    url: String,
    colour: String,
    from: i64,
    to: i64,
}

/// The most periods a chart draws: the longest of those it overlaps, so
/// that a timeline of many periods keeps its chart's size bounded.
const MAX_BANDS: usize = 40;

/// The periods that overlap the chart's span `(min, max)`, in their order
/// (the [`MAX_BANDS`] longest of them).
pub(super) fn bands(t: &Timeline, (min, max): (i64, i64), base: &BaseUrl) -> Vec<Band> {
    let ts = |d: crate::date::Moment| d.seconds();
    let mut bands: Vec<(usize, Band)> = t
        .periods
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
        .enumerate()
        .collect();
    if bands.len() > MAX_BANDS {
        bands.sort_by_key(|(n, b)| (std::cmp::Reverse(b.to - b.from), *n));
        bands.truncate(MAX_BANDS);
        bands.sort_by_key(|(n, _)| *n);
    }
    bands.into_iter().map(|(_, b)| b).collect()
}

/// Each band as a translucent rectangle over the lanes, named under them
/// where its width leaves room; the whole band links to the period's page.
pub(super) fn draw(svg: &mut String, bands: &[Band], x: &dyn Fn(i64) -> f64, bottom: f64) {
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
            escape_html(&crate::text::shorten(&b.name, 120)),
            TOP - 6.0,
            x1 - x0,
            bottom + BAND_LABEL - TOP + 6.0,
            escape_html(&b.colour),
        );
    }
    svg.push_str("</g>");
}
