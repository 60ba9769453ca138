//! Where a build's time and memory go, stage by stage, for `build -v`.
//!
//! Users with big timelines ask "why is it slow?"; the answer should not need a
//! profiler. Stages are few and coarse, so the cost is one clock read each.

use std::time::Instant;

#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub name: &'static str,
    pub secs: f64,
    /// Resident memory when the stage ended, where the OS tells (Linux).
    pub rss_mb: Option<u64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Stopwatch {
    last: Instant,
    pub stages: Vec<Stage>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch::new()
    }
}

impl Stopwatch {
    pub(crate) fn new() -> Stopwatch {
        Stopwatch {
            last: Instant::now(),
            stages: Vec::new(),
        }
    }

    /// Ends the current stage under `name` and starts the next.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.stages.push(Stage {
            name,
            secs: (now - self.last).as_secs_f64(),
            rss_mb: rss_mb(),
        });
        self.last = now;
    }

    /// `load 0.10 s (120 MB) · parse 0.41 s (300 MB) · …`
    pub(crate) fn line(stages: &[Stage]) -> String {
        stages
            .iter()
            .map(|s| match s.rss_mb {
                Some(mb) => format!("{} {:.2} s ({mb} MB)", s.name, s.secs),
                None => format!("{} {:.2} s", s.name, s.secs),
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

fn rss_mb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn laps_are_named_in_order() {
        let mut w = Stopwatch::new();
        w.lap("load");
        w.lap("parse");
        let line = Stopwatch::line(&w.stages);
        assert!(line.starts_with("load "), "{line}");
        assert!(line.contains(" · parse "), "{line}");
    }
}
