//! The Hugo side: `hugo.toml` and minimal templates that do the same work as
//! annals' pages: every event's content rendered once on its page, list pages
//! (home, actors, theatres, tags, years) paginated by 100.
//!
//! The templates are written the way a Hugo user who cares about speed would:
//! term links are built from front matter (`.GetTerms` costs Hugo 0.111 about
//! half its build time on this corpus), the home page puts month headings into
//! each pager page instead of grouping the whole timeline on every page, and a
//! list entry is rendered once per event with `partialCached`, as annals does.

/// `hugo.toml`. With `lean`, Hugo skips RSS, the sitemap and robots.txt.
pub(crate) fn config(title: &str, lean: bool) -> String {
    let disable = if lean { "" } else { "# " };
    format!(
        r#"baseURL = "https://example.org/"
languageCode = "en"
title = "{title}"
taxonomies = {{ actor = "actors", theatre = "theatres", tag = "tags", year = "years" }}
{disable}disableKinds = ["RSS", "sitemap", "robotsTXT"]

[pagination]
pagerSize = 100
"#
    )
}

/// The layouts to write: the paginated set, or with `lean` Hugo's leanest
/// equivalent site.
pub(crate) fn layouts(lean: bool) -> &'static [(&'static str, &'static str)] {
    if lean {
        &LEAN
    } else {
        &LAYOUTS
    }
}

/// Hugo's leanest equivalent site, the bar of issue 15: no pagination, no
/// partials; a base layout with head, navigation and footer; an event page with
/// title, date, actor/theatre/tag links and content; term and home pages as
/// plain lists of links. What a Hugo user who wants the smallest, fastest site
/// that still links everything would write.
const LEAN: [(&str, &str); 5] = [
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "actors/" | relURL }}">Actors</a> <a href="{{ "theatres/" | relURL }}">Theatres</a> <a href="{{ "tags/" | relURL }}">Tags</a> <a href="{{ "years/" | relURL }}">Years</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ site.Title }}</footer>
</body>
</html>
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}<ul>
{{ range (where site.RegularPages "Section" "events").ByDate }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article>
<h1>{{ .Title }}</h1>
<p><time>{{ .Date.Format "2006-01-02" }}</time></p>
<p>{{ range .Params.actors }}<a href="{{ printf "actors/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>
<p>{{ range .Params.theatres }}<a href="{{ printf "theatres/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>
<p>{{ range .Params.tags }}<a href="{{ printf "tags/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>
{{ .Content }}
</article>{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>
{{ range .Pages.ByDate }}<li><time>{{ .Date.Format "2006-01-02" }}</time> <a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></li>
{{ end }}</ul>{{ end }}
"#,
    ),
];

/// (path under `layouts/`, contents). Page sizes are given to `.Paginate` as well
/// as in `hugo.toml`, and `params` is read from front matter's `params:` (Hugo
/// 0.123 and later) or from `.Params.params` (older Hugo), so the templates work
/// with the Hugo a distribution ships too.
const LAYOUTS: [(&str, &str); 7] = [
    (
        "_default/baseof.html",
        r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "actors/" | relURL }}">Actors</a> <a href="{{ "theatres/" | relURL }}">Theatres</a> <a href="{{ "tags/" | relURL }}">Tags</a> <a href="{{ "years/" | relURL }}">Years</a></nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#,
    ),
    (
        "partials/event-item.html",
        r#"<article class="event">
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
{{ $p := .Params }}{{ with .Params.params }}{{ $p = . }}{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ $p.edtf }}</time> · <span class="status">{{ $p.status }}</span>
{{ range .Params.actors }} · <a href="{{ printf "actors/%s/" (urlize .) | relURL }}">{{ . }}</a>{{ end }}</p>
<p>{{ .Summary | plainify }}</p>
</article>
"#,
    ),
    (
        "index.html",
        r#"{{ define "main" }}
{{ $pager := .Paginate (where site.RegularPages "Section" "events").ByDate 100 }}
{{ $month := "" }}
{{ range $pager.Pages }}{{ $m := .Date.Format "January 2006" }}{{ if ne $m $month }}<h2>{{ $m }}</h2>{{ $month = $m }}{{ end }}
{{ partialCached "event-item.html" . .RelPermalink }}{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "_default/single.html",
        r#"{{ define "main" }}<article class="event">
<h1>{{ .Title }}</h1>
{{ $p := .Params }}{{ with .Params.params }}{{ $p = . }}{{ end }}
<p><time datetime="{{ .Date.Format "2006-01-02" }}">{{ $p.edtf }}</time> · <span class="status">{{ $p.status }}</span></p>
{{ with .Params.actors }}<p>Actors: {{ range . }}<a href="{{ printf "actors/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ with .Params.theatres }}<p>Theatres: {{ range . }}<a href="{{ printf "theatres/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
{{ with .Params.tags }}<p>Tags: {{ range . }}<a href="{{ printf "tags/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>{{ end }}
<div class="body">{{ .Content }}</div>
{{ with $p.sources }}<h2>Sources</h2>
<ol>{{ range . }}<li>{{ if .url }}<a href="{{ .url }}">{{ end }}{{ .publisher }}{{ with .title }}: {{ . }}{{ end }}{{ if .url }}</a>{{ end }}{{ with .date }} ({{ . }}){{ end }}</li>{{ end }}</ol>{{ end }}
<nav>{{ with .PrevInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .NextInSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
"#,
    ),
    (
        "_default/term.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
{{ .Content }}
{{ $pager := .Paginate .Pages.ByDate 100 }}
{{ range $pager.Pages }}{{ partialCached "event-item.html" . .RelPermalink }}{{ end }}
{{ template "_internal/pagination.html" . }}
{{ end }}
"#,
    ),
    (
        "_default/taxonomy.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.LinkTitle }}</a> ({{ .Count }})</li>{{ end }}</ul>
{{ end }}
"#,
    ),
    (
        "_default/list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1>
<p>{{ len .Pages }} events; see the <a href="{{ "/" | relURL }}">timeline</a>.</p>
{{ end }}
"#,
    ),
];
