//! The HTTP side of `serve`: files from the snapshot (never from the disk, so
//! no request can reach a byte outside the output), the reload client and its
//! event stream.

use super::state::Snapshot;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::convert::Infallible;
use std::sync::{Arc, RwLock};
use tokio::sync::broadcast;
use tokio_stream::{Stream, StreamExt};

/// The reload client, served at `/__annals/live.js`.
const LIVE_JS: &str = include_str!("live.js");

/// Shared by every request.
#[derive(Clone)]
pub(crate) struct App {
    pub snapshot: Arc<RwLock<Snapshot>>,
    pub changes: broadcast::Sender<String>,
    /// The site's path below the host (`/` or `/war/`), from `base_url`.
    pub base_path: String,
}

pub(crate) fn router(app: App) -> Router {
    Router::new()
        .route("/__annals/live.js", get(live_js))
        .route("/__annals/events", get(events))
        .fallback(file)
        .with_state(app)
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        LIVE_JS,
    )
        .into_response()
}

#[derive(serde::Deserialize)]
struct Since {
    since: Option<u64>,
    file: Option<String>,
}

/// Server-sent events: first whether the asking page changed since it was
/// served, then one message per rebuild, each sent once the new site is in
/// place, so a reload always gets the new page.
async fn events(
    State(app): State<App>,
    Query(q): Query<Since>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let receiver = app.changes.subscribe();
    let first = {
        let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
        let stale: Vec<String> = match (&q.file, q.since) {
            (Some(f), Some(since)) if s.changed_since(f, since) => vec![f.clone()],
            _ => Vec::new(),
        };
        s.message(&stale)
    };
    let later = tokio_stream::wrappers::BroadcastStream::new(receiver).filter_map(|m| m.ok());
    let stream = tokio_stream::once(first)
        .chain(later)
        .map(|data| Ok(Event::default().event("state").data(data)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Why a request path names no file: malformed (400) or absent (404).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Refused {
    BadRequest,
    NotFound,
}

/// The output file a request path names, below `base` (`/war/`): decoded,
/// and refused when any segment could step outside the output (`..`, `.`,
/// a backslash, an encoded `/`, a NUL) or the path is not below `base`.
pub(crate) fn resolve(raw_path: &str, base: &str) -> Result<String, Refused> {
    let lower = raw_path.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return Err(Refused::BadRequest);
    }
    let decoded = percent_decode(raw_path).ok_or(Refused::BadRequest)?;
    if decoded.contains(['\\', '\0']) || !decoded.starts_with('/') {
        return Err(Refused::BadRequest);
    }
    let rest = decoded.strip_prefix(base).ok_or(Refused::NotFound)?;
    let mut segments = Vec::new();
    for segment in rest.split('/') {
        match segment {
            "." | ".." => return Err(Refused::BadRequest),
            "" => {}
            s => segments.push(s),
        }
    }
    let mut path = segments.join("/");
    if rest.is_empty() || rest.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// `%XX` sequences decoded as UTF-8; `None` when malformed.
fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn file(State(app): State<App>, uri: Uri, headers: HeaderMap) -> Response {
    let raw = uri.path();
    // The site lives below its path: the host's root leads there.
    if app.base_path != "/" && (raw == "/" || format!("{raw}/") == app.base_path) {
        return redirect(&app.base_path);
    }
    let path = match resolve(raw, &app.base_path) {
        Ok(p) => p,
        Err(Refused::BadRequest) => return plain(StatusCode::BAD_REQUEST, "bad request"),
        Err(Refused::NotFound) => return not_found(&app),
    };
    let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
    // No good build yet: a page that lists the errors, and reloads once fixed.
    if s.files.is_empty() && !s.errors.is_empty() {
        let page = error_page(&s.errors);
        return respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "errors.html",
            inject(page.as_bytes(), &app.base_path, s.version).into(),
            None,
        );
    }
    let Some(f) = s.files.get(&path) else {
        // `events/x` for the folder `events/x/`.
        if !raw.ends_with('/') && s.files.contains_key(&format!("{path}/index.html")) {
            return redirect(&format!("{raw}/"));
        }
        drop(s);
        return not_found(&app);
    };
    let html = path.ends_with(".html");
    let etag = if html {
        format!("{}-{}\"", f.etag.trim_end_matches('"'), s.version)
    } else {
        f.etag.clone()
    };
    if headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        return Response::builder()
            .status(StatusCode::NOT_MODIFIED)
            .header(header::ETAG, etag)
            .header(header::CACHE_CONTROL, "no-cache")
            .body(Body::empty())
            .unwrap_or_default();
    }
    let body: Body = if html {
        inject(&f.bytes, &app.base_path, s.version).into()
    } else {
        Body::from(axum::body::Bytes::from_owner(ArcBytes(f.bytes.clone())))
    };
    respond(StatusCode::OK, &path, body, Some(etag))
}

/// The page served while the site has never built: its errors, escaped.
fn error_page(errors: &[super::state::ErrorView]) -> String {
    let mut body = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>The site does not build</title>\n</head>\n<body>\n<h1>The site does not build</h1>\n<p>Fix these and save: this page reloads by itself.</p>\n",
    );
    for e in errors {
        body.push_str("<pre class=\"annals-serve-error\">");
        body.push_str(&crate::escape::html(&e.text));
        body.push_str("</pre>\n");
    }
    body.push_str("</body>\n</html>\n");
    body
}

/// An `Arc<[u8]>` as the bytes of a response body, without a copy.
struct ArcBytes(Arc<[u8]>);

impl AsRef<[u8]> for ArcBytes {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

fn respond(status: StatusCode, path: &str, body: Body, etag: Option<String>) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let mut content_type = mime.essence_str().to_string();
    if mime.type_() == mime_guess::mime::TEXT
        || matches!(
            mime.subtype().as_str(),
            "javascript" | "json" | "xml" | "svg"
        )
    {
        content_type.push_str("; charset=utf-8");
    }
    let mut builder = Response::builder()
        .status(status)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .header("x-content-type-options", "nosniff");
    if let Some(etag) = etag {
        builder = builder.header(header::ETAG, etag);
    }
    builder.body(body).unwrap_or_default()
}

/// The site's `404.html` with status 404, or plain text without one.
fn not_found(app: &App) -> Response {
    let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
    match s.files.get("404.html") {
        Some(f) => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            inject(&f.bytes, &app.base_path, s.version).into(),
            None,
        ),
        None => plain(StatusCode::NOT_FOUND, "not found"),
    }
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        text,
    )
        .into_response()
}

fn redirect(to: &str) -> Response {
    let mut r = StatusCode::FOUND.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The page with the reload client's `<script>` before `</head>` (or at the
/// end): `serve` adds it to what it sends, never to what `build` writes.
fn inject(html: &[u8], base: &str, version: u64) -> Vec<u8> {
    let tag = format!(
        "<script src=\"/__annals/live.js\" data-base=\"{}\" data-version=\"{version}\" defer></script>",
        crate::escape::html(base)
    );
    let at = find(html, b"</head>")
        .or_else(|| find(html, b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_below_the_base_and_never_outside() {
        assert_eq!(resolve("/war/", "/war/"), Ok("index.html".into()));
        assert_eq!(
            resolve("/war/events/a/", "/war/"),
            Ok("events/a/index.html".into())
        );
        assert_eq!(resolve("/war/style.css", "/war/"), Ok("style.css".into()));
        assert_eq!(resolve("/war/%D0%B0.html", "/war/"), Ok("а.html".into()));
        assert_eq!(resolve("/other/", "/war/"), Err(Refused::NotFound));
        for bad in [
            "/war/../etc/passwd",
            "/war/%2e%2e/etc/passwd",
            "/war/%2E%2E/%2E%2E/x",
            "/war/a%2fb",
            "/war/a%5cb",
            "/war/a\\b",
            "/war/%00",
            "/war/%zz",
            "/war/%ff",
            "/war/./x",
        ] {
            assert_eq!(resolve(bad, "/war/"), Err(Refused::BadRequest), "{bad}");
        }
    }

    #[test]
    fn the_client_goes_before_the_head_ends() {
        let out = inject(
            b"<html><head><title>x</title></head><body></body></html>",
            "/",
            3,
        );
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<html><head><title>x</title><script src=\"/__annals/live.js\" data-base=\"/\" data-version=\"3\" defer></script></head><body></body></html>"
        );
    }
}
