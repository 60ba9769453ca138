#!/usr/bin/env python3
"""Writes a site that carries every vector of tests/xss/vectors.txt in every
field a contributor controls (issue 16): the site's title and description,
each event's title, summary, body, actors, theatres, periods, tags, sources,
image, location, extra, slug and file name; the names, aliases and
descriptions of actors, theatres and periods; and, through `annals import`,
every text field of the five import formats. The build of this site is what
the Chromium sweep (tests/browser/xss.test.mjs), the export parsers
(tests/feeds/test_xss.py) and the HTML oracle (tests/it/xss.rs) read.

    generate.py OUT [--annals BIN]

writes two sites: OUT/site (every field of content, and the imports) and
OUT/config (annals.yaml's fields). Without --annals the import files are
written under OUT/site/imports/ but not imported. Prints the number of vectors."""

import argparse
import csv
import json
import pathlib
import re
import subprocess
import sys
import urllib.parse

HERE = pathlib.Path(__file__).resolve().parent


def vectors():
    """The corpus, with \\u{XXXX} read as the character it names."""
    out = []
    for line in (HERE / "vectors.txt").read_text(encoding="utf-8").split("\n"):
        if line == "" or line.startswith("#"):
            continue
        out.append(re.sub(r"\\u\{([0-9A-Fa-f]+)\}", lambda m: chr(int(m.group(1), 16)), line))
    return out


def y(value):
    """A YAML scalar or collection: JSON is YAML, and ASCII-only JSON keeps
    U+2028 and friends as escapes that YAML reads back as the characters."""
    return json.dumps(value, ensure_ascii=True)


def front(fields):
    return "---\n" + "".join(f"{y(k)}: {y(v)}\n" for k, v in fields.items()) + "---\n"


def file_name(i, v):
    """A file name holding the vector: every byte but '/' and NUL is allowed."""
    safe = v.replace("/", "_").replace("\0", "_")
    return f"{i:03d}-{safe}"[:120].rstrip(".") + ".md"


def url_in(v):
    """An http URL that carries the vector in its path and query, so that
    every attribute and export holding a URL gets it. annals refuses a URL
    with a space, `"`, `<`, `>` or a control character in it (they must be
    percent-encoded), so those are; quotes, ampersands and the rest stay."""
    v = urllib.parse.quote(v, safe="!#$%&'()*+,/:;=?@[]~`{}|^\\")
    return "https://example.org/" + v + "?q=" + v


def line(v):
    """The vector in a one-line text field, which refuses control characters
    (a diagnostic, tested elsewhere): they become spaces."""
    return re.sub(r"[\x00-\x1f\x7f]", " ", v)


def body(v):
    """Markdown holding the vector as raw text or HTML, as a link's and an
    image's destination, as link text, in a table and a footnote."""
    return (
        f"{v}\n\n"
        f"Inline: {v} and `{v}`.\n\n"
        f"[{v}]({v}) [text](<{v}>) ![{v}]({v})\n\n"
        f"| {v} |\n|---|\n| {v} |\n\n"
        f"A note.[^n]\n\n[^n]: {v}\n\n"
        f"<div>{v}</div>\n"
    )


def config_site(out, vs):
    """The site's own fields: its title, description and `extra` hold every
    vector. A site of its own, with one event, because the title is on every
    page: in the big site it would make each page kilobytes longer."""
    (out / "content/events").mkdir(parents=True, exist_ok=True)
    joined = " ".join(line(v) for v in vs)
    (out / "annals.yaml").write_text(
        f"title: {y(joined)}\ndescription: {y(joined)}\n"
        + "embed:\n  fragments: true\n"
        + f"extra: {y({'note': joined})}\n",
        encoding="utf-8",
    )
    (out / "content/events/one.md").write_text(front({"title": "One", "date": "2023-07-12"}), encoding="utf-8")


def site(out, vs):
    """Every field of events, actors, theatres and periods."""
    (out / "content/events").mkdir(parents=True, exist_ok=True)
    for section in ("actors", "theatres", "periods"):
        (out / "content" / section).mkdir(parents=True, exist_ok=True)
    (out / "annals.yaml").write_text("title: XSS corpus\nembed:\n  fragments: true\n", encoding="utf-8")
    for i, raw in enumerate(vs):
        v = line(raw)
        (out / f"content/actors/a{i:03d}.md").write_text(
            front({"name": f"{v} a{i}", "aliases": [f"{v} alias a{i}"], "kind": "person", "affiliation": v})
            + body(raw),
            encoding="utf-8",
        )
        theatre = {"name": f"{v} t{i}", "aliases": [f"{v} alias t{i}"], "location": {"name": v, "lat": 48.0, "lon": 35.0}}
        if i:
            theatre["parent"] = "t000"
        (out / f"content/theatres/t{i:03d}.md").write_text(front(theatre) + body(raw), encoding="utf-8")
        (out / f"content/periods/p{i:03d}.md").write_text(
            front({"name": f"{v} p{i}", "date": f"{1900 + i}/{1900 + i}-06"}) + body(raw), encoding="utf-8"
        )
        event = {
            "title": v,
            "date": f"{1900 + i}-02-{1 + i % 28:02d}",
            "summary": v,
            "actors": [v, f"{v} alias a{i}"],
            "theatres": [v, f"{v} alias t{i}"],
            "periods": [f"{v} p{i}"],
            "tags": [v, f"tag {v}"],
            "sources": [
                {"url": url_in(raw), "title": v, "publisher": v, "date": "2023-07-13", "archive": url_in(raw), "quote": v},
                {"publisher": v},
            ],
            "image": {"src": url_in(raw), "alt": v, "caption": v, "credit": v},
            "location": {"name": v, "lat": 48.0, "lon": 35.0},
            "extra": {"note": raw, "list": [raw], raw: raw},
        }
        (out / "content/events" / file_name(i, raw)).write_text(front(event) + body(raw), encoding="utf-8")
        # The same vector as a written slug, normalised by annals.
        (out / f"content/events/slug-{i:03d}.md").write_text(
            front({"title": f"slug {i}", "date": f"{1900 + i}-03", "slug": f"s{i} {v}"}), encoding="utf-8"
        )


def imports(out, vs):
    """One file per import format, each text field carrying the vector; names
    carry the format so that imported actors and theatres stay apart."""
    src = out / "imports"
    (src / "markdown").mkdir(parents=True, exist_ok=True)
    events = []
    for i, v in enumerate(vs):
        events.append({
            "start_date": {"year": str(1950 + i), "month": "1", "day": "2", "display_date": v},
            "end_date": {"year": str(1950 + i), "month": "1", "day": "3", "display_date": v},
            "text": {"headline": f"h{i} {v}", "text": v},
            "media": {"url": url_in(v), "caption": v, "credit": v, "alt": v, "title": v, "link": url_in(v)},
            "group": f"tljs {v}",
            "display_date": v,
            "unique_id": f"u{i} {v}",
            "background": {"url": url_in(v), "color": v},
        })
    eras = [{"start_date": {"year": str(1950 + i)}, "end_date": {"year": str(1951 + i)}, "text": {"headline": f"era {i} {v}", "text": v}}
            for i, v in enumerate(vs)]
    timeline = {"title": {"text": {"headline": vs[0], "text": vs[1]}}, "events": events, "eras": eras}
    (src / "timelinejs.json").write_text(json.dumps(timeline, ensure_ascii=False, indent=1), encoding="utf-8")

    def write_csv(name, header, rows):
        with open(src / name, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)

    write_csv(
        "sheet.csv",
        ["Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date", "Headline",
         "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background"],
        [[1960 + i, 1, 2, "", "", "", "", "", v, f"h{i} {v}", v, url_in(v), v, v, url_in(v), "", f"sheet {v}", ""]
         for i, v in enumerate(vs)],
    )
    acled_header = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                    "fatalities", "tags", "timestamp"]
    write_csv(
        "acled.csv",
        acled_header,
        [[f"X{i}", f"{1970 + i % 50}-01-02", 1970 + i % 50, 1, v, v, v, f"acled {v}", f"acled assoc {v}",
          "State forces", f"acled two {v}", v, "Rebel group", v, "", 1, v, f"acled {v}", f"acled {v}",
          f"acled {v}", v, f"acled {v}", "5.1", "-1.2", 1, v, v, v, 0, v, 1700000000]
         for i, v in enumerate(vs)],
    )
    ucdp_header = ["id", "relid", "year", "active_year", "code_status", "type_of_violence", "conflict_dset_id",
                   "conflict_new_id", "conflict_name", "dyad_dset_id", "dyad_new_id", "dyad_name", "side_a_dset_id",
                   "side_a_new_id", "side_a", "side_b_dset_id", "side_b_new_id", "side_b", "number_of_sources",
                   "source_article", "source_office", "source_date", "source_headline", "source_original",
                   "where_prec", "where_coordinates", "where_description", "adm_1", "adm_2", "latitude", "longitude",
                   "geom_wkt", "priogrid_gid", "country", "country_id", "region", "event_clarity", "date_prec",
                   "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best",
                   "high", "low", "gwnoa", "gwnob"]
    write_csv(
        "ucdp.csv",
        ucdp_header,
        [[900000 + i, v, 1990 + i % 30, 1, v, 1, 1, 1, f"ucdp {v}", 1, 1, f"ucdp {v}", 1, 1, f"ucdp a {v}", 2, 2,
          f"ucdp b {v}", 1, v, v, v, v, v, 1, f"ucdp {v}", v, f"ucdp {v}", f"ucdp {v}", "48.0", "35.0", "", 1,
          f"ucdp {v}", 1, v, 1, 1, f"{1990 + i % 30}-01-02 00:00:00.000", f"{1990 + i % 30}-01-03 00:00:00.000",
          0, 0, 0, 0, 0, 0, 0, "", ""]
         for i, v in enumerate(vs)],
    )
    for i, v in enumerate(vs):
        fm = {"title": v, "date": f"{2000 + i % 20}-01-02", "description": v, "summary": v,
              "tags": [f"md {v}"], "categories": [f"md {v}"], "location": v, "slug": f"m{i} {v}"}
        (src / "markdown" / file_name(i, v)).write_text(front(fm) + body(v), encoding="utf-8")


def run_imports(out, annals):
    src = out / "imports"
    for fmt, path in [("timelinejs", "timelinejs.json"), ("csv", "sheet.csv"), ("acled", "acled.csv"),
                      ("ucdp", "ucdp.csv"), ("markdown", "markdown")]:
        into = out / "content/events" / f"imported-{fmt}"
        done = subprocess.run([annals, "import", fmt, str(src / path), "--root", str(out), "--into", str(into)],
                              capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"annals import {fmt} failed ({done.returncode}):\n{done.stderr}")


def main():
    p = argparse.ArgumentParser()
    p.add_argument("out", type=pathlib.Path)
    p.add_argument("--annals")
    args = p.parse_args()
    vs = vectors()
    config_site(args.out / "config", vs)
    site(args.out / "site", vs)
    imports(args.out / "site", vs)
    if args.annals:
        run_imports(args.out / "site", args.annals)
    print(len(vs))


if __name__ == "__main__":
    main()
