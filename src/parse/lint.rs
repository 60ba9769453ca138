//! Warnings about one valid event: things a reviewer should look at, which do
//! not stop a build (unless `annals.yaml` or `--deny-warnings` says so).

use crate::diagnostic::{Code, Diagnostic};
use crate::load::frontmatter::FrontMatter;
use crate::parse::event::{Event, ImageSrc};
use crate::yaml::steps;

/// Titles longer than this are hard to scan in a timeline.
pub(crate) const MAX_TITLE: usize = 120;
/// Images larger than this slow every page that shows them.
pub(crate) const MAX_IMAGE_BYTES: u64 = 2 * 1024 * 1024;

/// The warnings of one event. W303 ("in the future") is computed only when
/// `today` is given: `annals check` gives it; everything else must not depend
/// on the date it runs on.
pub(crate) fn event(
    fm: &FrontMatter,
    e: &Event,
    today: Option<chrono::NaiveDate>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut warn = |code: Code, span, message: String, hint: &str| {
        out.push(
            Diagnostic::warning(code, message)
                .in_file(&e.file)
                .at(span)
                .with_hint(hint),
        );
    };
    // A file whose sources are all invalid has its errors; "no sources"
    // would only repeat them.
    if e.sources.is_empty() && !fm.has(&steps!["sources", 0]) {
        warn(
            Code::NoSources,
            e.title_span.as_deref().cloned(),
            format!("event `{}` has no sources", e.slug),
            "add `sources:` with at least a `publisher`, so readers can check the claim",
        );
    }
    let mut seen_urls: Vec<String> = Vec::new();
    for (s, &item) in e.sources.iter().zip(&e.source_items) {
        let label = s
            .publisher
            .as_deref()
            .or(s.title.as_deref())
            .unwrap_or_default();
        if s.url.is_none() && s.archive.is_none() {
            warn(
                Code::SourceWithoutUrl,
                fm.value_span(&steps![
                    "sources",
                    item,
                    if s.publisher.is_some() {
                        "publisher"
                    } else {
                        "title"
                    }
                ]),
                format!("source `{label}` has no `url` or `archive`"),
                "add the article's address, or an archived copy, if there is one; never invent one",
            );
        }
        for (field, url) in [("url", s.url.as_deref()), ("archive", s.archive.as_deref())]
            .into_iter()
            .filter_map(|(k, u)| Some((k, u?)))
        {
            let key = same_url_key(url);
            let earlier = seen_urls.iter().filter(|u| **u == key).count();
            if earlier > 0 {
                warn(
                    Code::DuplicateSourceUrl,
                    fm.value_span(&steps!["sources", item, field]),
                    format!("source `{url}` is listed twice"),
                    "remove the second entry",
                );
            }
            seen_urls.push(key);
        }
    }
    // Whole days in UTC: an event on `today` is not in the future, whatever
    // its hour, and an open start (`../2030`) is judged by its end.
    if let Some(today) = today.filter(|today| {
        e.date
            .earliest_utc()
            .or(e.date.latest_utc())
            .is_some_and(|d| {
                d.days()
                    > crate::date::Moment::from_chrono(today.and_time(chrono::NaiveTime::MIN))
                        .days()
            })
    }) {
        warn(
            Code::FutureDate,
            e.date_span.as_deref().cloned(),
            format!("`{}` is in the future (today is {today})", e.date.iso()),
            "check the year; a planned event is better marked as such in its title",
        );
    }
    let length = e.title.chars().count();
    if length > MAX_TITLE {
        warn(
            Code::LongTitle,
            e.title_span.as_deref().cloned(),
            format!("the title is {length} characters long (over {MAX_TITLE})"),
            "keep the title to one short line and move detail to `summary` or the body",
        );
    }
    if let Some(ImageSrc::File(rel)) = e.image.as_ref().map(|i| &i.src) {
        let path = e.path.parent().map(|d| d.join(rel)).unwrap_or_default();
        if let Ok(meta) = std::fs::metadata(&path) {
            if meta.len() > MAX_IMAGE_BYTES {
                warn(
                    Code::LargeImage,
                    fm.value_span(&steps!["image", "src"]),
                    format!(
                        "image `{}` is {:.1} MB",
                        rel.display(),
                        meta.len() as f64 / 1_048_576.0
                    ),
                    "resize or compress it to under 2 MB; every reader downloads it",
                );
            }
        }
    }
    out
}

/// URLs that differ only in the case of scheme and host, or a trailing `/`,
/// name the same page.
fn same_url_key(url: &str) -> String {
    let url = url.trim().trim_end_matches('/');
    match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            let host_end = rest.find('/').unwrap_or(rest.len());
            format!(
                "{}://{}{}",
                url[..i].to_ascii_lowercase(),
                rest[..host_end].to_ascii_lowercase(),
                &rest[host_end..]
            )
        }
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::same_url_key;

    #[test]
    fn urls_that_name_the_same_page_match() {
        assert_eq!(
            same_url_key("HTTPS://E.ORG/x"),
            same_url_key("https://e.org/x/")
        );
        assert_ne!(
            same_url_key("https://e.org/X"),
            same_url_key("https://e.org/x")
        );
    }
}
