//! The chart's legend: what the colours of the lanes' sides and the marks'
//! drawings mean, under the lanes (and the periods' names).

use crate::escape::html as escape_html;
use std::fmt::Write as _;

/// The height of the legend's row.
pub(super) const HEIGHT: f64 = 24.0;
/// The most bytes a legend takes: its keys are left out past the chart's
/// width, so a handful at most.
pub(super) const RESERVE: usize = 2_000;

/// What a legend explains: the sides (affiliations) shown, in their colour
/// order (side 1 first), and whether marks with a ring (an uncertain or
/// approximate date) or a fading end (a span that goes on) are drawn.
pub(super) struct Legend<'a> {
    /// What a density strip's shades count (`Events per month: 1 to 42`),
    /// when the lanes are strips.
    pub density: Option<String>,
    pub sides: &'a [&'a str],
    pub qualified: bool,
    pub fading: bool,
}

impl Legend<'_> {
    pub(super) fn is_empty(&self) -> bool {
        self.density.is_none() && self.sides.is_empty() && !self.qualified && !self.fading
    }

    /// One row of keys from `left`, at `top`; keys that would not fit the
    /// chart's width are left out.
    pub(super) fn draw(
        &self,
        svg: &mut String,
        (left, right, top): (f64, f64, f64),
        words: &crate::render::i18n::Strings,
    ) {
        if self.is_empty() {
            return;
        }
        let cy = top + HEIGHT / 2.0;
        let mut x = left;
        svg.push_str(r#"<g class="legend">"#);
        // One key: its drawing (made at its left edge), then its label.
        let key = |svg: &mut String,
                   x: &mut f64,
                   draw: &dyn Fn(f64) -> String,
                   label: &str,
                   width: f64| {
            // About 6.5 units per character of the labels' font.
            let needed = width + 6.0 + label.chars().count() as f64 * 6.5;
            if *x + needed > right {
                return;
            }
            let _ = write!(
                svg,
                r#"<g class="legend-key">{}<text x="{:.1}" y="{:.1}">{}</text></g>"#,
                draw(*x),
                *x + width + 6.0,
                cy + 4.0,
                escape_html(label)
            );
            *x += needed + 18.0;
        };
        if let Some(label) = &self.density {
            // The shades from fewest to most, side by side.
            let draw = |x0: f64| {
                (1..=super::strip::LEVELS)
                    .map(|l| {
                        format!(
                            r#"<rect class="d{l}" x="{:.1}" y="{:.1}" width="10" height="12"/>"#,
                            x0 + 10.0 * (l - 1) as f64,
                            cy - 6.0
                        )
                    })
                    .collect()
            };
            key(
                svg,
                &mut x,
                &draw,
                label,
                10.0 * super::strip::LEVELS as f64,
            );
        }
        for (n, side) in self.sides.iter().enumerate() {
            let draw = |x0: f64| {
                format!(
                    r#"<circle class="key side-{}" cx="{:.1}" cy="{cy:.1}" r="6"/>"#,
                    n + 1,
                    x0 + 6.0
                )
            };
            key(svg, &mut x, &draw, side, 12.0);
        }
        if self.qualified {
            let draw = |x0: f64| {
                format!(
                    r#"<circle class="key" cx="{:.1}" cy="{cy:.1}" r="6"/><circle class="key ring" cx="{:.1}" cy="{cy:.1}" r="9"/>"#,
                    x0 + 9.0,
                    x0 + 9.0
                )
            };
            key(svg, &mut x, &draw, &words.get("chart_uncertain", &[]), 18.0);
        }
        if self.fading {
            let draw = |x0: f64| {
                format!(
                    r#"<rect class="key" x="{x0:.1}" y="{:.1}" width="36" height="10" rx="5" mask="url(#annals-fade-end)"/>"#,
                    cy - 5.0
                )
            };
            key(svg, &mut x, &draw, &words.get("chart_ongoing", &[]), 36.0);
        }
        svg.push_str("</g>");
    }
}
