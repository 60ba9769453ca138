//! The inverted index: every term with the events it occurs in, built one
//! batch of events at a time (bodies read back, in parallel) and
//! written as one file per bucket of terms (`terms/<n>.json`).

use super::{buckets, io, words};
use crate::diagnostic::{Code, Diagnostic};
use crate::model::Timeline;
use crate::route::{Route, SearchFile};
use crate::write::Sink;
use rayon::prelude::*;
// FxHash: the index hashes every word of every event twice (once per event,
// once into the postings), and SipHash's resistance to chosen keys buys
// nothing for a build's own words while costing most of the stage.
use rustc_hash::FxHashMap as HashMap;

/// How strongly a term belongs to an event: in the title, in the summary or
/// a name it is filed under, or only elsewhere (body, sources). Relevance
/// ranks by it; the script reads it as the two low bits of each number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Other = 1,
    Named = 2,
    Title = 3,
}

/// Events read per parallel step: enough for every core, few enough that
/// their terms are a sliver of memory (each event's are a few hundred
/// strings until they join the postings).
const BATCH: usize = 1024;

/// Each term's events as `event << 2 | strength`, in timeline order.
pub(super) struct Index {
    postings: HashMap<Box<str>, Vec<u32>>,
    buckets: usize,
}

/// Event `i`'s distinct terms with their strongest place.
fn terms_of(t: &Timeline, i: usize) -> Result<Vec<(String, Strength)>, Diagnostic> {
    let te = &t.events[i];
    let e = &te.event;
    // Room for a typical event's distinct words, so the map is not grown
    // and rehashed several times per event.
    let mut found: HashMap<String, Strength> =
        HashMap::with_capacity_and_hasher(256, Default::default());
    let mut add = |text: &str, s: Strength| {
        words::words(text, |w| match found.get_mut(w) {
            // A word met again allocates nothing.
            Some(at) => *at = (*at).max(s),
            None => {
                found.insert(w.to_string(), s);
            }
        });
    };
    add(&e.title, Strength::Title);
    add(&e.summary_text, Strength::Named);
    for (slugs, groups) in [(&te.actors, &t.actors), (&te.theatres, &t.theatres)] {
        for slug in slugs {
            if let Some(g) = groups.get(slug) {
                add(&g.entity.name, Strength::Named);
                for alias in &g.entity.aliases {
                    add(alias, Strength::Named);
                }
            }
        }
    }
    for slug in &te.tags {
        if let Some(tag) = t.tags.get(slug) {
            add(&tag.name, Strength::Named);
        }
    }
    for s in &e.sources {
        for text in [&s.title, &s.publisher, &s.quote].into_iter().flatten() {
            add(text, Strength::Other);
        }
    }
    let body = e.body_text()?;
    crate::markdown::each_text(&body, |text| add(text, Strength::Other));
    // In any order: each term's postings grow in event order whatever the
    // order of an event's terms, and `write` sorts the terms.
    Ok(found.into_iter().collect())
}

impl Index {
    pub(super) fn build(t: &Timeline) -> Result<Index, Diagnostic> {
        let too_many = || {
            Diagnostic::error(
                Code::Io,
                "the search index numbers events in 30 bits: more than 1,073,741,823 events",
            )
        };
        let mut postings: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        for start in (0..t.events.len()).step_by(BATCH) {
            let end = (start + BATCH).min(t.events.len());
            let batch: Vec<Vec<(String, Strength)>> = (start..end)
                .into_par_iter()
                .map(|i| terms_of(t, i))
                .collect::<Result<_, _>>()?;
            for (i, terms) in (start..end).zip(batch) {
                let n = u32::try_from(i)
                    .ok()
                    .filter(|n| *n < 1 << 30)
                    .ok_or_else(too_many)?;
                for (term, s) in terms {
                    let value = n << 2 | s as u32;
                    match postings.get_mut(term.as_str()) {
                        Some(list) => list.push(value),
                        None => {
                            postings.insert(term.into_boxed_str(), vec![value]);
                        }
                    }
                }
            }
        }
        Ok(Index {
            postings,
            buckets: buckets(t.events.len()),
        })
    }

    /// One file per bucket, empty buckets included, so that the list of
    /// files depends only on the number of events.
    pub(super) fn write(&self, sink: &dyn Sink) -> Vec<Result<(), Diagnostic>> {
        let mut by_bucket: Vec<Vec<&str>> = vec![Vec::new(); self.buckets];
        for term in self.postings.keys() {
            by_bucket[words::bucket(term, self.buckets)].push(term);
        }
        by_bucket
            .into_par_iter()
            .enumerate()
            .map(|(n, mut terms)| {
                terms.sort_unstable();
                let route = Route::Search(SearchFile::Terms(n));
                sink.put(&route.file(), &self.bucket_json(&terms))
                    .map_err(|e| io(&route, e))
            })
            .collect()
    }

    /// `{"term":[…],…}`: each term's numbers as differences, the first
    /// from 0, each `(event − previous event) << 2 | strength`.
    fn bucket_json(&self, terms: &[&str]) -> Vec<u8> {
        let mut out = b"{".to_vec();
        for (k, term) in terms.iter().enumerate() {
            if k > 0 {
                out.extend_from_slice(b",\n");
            }
            // A term is letters and digits only, but JSON escaping is the
            // serialiser's job.
            let _ = serde_json::to_writer(&mut out, term);
            out.extend_from_slice(b":[");
            let mut before = 0u32;
            for (j, &v) in self.postings.get(*term).into_iter().flatten().enumerate() {
                if j > 0 {
                    out.push(b',');
                }
                let event = v >> 2;
                let delta = u64::from(event - before) << 2 | u64::from(v & 3);
                out.extend_from_slice(delta.to_string().as_bytes());
                before = event;
            }
            out.push(b']');
        }
        out.extend_from_slice(b"}\n");
        out
    }
}
