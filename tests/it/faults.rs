//! Faults of the file system under a build (issue 16, SPEC §11): a full disk
//! and a read-only output folder. Each build is a clear error naming what it
//! could not write and why; the previous output stays as it was, byte for
//! byte, and no staging folder is left behind.
//!
//! Both need a small file system of their own: a tmpfs, mounted in a mount
//! namespace of the test's own (`unshare --user --map-root-user --mount`,
//! which needs no privilege where user namespaces are enabled, and works as
//! root). Where neither is allowed, the tests fail and say so: they never
//! pass without having run.

use crate::support::*;
use std::path::Path;
use std::process::Command;

/// Runs `script` with `sh` in a new mount namespace, where `$1` is `disk`,
/// a tmpfs of `size` (as `mount -o size=` takes it). Returns the output.
fn on_small_disk(size: &str, disk: &Path, script: &str) -> std::process::Output {
    std::fs::create_dir_all(disk).unwrap();
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-ec"])
        .arg(format!(
            "mount -t tmpfs -o size={size} tmpfs \"$1\" || {{ echo 'cannot mount a tmpfs here' >&2; exit 99; }}\n{script}"
        ))
        .arg("sh")
        .arg(disk)
        .env("ANNALS", env!("CARGO_BIN_EXE_annals"))
        .output()
        .expect("`unshare` (util-linux) runs");
    assert_ne!(
        out.status.code(),
        Some(99),
        "these tests need a tmpfs in a mount namespace (user namespaces, or root): {}",
        stderr(&out)
    );
    out
}

/// Every file under the output with its checksum, sorted, as `sh` lists it;
/// and the litter beside it.
const SNAPSHOT: &str =
    r#"snapshot() { (cd "$1/public" && find . -type f -exec cksum {} + | sort); ls -A "$1"; }"#;

fn site(dir: &Path) {
    write(dir, "annals.yaml", "title: Faults\n");
    write(dir, "content/events/one.md", &event("One", "2023-07-12"));
}

#[test]
fn a_full_disk_fails_the_build_clearly_and_keeps_the_previous_output() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    site(&root);
    // The second build needs more room than the disk has: a body of 3 MB.
    let big = format!(
        "{}{}",
        event("Big", "2023-07-13"),
        "Words of a long body.\n".repeat(150_000)
    );
    write(dir.path(), "big.md", &big);
    let disk = dir.path().join("disk");
    let out = on_small_disk(
        "2m",
        &disk,
        &format!(
            r#"{SNAPSHOT}
"$ANNALS" build -q --root {root} --output "$1/public"
snapshot "$1" > {dir}/before
cp {dir}/big.md {root}/content/events/big.md
set +e
"$ANNALS" build -q --root {root} --output "$1/public" 2> {dir}/error
echo $? > {dir}/status
set -e
snapshot "$1" > {dir}/after
rm {root}/content/events/big.md
"$ANNALS" build -q --root {root} --output "$1/public"
snapshot "$1" > {dir}/again
"#,
            root = root.display(),
            dir = dir.path().display()
        ),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(&dir.path().join("status")), "1\n");
    let error = read(&dir.path().join("error"));
    assert!(
        error.starts_with("error[E001]: cannot write `")
            && error.contains("`: the disk is full\n  = hint: ")
            && error.contains(
                " more files of the site could not be written either, for the same reason\n"
            )
            && error.matches("error[E001]").count() == 1,
        "{error}"
    );
    assert!(
        error
            .trim_end()
            .ends_with("error: build failed; the previous output was left as it was"),
        "{error}"
    );
    let before = read(&dir.path().join("before"));
    assert!(before.contains("./events/one/index.html"), "{before}");
    assert_eq!(
        read(&dir.path().join("after")),
        before,
        "the failed build changed the output"
    );
    assert_eq!(
        read(&dir.path().join("again")),
        before,
        "the next build left litter or changed the site"
    );
}

#[test]
fn a_read_only_output_fails_the_build_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    site(&root);
    let disk = dir.path().join("disk");
    let out = on_small_disk(
        "8m",
        &disk,
        &format!(
            r#"{SNAPSHOT}
"$ANNALS" build -q --root {root} --output "$1/public"
snapshot "$1" > {dir}/before
mount -o remount,ro "$1"
sed -i 's/title: One/title: One, edited/' {root}/content/events/one.md
set +e
"$ANNALS" build -q --root {root} --output "$1/public" 2> {dir}/error
echo $? > {dir}/status
set -e
snapshot "$1" > {dir}/after
"#,
            root = root.display(),
            dir = dir.path().display()
        ),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read(&dir.path().join("status")), "1\n");
    let error = read(&dir.path().join("error"));
    assert!(
        error.starts_with("error[E001]: cannot create a folder beside `")
            && error.contains("/disk/public`: the file system is read-only\n"),
        "{error}"
    );
    assert_eq!(
        read(&dir.path().join("after")),
        read(&dir.path().join("before"))
    );
}
