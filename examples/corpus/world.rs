//! The cast: actors (about one per 50 events) and the 30 theatres, built once from
//! the seed and kept in memory; they are small next to the events.

use super::rng::Rng;
use super::text::{slugify, yaml_str};
use super::words::*;
use std::collections::HashSet;
use std::fmt::Write;

pub(crate) struct Actor {
    pub name: String,
    pub slug: String,
    pub alias: String,
    pub kind: &'static str,
    pub side: Option<usize>,
    /// Whether `content/actors/<slug>.md` is written (about a third are).
    pub has_file: bool,
}

pub(crate) struct Theatre {
    pub name: String,
    pub slug: String,
    pub alias: String,
    /// Index of the parent region in `World::theatres`.
    pub parent: Option<usize>,
    pub location: Option<(f64, f64)>,
}

pub(crate) struct World {
    pub actors: Vec<Actor>,
    pub theatres: Vec<Theatre>,
    /// Indices of the sub-theatres (those with a parent).
    pub subs: Vec<usize>,
    /// Indices of the regions.
    pub regions: Vec<usize>,
}

const SALT_ACTORS: u64 = 1;
const SALT_THEATRES: u64 = 2;

/// Names and aliases already taken, compared as annals does (lowercase) and by slug.
#[derive(Default)]
struct Taken(HashSet<String>);

impl Taken {
    fn free(&self, s: &str) -> bool {
        !self.0.contains(&s.to_lowercase()) && !self.0.contains(&slugify(s))
    }
    fn take(&mut self, s: &str) {
        self.0.insert(s.to_lowercase());
        self.0.insert(slugify(s));
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn acronym(name: &str) -> String {
    name.split_whitespace()
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_ascii_uppercase())
        .collect()
}

/// The first of `candidates` that is free, else the last one numbered until free.
fn first_free(taken: &Taken, candidates: &[String]) -> String {
    for c in candidates {
        if taken.free(c) {
            return c.clone();
        }
    }
    let base = candidates.last().expect("a candidate");
    (2..)
        .map(|n| format!("{base} {n}"))
        .find(|c| taken.free(c))
        .expect("some number is free")
}

impl World {
    pub(crate) fn new(seed: u64, events: usize) -> World {
        let theatres = theatres(seed);
        let subs = (0..theatres.len())
            .filter(|&i| theatres[i].parent.is_some())
            .collect();
        let regions = (0..theatres.len())
            .filter(|&i| theatres[i].parent.is_none())
            .collect();
        World {
            actors: actors(seed, (events / 50).max(12)),
            theatres,
            subs,
            regions,
        }
    }

    /// An actor index, skewed so that a few actors appear in many events, as in a
    /// real timeline, and most in a few.
    pub(crate) fn pick_actor(&self, rng: &mut Rng) -> usize {
        let u = rng.unit();
        ((u * u * self.actors.len() as f64) as usize).min(self.actors.len() - 1)
    }
}

fn actors(seed: u64, count: usize) -> Vec<Actor> {
    let mut rng = Rng::stream(seed, SALT_ACTORS, 0);
    let mut taken = Taken::default();
    let mut out: Vec<Actor> = Vec::with_capacity(count);
    let mut unit_number = 0;
    for i in 0..count {
        // The four sides are themselves actors (states), first so they are the
        // most frequent.
        let kind = if i < SIDES.len() {
            "state"
        } else {
            ["person", "unit", "organisation", "other"][rng.weighted(&[50, 32, 12, 6])]
        };
        let side = match kind {
            "state" => Some(i),
            "organisation" if rng.chance(300) => None,
            _ => Some(rng.below(SIDES.len())),
        };
        let side_name = side.map(|s| SIDES[s]).unwrap_or("Neutral");
        let (name, alias) = match kind {
            "state" => {
                let name = side_name.to_string();
                taken.take(&name);
                let alias = first_free(&taken, &[format!("Republic of {name}")]);
                (name, alias)
            }
            "person" => {
                let (first, first_cyr) = *rng.pick(&FIRST_NAMES);
                let (last, last_cyr) = *rng.pick(&SURNAMES);
                let mut name = format!("{first} {last}");
                let mut cyr = format!("{first_cyr} {last_cyr}");
                while !taken.free(&name) {
                    let (second, second_cyr) = *rng.pick(&SURNAMES);
                    name = format!("{first} {last}-{second}");
                    cyr = format!("{first_cyr} {last_cyr}-{second_cyr}");
                    if !taken.free(&name) {
                        let n = rng.range(2, 999);
                        name = format!("{first} {last} {n}");
                        cyr = format!("{first_cyr} {last_cyr} {n}");
                    }
                }
                taken.take(&name);
                // Half the people are also known by their name in Cyrillic, which
                // transliterates to their own slug; the others by rank and surname.
                let surname = name.split_once(' ').map(|(_, s)| s).unwrap_or(&name);
                let rank = rng.pick(&[
                    "General",
                    "Colonel",
                    "Major",
                    "Minister",
                    "Governor",
                    "Commander",
                ]);
                let alias = if rng.chance(500) && !taken.0.contains(&cyr.to_lowercase()) {
                    cyr
                } else {
                    first_free(
                        &taken,
                        &[format!("{rank} {surname}"), format!("{surname} {first}")],
                    )
                };
                (name, alias)
            }
            "unit" => {
                unit_number += rng.range(1, 3);
                let (ty, abbr) = *rng.pick(&UNIT_TYPES);
                let name = first_free(&taken, &[format!("{} {ty}", ordinal(unit_number))]);
                taken.take(&name);
                let alias = first_free(&taken, &[format!("{abbr}-{unit_number}")]);
                (name, alias)
            }
            "organisation" => {
                let base = format!("{} {}", rng.pick(&ORG_ADJECTIVES), rng.pick(&ORG_NOUNS));
                let name = first_free(&taken, &[base.clone(), format!("{side_name} {base}")]);
                taken.take(&name);
                let alias = first_free(&taken, &[acronym(&name)]);
                (name, alias)
            }
            _ => {
                let place = rng.pick(&SUB_THEATRES);
                let what = rng.pick(&OTHER_ACTORS);
                let name = first_free(&taken, &[format!("{place} {what}")]);
                taken.take(&name);
                let alias = first_free(&taken, &[format!("{what} of {place}")]);
                (name, alias)
            }
        };
        taken.take(&alias);
        out.push(Actor {
            slug: slugify(&name),
            name,
            alias,
            kind,
            side,
            has_file: i % 3 == 0,
        });
    }
    out
}

fn theatres(seed: u64) -> Vec<Theatre> {
    let mut rng = Rng::stream(seed, SALT_THEATRES, 0);
    let mut out = Vec::with_capacity(REGIONS.len() * 5);
    for (r, (name, alias)) in REGIONS.iter().enumerate() {
        let parent = out.len();
        out.push(Theatre {
            name: name.to_string(),
            slug: slugify(name),
            alias: alias.to_string(),
            parent: None,
            location: None,
        });
        // Regions lie side by side; their sub-theatres within a degree or two.
        let (lat0, lon0) = (46.0 + (r / 3) as f64 * 3.0, 24.0 + (r % 3) as f64 * 5.0);
        for sub in &SUB_THEATRES[r * 4..r * 4 + 4] {
            let lat = lat0 + rng.below(30_000) as f64 / 10_000.0;
            let lon = lon0 + rng.below(50_000) as f64 / 10_000.0;
            let alias = if rng.chance(500) {
                format!("{sub} sector")
            } else {
                format!("{sub} area")
            };
            out.push(Theatre {
                name: sub.to_string(),
                slug: slugify(sub),
                alias,
                parent: Some(parent),
                location: Some((lat, lon)),
            });
        }
    }
    out
}

/// `content/actors/<slug>.md`.
pub(crate) fn actor_file(world: &World, a: &Actor, out: &mut String) {
    out.clear();
    out.push_str("---\nname: ");
    yaml_str(out, &a.name);
    out.push_str("\naliases: [");
    yaml_str(out, &a.alias);
    out.push_str("]\nkind: ");
    out.push_str(a.kind);
    if let Some(s) = a.side {
        out.push_str("\naffiliation: ");
        out.push_str(SIDES[s]);
    }
    out.push_str("\n---\n");
    actor_description(world, a, out);
}

pub(crate) fn actor_description(_world: &World, a: &Actor, out: &mut String) {
    let side = a.side.map(|s| SIDES[s]).unwrap_or("no side");
    let _ = match a.kind {
        "person" => writeln!(
            out,
            "{} is a synthetic public figure aligned with {side}, quoted in reports about the fighting.",
            a.name
        ),
        "unit" => writeln!(
            out,
            "The {} is a synthetic formation of {side}, also listed as {}.",
            a.name, a.alias
        ),
        "state" => writeln!(
            out,
            "{} is one of the four invented sides of this synthetic timeline.",
            a.name
        ),
        _ => writeln!(
            out,
            "The {} ({}) is a synthetic {} associated with {side}.",
            a.name, a.alias, a.kind
        ),
    };
}

/// `content/theatres/<slug>.md`.
pub(crate) fn theatre_file(world: &World, t: &Theatre, out: &mut String) {
    out.clear();
    out.push_str("---\nname: ");
    yaml_str(out, &t.name);
    out.push_str("\naliases: [");
    yaml_str(out, &t.alias);
    out.push(']');
    if let Some(p) = t.parent {
        out.push_str("\nparent: ");
        out.push_str(&world.theatres[p].slug);
    }
    if let Some((lat, lon)) = t.location {
        let _ = write!(
            out,
            "\nlocation:\n  name: {}\n  lat: {lat:.4}\n  lon: {lon:.4}",
            t.name
        );
    }
    out.push_str("\n---\n");
    theatre_description(world, t, out);
}

pub(crate) fn theatre_description(world: &World, t: &Theatre, out: &mut String) {
    let _ = match t.parent {
        Some(p) => writeln!(
            out,
            "An invented area within the {}, where much of this synthetic fighting takes place.",
            world.theatres[p].name
        ),
        None => writeln!(
            out,
            "One of the six invented regions of this synthetic timeline ({}).",
            t.alias
        ),
    };
}
