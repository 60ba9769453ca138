//! Stage 4: every file the site will have: its path, its template and which slice
//! of the timeline it shows. A pure function of the model and the configuration,
//! so that build, `build --check` and determinism all rest on one list.

use crate::model::Timeline;
use crate::parse::config::{Config, Order};
use crate::slug::Slug;

/// What a page shows. List pages carry the indexes of their own events only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageKind {
    Index,
    Event(usize),
    Actors,
    Actor(Slug),
    Theatres,
    Theatre(Slug),
    Tags,
    Tag(Slug),
    Years,
    Year(i32),
    NotFound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub current: usize,
    pub total: usize,
    /// Site-relative URL of the first page.
    pub base: String,
}

impl Pager {
    /// Site-relative URL of page `n` (1-based).
    pub fn url(&self, n: usize) -> String {
        page_url(&self.base, n)
    }
}

fn page_url(base: &str, n: usize) -> String {
    if n <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{n}/")
    }
}

#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    pub template: &'static str,
    /// Site-relative URL (`events/x/`, empty for the home page).
    pub url: String,
    /// Output file, relative to the output folder.
    pub file: String,
    /// Events shown on this page (list pages), in display order.
    pub events: Vec<usize>,
    pub pager: Option<Pager>,
}

/// Plans every HTML page. Sitemap, robots.txt, statics and assets are planned
/// by the writer from this list.
pub fn pages(t: &Timeline, config: &Config) -> Vec<Page> {
    let mut pages = Vec::new();
    let all: Vec<usize> = (0..t.events.len()).collect();
    paginate(&mut pages, PageKind::Index, "index.html", "", &all, config);
    for (i, e) in t.events.iter().enumerate() {
        let url = format!("events/{}/", e.event.slug);
        pages.push(single(PageKind::Event(i), "event.html", url));
    }
    pages.push(single(PageKind::Actors, "actors.html", "actors/".into()));
    for (slug, g) in &t.actors {
        let url = format!("actors/{slug}/");
        paginate(
            &mut pages,
            PageKind::Actor(slug.clone()),
            "actor.html",
            &url,
            &g.events,
            config,
        );
    }
    pages.push(single(
        PageKind::Theatres,
        "theatres.html",
        "theatres/".into(),
    ));
    for (slug, g) in &t.theatres {
        let url = format!("theatres/{slug}/");
        paginate(
            &mut pages,
            PageKind::Theatre(slug.clone()),
            "theatre.html",
            &url,
            &g.events,
            config,
        );
    }
    pages.push(single(PageKind::Tags, "tags.html", "tags/".into()));
    for (slug, tag) in &t.tags {
        let url = format!("tags/{slug}/");
        paginate(
            &mut pages,
            PageKind::Tag(slug.clone()),
            "tag.html",
            &url,
            &tag.events,
            config,
        );
    }
    pages.push(single(PageKind::Years, "years.html", "years/".into()));
    for (year, events) in &t.years {
        let url = format!("years/{}/", year_segment(*year));
        paginate(
            &mut pages,
            PageKind::Year(*year),
            "year.html",
            &url,
            events,
            config,
        );
    }
    pages.push(Page {
        kind: PageKind::NotFound,
        template: "404.html",
        url: "404.html".into(),
        file: "404.html".into(),
        events: Vec::new(),
        pager: None,
    });
    pages
}

/// `2023`, `0000`, `-0043`: the year as EDTF writes it, safe in a path.
pub fn year_segment(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", -(year as i64))
    } else {
        format!("{year:04}")
    }
}

fn single(kind: PageKind, template: &'static str, url: String) -> Page {
    Page {
        kind,
        template,
        file: format!("{url}index.html"),
        url,
        events: Vec::new(),
        pager: None,
    }
}

/// One page per `paginate_by` events: `url`, then `url/page/2/`, …
fn paginate(
    pages: &mut Vec<Page>,
    kind: PageKind,
    template: &'static str,
    url: &str,
    events: &[usize],
    config: &Config,
) {
    let ordered: Vec<usize> = match config.order {
        Order::Ascending => events.to_vec(),
        Order::Descending => events.iter().rev().copied().collect(),
    };
    let per = if config.paginate_by == 0 {
        ordered.len().max(1)
    } else {
        config.paginate_by
    };
    let chunks: Vec<&[usize]> = if ordered.is_empty() {
        vec![&[][..]]
    } else {
        ordered.chunks(per).collect()
    };
    let total = chunks.len();
    for (n, chunk) in chunks.into_iter().enumerate() {
        let page_url = page_url(url, n + 1);
        pages.push(Page {
            kind: kind.clone(),
            template,
            file: format!("{page_url}index.html"),
            url: page_url,
            events: chunk.to_vec(),
            pager: (total > 1).then(|| Pager {
                current: n + 1,
                total,
                base: url.to_string(),
            }),
        });
    }
}
