//! `annals.yaml`: the site configuration (SPEC §6). Every key has a default.

use crate::date::Lang;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::frontmatter;
use crate::parse::fields::Fields;
use crate::yaml::{self, Value};
use serde::Serialize;
use std::path::Path;

pub(crate) const CONFIG_FILE: &str = "annals.yaml";

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "timezone",
    "theme",
    "order",
    "paginate_by",
    "feeds",
    "unsafe_html",
    "extra",
    "check",
    "embed",
    "limits",
];

/// Keys of `embed:` (SPEC §8).
const EMBED_KEYS: &[&str] = &["max_events", "fragments"];

/// How embed pages are made (SPEC §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EmbedConfig {
    /// The most events an embed page shows of its slice.
    pub max_events: usize,
    /// Whether `/fragments/…` are written.
    pub fragments: bool,
}

impl Default for EmbedConfig {
    fn default() -> Self {
        EmbedConfig {
            max_events: 100,
            fragments: false,
        }
    }
}

/// Keys of `check:`, which turns warnings into errors for a site's reviews.
pub(crate) const CHECK_KEYS: &[&str] = &["require_sources", "require_source_urls", "deny_warnings"];

/// Which warnings a site treats as errors.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct CheckPolicy {
    /// W301 (an event without sources) is an error.
    pub require_sources: bool,
    /// W302 (a source without `url` or `archive`) is an error.
    pub require_source_urls: bool,
    /// Every warning is an error.
    pub deny_warnings: bool,
}

impl CheckPolicy {
    /// Raises the warnings this policy forbids to errors.
    pub(crate) fn apply(&self, diagnostics: &mut [Diagnostic]) {
        use crate::diagnostic::{Code, Severity};
        for d in diagnostics
            .iter_mut()
            .filter(|d| d.severity == Severity::Warning)
        {
            let raise = self.deny_warnings
                || (self.require_sources && d.code == Code::NoSources)
                || (self.require_source_urls && d.code == Code::SourceWithoutUrl);
            if raise {
                d.severity = Severity::Error;
            }
        }
    }
}

/// Feeds and exports of SPEC §7 that a site can turn off one by one.
pub(crate) const FEEDS: &[&str] = &[
    "atom",
    "json_feed",
    "calendar",
    "events_json",
    "csv",
    "timelinejs",
    "search_index",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Order {
    Ascending,
    Descending,
}

/// Where the site is served: an absolute URL or a path prefix. Both forms end in `/`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct BaseUrl {
    /// `https://example.org`, or empty for a path-only base.
    pub origin: String,
    /// `/war/`: always starts and ends with `/`.
    pub path: String,
}

impl BaseUrl {
    pub(crate) fn parse(text: &str) -> Result<BaseUrl, InvalidBaseUrl> {
        let text = text.trim();
        // `//host/path` names a host without a scheme. Taken as a path it would
        // put every link under `/host/path/`, a site that exists nowhere.
        if let Some(rest) = text
            .strip_prefix("//")
            .filter(|rest| !rest.is_empty() && !rest.starts_with('/'))
        {
            return Err(InvalidBaseUrl {
                message: format!("`{text}` names a host but no scheme"),
                hint: format!("write `https://{rest}` (or a path such as `/war/`)"),
            });
        }
        let invalid = |message: String| InvalidBaseUrl {
            message,
            hint: "use a path such as `/war/` or a URL such as `https://example.org/war/`".into(),
        };
        let (origin, path) = if let Some(rest) = text
            .strip_prefix("https://")
            .map(|r| ("https://", r))
            .or_else(|| text.strip_prefix("http://").map(|r| ("http://", r)))
        {
            let (scheme, rest) = rest;
            let (host, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => (rest, "/"),
            };
            if host.is_empty() || host.contains(['?', '#', ' ']) {
                return Err(invalid(format!("`{text}` has no valid host")));
            }
            (format!("{scheme}{host}"), path.to_string())
        } else if text.contains("://") {
            return Err(invalid(format!("`{text}` must use http or https")));
        } else {
            (String::new(), text.to_string())
        };
        if path.contains(['?', '#', '"', '<', '>', '\\', ' ']) {
            return Err(invalid(format!(
                "`{text}` contains characters a URL path cannot hold"
            )));
        }
        let mut path = path.trim_matches('/').to_string();
        path = if path.is_empty() {
            "/".into()
        } else {
            format!("/{path}/")
        };
        Ok(BaseUrl { origin, path })
    }

    /// Whether absolute URLs can be made: sitemaps, feeds' links and oEmbed
    /// need them.
    pub(crate) fn has_origin(&self) -> bool {
        !self.origin.is_empty()
    }

    /// What the `url` filter makes of `value`: a site-relative path becomes a
    /// link (or, with `absolute`, an absolute URL where the origin is known);
    /// anything that is already an address is returned as written: a URI with
    /// a scheme (`mailto:`, `tel:`, `data:`, `https:`), a protocol-relative
    /// `//host/…`, a `#fragment`.
    pub(crate) fn href(&self, value: &str, absolute: bool) -> String {
        if value.starts_with('#') || value.starts_with("//") || has_scheme(value) {
            value.to_string()
        } else if absolute {
            self.absolute(value)
        } else {
            self.link(value)
        }
    }

    /// A site-relative path (`events/x/`) as a link: `/war/events/x/`.
    pub(crate) fn link(&self, path: &str) -> String {
        format!("{}{}", self.path, path.trim_start_matches('/'))
    }

    /// A site-relative path as an absolute URL when the origin is known.
    pub(crate) fn absolute(&self, path: &str) -> String {
        format!("{}{}", self.origin, self.link(path))
    }
}

/// Why a `base_url` was refused, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct InvalidBaseUrl {
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for InvalidBaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl InvalidBaseUrl {
    /// The usage error (exit status 2) for a refused `--base-url`.
    pub(crate) fn for_option(self) -> Diagnostic {
        Diagnostic::error(
            Code::Usage,
            format!("invalid `--base-url`: {}", self.message),
        )
        .with_hint(self.hint)
    }
}

/// Whether `value` starts with a URI scheme (RFC 3986 §3.1:
/// `ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"`). A relative path cannot
/// have a colon in its first segment (§4.2), so `events/a:b/` has none.
fn has_scheme(value: &str) -> bool {
    let Some((scheme, _)) = value.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub title: String,
    pub description: String,
    pub base_url: BaseUrl,
    pub language: String,
    pub lang: Lang,
    pub timezone: chrono_tz::Tz,
    pub theme: String,
    pub order: Order,
    pub paginate_by: usize,
    /// Enabled feeds, by the names in [`FEEDS`].
    pub feeds: Vec<String>,
    pub unsafe_html: bool,
    pub extra: serde_json::Value,
    pub check: CheckPolicy,
    pub embed: EmbedConfig,
    pub limits: crate::parse::limits::Limits,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: "Timeline".into(),
            description: String::new(),
            base_url: BaseUrl {
                origin: String::new(),
                path: "/".into(),
            },
            language: "en".into(),
            lang: Lang::new("en").expect("English is built in"),
            timezone: chrono_tz::UTC,
            theme: "default".into(),
            order: Order::Ascending,
            paginate_by: 100,
            feeds: FEEDS.iter().map(|s| s.to_string()).collect(),
            unsafe_html: false,
            extra: serde_json::Value::Object(Default::default()),
            check: CheckPolicy::default(),
            embed: EmbedConfig::default(),
            limits: Default::default(),
        }
    }
}

/// Reads `root/annals.yaml` if it exists. Problems are diagnostics; the returned
/// config always holds usable values (defaults where a key was wrong).
pub(crate) fn load(root: &Path, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let path = root.join(CONFIG_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Config::default(),
        Err(e) => {
            diagnostics.push(
                Diagnostic::error(Code::Io, format!("cannot read: {e}")).in_file(CONFIG_FILE),
            );
            return Config::default();
        }
    };
    parse(&text, Path::new(CONFIG_FILE), diagnostics)
}

pub(crate) fn parse(text: &str, file: &Path, diagnostics: &mut Vec<Diagnostic>) -> Config {
    let fm = frontmatter::whole_yaml(text);
    let mut config = Config::default();
    let Some(mut f) = Fields::parse(&fm, file, diagnostics) else {
        return config;
    };
    f.check_keys("annals.yaml", KEYS);
    if let Some(t) = f.string("title") {
        config.title = t;
    }
    if let Some(d) = f.string("description") {
        config.description = d;
    }
    if let Some(b) = f.string("base_url") {
        match BaseUrl::parse(&b) {
            Ok(b) => config.base_url = b,
            Err(e) => {
                f.error(
                    Code::Config,
                    "base_url",
                    format!("invalid `base_url`: {}", e.message),
                )
                .hint = Some(e.hint);
            }
        }
    }
    if let Some(l) = f.string("language") {
        match Lang::new(&l) {
            Some(lang) => {
                config.lang = lang;
                config.language = l;
            }
            None => {
                let span = f.span("language");
                f.push(
                    Diagnostic::warning(
                        Code::Fallback,
                        format!("no date names for language `{l}`; dates are shown in English"),
                    )
                    .at(span)
                    .with_hint(format!(
                        "languages with date names: {}",
                        Lang::codes().join(", ")
                    )),
                );
                config.language = l;
            }
        }
    }
    if let Some(tz) = f.string("timezone") {
        match tz.parse::<chrono_tz::Tz>() {
            Ok(tz) => config.timezone = tz,
            Err(_) => {
                f.error(
                    Code::Config,
                    "timezone",
                    format!("unknown time zone `{tz}`"),
                )
                .hint = Some(
                    "use an IANA name such as `UTC`, `Europe/Kyiv` or `America/New_York`".into(),
                );
            }
        }
    }
    if let Some(theme) = f.string("theme") {
        config.theme = theme;
    }
    if let Some(order) = f.string("order") {
        match order.as_str() {
            "ascending" => config.order = Order::Ascending,
            "descending" => config.order = Order::Descending,
            other => {
                f.error(
                    Code::Config,
                    "order",
                    format!("`order` must be `ascending` or `descending`, not `{other}`"),
                );
            }
        }
    }
    if let Some(n) = f.integer("paginate_by") {
        match usize::try_from(n) {
            Ok(n) => config.paginate_by = n,
            Err(_) => {
                f.error(
                    Code::Config,
                    "paginate_by",
                    "`paginate_by` must be 0 (no pagination) or more",
                );
            }
        }
    }
    if let Some(feeds) = f.get("feeds").cloned() {
        config.feeds = parse_feeds(&mut f, &feeds);
    }
    if let Some(b) = f.bool("unsafe_html") {
        config.unsafe_html = b;
    }
    if let Some(extra) = f.get("extra").cloned() {
        if extra.is_mapping() {
            config.extra = yaml::to_json(&extra);
        } else {
            f.wrong_type("extra", "a map", &extra);
        }
    }
    if let Some(check) = f.get("check").cloned() {
        config.check = parse_check(&mut f, &check);
    }
    if let Some(embed) = f.get("embed").cloned() {
        config.embed = parse_embed(&mut f, &embed);
    }
    if let Some(limits) = f.get("limits").cloned() {
        config.limits = crate::parse::limits::parse(&mut f, &limits);
    }
    diagnostics.extend(f.into_diagnostics());
    config
}

fn parse_embed(f: &mut Fields, value: &Value) -> EmbedConfig {
    let mut embed = EmbedConfig::default();
    let Value::Mapping(map) = value else {
        f.wrong_type("embed", "a map such as `{ max_events: 50 }`", value);
        return embed;
    };
    f.check_nested_keys(&crate::yaml::steps!["embed"], map, EMBED_KEYS);
    if let Some(v) = map.get("max_events") {
        match v.as_u64().filter(|n| (1..=10_000).contains(n)) {
            Some(n) => embed.max_events = n as usize,
            None => {
                let span = f.span_at(&crate::yaml::steps!["embed", "max_events"]);
                f.error_at(
                    Code::InvalidValue,
                    span,
                    format!(
                        "`embed.max_events` must be a whole number from 1 to 10000, {}",
                        crate::yaml::found(v)
                    ),
                );
            }
        }
    }
    if let Some(v) = map.get("fragments") {
        match v.as_bool() {
            Some(b) => embed.fragments = b,
            None => {
                let span = f.span_at(&crate::yaml::steps!["embed", "fragments"]);
                f.error_at(
                    Code::InvalidValue,
                    span,
                    format!(
                        "`embed.fragments` must be `true` or `false`, {}",
                        crate::yaml::found(v)
                    ),
                );
            }
        }
    }
    embed
}

fn parse_check(f: &mut Fields, value: &Value) -> CheckPolicy {
    let mut policy = CheckPolicy::default();
    let Value::Mapping(map) = value else {
        f.wrong_type("check", "a map such as `{ require_sources: true }`", value);
        return policy;
    };
    f.check_nested_keys(&crate::yaml::steps!["check"], map, CHECK_KEYS);
    for key in CHECK_KEYS {
        let Some(v) = map.get(*key) else { continue };
        let Some(b) = v.as_bool() else {
            let span = f.span_at(&crate::yaml::steps!["check", *key]);
            f.error_at(
                Code::InvalidValue,
                span,
                format!(
                    "`check.{key}` must be `true` or `false`, {}",
                    crate::yaml::found(v)
                ),
            );
            continue;
        };
        match *key {
            "require_sources" => policy.require_sources = b,
            "require_source_urls" => policy.require_source_urls = b,
            _ => policy.deny_warnings = b,
        }
    }
    policy
}

/// `feeds: false`, `feeds: true`, or a map `{atom: false, csv: true}`.
fn parse_feeds(f: &mut Fields, value: &Value) -> Vec<String> {
    let all = || FEEDS.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    match value {
        Value::Bool(true) => all(),
        Value::Bool(false) => Vec::new(),
        Value::Mapping(map) => {
            f.check_nested_keys(&crate::yaml::steps!["feeds"], map, FEEDS);
            FEEDS
                .iter()
                .filter(|name| !matches!(map.get(**name), Some(Value::Bool(false))))
                .map(|s| s.to_string())
                .collect()
        }
        other => {
            f.wrong_type("feeds", "`true`, `false` or a map of feed names", other);
            all()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        let b = BaseUrl::parse("https://example.org/war").unwrap();
        assert_eq!(b.origin, "https://example.org");
        assert_eq!(b.path, "/war/");
        assert_eq!(b.link("events/a/"), "/war/events/a/");
        assert_eq!(b.absolute(""), "https://example.org/war/");
        assert_eq!(BaseUrl::parse("/").unwrap().link("x/"), "/x/");
        assert_eq!(BaseUrl::parse("").unwrap().path, "/");
        assert_eq!(BaseUrl::parse("war").unwrap().path, "/war/");
        assert!(BaseUrl::parse("ftp://x/").is_err());
    }

    #[test]
    fn href_prefixes_only_site_paths() {
        let b = BaseUrl::parse("https://example.org/war/").unwrap();
        for kept in [
            "mailto:a@b.c",
            "tel:+380441234567",
            "data:image/png;base64,AA==",
            "https://example.net/",
            "HTTP://example.net/",
            "web+annals:x",
            "a.b-c+d:x",
            "//cdn.example.net/x.js",
            "#top",
        ] {
            assert_eq!(b.href(kept, false), kept);
            assert_eq!(b.href(kept, true), kept);
        }
        assert_eq!(b.href("events/a/", false), "/war/events/a/");
        assert_eq!(
            b.href("/events/a/", true),
            "https://example.org/war/events/a/"
        );
        // Not schemes: a colon after the first `/`, or after a character a
        // scheme cannot hold or start with.
        assert_eq!(b.href("events/a:b/", false), "/war/events/a:b/");
        assert_eq!(b.href("a_b:c", false), "/war/a_b:c");
        assert_eq!(b.href("1a:c", false), "/war/1a:c");
        assert_eq!(b.href(":x", false), "/war/:x");
        assert_eq!(b.href("", false), "/war/");
    }

    #[test]
    fn a_host_without_a_scheme_is_refused() {
        let e = BaseUrl::parse("//example.org/x/").unwrap_err();
        assert_eq!(e.message, "`//example.org/x/` names a host but no scheme");
        assert!(
            e.hint.starts_with("write `https://example.org/x/`"),
            "{}",
            e.hint
        );
        // Extra slashes before a path are still a path.
        assert_eq!(BaseUrl::parse("///war/").unwrap().path, "/war/");
        assert_eq!(BaseUrl::parse("//").unwrap().path, "/");

        let mut d = Vec::new();
        parse(
            "title: X\nbase_url: //example.org/x/\n",
            Path::new("annals.yaml"),
            &mut d,
        );
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, Code::Config);
        assert_eq!(
            d[0].span.as_ref().map(|s| (s.line, s.column)),
            Some((2, 11))
        );
        assert!(d[0]
            .hint
            .as_deref()
            .is_some_and(|h| h.contains("https://example.org/x/")));
    }

    #[test]
    fn unknown_keys_suggest() {
        let mut d = Vec::new();
        let c = parse(
            "titel: X\norder: descending\n",
            Path::new("annals.yaml"),
            &mut d,
        );
        assert_eq!(c.order, Order::Descending);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].hint.as_deref(), Some("did you mean `title`?"));
        assert_eq!(d[0].span.as_ref().unwrap().line, 1);
    }
}
