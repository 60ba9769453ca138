//! `annals check`: validates everything (including templates), writes nothing.
//!
//! The only command that reads the clock: "in the future" (W303) needs a
//! date, and a build must not change with the day it runs on (SPEC §11).

use super::{exit_for, Exit, Verbosity};
use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::report::{self, Format};
use crate::site::{self, Options};
use crate::write::NullSink;
use chrono::NaiveDate;
use std::io::Write;

/// Runs the checks. W303 compares with `today`, or with the current date in
/// UTC (not the machine's time zone, so that two reviewers agree).
pub fn run(
    opts: &Options,
    format: Format,
    deny_warnings: bool,
    today: Option<NaiveDate>,
    verbosity: Verbosity,
) -> Exit {
    let opts = Options {
        today: Some(today.unwrap_or_else(|| chrono::Utc::now().date_naive())),
        ..opts.clone()
    };
    let loaded = site::load(&opts);
    let hidden = loaded.hidden_template_errors();
    let site::Loaded {
        site,
        mut diagnostics,
        files,
        ..
    } = loaded;
    diagnostics.extend(hidden);
    if let Some(site) = &site {
        // Rendering in memory is what catches template errors.
        if let Err(errors) = site.build_into(&NullSink) {
            diagnostics.extend(errors);
        }
        if !site.config.base_url.has_origin() && config_writes_base_url(&site.root) {
            diagnostics.push(
                Diagnostic::note(
                    Code::PathOnlyBaseUrl,
                    format!(
                        "no sitemap.xml and no oEmbed responses are written: `base_url` is the path `{}`, and both need absolute URLs",
                        site.config.base_url.path
                    ),
                )
                .in_file(crate::parse::config::CONFIG_FILE)
                .with_hint("set `base_url` to the site's address, such as `https://example.org/`, to get them"),
            );
        }
    }
    diagnostic::sort(&mut diagnostics);
    let mut written = Ok(());
    match format {
        // Machine formats go to stdout, complete, whatever the verbosity.
        Format::Json | Format::Github => {
            let stdout = std::io::stdout();
            let mut out = stdout.lock();
            written = diagnostics
                .iter()
                .try_for_each(|d| out.write_all(report::render(d, format, false).as_bytes()))
                .and_then(|()| out.flush());
        }
        Format::Human => {
            // `-q` hides the summary, never a problem that fails the check.
            super::print_unless_quiet(&diagnostics, verbosity, |d| {
                d.is_error() || (deny_warnings && d.severity == Severity::Warning)
            });
            if verbosity > Verbosity::Quiet {
                let files = diagnostic::plural(files, "file", "files");
                if diagnostics.is_empty() {
                    eprintln!("no problems in {files}");
                } else {
                    eprintln!("{} in {files}", diagnostic::summary(&diagnostics));
                }
            }
        }
    }
    let exit = match exit_for(&diagnostics) {
        Exit::Success
            if deny_warnings && diagnostics.iter().any(|d| d.severity == Severity::Warning) =>
        {
            if format == Format::Human {
                eprintln!("error: warnings count as errors with --deny-warnings");
            }
            Exit::ContentError
        }
        exit => exit,
    };
    super::answered(written, exit)
}

/// Whether `annals.yaml` writes `base_url` itself. `check` cannot know the
/// address a build will be given with `--base-url` (the workflow of `annals
/// init --ci github` passes GitHub Pages' own), so N401 speaks only of a path
/// the site chose, never of the default: a new site checks clean.
fn config_writes_base_url(root: &std::path::Path) -> bool {
    std::fs::read_to_string(root.join(crate::parse::config::CONFIG_FILE)).is_ok_and(|text| {
        crate::load::frontmatter::whole_yaml(&text)
            .key_span("base_url")
            .is_some()
    })
}

/// Reads `--today`: exactly `YYYY-MM-DD`, a real day. Strict, because a
/// lenient reading (`2020-1-1`, a time, a sign) would make CI logs ambiguous
/// about which date the warnings were computed for. The error is clap's
/// usage error (exit 2).
pub fn parse_today(s: &str) -> Result<NaiveDate, String> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        });
    let number = |at: std::ops::Range<usize>| s.get(at).and_then(|f| f.parse::<u16>().ok());
    let (true, Some(year), Some(month), Some(day)) =
        (shaped, number(0..4), number(5..7), number(8..10))
    else {
        return Err(format!(
            "`{s}` is not a day: write it as YYYY-MM-DD, such as 2024-03-01"
        ));
    };
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{s}` is not a valid date: there is no month {month}"
        ));
    }
    let date = |day: u16| NaiveDate::from_ymd_opt(year.into(), month.into(), day.into());
    date(day).ok_or_else(|| {
        let days = (28..=31).rev().find(|d| date(*d).is_some()).unwrap_or(28);
        format!("`{s}` is not a valid date: {year:04}-{month:02} has {days} days")
    })
}

#[cfg(test)]
mod tests {
    use super::parse_today;
    use chrono::NaiveDate;

    #[test]
    fn today_is_a_strict_day() {
        assert_eq!(
            parse_today("2024-02-29"),
            Ok(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())
        );
        assert_eq!(
            parse_today("0000-01-01"),
            Ok(NaiveDate::from_ymd_opt(0, 1, 1).unwrap())
        );
        for bad in [
            "2020-1-01",
            "2020-01-1",
            "20200101",
            "2020/01/01",
            "+2020-01-01",
            "2020-01-01 ",
            "2020-01-01T00:00",
            "２０２０-01-01",
            "",
            "2020-00-01",
            "2020-01-00",
            "2023-02-29",
            "2020-04-31",
        ] {
            assert!(parse_today(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(parse_today("2020-13-01")
            .unwrap_err()
            .contains("there is no month 13"));
        assert!(parse_today("2023-02-29")
            .unwrap_err()
            .contains("2023-02 has 28 days"));
        assert!(parse_today("2020-04-31")
            .unwrap_err()
            .contains("2020-04 has 30 days"));
    }
}
