//! What each template receives (SPEC §9), generated from the view types
//! themselves through their JSON Schemas (schemars reads the types and their
//! doc comments), so that `annals theme vars` and the reference section of
//! docs/templates.md cannot drift from what the renderer builds.

use super::view::{
    Counted, EmbedView, EntityView, EventView, FullEvent, ListEvent, MatrixView, PeriodView,
    SiteView, YearGroup, YearView,
};
use super::PageView;
use schemars::{JsonSchema, Schema};
use serde_json::Value as Json;

/// One variable a template receives.
pub(crate) struct Variable {
    pub name: &'static str,
    pub schema: Schema,
}

/// The variables of one template, besides the globals every template gets.
pub(crate) struct TemplateVars {
    pub template: &'static str,
    pub about: &'static str,
    pub variables: Vec<Variable>,
}

fn schema<T: JsonSchema>() -> Schema {
    let settings = schemars::generate::SchemaSettings::draft2020_12().with(|s| {
        s.inline_subschemas = true;
    });
    settings.into_generator().into_root_schema_for::<T>()
}

fn var<T: JsonSchema>(name: &'static str) -> Variable {
    Variable {
        name,
        schema: schema::<T>(),
    }
}

/// A variable with its own description (a list's, where the type describes
/// its items).
fn with_about(mut v: Variable, about: &str) -> Variable {
    v.schema.insert("description".into(), Json::from(about));
    v
}

/// A variable whose type is described in words: `t` (the theme's strings,
/// whatever keys a theme gives them) and pre-rendered HTML.
fn described(name: &'static str, kind: &str, description: &str) -> Variable {
    let mut schema = Schema::default();
    schema.insert("type".into(), Json::from(kind));
    schema.insert("description".into(), Json::from(description));
    Variable { name, schema }
}

/// An actor's or theatre's page variables, with its histogram.
fn with_histogram(mut variables: Vec<Variable>) -> Vec<Variable> {
    variables.push(described(
        "histogram",
        "string",
        "The group's events over time as inline SVG bars (html; print with `| safe`): per month, or per day for a season or less, per quarter or year for long spans (at most 120 bars), each linking to the filtered view of its span; drawn on the first page only, empty on later pages.",
    ));
    variables
}

/// The globals, then each template's own variables.
pub(crate) fn all() -> Vec<TemplateVars> {
    let page = || var::<PageView>("page");
    let list = |own: Option<Variable>| {
        let mut v = vec![page()];
        v.extend(own);
        v.push(with_about(
            var::<Vec<ListEvent>>("events"),
            "This page's events only, in display order: what a list entry needs, and the entry itself (`item`).",
        ));
        v.push(with_about(
            var::<Vec<YearGroup>>("groups"),
            "The same events under year and month headings.",
        ));
        v.push(described(
            "chart",
            "string",
            "The overview chart as inline SVG (html; print with `| safe`); drawn on a list's first page only, empty on later pages.",
        ));
        v
    };
    let only_page = |template, about| TemplateVars {
        template,
        about,
        variables: vec![page()],
    };
    vec![
        TemplateVars {
            template: "every template",
            about: "Globals: every template receives them.",
            variables: vec![
                var::<SiteView>("site"),
                described(
                    "t",
                    "object",
                    "The theme's strings in the site's language, from the `strings` map of its `theme.yaml`, English filling any key a language lacks: `{{ t.actors }}`.",
                ),
            ],
        },
        TemplateVars {
            template: "index.html",
            about: "The timeline, and its further pages (`/page/N/`).",
            variables: list(None),
        },
        TemplateVars {
            template: "event.html",
            about: "One event's page.",
            variables: vec![
                page(),
                with_about(
                    var::<FullEvent>("event"),
                    "The whole event: its view, what only its page shows (`body`, `related`, `prev`, `next`) and its list entry (`item`).",
                ),
                described(
                    "jsonld",
                    "string",
                    "The event as schema.org JSON-LD, escaped for a `<script>` element (print with `| safe`).",
                ),
            ],
        },
        TemplateVars {
            template: "event_item.html",
            about: "One event's entry in lists, rendered once per event and reused on every list that shows it (`item`). It gets no `page`.",
            variables: vec![var::<EventView>("event")],
        },
        TemplateVars {
            template: "event_line.html",
            about: "One event as a compact line (date, title, status), rendered once per event and reused on every list that shows it (`line`); the default theme lists a group's events (an actor's, a theatre's, a tag's, a year's, a period's) as lines when the including template sets `lines = true`. It gets no `page`.",
            variables: vec![var::<EventView>("event")],
        },
        TemplateVars {
            template: "actors.html",
            about: "All actors: `site.actors`.",
            variables: vec![
                page(),
                with_about(
                    var::<Option<MatrixView>>("matrix"),
                    "Who acts where: the events naming both an actor and a theatre, for the 30 most active actors and 20 most active theatres, the rest folded into an \"others\" row and column; `null` when no event names both.",
                ),
            ],
        },
        TemplateVars {
            template: "actor.html",
            about: "One actor's events.",
            variables: with_histogram(list(Some(var::<EntityView>("actor")))),
        },
        only_page("theatres.html", "All theatres: `site.theatres`."),
        TemplateVars {
            template: "theatre.html",
            about: "One theatre's events, its sub-theatres' included.",
            variables: with_histogram(list(Some(var::<EntityView>("theatre")))),
        },
        only_page("tags.html", "All tags: `site.tags`."),
        TemplateVars {
            template: "tag.html",
            about: "One tag's events.",
            variables: list(Some(var::<Counted>("tag"))),
        },
        only_page("years.html", "All years: `site.years`."),
        TemplateVars {
            template: "year.html",
            about: "One year's events.",
            variables: list(Some(var::<YearView>("year"))),
        },
        only_page("periods.html", "All periods, in time order: `site.periods`."),
        TemplateVars {
            template: "period.html",
            about: "One period: its description and its events.",
            variables: list(Some(var::<PeriodView>("period"))),
        },
        only_page("404.html", "The page for addresses that do not exist."),
        TemplateVars {
            template: "embed.html",
            about: "Built in; a theme or site may override it. A list's embed page (`/embed/`, `/embed/actors/<slug>/`, …). Its style and script are shared by every embed page, written once from `embed_style.css` and `embed_page.js` (`/embed/style.css`, `/embed/page.js`) and linked by `embed_head.html` from `embed.style` and `embed.script`.",
            variables: vec![
                page(),
                with_about(
                    var::<Vec<ListEvent>>("events"),
                    "The list's first `embed.max_events` events, in display order.",
                ),
                var::<EmbedView>("embed"),
            ],
        },
        TemplateVars {
            template: "embed_event.html",
            about: "Built in; a theme or site may override it. One event as a card (`/embed/events/<slug>/`), with the same shared style and script as `embed.html`.",
            variables: vec![page(), var::<EventView>("event"), var::<EmbedView>("embed")],
        },
        TemplateVars {
            template: "fragment.html",
            about: "Built in; a theme or site may override it. With `embed: {fragments: true}`: a list's markup alone (`/fragments/actors/<slug>.html`), for hosts that include HTML server-side. It gets no `page`.",
            variables: vec![
                with_about(
                    var::<Vec<ListEvent>>("events"),
                    "The list's first `embed.max_events` events, in display order.",
                ),
                with_about(var::<usize>("total"), "How many events the list has."),
            ],
        },
        TemplateVars {
            template: "sitemap.xml",
            about: "Built in; a theme or site may override it. Written only when `base_url` is absolute. Past 50,000 pages it renders each part (`sitemap-1.xml`, …), and `sitemap_index.xml` renders `sitemap.xml`.",
            variables: vec![with_about(
                var::<Vec<String>>("locs"),
                "The absolute URL of every page but the 404 page, in plan order (of this part's pages, at most 50,000).",
            )],
        },
        TemplateVars {
            template: "sitemap_index.xml",
            about: "Built in; a theme or site may override it. Written as `sitemap.xml` only for a site of more than 50,000 pages, whose sitemap the protocol requires in parts.",
            variables: vec![with_about(
                var::<Vec<String>>("sitemaps"),
                "The absolute URL of each part: `sitemap-1.xml`, `sitemap-2.xml`, ….",
            )],
        },
        TemplateVars {
            template: "robots.txt",
            about: "Built in; a theme or site may override it.",
            variables: vec![with_about(
                var::<Option<String>>("sitemap"),
                "The sitemap's absolute URL; none when `base_url` is only a path (no sitemap is written).",
            )],
        },
    ]
}

/// One row per variable and per field, nested fields by their path.
pub(crate) struct Row {
    pub path: String,
    pub kind: String,
    pub description: String,
}

/// The rows of a variable: itself, then every field below it.
pub(crate) fn rows(v: &Variable) -> Vec<Row> {
    let mut out = Vec::new();
    walk(v.name.to_string(), v.schema.as_value(), &mut out);
    out
}

fn walk(path: String, schema: &Json, out: &mut Vec<Row>) {
    let (kind, inner) = describe(schema);
    let description = schema
        .get("description")
        .or_else(|| inner.get("description"))
        .and_then(Json::as_str)
        .unwrap_or_default()
        .split("\n\n")
        .next()
        .unwrap_or_default()
        .replace('\n', " ");
    out.push(Row {
        path: path.clone(),
        kind,
        description,
    });
    // Lists show their items' fields as `list[].field`.
    let mut item = inner;
    let mut prefix = path;
    while let Some(items) = item.get("items") {
        let (_, deeper) = describe(items);
        item = deeper;
        prefix.push_str("[]");
    }
    if let Some(Json::Object(props)) = item.get("properties") {
        for (name, sub) in props {
            walk(format!("{prefix}.{name}"), sub, out);
        }
    }
}

/// A schema's type in words, and the schema that holds its fields (the
/// non-null branch of an optional value).
fn describe(schema: &Json) -> (String, &Json) {
    if let Some(Json::Array(branches)) = schema.get("anyOf").or_else(|| schema.get("oneOf")) {
        let real: Vec<&Json> = branches
            .iter()
            .filter(|b| b.get("type").and_then(Json::as_str) != Some("null"))
            .collect();
        if let [one] = real.as_slice() {
            let (kind, inner) = describe(one);
            return (format!("{kind}, optional"), inner);
        }
        let kinds: Vec<String> = real.iter().map(|b| describe(b).0).collect();
        return (kinds.join(" or "), schema);
    }
    if let Some(values) = schema.get("enum").and_then(Json::as_array) {
        let words: Vec<String> = values
            .iter()
            .map(|v| {
                format!(
                    "`{}`",
                    v.as_str().map_or_else(|| v.to_string(), str::to_string)
                )
            })
            .collect();
        return (format!("one of {}", words.join(", ")), schema);
    }
    let one = |t: &str| -> String {
        match t {
            "array" => {
                let item = schema.get("items").map(|i| describe(i).0);
                format!("list of {}", item.unwrap_or_else(|| "values".into()))
            }
            "integer" => "integer".into(),
            "number" => "number".into(),
            "boolean" => "boolean".into(),
            "object" => "object".into(),
            "string" => "string".into(),
            other => other.into(),
        }
    };
    match schema.get("type") {
        Some(Json::String(t)) => (one(t), schema),
        Some(Json::Array(ts)) => {
            let names: Vec<&str> = ts
                .iter()
                .filter_map(Json::as_str)
                .filter(|t| *t != "null")
                .collect();
            let optional = ts.iter().any(|t| t == "null");
            let kind = names
                .iter()
                .map(|t| one(t))
                .collect::<Vec<_>>()
                .join(" or ");
            (
                if optional {
                    format!("{kind}, optional")
                } else {
                    kind
                },
                schema,
            )
        }
        _ => ("any value".into(), schema),
    }
}

/// The reference, as `annals theme vars` prints it and docs/templates.md
/// holds it: a heading per template, a table of its variables and fields.
pub(crate) fn markdown(templates: &[TemplateVars]) -> String {
    let mut out = String::new();
    for t in templates {
        out.push_str(&format!("### {}\n\n{}\n\n", heading(t.template), t.about));
        out.push_str("| variable | type | meaning |\n|---|---|---|\n");
        for v in &t.variables {
            for row in rows(v) {
                out.push_str(&format!(
                    "| `{}` | {} | {} |\n",
                    row.path,
                    row.kind,
                    row.description.replace('|', "\\|")
                ));
            }
        }
        out.push('\n');
    }
    out
}

fn heading(template: &str) -> String {
    if template.contains('.') {
        format!("`{template}`")
    } else {
        template.to_string()
    }
}
