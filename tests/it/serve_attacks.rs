//! `annals serve` under attack (issue 16): path traversal in every encoding
//! we know of, request smuggling shapes, oversized heads, and slowloris-style
//! clients, all on loopback and bounded in time. The server answers each
//! with an error or a close, never with a byte from outside the output, and
//! keeps answering everyone else.

use crate::serve::{get, serve};
use crate::support::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// What the server says to `raw` sent as is on a fresh connection: the
/// bytes it answers before closing or going quiet for two seconds.
fn send(addr: &str, raw: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).expect("connects");
    stream
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let _ = stream.write_all(raw);
    let mut answer = Vec::new();
    let mut chunk = [0u8; 65536];
    loop {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    String::from_utf8_lossy(&answer).into_owned()
}

/// The statuses of the responses in `answer`, in order.
fn statuses(answer: &str) -> Vec<u16> {
    answer
        .match_indices("HTTP/1.1 ")
        .filter_map(|(i, _)| answer[i + 9..].get(..3)?.parse().ok())
        .collect()
}

/// The server still answers a plain request.
fn still_answers(addr: &str) {
    let (status, _, body) = get(addr, "/");
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("<html"));
}

/// A site whose folder holds a secret beside the sources, and a file with
/// a name that a traversal would aim at.
fn site() -> tempfile::TempDir {
    let site = fixture("drafts");
    write(site.path(), "secret.txt", "SECRET-OUTSIDE-THE-OUTPUT\n");
    site
}

#[test]
fn traversal_in_every_encoding_reaches_nothing_outside_the_output() {
    let site = site();
    let server = serve(site.path(), &[]);
    let up = [
        "..",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "%252e%252e",
        "%c0%ae%c0%ae",
        "%e0%80%ae%e0%80%ae",
        "%ef%bc%8e%ef%bc%8e",
        "..%00",
        "..;",
        "...",
        "....",
    ];
    let sep = [
        "/",
        "%2f",
        "%2F",
        "%252f",
        "\\",
        "%5c",
        "%5C",
        "%c0%af",
        "%e0%80%af",
        "//",
        "/./",
    ];
    let mut targets = Vec::new();
    for u in up {
        for s in sep {
            targets.push(format!("/{u}{s}{u}{s}secret.txt"));
            targets.push(format!("/events{s}{u}{s}{u}{s}annals.yaml"));
            targets.push(format!("/{u}{s}{u}{s}{u}{s}{u}{s}etc{s}passwd"));
        }
    }
    targets.extend(
        [
            "//etc/passwd",
            "/%2fetc%2fpasswd",
            "/secret.txt",
            "/annals.yaml",
            "/content/events/published.md",
            "/index.html%00.md",
            "/index.html/../../secret.txt",
            "/./././secret.txt",
            "http://127.0.0.1/../../secret.txt",
            "file:///etc/passwd",
            "*",
            "/%",
            "/%zz",
        ]
        .map(String::from),
    );
    for target in &targets {
        let answer = send(
            &server.addr,
            format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes(),
        );
        assert!(
            !answer.contains("SECRET-OUTSIDE")
                && !answer.contains("root:")
                && !answer.contains("title: Drafts"),
            "{target}: {answer:.300}"
        );
        let s = statuses(&answer);
        assert!(
            s.is_empty() || s.iter().all(|&c| (400..500).contains(&c) || c == 200),
            "{target}: {s:?}"
        );
        // A 200 is only ever a page of the site (the 404 page, or a page a
        // path like `/./index.html` names).
        if s == [200] {
            assert!(answer.contains("<html"), "{target}: {answer:.300}");
        }
    }
    still_answers(&server.addr);
}

#[test]
fn request_smuggling_shapes_get_an_error_or_one_answer_each() {
    let site = site();
    let server = serve(site.path(), &[]);
    let smuggled = "GET /secret.txt HTTP/1.1\r\nHost: x\r\n\r\n";
    let shapes: Vec<(&str, String)> = vec![
        ("CL.TE", format!("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n{smuggled}")),
        ("TE.CL", format!("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n8\r\nSMUGGLED\r\n0\r\n\r\n{smuggled}")),
        ("two lengths", format!("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nContent-Length: 44\r\n\r\n{smuggled}")),
        ("obfuscated TE", format!("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\nContent-Length: 4\r\n\r\n0\r\n\r\n{smuggled}")),
        ("TE with a space", format!("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n{smuggled}")),
        ("folded header", format!("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\r\n b\r\n\r\n{smuggled}")),
        ("bare LF", format!("GET / HTTP/1.1\nHost: x\n\n{smuggled}")),
        ("bad chunk size", format!("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n\r\n{smuggled}")),
        ("negative length", format!("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n{smuggled}")),
        ("NUL in a header", format!("GET / HTTP/1.1\r\nHost: x\r\nX-A: a\0b\r\n\r\n{smuggled}")),
        ("HTTP/0.9", "GET /\r\n".to_string()),
        ("HTTP/2 preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".to_string()),
        ("garbage", "\u{16}\u{3}\u{1}\0\u{1}\u{1}\0\u{1}\u{fd}\u{3}\u{3}".to_string()),
    ];
    for (name, raw) in &shapes {
        let answer = send(&server.addr, raw.as_bytes());
        assert!(!answer.contains("SECRET-OUTSIDE"), "{name}: {answer:.300}");
        let s = statuses(&answer);
        // The first request is refused, or answered; the smuggled one, if
        // the server reads it at all, is answered as the request it is: a
        // 404, since the file is not part of the site.
        assert!(s.len() <= 2, "{name}: {s:?}");
        assert!(
            s.iter()
                .all(|&c| c == 200 || c == 404 || (400..=505).contains(&c)),
            "{name}: {s:?}"
        );
        still_answers(&server.addr);
    }
}

#[test]
fn oversized_heads_are_refused_and_others_are_served() {
    let site = site();
    let server = serve(site.path(), &[]);
    let long_target = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(1 << 20));
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}\r\n",
        "X-A: b\r\n".repeat(10_000)
    );
    let long_name = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}: b\r\n\r\n",
        "X".repeat(1 << 20)
    );
    for raw in [long_target, many_headers, long_name] {
        let answer = send(&server.addr, raw.as_bytes());
        let s = statuses(&answer);
        assert!(
            s.is_empty() || s.iter().all(|&c| c == 400 || c == 414 || c == 431),
            "{s:?}"
        );
        still_answers(&server.addr);
    }
}

#[test]
fn slowloris_clients_do_not_stop_the_server_answering_others() {
    let site = site();
    let server = serve(site.path(), &[]);
    // 200 clients each send a request head a few bytes at a time, and never
    // finish it, for three seconds; others are answered meanwhile.
    let mut slow: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut s = TcpStream::connect(&server.addr).expect("connects");
            let _ = s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n");
            s
        })
        .collect();
    let start = Instant::now();
    let mut answered = 0;
    let mut round = 0;
    while start.elapsed() < Duration::from_secs(3) {
        for s in &mut slow {
            let _ = s.write_all(format!("X-{round}: a\r\n").as_bytes());
        }
        let asked = Instant::now();
        still_answers(&server.addr);
        assert!(
            asked.elapsed() < Duration::from_secs(5),
            "a request took {:?}",
            asked.elapsed()
        );
        answered += 1;
        round += 1;
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(answered >= 10, "{answered} requests answered in 3 s");
    drop(slow);
    still_answers(&server.addr);
}
