//! One event: drawn from its own generator, then written as an annals file and,
//! if asked, as Hugo content. Nothing here is kept after the files are written.

use super::rng::Rng;
use super::text::{slugify, yaml_list, yaml_str, Cast, Prose};
use super::words::*;
use super::world::World;
use std::fmt::Write;

const SALT_EVENTS: u64 = 3;

/// Events start in these years (an interval may end in the next).
pub(crate) const FIRST_YEAR: i32 = 2014;
pub(crate) const LAST_YEAR: i32 = 2025;

/// The year event `index` starts in, without drawing the rest of it: the first
/// number its generator gives (see `date`).
pub(crate) fn start_year(seed: u64, index: usize) -> i32 {
    let mut rng = Rng::stream(seed, SALT_EVENTS, index as u64);
    FIRST_YEAR + rng.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Ymd {
    pub y: i32,
    pub m: u32,
    pub d: u32,
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

impl Ymd {
    fn add_days(mut self, mut n: u32) -> Ymd {
        while n > 0 {
            let left = days_in_month(self.y, self.m) - self.d;
            if n <= left {
                self.d += n;
                break;
            }
            n -= left + 1;
            self.d = 1;
            self.m += 1;
            if self.m > 12 {
                self.m = 1;
                self.y += 1;
            }
        }
        self
    }

    fn add_months(mut self, n: u32) -> Ymd {
        let m0 = self.m - 1 + n;
        self.y += (m0 / 12) as i32;
        self.m = m0 % 12 + 1;
        self.d = self.d.min(days_in_month(self.y, self.m));
        self
    }

    fn day(self) -> String {
        format!("{:04}-{:02}-{:02}", self.y, self.m, self.d)
    }

    fn month(self) -> String {
        format!("{:04}-{:02}", self.y, self.m)
    }
}

pub(crate) struct Source {
    pub publisher: &'static str,
    pub date: String,
    pub url: Option<String>,
    pub title: Option<String>,
}

pub(crate) struct Event {
    pub slug: String,
    pub title: String,
    /// EDTF, as written in `date:`.
    pub date: String,
    /// The earliest day the date can denote.
    pub start: Ymd,
    /// `THH:MM:00+03:00` for timed events, for Hugo.
    pub time: Option<String>,
    pub actors: Vec<usize>,
    /// How each actor is named in the annals file: name, alias, slug or lowercase.
    pub actor_refs: Vec<String>,
    pub theatres: Vec<usize>,
    pub theatre_refs: Vec<String>,
    pub tags: Vec<&'static str>,
    pub status: &'static str,
    pub sources: Vec<Source>,
    pub weight: Option<usize>,
    pub summary: bool,
}

const STATUSES: [&str; 5] = ["reported", "claimed", "confirmed", "disputed", "denied"];
const STATUS_WEIGHTS: [usize; 5] = [50, 25, 15, 7, 3];

/// The date: mostly a day, sometimes coarser, timed, qualified, an interval or
/// with unspecified digits. Returns (EDTF, start, slug prefix, Hugo time).
fn date(rng: &mut Rng) -> (String, Ymd, String, Option<String>) {
    // Must stay the first draw: `start_year` relies on it.
    let y = FIRST_YEAR + rng.below((LAST_YEAR - FIRST_YEAR + 1) as usize) as i32;
    let m = rng.range(1, 12) as u32;
    let d = rng.range(1, days_in_month(y, m) as usize) as u32;
    let day = Ymd { y, m, d };
    let first = Ymd { y, m, d: 1 };
    let roll = rng.below(1000);
    match roll {
        0..30 => (
            format!("{y:04}"),
            Ymd { y, m: 1, d: 1 },
            format!("{y:04}"),
            None,
        ),
        30..130 => (first.month(), first, first.month(), None),
        130..180 => {
            let (hh, mm) = (rng.below(24), rng.below(60));
            let offset = *rng.pick(&["+03:00", "+03:00", "+03:00", "+02:00", "Z", "-05:00"]);
            (
                format!("{}T{hh:02}:{mm:02}{offset}", day.day()),
                day,
                day.day(),
                Some(format!("T{hh:02}:{mm:02}:00{offset}")),
            )
        }
        180..230 => {
            let q = ["~", "?", "%"][rng.weighted(&[45, 45, 10])];
            if rng.chance(600) {
                (format!("{}{q}", day.day()), day, day.day(), None)
            } else {
                (format!("{}{q}", first.month()), first, first.month(), None)
            }
        }
        230..310 => {
            if rng.chance(750) {
                let end = day.add_days(rng.range(1, 30) as u32);
                (format!("{}/{}", day.day(), end.day()), day, day.day(), None)
            } else {
                let end = first.add_months(rng.range(1, 5) as u32);
                (
                    format!("{}/{}", first.month(), end.month()),
                    first,
                    first.month(),
                    None,
                )
            }
        }
        310..320 => (format!("{}-XX", first.month()), first, first.month(), None),
        _ => (day.day(), day, day.day(), None),
    }
}

fn title(rng: &mut Rng, actor: &str, place: &str) -> String {
    let mut t = match rng.below(4) {
        0 => format!(
            "{actor} {} {} near {place}",
            rng.pick(&VERBS_PAST),
            rng.pick(&TITLE_OBJECTS)
        ),
        1 => format!(
            "{place}: {actor} {} {}",
            rng.pick(&VERBS_PAST),
            rng.pick(&TITLE_OBJECTS)
        ),
        2 => {
            let adj = rng.pick(&ADJECTIVES);
            let mut s = format!("{adj} {} {} {place}", rng.pick(&NOUNS), rng.pick(&VERBS));
            s[..1].make_ascii_uppercase();
            s
        }
        _ => format!(
            "{actor} says {} {} {} {place}",
            rng.pick(&TITLE_OBJECTS),
            rng.pick(&[
                "was hit",
                "was lost",
                "was taken",
                "held out",
                "was cleared"
            ]),
            rng.pick(&PREPOSITIONS)
        ),
    };
    if t.len() >= 100 {
        let cut = t[..99].rfind(' ').unwrap_or(99);
        t.truncate(cut);
    }
    t
}

impl Event {
    pub(crate) fn generate(world: &World, seed: u64, index: usize) -> (Event, Rng) {
        let mut rng = Rng::stream(seed, SALT_EVENTS, index as u64);
        let (date, start, prefix, time) = date(&mut rng);

        let mut actors = Vec::with_capacity(4);
        for _ in 0..rng.weighted(&[40, 35, 17, 8]) + 1 {
            let a = world.pick_actor(&mut rng);
            if !actors.contains(&a) {
                actors.push(a);
            }
        }
        let actor_refs = actors
            .iter()
            .map(|&a| {
                let actor = &world.actors[a];
                match (actor.has_file, rng.below(20)) {
                    (true, 0..=2) => actor.alias.clone(),
                    (true, 3 | 4) => actor.slug.clone(),
                    (_, 5) => actor.name.to_lowercase(),
                    _ => actor.name.clone(),
                }
            })
            .collect();

        let mut theatres = Vec::with_capacity(2);
        for _ in 0..rng.weighted(&[75, 25]) + 1 {
            let t = if rng.chance(850) {
                *rng.pick(&world.subs)
            } else {
                *rng.pick(&world.regions)
            };
            if !theatres.contains(&t) {
                theatres.push(t);
            }
        }
        let theatre_refs = theatres
            .iter()
            .map(|&t| {
                let theatre = &world.theatres[t];
                match rng.below(10) {
                    0 => theatre.alias.clone(),
                    1 => theatre.slug.clone(),
                    _ => theatre.name.clone(),
                }
            })
            .collect();

        let mut tags = Vec::with_capacity(3);
        for _ in 0..rng.weighted(&[25, 35, 25, 15]) {
            let t = *rng.pick(&TAGS);
            if !tags.contains(&t) {
                tags.push(t);
            }
        }

        let status = STATUSES[rng.weighted(&STATUS_WEIGHTS)];
        let title = title(
            &mut rng,
            &world.actors[actors[0]].name,
            &world.theatres[theatres[0]].name,
        );
        let words: Vec<&str> = title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() > 2)
            .take(4)
            .collect();
        let slug = format!(
            "{prefix}-{}-{index}",
            slugify(&words.join(" ")).trim_matches('-')
        );

        let mut sources = Vec::with_capacity(3);
        for k in 0..rng.weighted(&[50, 35, 15]) + 1 {
            let publisher = *rng.pick(&PUBLISHERS);
            let date = start.add_days(rng.below(5) as u32).day();
            let url = rng.chance(700).then(|| {
                format!(
                    "https://example.org/{}/{}/{:02}/{slug}-{k}",
                    slugify(publisher),
                    start.y,
                    start.m
                )
            });
            let title = rng.chance(500).then(|| {
                let mut t = format!(
                    "{} {} {}",
                    rng.pick(&ADJECTIVES),
                    rng.pick(&NOUNS),
                    rng.pick(&VERBS)
                );
                t[..1].make_ascii_uppercase();
                t
            });
            sources.push(Source {
                publisher,
                date,
                url,
                title,
            });
        }
        let weight = rng.chance(30).then(|| rng.range(1, 9));
        let summary = rng.chance(100);
        let event = Event {
            slug,
            title,
            date,
            start,
            time,
            actors,
            actor_refs,
            theatres,
            theatre_refs,
            tags,
            status,
            sources,
            weight,
            summary,
        };
        (event, rng)
    }

    /// The Markdown body: 150–400 words with headings, a list, links, emphasis and
    /// a blockquote. Continues the event's own generator.
    pub(crate) fn body(&self, world: &World, rng: &mut Rng, out: &mut String) {
        out.clear();
        let actors: Vec<&str> = self
            .actors
            .iter()
            .map(|&a| world.actors[a].name.as_str())
            .collect();
        let theatres: Vec<&str> = self
            .theatres
            .iter()
            .map(|&t| world.theatres[t].name.as_str())
            .collect();
        let cast = Cast {
            actors: &actors,
            theatres: &theatres,
            slug: &self.slug,
        };
        let target = rng.range(150, 400);
        let mut p = Prose {
            rng,
            cast: &cast,
            out,
            words: 0,
            glue: false,
        };
        let intro = p.rng.range(2, 3);
        p.paragraph(intro);
        p.heading(2);
        p.rich_paragraph();
        p.list();
        p.quote();
        let mut sub = false;
        while p.words < target {
            if !sub && p.rng.chance(300) {
                p.heading(3);
                sub = true;
            }
            for _ in 0..p.rng.range(2, 4) {
                p.sentence();
                if p.words >= target {
                    break;
                }
            }
            p.out.push_str("\n\n");
        }
        while p.out.ends_with('\n') {
            p.out.pop();
        }
        p.out.push('\n');
    }

    fn sources_yaml(&self, out: &mut String, indent: &str) {
        for s in &self.sources {
            let _ = write!(out, "{indent}- publisher: ");
            yaml_str(out, s.publisher);
            let _ = write!(out, "\n{indent}  date: {}\n", s.date);
            if let Some(url) = &s.url {
                let _ = writeln!(out, "{indent}  url: {url}");
            }
            if let Some(title) = &s.title {
                let _ = write!(out, "{indent}  title: ");
                yaml_str(out, title);
                out.push('\n');
            }
        }
    }

    /// The annals event file: front matter per SPEC §3, then `body`.
    pub(crate) fn annals_file(&self, body: &str, out: &mut String) {
        out.clear();
        out.push_str("---\ntitle: ");
        yaml_str(out, &self.title);
        out.push_str("\ndate: ");
        out.push_str(&self.date);
        out.push_str("\nactors: ");
        yaml_list(out, self.actor_refs.iter().map(String::as_str));
        out.push_str("\ntheatres: ");
        if self.theatre_refs.len() == 1 {
            yaml_str(out, &self.theatre_refs[0]);
        } else {
            yaml_list(out, self.theatre_refs.iter().map(String::as_str));
        }
        if !self.tags.is_empty() {
            out.push_str("\ntags: ");
            yaml_list(out, self.tags.iter().copied());
        }
        out.push_str("\nstatus: ");
        out.push_str(self.status);
        if self.summary {
            let first = body.split("\n\n").next().unwrap_or_default();
            let first = first.split(". ").next().unwrap_or(first);
            out.push_str("\nsummary: ");
            yaml_str(out, first.trim_end_matches('.'));
        }
        out.push_str("\nsources:\n");
        self.sources_yaml(out, "  ");
        if let Some(w) = self.weight {
            let _ = writeln!(out, "weight: {w}");
        }
        out.push_str("---\n");
        out.push_str(body);
    }

    /// The same event as Hugo content: taxonomies for actors, theatres (with their
    /// parent regions, as annals lists sub-theatres' events on a region's page),
    /// tags and years; status, sources and the EDTF date under `params`.
    pub(crate) fn hugo_file(&self, world: &World, body: &str, out: &mut String) {
        out.clear();
        out.push_str("---\ntitle: ");
        yaml_str(out, &self.title);
        out.push_str("\ndate: ");
        out.push_str(&self.start.day());
        if let Some(t) = &self.time {
            out.push_str(t);
        }
        let _ = write!(out, "\nyears: [\"{}\"]", self.start.y);
        out.push_str("\nactors: ");
        yaml_list(
            out,
            self.actors.iter().map(|&a| world.actors[a].name.as_str()),
        );
        let mut theatres: Vec<usize> = self.theatres.clone();
        for &t in &self.theatres {
            if let Some(p) = world.theatres[t].parent {
                if !theatres.contains(&p) {
                    theatres.push(p);
                }
            }
        }
        out.push_str("\ntheatres: ");
        yaml_list(
            out,
            theatres.iter().map(|&t| world.theatres[t].name.as_str()),
        );
        if !self.tags.is_empty() {
            out.push_str("\ntags: ");
            yaml_list(out, self.tags.iter().copied());
        }
        if let Some(w) = self.weight {
            let _ = write!(out, "\nweight: {w}");
        }
        out.push_str("\nparams:\n  edtf: ");
        yaml_str(out, &self.date);
        out.push_str("\n  status: ");
        out.push_str(self.status);
        out.push_str("\n  sources:\n");
        self.sources_yaml(out, "    ");
        out.push_str("---\n");
        out.push_str(body);
    }
}
