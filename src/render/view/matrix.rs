//! Who acts where, how often: the actor × theatre matrix of `/actors/`.

use crate::model::Timeline;
use crate::parse::config::BaseUrl;
use crate::render::i18n::Strings;
use crate::route::{Filter, GroupId, Route};
use crate::slug::Slug;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

type Groups = BTreeMap<Slug, crate::model::Group>;

/// The most actors (rows) and theatres (columns) the matrix names; the rest
/// of each are folded into an "others" row and column.
pub(crate) const ACTORS: usize = 30;
pub(crate) const THEATRES: usize = 20;

/// The actor × theatre matrix: how many events name both an actor and a
/// theatre, for the most active of each (by the number of events that name
/// them, ties by slug); the others folded into a last row and column.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MatrixView {
    /// The columns: theatres, then `others` when any theatre is folded.
    pub theatres: Vec<MatrixHead>,
    /// One row per actor, then `others` when any actor is folded.
    pub rows: Vec<MatrixRow>,
    /// The largest count of a cell.
    pub max: usize,
}

/// A row's or column's heading.
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MatrixHead {
    /// The actor's or theatre's name; empty for the others.
    pub name: String,
    /// Link to its page; none for the others.
    pub url: Option<String>,
    /// Whether this is the others' row or column (the theme names it, `t.others`).
    pub others: bool,
}

#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MatrixRow {
    /// The row's actor, or the others.
    pub actor: MatrixHead,
    /// One cell per column of `theatres`, in their order.
    pub cells: Vec<MatrixCell>,
}

/// The events that name the row's actor and the column's theatre (for the
/// others, any of them).
#[derive(Debug, Clone, Serialize, JsonSchema)]
pub(crate) struct MatrixCell {
    /// How many events name both, each counted once.
    pub count: usize,
    /// Its shade, 0 (none) to 5, on a logarithmic scale of `max`.
    pub level: usize,
    /// The cell in words, for its tooltip: `Ivan Popov in Kyiv: 12 events`
    /// (the theme's `matrix_cell`, the others named `t.others`).
    pub title: String,
    /// The filtered view of those events (`?actor=a&theatre=t`; a cell of the
    /// others filters by its one known side); none for an empty cell and
    /// for the others × others.
    pub url: Option<String>,
}

/// The matrix, or `None` when no event names both an actor and a theatre.
pub(crate) fn matrix(t: &Timeline, base: &BaseUrl, strings: &Strings) -> Option<MatrixView> {
    let busiest = |slugs: &mut dyn Iterator<Item = &Slug>, most: usize| {
        let mut counts: HashMap<&Slug, usize> = HashMap::new();
        for s in slugs {
            *counts.entry(s).or_default() += 1;
        }
        let mut ranked: Vec<(&Slug, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
        let folded = ranked.len() > most;
        let shown: Vec<Slug> = ranked
            .into_iter()
            .take(most)
            .map(|(s, _)| s.clone())
            .collect();
        (shown, folded)
    };
    let (actors, more_actors) = busiest(&mut t.events.iter().flat_map(|e| &e.actors), ACTORS);
    // A theatre counts its sub-theatres' events, as on its page and in the
    // search its cells link to (`?theatre=`), so a cell's number is what
    // its link finds.
    let within: Vec<Vec<Slug>> = (0..t.events.len()).map(|i| t.theatres_within(i)).collect();
    let (theatres, more_theatres) = busiest(&mut within.iter().flatten(), THEATRES);
    let row_of: HashMap<&Slug, usize> = actors.iter().enumerate().map(|(i, s)| (s, i)).collect();
    let col_of: HashMap<&Slug, usize> = theatres.iter().enumerate().map(|(i, s)| (s, i)).collect();
    let (rows, cols) = (
        actors.len() + usize::from(more_actors),
        theatres.len() + usize::from(more_theatres),
    );
    let mut counts = vec![vec![0usize; cols]; rows];
    let mut any = false;
    for (e, within) in t.events.iter().zip(&within) {
        // Each event once per cell, however many of its actors fold into "others".
        let mut r: Vec<usize> = e
            .actors
            .iter()
            .map(|s| row_of.get(s).copied().unwrap_or(actors.len()))
            .collect();
        let mut c: Vec<usize> = within
            .iter()
            .map(|s| col_of.get(s).copied().unwrap_or(theatres.len()))
            .collect();
        r.sort_unstable();
        r.dedup();
        c.sort_unstable();
        c.dedup();
        for &i in &r {
            for &j in &c {
                counts[i][j] += 1;
                any = true;
            }
        }
    }
    if !any {
        return None;
    }
    let max = counts.iter().flatten().copied().max().unwrap_or(0);
    let head = |slug: Option<&Slug>, id: fn(Slug) -> GroupId, groups: &Groups| match slug {
        Some(s) => MatrixHead {
            name: groups
                .get(s)
                .map_or_else(|| s.to_string(), |g| g.entity.name.clone()),
            url: Some(base.link(&Route::group(id(s.clone())).path())),
            others: false,
        },
        None => MatrixHead {
            name: String::new(),
            url: None,
            others: true,
        },
    };
    let theatre_heads: Vec<MatrixHead> = (0..cols)
        .map(|j| head(theatres.get(j), GroupId::Theatre, &t.theatres))
        .collect();
    let others = strings.get("others", &[]);
    let named = |h: &MatrixHead| {
        if h.others {
            others.clone()
        } else {
            h.name.clone()
        }
    };
    let rows = counts
        .iter()
        .enumerate()
        .map(|(i, counts)| {
            let actor = head(actors.get(i), GroupId::Actor, &t.actors);
            MatrixRow {
                cells: counts
                    .iter()
                    .enumerate()
                    .map(|(j, &count)| {
                        let mut filter = None;
                        for id in [
                            actors.get(i).cloned().map(GroupId::Actor),
                            theatres.get(j).cloned().map(GroupId::Theatre),
                        ]
                        .into_iter()
                        .flatten()
                        {
                            filter = Some(filter.unwrap_or_else(Filter::default).and_group(&id));
                        }
                        MatrixCell {
                            title: strings.get(
                                "matrix_cell",
                                &[
                                    ("actor", &named(&actor)),
                                    ("theatre", &named(&theatre_heads[j])),
                                    ("count", &strings.count(count as u64, "event")),
                                ],
                            ),
                            count,
                            level: crate::render::chart::shade(count, max),
                            url: filter.filter(|_| count > 0).map(|f| base.link(&f.path())),
                        }
                    })
                    .collect(),
                actor,
            }
        })
        .collect();
    Some(MatrixView {
        theatres: theatre_heads,
        rows,
        max,
    })
}
