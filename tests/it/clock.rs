//! SPEC §10 `check --today` and §11: W303 ("in the future") is `check`'s
//! alone, compared with `--today` or the current UTC date; `build`'s output
//! and exit status depend on neither the clock nor the machine's time zone.
//!
//! The `clock` fixture holds a date-time without an offset (2023) and an event
//! dated 2026-03-01: both in the future on 2020-01-01, both past on 2030-01-01.

use crate::support::*;
use std::path::Path;
use std::process::{Command, Output};

const DENY_WARNINGS: &str =
    "title: Clock\ntimezone: Europe/Moscow\ncheck:\n  deny_warnings: true\n";

/// Positions of the W303 warnings in human output, as `file:line`.
fn future_warnings(err: &str) -> Vec<String> {
    err.split("\n\n")
        .filter(|b| b.starts_with("warning[W303]") || b.starts_with("error[W303]"))
        .filter_map(|b| {
            let place = b.split("--> ").nth(1)?;
            let place = place.lines().next()?;
            Some(place.rsplit_once(':')?.0.to_string())
        })
        .collect()
}

#[test]
fn check_compares_with_today() {
    let site = fixture("clock");
    let out = run(site.path(), &["check", "--today", "2020-01-01"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "warnings alone pass: {err}");
    assert_eq!(
        future_warnings(&err),
        [
            "content/events/review.md:3",
            "content/events/voice-message.md:3"
        ],
        "{err}"
    );
    assert!(
        // The time without an offset is in the site's time zone, and the
        // message says which day it was compared with.
        err.contains(
            "warning[W303]: `2023-07-12T22:30+03:00` is in the future (today is 2020-01-01)"
        ),
        "{err}"
    );
    let out = run(
        site.path(),
        &["check", "--today", "2020-01-01", "--deny-warnings"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));

    let out = run(
        site.path(),
        &["check", "--today", "2030-01-01", "--deny-warnings"],
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("W303"), "{err}");
    assert!(err.contains("no problems in 3 files"), "{err}");
}

#[test]
fn an_event_on_today_is_not_in_the_future_and_the_next_day_is() {
    let site = fixture("clock");
    let on = stderr(&run(site.path(), &["check", "--today", "2026-03-01"]));
    assert!(future_warnings(&on).is_empty(), "{on}");
    let before = stderr(&run(site.path(), &["check", "--today", "2026-02-28"]));
    assert_eq!(
        future_warnings(&before),
        ["content/events/review.md:3"],
        "{before}"
    );
}

#[test]
fn a_bad_today_is_a_usage_error() {
    let site = fixture("clock");
    for bad in [
        "2020-13-01",
        "2023-02-29",
        "2020-1-01",
        "20200101",
        "2020-01-01T00:00",
        "+2020-01-01",
        "today",
        "",
    ] {
        let out = run(site.path(), &["check", "--today", bad]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "--today {bad:?}: {err}");
        assert!(
            err.contains("--today") && err.contains("YYYY-MM-DD"),
            "--today {bad:?}: {err}"
        );
    }
    let err = stderr(&run(site.path(), &["check", "--today", "2020-13-01"]));
    assert!(err.contains("there is no month 13"), "{err}");
    let err = stderr(&run(site.path(), &["check", "--today", "2023-02-29"]));
    assert!(err.contains("2023-02 has 28 days"), "{err}");
}

#[test]
fn build_never_warns_about_the_future_even_when_warnings_are_errors() {
    let site = fixture("clock");
    std::fs::write(site.path().join("annals.yaml"), DENY_WARNINGS).unwrap();
    std::fs::write(
        site.path().join("content/events/far-future.md"),
        "---\ntitle: Far future\ndate: 2999-01-01\nsources:\n  - publisher: Agency\n    url: https://example.org/far\n---\n",
    )
    .unwrap();
    // `-v` prints every warning in full, so a W303 could not hide in a count.
    let out = run(site.path(), &["build", "-v"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("W303") && !err.contains("warning"), "{err}");
    assert!(site.path().join("public/index.html").is_file());

    let out = run(site.path(), &["build", "--check", "-v"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(!err.contains("W303"), "{err}");

    // `check` is where the warning belongs, and the policy applies there.
    let out = run(site.path(), &["check", "--today", "2030-01-01"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        future_warnings(&err),
        ["content/events/far-future.md:3"],
        "{err}"
    );
}

/// Runs `annals` under Debian's `faketime` with the clock at `clock` (local
/// time in `tz`) and `TZ=tz`. Without `faketime` the test fails: skipping
/// would let a clock dependency back in unnoticed.
fn faketime(clock: &str, tz: &str, dir: &Path, args: &[&str]) -> Output {
    Command::new("faketime")
        .arg(clock)
        .arg(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env("TZ", tz)
        .current_dir(dir)
        .output()
        .unwrap_or_else(|e| {
            panic!(
                "cannot run `faketime` ({e}); this test needs it: \
                 `apt-get install faketime` (Debian; .ci/run installs it)"
            )
        })
}

#[test]
fn build_is_the_same_under_any_clock_and_time_zone() {
    let site = fixture("clock");
    std::fs::write(site.path().join("annals.yaml"), DENY_WARNINGS).unwrap();
    let clocks = [
        ("2020-01-01 00:00:00", "Pacific/Kiritimati", "early"),
        ("2040-06-01 12:00:00", "America/Adak", "late"),
    ];

    // The clock really is faked for annals: `check` without `--today` sees
    // the 2023 and 2026 events in the future only under the early clock.
    let early = faketime(clocks[0].0, clocks[0].1, site.path(), &["check"]);
    assert_eq!(
        future_warnings(&stderr(&early)).len(),
        2,
        "faketime did not move annals's clock to 2020: {}",
        stderr(&early)
    );
    let late = faketime(clocks[1].0, clocks[1].1, site.path(), &["check"]);
    assert!(
        future_warnings(&stderr(&late)).is_empty(),
        "{}",
        stderr(&late)
    );

    let mut results = Vec::new();
    for (clock, tz, name) in clocks {
        let out = faketime(clock, tz, site.path(), &["build", "--output", name]);
        results.push((
            out.status.code(),
            stderr(&out),
            tree(&site.path().join(name)),
        ));
    }
    let [(early_status, early_err, early), (late_status, late_err, late)] = &results[..] else {
        unreachable!("two clocks")
    };
    assert_eq!(
        early_status, late_status,
        "the exit status depends on the clock:\n2020, Kiritimati: {early_err}\n2040, Adak: {late_err}"
    );
    assert_eq!(*early_status, Some(0), "{early_err}");
    assert!(early.len() > 10, "{} files", early.len());
    assert_eq!(
        early.keys().collect::<Vec<_>>(),
        late.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in early {
        assert!(bytes == &late[path], "{path} differs between the clocks");
    }
}

#[test]
fn check_without_today_uses_the_utc_date() {
    let site = fixture("clock");
    // 08:00 on 1 March in Kiritimati (UTC+14) is still 28 February in UTC:
    // the review, dated 1 March, is tomorrow.
    let out = faketime(
        "2026-03-01 08:00:00",
        "Pacific/Kiritimati",
        site.path(),
        &["check"],
    );
    assert_eq!(
        future_warnings(&stderr(&out)),
        ["content/events/review.md:3"],
        "{}",
        stderr(&out)
    );
    // 20:00 on 28 February in Adak (UTC−10) is already 1 March in UTC.
    let out = faketime(
        "2026-02-28 20:00:00",
        "America/Adak",
        site.path(),
        &["check"],
    );
    assert!(
        future_warnings(&stderr(&out)).is_empty(),
        "{}",
        stderr(&out)
    );
}
