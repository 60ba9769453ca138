//! The crate as `cargo install annals` gets it: the code, the built-in theme,
//! the README and the published export schema, not the example's output, the
//! tests or the benchmarks.
//! (`.ci/run` checks with `cargo publish --dry-run` that it builds on its own.)

use std::process::Command;

#[test]
fn the_package_holds_the_code_the_theme_the_readme_and_the_schema_only() {
    let out = Command::new(env!("CARGO"))
        .args([
            "package",
            "--list",
            "--offline",
            "--locked",
            "--allow-dirty",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = String::from_utf8_lossy(&out.stdout).into_owned();
    let mut tops: Vec<&str> = files
        .lines()
        .map(|f| f.split('/').next().unwrap_or(f))
        // Written by cargo in a git checkout only.
        .filter(|f| *f != ".cargo_vcs_info.json")
        .collect();
    tops.sort();
    tops.dedup();
    assert_eq!(
        tops,
        [
            "Cargo.lock",
            "Cargo.toml",
            "Cargo.toml.orig",
            "README.md",
            "build.rs",
            "docs",
            "src",
            "themes"
        ],
        "{files}"
    );
    // What the build embeds must be in it.
    for file in [
        "src/commands/github-workflow.yml",
        "src/render/builtins/embed.js",
        "docs/events.schema.json",
        "themes/default/theme.yaml",
    ] {
        assert!(files.lines().any(|f| f == file), "{file} is missing");
    }
}
