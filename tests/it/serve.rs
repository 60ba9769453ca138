//! `annals serve` (SPEC §10, issue 12): the binary is started on a free port
//! and spoken to over HTTP as a browser would.

use crate::support::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// A running `annals serve`, stopped when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`
    pub(crate) addr: String,
    /// The site's URL, as printed.
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn serve(site: &Path, extra: &[&str]) -> Server {
    serve_in(site, extra, &std::env::temp_dir())
}

/// As [`serve`], with `temp` as the temporary folder.
fn serve_in(site: &Path, extra: &[&str], temp: &Path) -> Server {
    let mut child = bin()
        .args(["serve", "--port", "0"])
        .args(extra)
        .env("TMPDIR", temp)
        .current_dir(site)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("annals serve starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("a first line");
    let url = line
        .split_whitespace()
        .nth(1)
        .unwrap_or_else(|| panic!("no URL in {line:?}"))
        .to_string();
    let addr = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap()
        .to_string();
    Server { child, addr, url }
}

/// Status, headers (lower-case names) and body of a GET of `target` sent as is.
pub(crate) fn get(addr: &str, target: &str) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("reads");
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a head");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(": "))
        .map(|(k, v)| (k.to_ascii_lowercase(), v.to_string()))
        .collect();
    (status, headers, raw[split + 4..].to_vec())
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Reads server-sent `data:` lines from `target` until one satisfies `done`
/// (or ten seconds pass), returning it.
fn wait_for_event(
    addr: &str,
    target: &str,
    act: impl FnOnce(),
    done: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut reader = BufReader::new(stream);
    let mut act = Some(act);
    let started = Instant::now();
    let mut line = String::new();
    while started.elapsed() < Duration::from_secs(10) {
        line.clear();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        if let Some(data) = line.trim_end().strip_prefix("data: ") {
            let v: serde_json::Value = serde_json::from_str(data).expect("JSON");
            // The first message says where the site is: act after it.
            if let Some(act) = act.take() {
                act();
                continue;
            }
            if done(&v) {
                return v;
            }
        }
    }
    panic!("no matching event from {target}");
}

/// The first server-sent message from `target`.
fn first_event(addr: &str, target: &str) -> serde_json::Value {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(stream, "GET {target} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    let reader = BufReader::new(stream);
    for line in reader.lines() {
        let line = line.expect("a line");
        if let Some(data) = line.strip_prefix("data: ") {
            return serde_json::from_str(data).expect("JSON");
        }
    }
    panic!("no event from {target}");
}

#[test]
fn serves_the_site_with_the_reload_client_only_in_responses() {
    let site = fixture("drafts");
    let server = serve(site.path(), &[]);
    assert_eq!(server.url, format!("http://{}/", server.addr));
    let (status, headers, body) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(header(&headers, "cache-control"), Some("no-cache"));
    let html = String::from_utf8(body).unwrap();
    assert!(html.contains("<script src=\"/__annals/live.js\" data-base=\"/\" data-version=\"1\" defer></script></head>"), "{html}");
    // Links point at the local address.
    assert!(
        !site.path().join("public").exists(),
        "serve never writes public/"
    );
    let (status, headers, _) = get(&server.addr, "/style.css");
    assert_eq!(status, 200);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/css; charset=utf-8")
    );
    let etag = header(&headers, "etag").unwrap().to_string();
    let mut stream = TcpStream::connect(&server.addr).unwrap();
    write!(
        stream,
        "GET /style.css HTTP/1.1\r\nHost: x\r\nIf-None-Match: {etag}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = String::new();
    stream.read_to_string(&mut raw).unwrap();
    assert!(raw.starts_with("HTTP/1.1 304"), "{raw}");
    // A folder without its slash is redirected; a missing page is the site's 404.
    let (status, headers, _) = get(&server.addr, "/events/published");
    assert_eq!(
        (status, header(&headers, "location")),
        (302, Some("/events/published/"))
    );
    let (status, _, body) = get(&server.addr, "/no/such/page/");
    assert_eq!(status, 404);
    assert!(
        String::from_utf8_lossy(&body).contains("<html"),
        "the site's 404.html"
    );
    // A build still writes no client.
    let public = build(site.path(), &[]);
    assert!(!read(&public.join("index.html")).contains("__annals"));
}

#[test]
fn no_request_reaches_outside_the_output() {
    let site = fixture("drafts");
    let server = serve(site.path(), &[]);
    for target in [
        "/../../../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
        "/events/..%5c..%5cannals.yaml",
        "/..\\annals.yaml",
        "/%00",
        "/%ff%fe",
    ] {
        let (status, _, body) = get(&server.addr, target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("root:") && !body.contains("title: Drafts"),
            "{target}: {body}"
        );
    }
    // Sources beside the output are not served either.
    let (status, _, _) = get(&server.addr, "/annals.yaml");
    assert_eq!(status, 404);
}

#[test]
fn the_base_path_is_kept_and_the_host_root_leads_there() {
    let site = fixture("drafts");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Drafts\nbase_url: https://example.org/war/\n",
    )
    .unwrap();
    let server = serve(site.path(), &[]);
    assert!(server.url.ends_with("/war/"), "{}", server.url);
    for target in ["/", "/war"] {
        let (status, headers, _) = get(&server.addr, target);
        assert_eq!(
            (status, header(&headers, "location")),
            (302, Some("/war/")),
            "{target}"
        );
    }
    let (status, _, body) = get(&server.addr, "/war/");
    assert_eq!(status, 200);
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains(&format!("href=\"{}", server.url)) || html.contains("href=\"/war/"),
        "links honour the local base"
    );
    assert!(!html.contains("example.org/war"), "the host is replaced");
}

#[test]
fn a_save_tells_open_pages_once_the_new_site_is_in_place_and_errors_show_until_fixed() {
    let site = fixture("drafts");
    let server = serve(site.path(), &[]);
    let event = site.path().join("content/events/published.md");
    let text = std::fs::read_to_string(&event).unwrap();
    let message = wait_for_event(
        &server.addr,
        "/__annals/events?since=1&file=events/published/index.html",
        || {
            std::fs::write(
                &event,
                text.replace("title: Published", "title: Published again"),
            )
            .unwrap()
        },
        |v| v["changed"].as_array().is_some_and(|c| !c.is_empty()),
    );
    let changed: Vec<&str> = message["changed"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        changed.contains(&"events/published/index.html"),
        "{changed:?}"
    );
    assert!(!changed.contains(&"style.css"), "{changed:?}");
    // The message came after the swap: the page asked for now is the new one.
    let (_, _, body) = get(&server.addr, "/events/published/");
    assert!(String::from_utf8_lossy(&body).contains("Published again"));
    // A page that changed since it was served is told so on connecting
    // (a rebuild may finish between the page and its event stream).
    let first = first_event(
        &server.addr,
        "/__annals/events?since=1&file=events/published/index.html",
    );
    assert_eq!(
        first["changed"],
        serde_json::json!(["events/published/index.html"])
    );
    let first = first_event(
        &server.addr,
        "/__annals/events?since=1&file=tags/index.html",
    );
    assert_eq!(first["changed"], serde_json::json!([]));
    // A broken save: the last good site stays, and the errors are sent.
    let bad = site.path().join("content/events/bad.md");
    let message = wait_for_event(
        &server.addr,
        "/__annals/events?since=9&file=index.html",
        || std::fs::write(&bad, "---\ntitle: Bad\ndate: 2023-99\n---\n").unwrap(),
        |v| v["errors"].as_array().is_some_and(|e| !e.is_empty()),
    );
    assert_eq!(message["errors"][0]["code"], "E120");
    assert_eq!(message["errors"][0]["file"], "content/events/bad.md");
    assert_eq!(message["errors"][0]["line"], 3);
    assert_eq!(message["errors"][0]["source_line"], "date: 2023-99");
    let (status, _, body) = get(&server.addr, "/events/published/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("Published again"));
    // Fixed: the errors go.
    let message = wait_for_event(
        &server.addr,
        "/__annals/events?since=9&file=index.html",
        || std::fs::write(&bad, "---\ntitle: Bad no more\ndate: 2023-09\n---\n").unwrap(),
        |v| v["errors"].as_array().is_some_and(|e| e.is_empty()),
    );
    assert!(message["changed"]
        .as_array()
        .unwrap()
        .iter()
        .any(|p| p == "events/bad/index.html"));
    // Deleting a whole folder is a change like any other, never an exit.
    std::fs::remove_dir_all(site.path().join("content/events")).unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (status, _, _) = get(&server.addr, "/");
    assert_eq!(status, 200);
}

#[test]
fn a_taken_port_is_an_error_that_names_a_free_one() {
    let site = fixture("drafts");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let out = bin()
        .args(["serve", "--port", &port])
        .current_dir(site.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let first = err.lines().next().unwrap_or_default();
    assert_eq!(first, format!("error: port {port} on 127.0.0.1 is taken"));
    let hint = err.lines().nth(1).unwrap_or_default();
    let free: u16 = hint
        .split('`')
        .nth(1)
        .and_then(|s| s.strip_prefix("--port "))
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("no port in {hint:?}"));
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", free)).is_ok(),
        "{free} is free"
    );
}

#[test]
fn a_slow_or_greedy_client_does_not_stall_the_others() {
    let site = fixture("drafts");
    let server = serve(site.path(), &[]);
    // One client sends half a request and stays; another sends 1 MB of headers.
    let mut slow = TcpStream::connect(&server.addr).unwrap();
    write!(slow, "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
    let mut greedy = TcpStream::connect(&server.addr).unwrap();
    greedy
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let huge = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
        "a".repeat(1 << 20)
    );
    let _ = greedy.write_all(huge.as_bytes());
    let mut answer = Vec::new();
    let _ = greedy.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty()
            || answer.starts_with("HTTP/1.1 431")
            || answer.starts_with("HTTP/1.1 400"),
        "{answer:.200}"
    );
    // Others are served meanwhile (each read gives up after ten seconds).
    for _ in 0..20 {
        let (status, _, _) = get(&server.addr, "/");
        assert_eq!(status, 200);
    }
    drop(slow);
}

#[test]
fn a_site_that_never_built_shows_its_errors_until_fixed() {
    let site = fixture("drafts");
    let bad = site.path().join("content/events/bad.md");
    std::fs::write(&bad, "---\ntitle: <b>Bad</b>\ndate: 2023-99\n---\n").unwrap();
    let server = serve(site.path(), &[]);
    let (status, headers, body) = get(&server.addr, "/");
    assert_eq!(status, 500);
    assert_eq!(
        header(&headers, "content-type"),
        Some("text/html; charset=utf-8")
    );
    let html = String::from_utf8(body).unwrap();
    assert!(
        html.contains("<pre class=\"annals-serve-error\">error[E120]: `2023-99` is not a valid date: month 99 does not exist\n --&gt; content/events/bad.md:3:7\n  | date: 2023-99\n  = hint: months are 01 to 12</pre>"),
        "{html}"
    );
    assert!(
        html.contains("/__annals/live.js"),
        "it reloads itself once fixed"
    );
    std::fs::write(&bad, "---\ntitle: Fine\ndate: 2023-09\n---\n").unwrap();
    let started = Instant::now();
    loop {
        let (status, _, _) = get(&server.addr, "/");
        if status == 200 {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "still {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The folders `serve` keeps its output in, below `temp`.
fn serve_folders(temp: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(temp)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("annals-serve-"))
        .collect();
    names.sort();
    names
}

#[test]
fn the_output_is_a_temporary_folder_removed_on_stop_and_exports_are_never_stale() {
    let site = fixture("drafts");
    let temp = tempfile::tempdir().unwrap();
    // A folder left by a `serve` that was killed: no process has its id.
    let dead = (4_000_000..4_100_000u32)
        .find(|pid| !Path::new(&format!("/proc/{pid}")).exists())
        .unwrap();
    std::fs::create_dir(temp.path().join(format!("annals-serve-{dead}-x"))).unwrap();
    let mut server = serve_in(site.path(), &[], temp.path());
    let pid = server.child.id();
    let folders = serve_folders(temp.path());
    assert_eq!(folders.len(), 1, "{folders:?}: the dead one's is removed");
    assert!(folders[0].starts_with(&format!("annals-serve-{pid}-")));
    assert!(!site.path().join("public").exists());
    // An edit: once the pages are told, the exports that hold every event
    // are still being written, and a request for one waits for them.
    let event = site.path().join("content/events/published.md");
    let text = std::fs::read_to_string(&event).unwrap();
    wait_for_event(
        &server.addr,
        "/__annals/events?since=1&file=events/published/index.html",
        || std::fs::write(&event, text.replace("title: Published", "title: Renamed")).unwrap(),
        |v| v["changed"].as_array().is_some_and(|c| !c.is_empty()),
    );
    for export in ["/events.json", "/events.csv", "/timelinejs.json"] {
        let (status, _, body) = get(&server.addr, export);
        assert_eq!(status, 200, "{export}");
        assert!(
            String::from_utf8_lossy(&body).contains("Renamed"),
            "{export} is current"
        );
    }
    // Ctrl-C: the folder goes with the server.
    let stopped = std::process::Command::new("kill")
        .args(["-INT", &pid.to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let started = Instant::now();
    while server.child.try_wait().unwrap().is_none() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "serve stops on Ctrl-C"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    assert_eq!(serve_folders(temp.path()), Vec::<String>::new());
}
