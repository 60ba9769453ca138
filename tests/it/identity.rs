//! SPEC §5: names, aliases, scripts and case resolve to one actor; theatres nest.

use crate::support::*;

#[test]
fn aliases_scripts_and_case_resolve_to_one_actor() {
    let site = fixture("identity");
    let public = build(site.path(), &[]);
    let popov = read(&public.join("actors/ivan-popov/index.html"));
    let ids = article_ids(&popov);
    assert_eq!(ids, ["by-alias", "by-ukrainian", "by-russian", "by-case"]);
    assert!(popov.contains("<h1 dir=\"auto\">Ivan Popov</h1>"));
    assert!(popov.contains("Commander of an army."));
    // Only two actors exist: Popov and Shoigu, who is named only in an event.
    let actors: Vec<_> = std::fs::read_dir(public.join("actors"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    let mut actors = actors;
    actors.sort();
    assert_eq!(actors, ["ivan-popov", "sergei-shoigu"]);
    let shoigu = read(&public.join("actors/sergei-shoigu/index.html"));
    assert!(shoigu.contains("<h1 dir=\"auto\">Sergei Shoigu</h1>"));
    // Co-occurrence: Popov appears with Shoigu once.
    assert!(popov.contains(
        "href=\"/actors/sergei-shoigu/\" dir=\"auto\">Sergei Shoigu</a> <span class=\"count\">1</span>"
    ));
}

#[test]
fn theatres_nest_and_parents_list_their_children_events() {
    let site = fixture("identity");
    let public = build(site.path(), &[]);
    let zap = read(&public.join("theatres/zaporizhzhia/index.html"));
    // Orikhiv's two events and Zaporizhzhia's own one.
    assert_eq!(article_ids(&zap), ["by-alias", "by-ukrainian", "by-case"]);
    assert!(
        zap.contains("href=\"/theatres/orikhiv/\" dir=\"auto\">Orikhiv</a>"),
        "sub-theatre listed"
    );
    let ori = read(&public.join("theatres/orikhiv/index.html"));
    assert!(
        ori.contains("href=\"/theatres/zaporizhzhia/\" dir=\"auto\">Zaporizhzhia</a>"),
        "parent linked"
    );
    let index = read(&public.join("theatres/index.html"));
    assert!(index.contains("Orikhiv"));
}

#[test]
fn alias_claimed_twice_is_an_error_naming_both_files() {
    let site = fixture("identity");
    std::fs::write(
        site.path().join("content/actors/other.md"),
        "---\nname: Other Popov\naliases: [popov]\n---\n",
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[E140]: alias `popov` is claimed by two actors"),
        "{err}"
    );
    assert!(err.contains("content/actors/other.md:3:11"), "{err}");
    assert!(err.contains("content/actors/ivan-popov.md"), "{err}");
}

#[test]
fn a_name_claimed_twice_is_an_error_and_an_alias_equal_to_a_name_a_warning() {
    let site = fixture("identity");
    std::fs::write(
        site.path().join("content/actors/ivan-popov-2.md"),
        "---\nname: Ivan Popov\n---\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("content/actors/sergei-shoigu.md"),
        "---\nname: Sergei Shoigu\naliases: [Ivan Popov]\n---\n",
    )
    .unwrap();
    let out = run(site.path(), &["check"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[E140]: name `Ivan Popov` is claimed by two actors"),
        "{err}"
    );
    assert!(
        err.contains("content/actors/ivan-popov.md:2:7")
            || err.contains("content/actors/ivan-popov-2.md:2:7"),
        "{err}"
    );
    assert!(
        err.contains("warning[W202]: alias `Ivan Popov` of `sergei-shoigu`"),
        "{err}"
    );
    assert!(
        err.contains("content/actors/sergei-shoigu.md:3:11"),
        "{err}"
    );
}
