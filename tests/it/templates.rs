//! SPEC §9: themes and site templates: page titles built from the theme's
//! strings, and template variables that hide the globals `t` and `site`.

use crate::support::*;

/// A name is text, not a string template: braces in it are printed as written,
/// whatever placeholders the string it is put into has.
#[test]
fn braces_in_names_are_not_placeholders() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    std::fs::create_dir_all(root.join("content/events")).unwrap();
    std::fs::write(
        root.join("annals.yaml"),
        "title: \"Daily {total}\"\npaginate_by: 1\n",
    )
    .unwrap();
    for day in ["01", "02"] {
        std::fs::write(
            root.join(format!("content/events/2023-07-{day}-meeting.md")),
            format!("---\ntitle: Meeting {day}\ndate: 2023-07-{day}\nactors: \"Team {{current}}\"\n---\nBody.\n"),
        )
        .unwrap();
    }
    let public = build(root, &[]);
    let actor = read(&public.join("actors/team-current/page/2/index.html"));
    assert!(
        actor.contains("<title>Team {current} (page 2 of 2) · Daily {total}</title>"),
        "{actor}"
    );
    let index = read(&public.join("page/2/index.html"));
    assert!(
        index.contains("<title>Daily {total} (page 2 of 2) · Daily {total}</title>"),
        "{index}"
    );
}
