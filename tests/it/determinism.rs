//! SPEC §11: byte-identical output whatever the thread count.

use crate::support::*;

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
