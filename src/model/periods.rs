//! Periods (SPEC §5): named spans of the timeline, and the events each holds.
//!
//! An event belongs to the periods its `periods:` key names or, without one,
//! to every period whose span holds the moment the event sorts by (the
//! earliest moment of its start; the end's for an open or unknown start).
//! That moment, rather than any overlap, decides, so that a period's events
//! are a contiguous stretch of the timeline, as its page shows them. An open
//! or unknown end of a period reaches to the end of the timeline, an open or
//! unknown start to its beginning.

use crate::date::EventDate;
use crate::diagnostic::{Code, Diagnostic};
use crate::parse::event::{list_steps, locate};
use crate::parse::period::Colour;
use crate::parse::{Event, PeriodFile};
use crate::slug::Slug;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

#[derive(Debug, Clone)]
pub(crate) struct Period {
    pub slug: Slug,
    pub name: String,
    /// Relative to the site root.
    pub file: PathBuf,
    /// `None` only when the file's date is wrong, which is an error.
    pub date: Option<EventDate>,
    /// As written, or from the palette.
    pub colour: Colour,
    /// Markdown description.
    pub body: String,
    /// Indexes into `Timeline::events`, in timeline order.
    pub events: Vec<usize>,
}

impl Period {
    /// Whether the moment an event with this date sorts by lies in the period.
    fn holds(&self, date: &EventDate) -> bool {
        let (Some(span), Some(at)) = (&self.date, date.anchor()) else {
            return false;
        };
        let at = at.earliest_utc();
        span.earliest_utc().is_none_or(|lo| at >= lo) && span.latest_utc().is_none_or(|hi| at <= hi)
    }
}

/// Every period, by slug, and how events name them.
#[derive(Debug, Clone, Default)]
pub(crate) struct Periods {
    pub by_slug: BTreeMap<Slug, Period>,
    /// Slugs in the periods' own order: by date (as events are ordered), then
    /// slug; a period whose date is wrong last.
    pub order: Vec<Slug>,
    /// A name, in lower case, and the slug it names; `None` when two periods
    /// share the name (an error).
    names: HashMap<String, Option<Slug>>,
}

impl Periods {
    /// The periods of the site's files; two periods with one name are an error.
    pub(crate) fn from_files(files: Vec<PeriodFile>, diagnostics: &mut Vec<Diagnostic>) -> Periods {
        let mut files = files;
        files.sort_by(|a, b| {
            let key = |p: &PeriodFile| p.date.as_ref().map(EventDate::sort_key);
            match (key(a), key(b)) {
                (Some(x), Some(y)) => x.start_cmp(&y).then_with(|| x.end_cmp(&y)),
                (x, y) => y.is_some().cmp(&x.is_some()),
            }
            .then_with(|| a.slug.cmp(&b.slug))
        });
        let mut periods = Periods::default();
        for (i, f) in files.into_iter().enumerate() {
            let key = f.name.to_lowercase();
            match periods.names.get(&key) {
                Some(Some(other)) if *other != f.slug => {
                    diagnostics.push(
                        Diagnostic::error(
                            Code::AliasConflict,
                            format!(
                                "two periods are named `{}`: `{other}` and `{}`",
                                f.name, f.slug
                            ),
                        )
                        .in_file(&f.file)
                        .at(f.name_span.clone())
                        .with_hint(
                            "events name periods by name or slug: give each period its own name",
                        ),
                    );
                    periods.names.insert(key, None);
                }
                Some(_) => {}
                None => {
                    periods.names.insert(key, Some(f.slug.clone()));
                }
            }
            let colour = f.colour.unwrap_or_else(|| Colour::nth(i));
            periods.order.push(f.slug.clone());
            periods.by_slug.insert(
                f.slug.clone(),
                Period {
                    slug: f.slug,
                    name: f.name,
                    file: f.file,
                    date: f.date,
                    colour,
                    body: f.body,
                    events: Vec::new(),
                },
            );
        }
        periods
    }

    /// The period a name means (in `periods:`, or `list --period`): its
    /// slug, else its name in any letter case.
    pub(crate) fn find(&self, name: &str) -> Option<&Period> {
        self.resolve(name).and_then(|s| self.by_slug.get(s))
    }

    fn resolve(&self, name: &str) -> Option<&Slug> {
        if let Some(s) = Slug::from_name(name).filter(|s| self.by_slug.contains_key(s)) {
            return self.by_slug.get(&s).map(|p| &p.slug);
        }
        self.names.get(&name.trim().to_lowercase())?.as_ref()
    }

    /// Checks what an event's `periods:` names: each must exist (E132); a
    /// period that does not hold the event's date is worth a look (W309).
    pub(crate) fn check(&self, event: &Event, diagnostics: &mut Vec<Diagnostic>) {
        for (name, i) in &event.periods {
            let at = || locate(&event.path, &list_steps("periods", *i));
            match self.find(name) {
                None => {
                    let known: Vec<&str> = self.by_slug.keys().map(Slug::as_str).collect();
                    let hint = match crate::diagnostic::suggest(name, &known) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None if known.is_empty() => {
                            "a period is a file in `content/periods/` with a `name` and a `date`"
                                .to_string()
                        }
                        None => "`periods` lists period slugs or names (content/periods/)".into(),
                    };
                    diagnostics.push(
                        Diagnostic::error(
                            Code::UnknownPeriod,
                            format!("period `{name}` does not exist"),
                        )
                        .in_file(&event.file)
                        .at(at())
                        .with_hint(hint),
                    );
                }
                Some(p) if p.date.is_some() && !p.holds(&event.date) => {
                    let span = p.date.as_ref().map(EventDate::iso).unwrap_or_default();
                    diagnostics.push(
                        Diagnostic::warning(
                            Code::OutsidePeriod,
                            format!(
                                "the event is dated {}, outside the period `{}` ({span})",
                                event.date.iso(),
                                p.slug
                            ),
                        )
                        .in_file(&event.file)
                        .at(at())
                        .with_hint("check the event's date, or the period's"),
                    );
                }
                Some(_) => {}
            }
        }
    }

    /// The periods event `i` belongs to, in the periods' order, recorded in
    /// each period's events. Events must come in timeline order.
    pub(crate) fn place(&mut self, i: usize, event: &Event) -> Vec<Slug> {
        let named: Vec<Slug> = event
            .periods
            .iter()
            .filter_map(|(n, _)| self.resolve(n).cloned())
            .collect();
        let mut out = Vec::new();
        for slug in &self.order {
            let Some(p) = self.by_slug.get_mut(slug) else {
                continue;
            };
            let member = if event.periods.is_empty() {
                p.holds(&event.date)
            } else {
                named.contains(slug)
            };
            if member {
                p.events.push(i);
                out.push(slug.clone());
            }
        }
        out
    }

    /// The periods in their order.
    pub(crate) fn in_order(&self) -> impl Iterator<Item = &Period> {
        self.order.iter().filter_map(|s| self.by_slug.get(s))
    }
}
