//! The one owner of URLs and output paths (SPEC §7). Every page, feed and data
//! file gets its site-relative path from a [`Route`]; no other module formats
//! one. A new page kind or variant (embed pages) is a variant here, and the
//! compiler points at every `match` that must learn it.
//!
//! Knows nothing of `base_url`: `parse::config::BaseUrl` turns a route's path
//! into a link or an absolute URL.

use crate::slug::Slug;
use serde::Serialize;
use std::fmt;

/// The kinds of group a timeline has: each has an index page (`/actors/`) and a
/// page per member (`/actors/<slug>/`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Kind {
    Actor,
    Theatre,
    Tag,
    Year,
    Period,
}

impl Kind {
    pub(crate) const ALL: [Kind; 5] = [
        Kind::Actor,
        Kind::Theatre,
        Kind::Tag,
        Kind::Year,
        Kind::Period,
    ];

    /// The URL section and the name of the index page's template (`actors`).
    pub(crate) fn section(self) -> &'static str {
        match self {
            Kind::Actor => "actors",
            Kind::Theatre => "theatres",
            Kind::Tag => "tags",
            Kind::Year => "years",
            Kind::Period => "periods",
        }
    }

    /// The name of a member page's template and view variable (`actor`).
    pub(crate) fn singular(self) -> &'static str {
        match self {
            Kind::Actor => "actor",
            Kind::Theatre => "theatre",
            Kind::Tag => "tag",
            Kind::Year => "year",
            Kind::Period => "period",
        }
    }
}

/// One member of a group kind: a stable identity, derived from slugs and
/// years, never from a position in the timeline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum GroupId {
    Actor(Slug),
    Theatre(Slug),
    Tag(Slug),
    Year(i32),
    Period(Slug),
}

impl GroupId {
    pub(crate) fn kind(&self) -> Kind {
        match self {
            GroupId::Actor(_) => Kind::Actor,
            GroupId::Theatre(_) => Kind::Theatre,
            GroupId::Tag(_) => Kind::Tag,
            GroupId::Year(_) => Kind::Year,
            GroupId::Period(_) => Kind::Period,
        }
    }

    /// The member's path segment: its slug, or the year as EDTF writes it.
    pub(crate) fn segment(&self) -> String {
        match self {
            GroupId::Actor(s) | GroupId::Theatre(s) | GroupId::Tag(s) | GroupId::Period(s) => {
                s.to_string()
            }
            GroupId::Year(y) => year_segment(*y),
        }
    }
}

/// `2023`, `0000`, `-0043`: a year as EDTF writes it, safe in a path.
pub(crate) fn year_segment(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", -i64::from(year))
    } else {
        format!("{year:04}")
    }
}

/// A list that can run over several pages: the timeline, or one group's events.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum ListId {
    Timeline,
    Group(GroupId),
}

/// The name of a list's compact data file, beside its embed page.
pub(crate) const EMBED_DATA: &str = "data.json";

/// What an embed page (SPEC §8) shows: the first events of a list, or one
/// event as a card.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Embeddable {
    List(ListId),
    Event(Slug),
}

impl Embeddable {
    /// The full page this embeds (a list's first page).
    pub(crate) fn full(&self) -> Route {
        match self {
            Embeddable::List(list) => Route::List(list.clone(), 1),
            Embeddable::Event(slug) => Route::Event(slug.clone()),
        }
    }

    /// The full page's path without its final `/`, `index` for the home
    /// page: what names its oEmbed response and its fragment
    /// (`actors/ivan-popov`), and what the loader's `data-annals-embed` takes.
    pub(crate) fn name(&self) -> String {
        let path = self.full().path();
        match path.strip_suffix('/') {
            Some(p) => p.to_string(),
            None => "index".to_string(),
        }
    }
}

/// The feed formats written per list (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum FeedFormat {
    Atom,
    Json,
}

/// The site-wide data files of SPEC §7.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum DataFile {
    Calendar,
    EventsJson,
    /// The JSON Schema of `events.json`, written with it.
    EventsSchema,
    EventsCsv,
    TimelineJs,
    Sitemap,
    Robots,
    /// The embed loader (SPEC §8), for host pages.
    EmbedLoader,
    /// The stylesheet every embed page links, written once for the site.
    EmbedStyle,
    /// The script every embed page loads (heights, pym.js, `?theme=`,
    /// filters), written once for the site.
    EmbedScript,
    /// The file that marks a folder as annals' output (`output::MARKER`).
    Marker,
}

impl DataFile {
    fn name(self) -> &'static str {
        match self {
            DataFile::Calendar => "calendar.ics",
            DataFile::EventsJson => "events.json",
            DataFile::EventsSchema => "events.schema.json",
            DataFile::EventsCsv => "events.csv",
            DataFile::TimelineJs => "timelinejs.json",
            DataFile::Sitemap => "sitemap.xml",
            DataFile::Robots => "robots.txt",
            DataFile::EmbedLoader => "embed.js",
            // Beside the embed pages, not at the root: `/embed.js` is the
            // host's loader. No list's embed folder can be named like them.
            DataFile::EmbedStyle => "embed/style.css",
            DataFile::EmbedScript => "embed/page.js",
            DataFile::Marker => crate::output::MARKER,
        }
    }
}

/// Every output file of a site.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Route {
    /// Page `n` (1-based) of a list: `/`, `/page/2/`, `/actors/x/page/3/`.
    List(ListId, usize),
    /// `/events/<slug>/`.
    Event(Slug),
    /// A file beside an event's page: `/events/<slug>/<name>` (`name` is
    /// `/`-separated and checked by `write::safe_relative` when written).
    EventAsset(Slug, String),
    /// `/actors/`, `/theatres/`, `/tags/`, `/years/`, `/periods/`.
    Section(Kind),
    /// The site's feed (`None`) or a group's.
    Feed(Option<GroupId>, FeedFormat),
    Data(DataFile),
    /// `/404.html`.
    NotFound,
    /// A theme's or site's static file, by its `/`-separated name.
    Static(String),
    /// Part `n` (1-based) of a sitemap too long for one file
    /// (`sitemap-1.xml`); `sitemap.xml` is then the index of the parts.
    SitemapPart(usize),
    /// The embeddable version of a page: `/embed/`, `/embed/actors/<slug>/`,
    /// `/embed/events/<slug>/`.
    Embed(Embeddable),
    /// The compact data of a list's whole slice, beside its embed page, read
    /// by the page's script when a filter is set: `/embed/…/data.json`.
    EmbedData(ListId),
    /// The static oEmbed response for an embeddable page:
    /// `/oembed/actors/<slug>.json`, `/oembed/index.json`.
    OEmbed(Embeddable),
    /// A list's markup alone, for hosts that include HTML server-side:
    /// `/fragments/actors/<slug>.html`.
    Fragment(ListId),
    /// A file of the site-wide search index (SPEC §7), under `/search/`.
    Search(SearchFile),
}

/// A value the search index files events under, beside the groups: one file
/// of event numbers per value (`/search/facets/status/confirmed.json`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Facet {
    /// An actor, theatre, tag or period (never a year: the date range covers it).
    Group(GroupId),
    Status(crate::parse::event::Status),
}

impl Facet {
    /// The query parameter the theme's search form uses for this facet.
    pub(crate) fn param(&self) -> &'static str {
        match self {
            Facet::Group(id) => id.kind().singular(),
            Facet::Status(_) => "status",
        }
    }

    fn value(&self) -> String {
        match self {
            Facet::Group(id) => id.segment(),
            Facet::Status(s) => s.as_str().to_string(),
        }
    }
}

/// The files of the search index. Numbers are positions in the index's own
/// layout (chunks of events in timeline order, hash buckets of terms), which
/// the index's `meta.json` describes with [`SearchFile::patterns`].
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum SearchFile {
    /// What a script reads first: sizes, facets with names and counts, the
    /// layout of the other files.
    Meta,
    /// The date span of each chunk of events, read for a date range.
    Dates,
    /// Chunk `n` of the events' records.
    Docs(usize),
    /// Bucket `n` of terms with the events they occur in.
    Terms(usize),
    Facet(Facet),
}

impl SearchFile {
    const FOLDER: &'static str = "search/";

    /// How a script finds each kind of file, relative to `meta.json`'s
    /// folder: `{n}` is a chunk or bucket number, `{facet}` and `{value}` a
    /// facet's parameter and value. Written from the same code as the paths.
    pub(crate) fn patterns() -> [(&'static str, String); 4] {
        let relative = |f: fn(&mut String)| {
            let mut out = String::new();
            f(&mut out);
            out
        };
        [
            ("dates", relative(|o| o.push_str("dates.json"))),
            ("docs", relative(|o| Self::numbered(o, "docs", "{n}"))),
            ("terms", relative(|o| Self::numbered(o, "terms", "{n}"))),
            (
                "facet",
                relative(|o| Self::facet_path(o, "{facet}", "{value}")),
            ),
        ]
    }

    fn numbered(out: &mut String, folder: &str, n: &str) {
        use fmt::Write;
        let _ = write!(out, "{folder}/{n}.json");
    }

    fn facet_path(out: &mut String, param: &str, value: &str) {
        use fmt::Write;
        let _ = write!(out, "facets/{param}/{value}.json");
    }

    fn write_path(&self, out: &mut String) {
        out.push_str(Self::FOLDER);
        match self {
            SearchFile::Meta => out.push_str("meta.json"),
            SearchFile::Dates => out.push_str("dates.json"),
            SearchFile::Docs(n) => Self::numbered(out, "docs", &n.to_string()),
            SearchFile::Terms(n) => Self::numbered(out, "terms", &n.to_string()),
            SearchFile::Facet(f) => Self::facet_path(out, f.param(), &f.value()),
        }
    }

    /// The folder every search file is in, as `plan::affected` names it
    /// when it cannot say which of its files an edit reaches.
    pub(crate) fn folder() -> &'static str {
        Self::FOLDER
    }

    /// The terms' folder, as [`SearchFile::folder`].
    pub(crate) fn terms_folder() -> String {
        let mut out = Self::FOLDER.to_string();
        out.push_str("terms/");
        out
    }
}

/// The link pattern of a kind of page for scripts: the path `make` gives,
/// with `{slug}` where the slug goes (`actors/{slug}/`).
pub(crate) fn slug_pattern(make: impl Fn(Slug) -> Route) -> String {
    // A placeholder no real path can be confused with: it is matched as a
    // whole segment between two slashes.
    const HOLE: &str = "annals-slug-placeholder";
    match Slug::from_name(HOLE) {
        Some(hole) => make(hole).path().replace(&format!("{HOLE}/"), "{slug}/"),
        None => unreachable!("`{HOLE}` is a slug"),
    }
}

impl Route {
    /// The first page of a group's list.
    pub(crate) fn group(id: GroupId) -> Route {
        Route::List(ListId::Group(id), 1)
    }

    pub(crate) fn event(slug: &Slug) -> Route {
        Route::Event(slug.clone())
    }

    /// The path relative to the site's root, as links use it: pages end in `/`
    /// (empty for the home page), files are named.
    pub(crate) fn path(&self) -> String {
        let mut out = String::new();
        self.write_path(&mut out);
        out
    }

    /// The output file, relative to the output folder.
    pub(crate) fn file(&self) -> String {
        let mut out = self.path();
        if self.is_page() {
            out.push_str("index.html");
        }
        out
    }

    /// Whether this route is an HTML page written as `<path>/index.html`.
    pub(crate) fn is_page(&self) -> bool {
        matches!(
            self,
            Route::List(..) | Route::Event(_) | Route::Section(_) | Route::Embed(_)
        )
    }

    fn write_path(&self, out: &mut String) {
        use fmt::Write;
        let group = |out: &mut String, id: &GroupId| {
            let _ = write!(out, "{}/{}/", id.kind().section(), id.segment());
        };
        match self {
            Route::List(list, page) => {
                if let ListId::Group(id) = list {
                    group(out, id);
                }
                if *page > 1 {
                    let _ = write!(out, "page/{page}/");
                }
            }
            Route::Event(slug) => {
                let _ = write!(out, "events/{slug}/");
            }
            Route::EventAsset(slug, name) => {
                let _ = write!(out, "events/{slug}/{name}");
            }
            Route::Section(kind) => {
                let _ = write!(out, "{}/", kind.section());
            }
            Route::Feed(id, format) => {
                if let Some(id) = id {
                    group(out, id);
                }
                out.push_str(match format {
                    FeedFormat::Atom => "atom.xml",
                    FeedFormat::Json => "feed.json",
                });
            }
            Route::Data(file) => out.push_str(file.name()),
            Route::NotFound => out.push_str("404.html"),
            Route::Static(name) => out.push_str(name),
            Route::SitemapPart(n) => {
                let _ = write!(out, "sitemap-{n}.xml");
            }
            Route::Embed(of) => {
                out.push_str("embed/");
                of.full().write_path(out);
            }
            Route::EmbedData(list) => {
                out.push_str("embed/");
                Route::List(list.clone(), 1).write_path(out);
                out.push_str(EMBED_DATA);
            }
            Route::OEmbed(of) => {
                let _ = write!(out, "oembed/{}.json", of.name());
            }
            Route::Fragment(list) => {
                let name = Embeddable::List(list.clone()).name();
                let _ = write!(out, "fragments/{name}.html");
            }
            Route::Search(file) => file.write_path(out),
        }
    }
}

/// A filtered view of the timeline: the index page with the query the
/// site-wide search restores its state from (`?actor=x&from=2023-07&to=2023-07`;
/// SPEC §7). Charts link their segments, bars and cells to one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Filter {
    /// `(key, value)` in the order written: `actor`, `theatre`, `tag`,
    /// `period` (slugs), `from`, `to` (EDTF years, months or days).
    pairs: Vec<(&'static str, String)>,
}

impl Filter {
    /// The view of one group's events (a year's is its dates: `None`).
    pub(crate) fn of_group(id: &GroupId) -> Filter {
        let mut f = Filter::default();
        match id {
            GroupId::Actor(s) => f.pairs.push(("actor", s.to_string())),
            GroupId::Theatre(s) => f.pairs.push(("theatre", s.to_string())),
            GroupId::Tag(s) => f.pairs.push(("tag", s.to_string())),
            GroupId::Period(s) => f.pairs.push(("period", s.to_string())),
            GroupId::Year(_) => {}
        }
        f
    }

    /// The same view narrowed to one more group.
    pub(crate) fn and_group(mut self, id: &GroupId) -> Filter {
        self.pairs.extend(Filter::of_group(id).pairs);
        self
    }

    /// The same view narrowed to the events whose span overlaps `[from, to]`.
    pub(crate) fn span(mut self, from: &str, to: &str) -> Filter {
        self.pairs.push(("from", from.to_string()));
        self.pairs.push(("to", to.to_string()));
        self
    }

    /// The index's path with the query, `?actor=x&from=2023`; values
    /// percent-encoded beyond `[A-Za-z0-9-._~]` (slugs and EDTF need none).
    /// Escape it for HTML (`&`) where it goes into an attribute.
    pub(crate) fn path(&self) -> String {
        let mut out = Route::List(ListId::Timeline, 1).path();
        for (n, (k, v)) in self.pairs.iter().enumerate() {
            out.push(if n == 0 { '?' } else { '&' });
            out.push_str(k);
            out.push('=');
            for b in v.bytes() {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    out.push(char::from(b));
                } else {
                    use fmt::Write;
                    let _ = write!(out, "%{b:02X}");
                }
            }
        }
        out
    }
}

impl fmt::Display for Route {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug(s: &str) -> Slug {
        Slug::from_name(s).expect("a slug")
    }

    #[test]
    fn every_kind_of_route_has_the_path_and_file_of_spec_7() {
        let cases = [
            (Route::List(ListId::Timeline, 1), "", "index.html"),
            (
                Route::List(ListId::Timeline, 3),
                "page/3/",
                "page/3/index.html",
            ),
            (Route::event(&slug("x")), "events/x/", "events/x/index.html"),
            (
                Route::EventAsset(slug("x"), "a/b.jpg".into()),
                "events/x/a/b.jpg",
                "events/x/a/b.jpg",
            ),
            (
                Route::Section(Kind::Theatre),
                "theatres/",
                "theatres/index.html",
            ),
            (
                Route::group(GroupId::Actor(slug("ivan-popov"))),
                "actors/ivan-popov/",
                "actors/ivan-popov/index.html",
            ),
            (
                Route::List(ListId::Group(GroupId::Year(-43)), 2),
                "years/-0043/page/2/",
                "years/-0043/page/2/index.html",
            ),
            (
                Route::Feed(Some(GroupId::Theatre(slug("z"))), FeedFormat::Atom),
                "theatres/z/atom.xml",
                "theatres/z/atom.xml",
            ),
            (
                Route::Feed(None, FeedFormat::Json),
                "feed.json",
                "feed.json",
            ),
            (Route::Data(DataFile::Sitemap), "sitemap.xml", "sitemap.xml"),
            (
                Route::Data(DataFile::EventsSchema),
                "events.schema.json",
                "events.schema.json",
            ),
            (Route::NotFound, "404.html", "404.html"),
            (Route::Data(DataFile::EmbedLoader), "embed.js", "embed.js"),
            (
                Route::Data(DataFile::EmbedStyle),
                "embed/style.css",
                "embed/style.css",
            ),
            (
                Route::Data(DataFile::EmbedScript),
                "embed/page.js",
                "embed/page.js",
            ),
        ];
        for (route, path, file) in cases {
            assert_eq!(route.path(), path, "{route:?}");
            assert_eq!(route.file(), file, "{route:?}");
        }
    }

    #[test]
    fn years_keep_their_edtf_spelling() {
        assert_eq!(year_segment(2023), "2023");
        assert_eq!(year_segment(0), "0000");
        assert_eq!(year_segment(-43), "-0043");
        assert_eq!(year_segment(i32::MIN), "-2147483648");
    }
}
