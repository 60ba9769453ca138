//! Where each mark of a chart goes: its lanes, and the first row of each
//! where it overlaps no other mark.

use super::{lane_names, Fade, Lanes};
use crate::model::{Timeline, TimelineEvent};
use crate::slug::Slug;
use std::collections::HashMap;

/// The lanes an event is drawn in: those of its actors (or theatres) that
/// have one, and the others' lane for the rest or when it names none.
pub(super) fn lanes_of(
    e: &TimelineEvent,
    (lanes, lane_of, other): (Lanes, &HashMap<&Slug, usize>, usize),
) -> Vec<usize> {
    let mut rows: Vec<usize> = lane_names(e, lanes)
        .iter()
        .map(|s| lane_of.get(s).copied().unwrap_or(other))
        .collect();
    if rows.is_empty() {
        rows.push(other);
    }
    rows.sort_unstable();
    rows.dedup();
    rows
}

/// Where one mark goes: its event's lane, the row in the lane, its extent.
pub(super) struct Placed {
    pub(super) event: usize,
    pub(super) lane: usize,
    pub(super) level: usize,
    pub(super) x0: f64,
    pub(super) x1: f64,
    pub(super) fade: Fade,
    /// One tab stop per event: its copies in other lanes are for the eye.
    pub(super) focusable: bool,
}

/// Every event's marks, one per lane it is in, each in the first of `max_rows`
/// rows of its lane where it overlaps no other mark (a dot is 12 units
/// wide). A mark that fits no row is left out, the marks already drawn there
/// standing for it. `Ok` when every event has at least one mark (its copies
/// in other lanes may be left out); else `Err`, with the marks that fit.
pub(super) fn place(
    t: &Timeline,
    spans: &[(usize, i64, i64, Fade)],
    (lanes, lane_of, other): (Lanes, &HashMap<&Slug, usize>, usize),
    x: &dyn Fn(i64) -> f64,
    max_rows: usize,
) -> Result<Vec<Placed>, Vec<Placed>> {
    const GAP: f64 = 2.0;
    // Per lane, per row: where the row's last mark ends.
    let mut ends: HashMap<usize, Vec<f64>> = HashMap::new();
    let mut out = Vec::new();
    let mut all_fit = true;
    for &(i, start, end, fade) in spans {
        let rows = lanes_of(&t.events[i], (lanes, lane_of, other));
        let mut focusable = true;
        let before = out.len();
        for lane in rows {
            let (x0, x1) = (x(start), x(end));
            let (left, right) = if x1 - x0 >= 8.0 {
                (x0, x1)
            } else {
                let c = (x0 + x1) / 2.0;
                (c - 6.0, c + 6.0)
            };
            let levels = ends.entry(lane).or_default();
            let level = match levels.iter().position(|&e| e + GAP <= left) {
                Some(l) => l,
                None if levels.len() < max_rows => {
                    levels.push(f64::NEG_INFINITY);
                    levels.len() - 1
                }
                None => continue,
            };
            levels[level] = right;
            out.push(Placed {
                event: i,
                lane,
                level,
                x0,
                x1,
                fade,
                focusable,
            });
            focusable = false;
        }
        if out.len() == before {
            all_fit = false;
        }
    }
    if all_fit {
        Ok(out)
    } else {
        Err(out)
    }
}
