//! Where a build's time and memory go, stage by stage, for `build -v`.
//!
//! Users with big timelines ask "why is it slow?"; the answer should not need a
//! profiler. Stages are few and coarse, so the cost is one clock read each.

use std::time::Instant;

#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub name: &'static str,
    pub secs: f64,
    /// CPU time (user and system, every thread) the stage took, where the OS
    /// tells (Linux): next to `secs`, it says whether a stage kept the cores
    /// busy or waited on the disk.
    pub cpu_secs: Option<f64>,
    /// Resident memory when the stage ended, where the OS tells (Linux).
    pub rss_mb: Option<u64>,
}

#[derive(Debug, Clone)]
pub(crate) struct Stopwatch {
    last: Instant,
    last_cpu: Option<f64>,
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
            last_cpu: cpu_secs(),
            stages: Vec::new(),
        }
    }

    /// Ends the current stage under `name` and starts the next.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        let cpu = cpu_secs();
        self.stages.push(Stage {
            name,
            secs: (now - self.last).as_secs_f64(),
            cpu_secs: cpu.zip(self.last_cpu).map(|(now, then)| now - then),
            rss_mb: rss_mb(),
        });
        self.last = now;
        self.last_cpu = cpu;
    }

    /// `load 0.10 s (cpu 0.12 s, 120 MB) · parse 0.41 s (cpu 0.80 s, 300 MB) · …`
    pub(crate) fn line(stages: &[Stage]) -> String {
        stages
            .iter()
            .map(|s| {
                let cpu = s.cpu_secs.map(|c| format!("cpu {c:.2} s"));
                let mb = s.rss_mb.map(|mb| format!("{mb} MB"));
                let known: Vec<String> = cpu.into_iter().chain(mb).collect();
                if known.is_empty() {
                    format!("{} {:.2} s", s.name, s.secs)
                } else {
                    format!("{} {:.2} s ({})", s.name, s.secs, known.join(", "))
                }
            })
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// The process's user and system time so far, from `/proc/self/stat`
/// (fields 14 and 15, in the kernel's fixed 100 ticks a second).
fn cpu_secs() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    cpu_of_stat(&stat)
}

fn cpu_of_stat(stat: &str) -> Option<f64> {
    // The command name (field 2) is in parentheses and may hold spaces:
    // the fields are counted from after its closing one (field 3 first).
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut fields = rest.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some((user + system) as f64 / 100.0)
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

    #[test]
    fn a_stage_says_its_cpu_time_beside_its_wall_time() {
        let stage = |cpu_secs, rss_mb| Stage {
            name: "render",
            secs: 13.4,
            cpu_secs,
            rss_mb,
        };
        let lines: Vec<String> = [
            stage(Some(25.1), Some(323)),
            stage(Some(25.1), None),
            stage(None, None),
        ]
        .iter()
        .map(|s| Stopwatch::line(std::slice::from_ref(s)))
        .collect();
        assert_eq!(
            lines,
            [
                "render 13.40 s (cpu 25.10 s, 323 MB)",
                "render 13.40 s (cpu 25.10 s)",
                "render 13.40 s",
            ]
        );
    }

    #[test]
    fn cpu_time_is_read_past_a_command_name_with_spaces_and_parentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt
        // majflt cmajflt utime stime …
        let stat = "4242 (my (odd) cmd) R 1 2 3 4 5 6 7 8 9 10 1234 566 0 0 20 0";
        assert_eq!(cpu_of_stat(stat), Some(18.0));
        assert_eq!(cpu_of_stat("4242 (cut"), None);
    }
}
