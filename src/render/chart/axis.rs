//! The chart's time axis: ticks at years, months or days, never finer than
//! the dates it shows, years counted in their era.

use super::TOP;
use crate::date::{Lang, Moment, Precision};
use crate::escape::html as escape_html;
use chrono::{Datelike, NaiveDate};
use std::fmt::Write as _;

/// What the axis marks: years, months or days. Derived `Ord`: finer < coarser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Unit {
    Day,
    Month,
    Year,
}

impl Unit {
    /// The finest unit dates of `precision` can be told apart by.
    pub(super) fn finest(precision: Precision) -> Unit {
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
/// Years of any length are ticked (`10 billion years ago`); months and days
/// only where chrono's calendar reaches, which spans of three years or less
/// near long years are not.
pub(super) fn ticks(
    svg: &mut String,
    (min, max): (i64, i64),
    finest: Unit,
    x: &dyn Fn(i64) -> f64,
    height: f64,
    lang: &Lang,
) {
    let (from, to) = (Moment::from_seconds(min), Moment::from_seconds(max));
    let days = to.days() - from.days();
    let natural = if days > 3 * 365 {
        Unit::Year
    } else if days > 75 {
        Unit::Month
    } else {
        Unit::Day
    };
    let calendar = from.to_chrono_date().zip(to.to_chrono_date());
    let mut marks: Vec<(Option<Moment>, String)> = Vec::new();
    match (natural.max(finest), calendar) {
        (Unit::Month, Some((a, b))) => {
            let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
            let step = (months / 10 + 1) as u32;
            let mut d = NaiveDate::from_ymd_opt(a.year(), a.month(), 1)
                .and_then(|d| d.checked_add_months(chrono::Months::new(1)));
            while let Some(day) = d.filter(|d| *d <= b) {
                marks.push((
                    midnight(day),
                    lang.short_month_year(day.month() as u8, i64::from(day.year())),
                ));
                d = day.checked_add_months(chrono::Months::new(step));
            }
        }
        (Unit::Day, Some((a, b))) => {
            let step = (days / 8 + 1).max(1);
            let mut d = a.succ_opt();
            // The year is named where the axis starts and where it changes.
            let mut year = None;
            while let Some(day) = d.filter(|d| *d <= b) {
                let new_year = (year != Some(day.year())).then_some(day.year());
                year = Some(day.year());
                marks.push((
                    midnight(day),
                    lang.short_day(day.day() as u8, day.month() as u8, new_year.map(i64::from)),
                ));
                d = day.checked_add_days(chrono::Days::new(step as u64));
            }
        }
        _ => {
            // Round steps (1, 2, 5, 10, 20, 50, … up to billions), counted
            // in each year's era.
            let (first, last) = (from.ymd().0, to.ymd().0);
            let years = (last - first).max(1);
            let step = [1, 2, 5]
                .iter()
                .flat_map(|m| (0..12).map(move |e| m * 10i64.pow(e)))
                .filter(|s| years / s <= 10)
                .min()
                .unwrap_or(1);
            // The first of January of each year after `first`, up to `last`.
            for y in round_years(first + 1, last, step) {
                marks.push((
                    Moment::midnight(y, 1, 1),
                    crate::render::view::year_label(y, lang),
                ));
            }
        }
    }
    svg.push_str(r#"<g class="axis">"#);
    for (at, label) in marks {
        let px = x(at.map_or(min, Moment::seconds));
        let _ = write!(
            svg,
            r#"<line x1="{px:.1}" x2="{px:.1}" y1="{}" y2="{height:.1}"/><text x="{px:.1}" y="16" text-anchor="middle">{}</text>"#,
            TOP - 6.0,
            escape_html(&label)
        );
    }
    svg.push_str("</g>");
}

fn midnight(day: NaiveDate) -> Option<Moment> {
    day.and_hms_opt(0, 0, 0).map(Moment::from_chrono)
}

/// The years from `first` to `last` (astronomical) that are a multiple of
/// `step` in their own era: BCE years counted back (`40 BCE`, `20 BCE`),
/// CE years forward (`20`, `40`), as a reader counts them; there is no year 0.
fn round_years(first: i64, last: i64, step: i64) -> Vec<i64> {
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
