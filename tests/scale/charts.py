"""SPEC §7 charts at scale: on a built site (issue 14: 100k events from the
corpus generator), every chart's <svg> on the index and on the first page of
every group (actor, theatre, tag, year, period) is at most 60 KB, and the
links of the density strips, histogram bars and matrix cells of the index,
the busiest actor's and theatre's pages and /actors/ resolve: the page
exists, the query names existing groups and valid dates.

    python3 tests/scale/charts.py SITE_OUTPUT_DIR
"""

import html
import os
import re
import sys

LIMIT = 60_000
SVG = re.compile(r"<svg\b.*?</svg>", re.S)
HREF = re.compile(r'<a href="([^"]*\?[^"]*)"')
DATE = re.compile(r"^(-?\d{4}(-\d{2}(-\d{2})?)?|Y-?\d{5,})$")
SECTIONS = {"actor": "actors", "theatre": "theatres", "tag": "tags", "period": "periods"}


def first_pages(out):
    yield "index.html"
    for section in ("actors", "theatres", "tags", "years", "periods"):
        folder = os.path.join(out, section)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            page = os.path.join(section, name, "index.html")
            if os.path.isfile(os.path.join(out, page)):
                yield page


def read(out, page):
    with open(os.path.join(out, page), encoding="utf-8") as f:
        return f.read()


def check_link(out, page, href):
    path, query = html.unescape(href).split("?", 1)
    target = os.path.join(out, path.lstrip("/"), "index.html")
    assert os.path.isfile(target), f"{page}: {href} leads nowhere"
    for pair in query.split("&"):
        key, value = pair.split("=", 1)
        if key in SECTIONS:
            group = os.path.join(out, SECTIONS[key], value, "index.html")
            assert os.path.isfile(group), f"{page}: {href}: no {key} {value}"
        elif key in ("from", "to"):
            assert DATE.match(value), f"{page}: {href}: {key}={value} is not a date"
        else:
            raise AssertionError(f"{page}: {href}: unknown key {key}")


def busiest(out, section):
    """The member with the most events, from the section's table of counts."""
    rows = re.findall(
        r'<th scope="row"><a href="[^"]*/' + section + r'/([^/"]+)/".*?<td class="num">(\d+)</td>',
        read(out, f"{section}/index.html"),
        re.S,
    )
    return max(rows, key=lambda r: (int(r[1]), r[0]))


def main(out):
    pages = 0
    largest = (0, "")
    for page in first_pages(out):
        for svg in SVG.findall(read(out, page)):
            size = len(svg.encode("utf-8"))
            assert size <= LIMIT, f"{page}: a chart of {size} bytes (limit {LIMIT})"
            largest = max(largest, (size, page))
        pages += 1
    index = read(out, "index.html")
    assert 'class="chart dense"' in index, "the index's chart is not a density strip"
    actor, actor_count = busiest(out, "actors")
    theatre, theatre_count = busiest(out, "theatres")
    links = 0
    for page in ("index.html", f"actors/{actor}/index.html", f"theatres/{theatre}/index.html", "actors/index.html"):
        text = read(out, page)
        for block in SVG.findall(text) + re.findall(r'<table class="matrix">.*?</table>', text, re.S):
            for href in HREF.findall(block):
                check_link(out, page, href)
                links += 1
    sizes = {p: len(SVG.findall(read(out, p))[0].encode()) for p in ("index.html", f"actors/{actor}/index.html")}
    print(
        f"charts: {pages} pages, largest chart {largest[0]} bytes ({largest[1]}); "
        f"index chart {sizes['index.html']} bytes, index.html {len(index.encode())} bytes; "
        f"busiest actor {actor} ({actor_count} events) chart {sizes[f'actors/{actor}/index.html']} bytes; "
        f"{links} links resolve"
    )


if __name__ == "__main__":
    main(sys.argv[1])
