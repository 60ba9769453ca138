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
use std::process::Command;

/// What a build through a fault left: the failed build's exit status and
/// report, and the output (each file with its checksum, and the entries
/// beside it) before the fault, after the failed build and, when the fault
/// was repaired, after the next build.
struct Through {
    status: String,
    error: String,
    before: String,
    after: String,
    again: Option<String>,
}

/// Builds a one-event site into a tmpfs of `size`, runs `fault` (shell; `$1`
/// is the disk, `$SITE` the site, `$DIR` a folder beside both), builds again,
/// and, given `repair`, runs it and builds a third time.
fn build_through(size: &str, fault: &str, repair: Option<&str>) -> (tempfile::TempDir, Through) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("site");
    write(&root, "annals.yaml", "title: Faults\n");
    write(&root, "content/events/one.md", &event("One", "2023-07-12"));
    let build = r#""$ANNALS" build -q --root "$SITE" --output "$1/public""#;
    let snapshot = r#"{ (cd "$1/public" && find . -type f -exec cksum {} + | sort); ls -A "$1"; }"#;
    let script = format!(
        "{build}\n{snapshot} > \"$DIR/before\"\n{fault}\nset +e\n{build} 2> \"$DIR/error\"\necho $? > \"$DIR/status\"\nset -e\n{snapshot} > \"$DIR/after\"\n{}",
        repair.map(|r| format!("{r}\n{build}\n{snapshot} > \"$DIR/again\"\n")).unwrap_or_default()
    );
    std::fs::create_dir_all(dir.path().join("disk")).unwrap();
    let out = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-ec"])
        .arg(format!(
            "mount -t tmpfs -o size={size} tmpfs \"$1\" || {{ echo 'cannot mount a tmpfs here' >&2; exit 99; }}\n{script}"
        ))
        .arg("sh")
        .arg(dir.path().join("disk"))
        .env("ANNALS", env!("CARGO_BIN_EXE_annals"))
        .env("SITE", &root)
        .env("DIR", dir.path())
        .output()
        .expect("`unshare` (util-linux) runs");
    assert_ne!(
        out.status.code(),
        Some(99),
        "these tests need a tmpfs in a mount namespace (user namespaces, or root): {}",
        stderr(&out)
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let file = |name: &str| read(&dir.path().join(name));
    let through = Through {
        status: file("status"),
        error: file("error"),
        before: file("before"),
        after: file("after"),
        again: repair.map(|_| file("again")),
    };
    assert!(
        through.before.contains("./events/one/index.html"),
        "{}",
        through.before
    );
    (dir, through)
}

#[test]
fn a_full_disk_fails_the_build_clearly_and_keeps_the_previous_output() {
    // The second build needs more room than the 2 MB disk has: a body of 3 MB.
    let big = event("Big", "2023-07-13");
    let (_dir, t) = build_through(
        "2m",
        &format!(
            "printf '%s' '{big}' > \"$SITE/content/events/big.md\"\nyes 'Words of a long body.' | head -n 150000 >> \"$SITE/content/events/big.md\""
        ),
        Some("rm \"$SITE/content/events/big.md\""),
    );
    assert_eq!(t.status, "1\n");
    let error = &t.error;
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
    assert_eq!(t.after, t.before, "the failed build changed the output");
    assert_eq!(
        t.again.as_ref(),
        Some(&t.before),
        "the next build left litter or changed the site"
    );
}

#[test]
fn a_read_only_output_fails_the_build_clearly_and_changes_nothing() {
    let (_dir, t) = build_through(
        "8m",
        "mount -o remount,ro \"$1\"\nsed -i 's/title: One/title: One, edited/' \"$SITE/content/events/one.md\"",
        None,
    );
    assert_eq!(t.status, "1\n");
    assert!(
        t.error
            .starts_with("error[E001]: cannot create a folder beside `")
            && t.error
                .contains("/disk/public`: the file system is read-only\n"),
        "{}",
        t.error
    );
    assert_eq!(t.after, t.before);
}
