//! The HTTP side of `serve`: the files the snapshot lists (a path it does not
//! list is never opened, so no request can reach a byte outside the output),
//! the reload client and its event stream.

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
    pub changes: broadcast::Sender<super::state::Sent>,
    /// The site's path below the host (`/` or `/war/`), from `base_url`.
    pub base_path: String,
    /// Told when the files being written again after an edit are done.
    pub ready: Arc<tokio::sync::Notify>,
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
/// place, so a reload always gets the new page. A page too slow to take
/// them (more than the channel holds) skips to the present: it is told
/// whether its file changed since the last message it got.
async fn events(
    State(app): State<App>,
    Query(q): Query<Since>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let stream = messages(&app, q).map(|data| Ok(Event::default().event("state").data(data)));
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// The messages of one page's event stream.
fn messages(app: &App, q: Since) -> impl Stream<Item = String> {
    let receiver = app.changes.subscribe();
    let (first, now) = {
        let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
        (s.message(&stale(&s, &q.file, q.since)), s.version)
    };
    let mut seen = now;
    let snapshot = app.snapshot.clone();
    let later = tokio_stream::wrappers::BroadcastStream::new(receiver).map(move |m| match m {
        Ok(sent) => {
            seen = sent.version;
            sent.message
        }
        Err(tokio_stream::wrappers::errors::BroadcastStreamRecvError::Lagged(_)) => {
            let s = snapshot.read().unwrap_or_else(|e| e.into_inner());
            let message = s.message(&stale(&s, &q.file, Some(seen)));
            seen = s.version;
            message
        }
    });
    tokio_stream::once(first).chain(later)
}

/// `file`, if it changed after version `since`.
fn stale(s: &Snapshot, file: &Option<String>, since: Option<u64>) -> Vec<String> {
    match (file, since) {
        (Some(f), Some(since)) if s.changed_since(f, since) => vec![f.clone()],
        _ => Vec::new(),
    }
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
        Err(Refused::NotFound) => return not_found(&app).await,
    };
    let (output, etag, version) = loop {
        // Made before looking, so that a notification in between is not lost.
        let ready = app.ready.notified();
        match look(&app, raw, &path) {
            Look::Wait => ready.await,
            Look::Respond(r) => return r,
            Look::NotFound => return not_found(&app).await,
            Look::File(output, etag, version) => break (output, etag, version),
        }
    };
    let html = path.ends_with(".html");
    let etag = if html {
        format!("{}-{version}\"", etag.trim_end_matches('"'))
    } else {
        etag
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
    let Ok(bytes) = tokio::fs::read(output.path.join(&path)).await else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the file could not be read",
        );
    };
    let body: Body = if html {
        inject(&bytes, &app.base_path, version).into()
    } else {
        bytes.into()
    };
    respond(StatusCode::OK, &path, body, Some(etag))
}

/// What the snapshot says of a request's file.
enum Look {
    /// Being written again: wait until it is current.
    Wait,
    Respond(Response),
    NotFound,
    /// In this folder, with this tag, in this version of the site.
    File(Arc<super::store::Output>, String, u64),
}

fn look(app: &App, raw: &str, path: &str) -> Look {
    let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
    // No good build yet: a page that lists the errors, and reloads once fixed.
    if s.files.is_empty() && !s.errors.is_empty() {
        let page = error_page(&s.errors);
        return Look::Respond(respond(
            StatusCode::INTERNAL_SERVER_ERROR,
            "errors.html",
            inject(page.as_bytes(), &app.base_path, s.version).into(),
            None,
        ));
    }
    if s.pending.contains(path) {
        return Look::Wait;
    }
    match (s.files.get(path), &s.output) {
        (Some(f), Some(output)) => Look::File(output.clone(), f.etag.clone(), s.version),
        // `events/x` for the folder `events/x/`.
        _ if !raw.ends_with('/') && s.files.contains_key(&format!("{path}/index.html")) => {
            Look::Respond(redirect(&format!("{raw}/")))
        }
        _ => Look::NotFound,
    }
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
async fn not_found(app: &App) -> Response {
    let found = {
        let s = app.snapshot.read().unwrap_or_else(|e| e.into_inner());
        match (s.files.get("404.html"), &s.output) {
            (Some(_), Some(output)) => Some((output.clone(), s.version)),
            _ => None,
        }
    };
    let Some((output, version)) = found else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    match tokio::fs::read(output.path.join("404.html")).await {
        Ok(bytes) => respond(
            StatusCode::NOT_FOUND,
            "404.html",
            inject(&bytes, &app.base_path, version).into(),
            None,
        ),
        Err(_) => plain(StatusCode::NOT_FOUND, "not found"),
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
    fn a_page_that_falls_behind_is_told_whether_its_file_changed() {
        let snapshot = Arc::new(RwLock::new(Snapshot::default()));
        let (changes, _) = broadcast::channel(4);
        let app = App {
            snapshot: snapshot.clone(),
            changes: changes.clone(),
            base_path: "/".into(),
            ready: Arc::new(tokio::sync::Notify::new()),
        };
        let tags = |t: &str| {
            [("index.html", t), ("other.html", t)]
                .into_iter()
                .map(|(p, t)| (p.to_string(), t.to_string()))
                .collect()
        };
        let first = snapshot.write().unwrap().replace(
            super::super::store::Output {
                path: std::path::PathBuf::new(),
            },
            tags("a"),
        );
        assert_eq!(first.len(), 2);
        let q = Since {
            since: Some(1),
            file: Some("index.html".into()),
        };
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            let stream = messages(&app, q);
            tokio::pin!(stream);
            let now = stream.next().await.unwrap();
            assert!(now.contains(r#""changed":[]"#), "{now}");
            // Ten rebuilds while the page reads nothing: the channel keeps four.
            for k in 0..10 {
                let mut s = snapshot.write().unwrap();
                let changed = s.overlay(
                    [("other.html".to_string(), format!("o{k}"))]
                        .into_iter()
                        .collect(),
                );
                let _ = changes.send(s.sent(&changed));
            }
            {
                let mut s = snapshot.write().unwrap();
                let changed = s.overlay(
                    [("index.html".to_string(), "b".to_string())]
                        .into_iter()
                        .collect(),
                );
                let _ = changes.send(s.sent(&changed));
            }
            let skipped = stream.next().await.unwrap();
            assert!(
                skipped.contains(r#""changed":["index.html"]"#),
                "the page learns its file changed in what it missed: {skipped}"
            );
        });
    }

    #[test]
    fn a_file_being_written_again_is_sent_once_it_is_current() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("events.json"), "old").unwrap();
        let snapshot = Arc::new(RwLock::new(Snapshot::default()));
        let ready = Arc::new(tokio::sync::Notify::new());
        let app = App {
            snapshot: snapshot.clone(),
            changes: broadcast::channel(4).0,
            base_path: "/".into(),
            ready: ready.clone(),
        };
        snapshot.write().unwrap().replace(
            super::super::store::Output {
                path: dir.path().to_path_buf(),
            },
            [("events.json".to_string(), "a".to_string())]
                .into_iter()
                .collect(),
        );
        snapshot
            .write()
            .unwrap()
            .pending
            .insert("events.json".into());
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async {
            let uri: Uri = "/events.json".parse().unwrap();
            let asked = tokio::spawn(file(State(app), uri, HeaderMap::new()));
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            assert!(!asked.is_finished(), "the request waits");
            std::fs::write(dir.path().join("events.json"), "new").unwrap();
            snapshot.write().unwrap().pending.clear();
            ready.notify_waiters();
            let response = asked.await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let body = axum::body::to_bytes(response.into_body(), 1 << 20)
                .await
                .unwrap();
            assert_eq!(&body[..], b"new");
        });
        // The folder belongs to the test: keep the snapshot from removing it.
        std::mem::forget(snapshot.write().unwrap().output.take());
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
