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

/// Bodies are read again when pages and exports are written; an event file
/// edited between loading and writing must fail the build, naming the file,
/// rather than publish a page that disagrees with the rest of the site.
#[test]
fn an_event_edited_during_the_build_fails_it_with_the_file_named() {
    use annals::site::{self, Options};
    use annals::write::MemorySink;
    let dir = fixture("identity");
    let loaded = site::load(&Options {
        root: dir.path().to_path_buf(),
        ..Options::default()
    });
    let site = loaded.site.expect("the fixture loads");
    let event = &site.timeline.events[0].event;
    let path = dir.path().join(&event.file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, format!("{text}\nA sentence added meanwhile.\n")).unwrap();
    let errors = match site.build_into(&MemorySink::default()) {
        Ok(_) => panic!("the build went on with a changed file"),
        Err(errors) => errors,
    };
    let shown: Vec<String> = errors.iter().map(|d| d.render_human()).collect();
    let file = event.file.display().to_string();
    assert!(
        shown
            .iter()
            .any(|s| s.contains("changed while the site was being built") && s.contains(&file)),
        "{shown:?}"
    );
    // With the text restored, the same loaded site builds.
    std::fs::write(&path, text).unwrap();
    assert!(site.build_into(&MemorySink::default()).is_ok());
}
