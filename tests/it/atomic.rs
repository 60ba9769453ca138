//! SPEC §11 "atomic": a failed build leaves the old output; a good one leaves no stale file.

use crate::support::*;

#[test]
fn a_failing_build_leaves_the_previous_output_untouched() {
    let site = fixture("identity");
    let public = build(site.path(), &[]);
    let before = tree(&public);
    std::fs::write(
        site.path().join("content/events/broken.md"),
        "---\ntitle: Broken\ndate: 2023-02-30\n---\n",
    )
    .unwrap();
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("previous output was left as it was"));
    assert_eq!(tree(&public), before, "output changed after a failed build");
    // No staging folder is left behind.
    assert_no_staging_left(site.path());
}

#[test]
fn a_template_error_also_leaves_the_previous_output() {
    let site = fixture("identity");
    let public = build(site.path(), &[]);
    let before = tree(&public);
    std::fs::create_dir_all(site.path().join("templates")).unwrap();
    std::fs::write(site.path().join("templates/event.html"), "{% extends \"base.html\" %}\n{% block content %}{{ event.title | no_such_filter }}{% endblock content %}\n").unwrap();
    let out = run(site.path(), &["build"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("E170"), "{err}");
    assert!(err.contains("templates/event.html:2"), "{err}");
    assert_eq!(tree(&public), before);
}

#[test]
fn a_successful_build_removes_stale_files() {
    let site = fixture("identity");
    let public = build(site.path(), &[]);
    std::fs::write(public.join("stray.txt"), "left by hand").unwrap();
    assert!(public.join("events/by-case/index.html").is_file());
    std::fs::remove_file(site.path().join("content/events/by-case.md")).unwrap();
    build(site.path(), &[]);
    assert!(!public.join("events/by-case").exists());
    assert!(!public.join("stray.txt").exists());
    assert_no_staging_left(site.path());
}

#[test]
fn refuses_to_replace_the_sources() {
    let site = fixture("identity");
    for output in [".", "content", "content/events"] {
        let out = run(site.path(), &["build", "--output", output]);
        assert_eq!(out.status.code(), Some(2), "--output {output}");
        assert!(stderr(&out).contains("refusing to write the site"));
        assert!(site.path().join("content/events/by-case.md").is_file());
    }
}

#[test]
fn an_output_that_is_a_file_is_refused_before_anything_is_written() {
    let site = fixture("identity");
    let file = site.path().join("afile");
    std::fs::write(&file, "mine").unwrap();
    let out = run(site.path(), &["build", "--output", "afile"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is a file, not a folder"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    assert_no_staging_left(site.path());
}

#[cfg(unix)]
#[test]
fn a_symlinked_output_keeps_its_link() {
    let site = fixture("identity");
    let target = site.path().join("real-output");
    std::fs::create_dir(&target).unwrap();
    std::os::unix::fs::symlink(&target, site.path().join("public")).unwrap();
    build(site.path(), &[]);
    assert!(std::fs::symlink_metadata(site.path().join("public"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(target.join("index.html").is_file());
}

/// No staging or old-output folder (`.public.annals-…`) is left beside the output.
fn assert_no_staging_left(dir: &std::path::Path) {
    let litter: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("annals-"))
        .map(|e| e.file_name())
        .collect();
    assert!(litter.is_empty(), "left behind: {litter:?}");
}

/// A build writes the site as it was read: an event file edited between
/// loading and writing changes nothing that build writes (no page can
/// disagree with the rest of the site), and the next build takes the edit.
#[test]
fn an_event_edited_during_the_build_is_built_as_it_was_read() {
    use annals::site::{self, Options};
    use annals::write::MemorySink;
    let dir = fixture("identity");
    let opts = Options {
        root: dir.path().to_path_buf(),
        ..Options::default()
    };
    let site = site::load(&opts).site.expect("the fixture loads");
    let file = "content/events/by-alias.md";
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA sentence added meanwhile.\n")).unwrap();
    let written = |site: &site::Site| {
        let sink = MemorySink::default();
        site.build_into(&sink).expect("the site builds");
        let files = sink.files.lock().unwrap().clone();
        files
    };
    let during = written(&site);
    let after = written(&site::load(&opts).site.expect("the edited fixture loads"));
    let text = |bytes: &Vec<u8>| String::from_utf8_lossy(bytes).into_owned();
    let (page, _) = after
        .iter()
        .find(|(name, bytes)| {
            name.starts_with("events/")
                && name.ends_with("/index.html")
                && text(bytes).contains("A sentence added meanwhile.")
        })
        .expect("the next build's page of the edited event has the edit");
    assert!(!text(&during[page]).contains("added meanwhile"), "{page}");
    assert!(!text(&during["events.json"]).contains("added meanwhile"));
    assert!(String::from_utf8_lossy(&after["events.json"]).contains("added meanwhile"));
}

/// SPEC §11: a build killed at any moment leaves the previous output intact,
/// and the next build removes what the killed one left.
#[cfg(unix)]
#[test]
fn builds_killed_at_any_point_leave_the_output_and_the_next_build_cleans_up() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    corpus(&[
        "--events",
        "5000",
        "--seed",
        "3",
        "--out",
        site.to_str().unwrap(),
    ]);
    let started = std::time::Instant::now();
    let public = build(&site, &["-q"]);
    let full = started.elapsed().as_millis() as u64;
    let good = tree(&public);
    // Kill builds early (loading), in the middle (rendering into staging) and
    // late (publishing or removing the old output), at fractions of a full
    // build's time on this machine.
    let mut litter_seen = false;
    for percent in [10, 40, 70, 85, 95] {
        let millis = full * percent / 100;
        let mut child = bin()
            .args(["build", "-q", "--root"])
            .arg(&site)
            .spawn()
            .expect("annals runs");
        std::thread::sleep(std::time::Duration::from_millis(millis));
        let _ = child.kill(); // SIGKILL: no destructor runs.
        let _ = child.wait();
        litter_seen |= !litter(&site).is_empty();
        // Whatever moment it died at, a complete output is in place.
        assert!(
            public.join("index.html").is_file() || !litter(&site).is_empty(),
            "killed at {millis} ms: no output and nothing to restore"
        );
    }
    assert!(
        litter_seen,
        "no kill left a staging folder: the test did not exercise the clean-up"
    );
    build(&site, &["-q"]);
    assert_eq!(
        litter(&site),
        Vec::<String>::new(),
        "litter survived a build"
    );
    assert_eq!(tree(&public), good, "the output after clean-up differs");
}

/// A staging folder whose build is still running (its lock held) is not
/// litter; folders merely named like staging ones are not ours to delete.
#[cfg(unix)]
#[test]
fn a_running_builds_staging_folder_and_look_alikes_are_kept() {
    let site = fixture("identity");
    let running = site.path().join(".public.annals-new-999999");
    std::fs::create_dir(&running).unwrap();
    std::fs::write(running.join("page.html"), "in progress").unwrap();
    let lock = std::fs::File::open(&running).unwrap();
    lock.try_lock().expect("the test takes the lock");
    let look_alikes = [
        ".public.annals-new-x1",
        ".public.annals-newer-1",
        ".other.annals-old-12",
    ];
    for name in look_alikes {
        std::fs::create_dir(site.path().join(name)).unwrap();
    }
    std::fs::write(
        site.path().join(".public.annals-old-77"),
        "a file, not a folder",
    )
    .unwrap();
    build(site.path(), &[]);
    assert!(
        running.join("page.html").is_file(),
        "a running build's folder was removed"
    );
    for name in look_alikes {
        assert!(site.path().join(name).is_dir(), "{name} was removed");
    }
    assert!(site.path().join(".public.annals-old-77").is_file());
    drop(lock);
    build(site.path(), &[]);
    assert!(!running.exists(), "an unlocked staging folder is litter");
}

/// Staging and old-output folders of killed builds beside `site/public`.
fn litter(site: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".public.annals-"))
        .collect();
    names.sort();
    names
}
