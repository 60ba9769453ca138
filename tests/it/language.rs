//! SPEC §6 `language`: dates and theme strings in the site's language.

use crate::support::*;

fn build_in(language: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = fixture("identity");
    std::fs::write(
        site.path().join("annals.yaml"),
        format!("title: Lang\nlanguage: {language}\n"),
    )
    .unwrap();
    let public = build(site.path(), &[]);
    (site, public)
}

#[test]
fn theme_strings_follow_the_language_with_plural_forms() {
    let (_site, public) = build_in("ru");
    let index = read(&public.join("index.html"));
    assert!(index.contains("<html lang=\"ru\">"));
    assert!(index.contains(">Участники</a>"), "nav in Russian");
    assert!(index.contains("4 события"), "few-form plural");
    // Dates: genitive month after a day, nominative in the month heading; the
    // machine-readable value never changes with the language.
    assert!(index.contains(r#"<time datetime="2023-07-01">1 июля 2023 г.</time>"#));
    assert!(index.contains(r#"<time datetime="2023-07">Июль 2023 г.</time></h3>"#));
    let actors = read(&public.join("actors/index.html"));
    assert!(actors.contains("<h1>Участники</h1>"));
    assert!(actors.contains("<title>Участники · Lang</title>"));

    let (_site, public) = build_in("fr");
    let popov = read(&public.join("actors/ivan-popov/index.html"));
    assert!(popov.contains("4 événements"));
    assert!(popov.contains(">Apparaît avec</h2>"));
    assert!(popov.contains("badge status-reported\">rapporté<"));
    assert!(
        popov.contains(r#"<time datetime="2023-07-01">1er juillet 2023</time>"#),
        "{popov}"
    );

    let (_site, public) = build_in("de");
    let index = read(&public.join("index.html"));
    assert!(index.contains(r#"<time datetime="2023-07-04">4. Juli 2023</time>"#));
    assert!(index.contains(r#"<time datetime="2023-07">Juli 2023</time></h3>"#));
}

#[test]
fn an_unknown_language_falls_back_to_english_with_a_warning() {
    let site = fixture("identity");
    std::fs::write(
        site.path().join("annals.yaml"),
        "title: Lang\nlanguage: xx\n",
    )
    .unwrap();
    let out = run(site.path(), &["build", "-v"]);
    assert!(out.status.success());
    assert!(stderr(&out).contains("warning[W201]"), "{}", stderr(&out));
    let index = read(&site.path().join("public/index.html"));
    assert!(index.contains(">Actors</a>"));
    assert!(index.contains("1 July 2023"));
}

/// A heading begins with a capital in every language, also where a month's
/// name does not (`липень` → `Липень 2023 р.`); a date inside a sentence
/// keeps its lower case. Headings are dates, so they are machine-readable.
#[test]
fn month_headings_begin_with_a_capital_in_every_language() {
    let cases = [
        ("en", "July 2023", "2023"),
        ("fr", "Juillet 2023", "2023"),
        ("de", "Juli 2023", "2023"),
        ("es", "Julio de 2023", "2023"),
        ("ru", "Июль 2023 г.", "2023 г."),
        ("uk", "Липень 2023 р.", "2023 р."),
    ];
    for (code, month, year) in cases {
        let (_site, public) = build_in(code);
        let index = read(&public.join("index.html"));
        let heading = format!(
            r#"<h3 class="month-heading" id="m-2023-07"><time datetime="2023-07">{month}</time></h3>"#
        );
        assert!(index.contains(&heading), "{code}: no {heading}");
        let year_heading = format!(r#"/years/2023/"><time datetime="2023">{year}</time></a></h2>"#);
        assert!(index.contains(&year_heading), "{code}: no {year_heading}");
        let years = read(&public.join("years/2023/index.html"));
        assert!(
            years.contains(&format!(r#"<h1><time datetime="2023">{year}</time></h1>"#)),
            "{code}"
        );
    }
    // Mid-sentence, a month keeps its case: an actor's span reads `... · 1–4 июля 2023 г.`.
    let (_site, public) = build_in("uk");
    let popov = read(&public.join("actors/ivan-popov/index.html"));
    assert!(popov.contains("липня 2023 р.</time></p>"), "{popov}");
}

/// A site of `n` events, each with its own actor and theatre, in `language`,
/// whose embeds show one event.
fn site_of(n: usize, language: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let site = tempfile::tempdir().unwrap();
    write(
        site.path(),
        "annals.yaml",
        &format!("title: Lang\nlanguage: {language}\nembed: {{max_events: 1}}\n"),
    );
    for i in 0..n {
        write(
            site.path(),
            &format!("content/events/e{i:02}.md"),
            &format!("---\ntitle: E{i}\ndate: 2023-07-{:02}\nactors: [A{i}]\ntheatres: [T{i}]\n---\nBody.\n", i + 1),
        );
    }
    let public = build(site.path(), &["-q"]);
    (site, public)
}

/// Every count on a page takes the form its number needs, with Ukrainian
/// and Russian's three (one, few, many): 1 подія, 2 події, 5 подій,
/// 21 подія, 22 події, 25 подій. What scripts count (filters, an embed's
/// "more" link) gets every form, to choose by the same rules.
#[test]
fn counts_take_the_form_of_their_number_in_ukrainian_and_russian() {
    let forms = [
        (
            "uk",
            ["подія", "події", "подій"],
            ["учасник", "учасники", "учасників"],
            ["театр дій", "театри дій", "театрів дій"],
        ),
        (
            "ru",
            ["событие", "события", "событий"],
            ["участник", "участника", "участников"],
            ["театр действий", "театра действий", "театров действий"],
        ),
    ];
    // one, few, many
    let form = |n: usize| match n {
        1 | 21 => 0,
        2 | 22 => 1,
        _ => 2,
    };
    for (code, events, actors, theatres) in forms {
        for n in [1, 2, 5, 21, 22, 25] {
            let (_site, public) = site_of(n, code);
            let index = read(&public.join("index.html"));
            let f = form(n);
            let stats = format!(
                r#"<p class="stats">{n} {} · <a href="/actors/">{n} {}</a> · <a href="/theatres/">{n} {}</a></p>"#,
                events[f], actors[f], theatres[f]
            );
            assert!(index.contains(&stats), "{code} {n}: no {stats}");
            let footer = format!(
                "<p><bdi>Lang</bdi> · {n} {} · {n} {} · {n} {}</p>",
                events[f], actors[f], theatres[f]
            );
            assert!(index.contains(&footer), "{code} {n}: no {footer}");
            let chart = format!("{n} {}", events[f]);
            let title = index.split("<title id=\"chart-title\">").nth(1).unwrap();
            assert!(
                title.starts_with(&format!(
                    "{}: {chart} ",
                    ["Огляд", "Обзор"][usize::from(code == "ru")]
                )),
                "{code} {n}: {title}"
            );
            if n > 1 {
                let embed = read(&public.join("embed/index.html"));
                let more = format!(
                    r#"<p class="annals-more"><a href="/" data-annals-forms="{{&quot;few&quot;:&quot;{}&quot;,&quot;many&quot;:&quot;{}&quot;,&quot;one&quot;:&quot;{}&quot;}}">{n} {}</a></p>"#,
                    events[1], events[2], events[0], events[f]
                );
                assert!(embed.contains(&more), "{code} {n}: no {more} in {embed}");
            }
        }
    }
    // The search's "found" line takes the form of its count, in each language.
    let found = |code: &str| -> serde_json::Value {
        let (_site, public) = site_of(2, code);
        let index = read(&public.join("index.html"));
        let found = attr_values(&index, "data-found");
        serde_json::from_str(&found[0].replace("&quot;", "\"")).expect("forms as JSON")
    };
    let uk = found("uk");
    assert_eq!(uk["one"], "Знайдено {count} подію");
    assert_eq!(uk["few"], "Знайдено {count} події");
    assert_eq!(uk["many"], "Знайдено {count} подій");
    let en = found("en");
    assert_eq!(en["one"], "{count} event found");
    assert_eq!(en["other"], "{count} events found");
}

/// Where `needle` occurs as text in `html` (not in an attribute, the head, a
/// script, the chart or a textarea), the text it starts and the element that
/// holds it; `None` when every such element sets its own direction
/// (`dir="auto"`, or `<bdi>`), which is what right-to-left names need.
fn without_direction(html: &str, needle: &str) -> Option<String> {
    let body = &html[html.find("<body").unwrap_or(0)..];
    for (at, _) in body.match_indices(needle) {
        let before = &body[..at];
        let (lt, gt) = (
            before.rfind('<').unwrap_or(0),
            before.rfind('>').unwrap_or(0),
        );
        if lt > gt {
            continue; // inside a tag: an attribute
        }
        let open = |tag: &str| before.rfind(&format!("<{tag}")).unwrap_or(0);
        let close = |tag: &str| before.rfind(&format!("</{tag}>")).unwrap_or(0);
        if ["script", "svg", "textarea", "title"]
            .iter()
            .any(|t| open(t) > close(t) && before.contains(&format!("<{t}")))
        {
            continue;
        }
        let tag = &before[lt..=gt];
        let starts = before[gt + 1..].trim().is_empty();
        if !(starts && (tag.contains(" dir=\"auto\"") || tag.starts_with("<bdi"))) {
            let end = (at + needle.len() + 40).min(body.len());
            let end = (end..body.len())
                .find(|&i| body.is_char_boundary(i))
                .unwrap_or(body.len());
            return Some(body[lt..end].to_string());
        }
    }
    None
}

/// Names and titles from front matter may be written right to left: each is
/// shown in an element that finds its own direction (`dir="auto"`, `<bdi>`),
/// so an Arabic or Hebrew name reads right in a left-to-right page, with its
/// punctuation where it belongs. Every page of the default theme, and embeds.
#[test]
fn front_matter_text_takes_its_own_direction() {
    let site = tempfile::tempdir().unwrap();
    let root = site.path();
    write(
        root,
        "annals.yaml",
        "title: مرصد الأحداث\ndescription: وصف الموقع\nembed: {max_events: 1, fragments: true}\n",
    );
    write(
        root,
        "content/events/2023-07-01-meeting.md",
        "---\ntitle: اجتماع الهيئة\ndate: 2023-07-01\nsummary: ملخص الحدث\nactors: [حماس]\ntheatres: [رفح]\ntags: [سياسة]\nlocation: {name: ساحة المدينة}\nimage: {src: \"https://example.org/a.jpg\", alt: صورة, caption: تعليق الصورة, credit: مصور}\nsources:\n  - publisher: الجزيرة\n    title: بيان رسمي\n    url: https://example.org/a\n    quote: نص الاقتباس\n  - publisher: وكالة\n---\nBody.\n",
    );
    write(
        root,
        "content/events/2023-07-02-second.md",
        "---\ntitle: الحدث الثاني\ndate: 2023-07-02\nactors: [حماس]\ntheatres: [خان يونس]\nrelated: [2023-07-01-meeting]\nsources:\n  - title: تقرير\n---\nBody.\n",
    );
    write(
        root,
        "content/actors/hamas.md",
        "---\nname: حماس\naliases: [حركة المقاومة]\naffiliation: فلسطين\n---\nوصف.\n",
    );
    write(root, "content/theatres/rafah.md", "---\nname: رفح\n---\n");
    write(
        root,
        "content/theatres/khan-younis.md",
        "---\nname: خان يونس\nparent: رفح\n---\n",
    );
    let public = build(root, &["--drafts"]);
    let texts = [
        "مرصد الأحداث",
        "وصف الموقع",
        "اجتماع الهيئة",
        "الحدث الثاني",
        "ملخص الحدث",
        "حماس",
        "حركة المقاومة",
        "فلسطين",
        "رفح",
        "خان يونس",
        "سياسة",
        "ساحة المدينة",
        "تعليق الصورة",
        "مصور",
        "الجزيرة",
        "بيان رسمي",
        "نص الاقتباس",
        "وكالة",
        "تقرير",
    ];
    let mut missing = Vec::new();
    for (rel, bytes) in tree(&public) {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for text in texts {
            if let Some(at) = without_direction(&html, text) {
                missing.push(format!("{rel}: {at}"));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
