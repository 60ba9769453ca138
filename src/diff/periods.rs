//! Periods added, removed, re-dated or renamed between two timelines.
//!
//! A period whose file does not parse on one side, or whose date is wrong
//! there, is not compared: what that side says of it is unknown.

use super::{path, Side};
use crate::date::EventDate;
use crate::model::periods::Period;
use serde::Serialize;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct PeriodChanges {
    pub added: Vec<PeriodInfo>,
    pub removed: Vec<PeriodInfo>,
    /// Same slug, another span.
    pub redated: Vec<PeriodRedated>,
    /// Same slug, another name.
    pub renamed: Vec<PeriodRenamed>,
}

impl PeriodChanges {
    pub(crate) fn is_empty(&self) -> bool {
        self == &PeriodChanges::default()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PeriodInfo {
    pub slug: String,
    pub name: String,
    /// EDTF.
    pub date: String,
    /// As the site shows it.
    pub date_text: String,
    pub file: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PeriodRedated {
    pub slug: String,
    pub name: String,
    pub from: String,
    pub from_text: String,
    pub to: String,
    pub to_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct PeriodRenamed {
    pub slug: String,
    pub from: String,
    pub to: String,
}

/// Whether `p`, as `own` has it, can be compared with `other`.
fn comparable(p: &Period, own: Side, other: Side) -> bool {
    let file = path(&p.file);
    p.date.is_some() && !own.unparsed.files.contains(&file) && !other.unparsed.files.contains(&file)
}

fn info(p: &Period, date: &EventDate, side: Side) -> PeriodInfo {
    PeriodInfo {
        slug: p.slug.to_string(),
        name: p.name.clone(),
        date: date.iso(),
        date_text: date.display(side.lang).text(),
        file: path(&p.file),
    }
}

/// The periods' changes from `base` to `head`, each list in slug order.
pub(crate) fn compare(base: Side, head: Side) -> PeriodChanges {
    let (b, h) = (
        &base.timeline.periods.by_slug,
        &head.timeline.periods.by_slug,
    );
    let mut out = PeriodChanges::default();
    for (slug, p) in h {
        if let (None, Some(d)) = (b.get(slug), &p.date) {
            if comparable(p, head, base) {
                out.added.push(info(p, d, head));
            }
        }
    }
    for (slug, old) in b {
        let Some(old_date) = old.date.as_ref().filter(|_| comparable(old, base, head)) else {
            continue;
        };
        let Some(new) = h.get(slug) else {
            out.removed.push(info(old, old_date, base));
            continue;
        };
        let Some(new_date) = new.date.as_ref().filter(|_| comparable(new, head, base)) else {
            continue;
        };
        if old_date.iso() != new_date.iso() {
            out.redated.push(PeriodRedated {
                slug: slug.to_string(),
                name: new.name.clone(),
                from: old_date.iso(),
                from_text: old_date.display(base.lang).text(),
                to: new_date.iso(),
                to_text: new_date.display(head.lang).text(),
            });
        }
        if old.name != new.name {
            out.renamed.push(PeriodRenamed {
                slug: slug.to_string(),
                from: old.name.clone(),
                to: new.name.clone(),
            });
        }
    }
    out
}
