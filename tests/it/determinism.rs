//! SPEC §11: byte-identical output whatever the thread count.

use crate::support::*;
use std::path::Path;

#[test]
fn output_is_identical_with_one_thread_and_many() {
    let site = crate::base_url::example_site();
    let one = site.path().join("one");
    let many = site.path().join("many");
    let out = bin()
        .args(["build", "--root", ".", "--output", "one"])
        .env("RAYON_NUM_THREADS", "1")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let out = bin()
        .args(["build", "--root", ".", "--output", "many"])
        .env("RAYON_NUM_THREADS", "8")
        .current_dir(site.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let (a, b) = (tree(&one), tree(&many));
    assert!(a.len() > 30);
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (k, v) in &a {
        assert!(v == &b[k], "{k} differs between runs");
    }
}

/// A build keeps its list entries in a temporary file; where none can be
/// made (TMPDIR names no folder), it keeps them in memory and writes the
/// same site.
#[test]
fn output_is_identical_without_a_temporary_folder() {
    let site = crate::base_url::example_site();
    let build = |out: &str, tmpdir: &Path| {
        let o = bin()
            .args(["build", "--root", ".", "--output", out])
            .env("TMPDIR", tmpdir)
            .current_dir(site.path())
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        tree(&site.path().join(out))
    };
    let spilled = build("spilled", &std::env::temp_dir());
    let kept = build("kept", &site.path().join("no-such-folder"));
    assert!(spilled.len() > 30);
    assert_eq!(
        spilled.keys().collect::<Vec<_>>(),
        kept.keys().collect::<Vec<_>>()
    );
    for (k, v) in &spilled {
        assert!(v == &kept[k], "{k} differs when entries stay in memory");
    }
}
