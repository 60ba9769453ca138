"""The XSS corpus (tests/xss/) through the feeds and exports (issue 16): the
site that tests/xss/generate.py writes, with every vector in every field,
is built with ANNALS_BIN; each feed and export is read by an independent
parser and must hold every vector intact, as text: Atom (feedparser), JSON
Feed, iCalendar (icalendar), events.json, events.csv (free-text cells that
start like a formula are neutralised by a leading `'`, date cells are not),
timelinejs.json (plain-text fields escaped as HTML, `text.text` sanitised)
and each event page's JSON-LD."""

import csv
import html
import importlib.util
import json
import os
import pathlib
import re
import subprocess

import html.parser

import feedparser
import icalendar
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANNALS = os.environ.get("ANNALS_BIN", str(ROOT / "target" / "release" / "annals"))
BASE = "https://example.org/war/"

spec = importlib.util.spec_from_file_location("generate", ROOT / "tests/xss/generate.py")
generate = importlib.util.module_from_spec(spec)
spec.loader.exec_module(generate)
VECTORS = generate.vectors()
# Titles are one line and trimmed by annals; the generator writes control
# characters as spaces.
TITLES = [generate.line(v).strip() for v in VECTORS]
FORMULA = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    src = tmp_path_factory.mktemp("xss-src")
    subprocess.run(["python3", str(ROOT / "tests/xss/generate.py"), str(src), "--annals", ANNALS], check=True,
                   capture_output=True)
    out = tmp_path_factory.mktemp("xss-out")
    for name in ("site", "config"):
        subprocess.run([ANNALS, "build", "-q", "--root", str(src / name), "--output", str(out / name),
                        "--base-url", BASE], check=True)
    return out


@pytest.fixture(scope="module")
def site(built):
    """Every vector in every field of the content."""
    return built / "site"


@pytest.fixture(scope="module")
def config(built):
    """Every vector in the site's title and description."""
    return built / "config"


JOINED = " ".join(generate.line(v) for v in VECTORS).strip()


class Markup(html.parser.HTMLParser):
    """An HTML fragment's text, and the tags and attributes it holds."""

    def __init__(self, fragment):
        super().__init__(convert_charrefs=True)
        self.text, self.tags = "", []
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text += data


def main_events(rows, title_of, date_of):
    """The generator's own event for each vector, by its date (February of
    1900 + i), which no imported event shares."""
    by_date = {}
    for r in rows:
        by_date.setdefault(date_of(r), []).append(r)
    out = []
    for i, _ in enumerate(VECTORS):
        day = f"{1900 + i}-02-{1 + i % 28:02d}"
        found = [r for r in by_date.get(day, []) if not title_of(r).startswith("slug ")]
        assert len(found) == 1, f"event {i} ({day}): {len(found)} found"
        out.append(found[0])
    return out


def test_events_json_holds_every_vector_in_every_field(site):
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    events = main_events(data["events"], lambda e: e["title"], lambda e: e["date"])
    for i, e in enumerate(events):
        v, t = VECTORS[i], TITLES[i]
        assert e["title"] == t
        assert e["summary"] == t
        assert v in e["body"]
        assert [a["name"] for a in e["actors"]][1] == f"{generate.line(v)} a{i}".strip()
        # Names with one slug are one tag, under the first spelling met.
        assert e["tags"][0]["name"] in TITLES
        assert e["periods"][0]["name"] == f"{generate.line(v)} p{i}".strip()
        assert e["sources"][0]["publisher"] == t and e["sources"][0]["quote"] == t
        assert e["sources"][0]["url"] == generate.url_in(v)
        assert e["image"]["alt"] == t and e["image"]["credit"] == t
        assert e["location"]["name"] == t
        assert e["extra"]["note"] == v and e["extra"][v] == v


def test_the_sites_title_and_description_hold_every_vector_in_every_export(config):
    data = json.loads((config / "events.json").read_text(encoding="utf-8"))
    assert data["site"]["title"] == JOINED
    atom = feedparser.parse((config / "atom.xml").read_bytes())
    assert not atom.bozo, atom.get("bozo_exception")
    assert atom.feed.title == JOINED and atom.feed.subtitle == JOINED
    feed = json.loads((config / "feed.json").read_text(encoding="utf-8"))
    assert feed["title"] == JOINED and feed["description"] == JOINED
    cal = icalendar.Calendar.from_ical((config / "calendar.ics").read_bytes())
    # icalendar reads an X- property's TEXT without unescaping it.
    name = re.sub(r"\\([\\;,Nn])", lambda m: "\n" if m.group(1) in "Nn" else m.group(1), str(cal["X-WR-CALNAME"]))
    assert name == JOINED
    tl = json.loads((config / "timelinejs.json").read_text(encoding="utf-8"))
    assert html.unescape(tl["title"]["text"]["headline"]) == JOINED and "<" not in tl["title"]["text"]["headline"]
    page = (config / "index.html").read_text(encoding="utf-8")
    assert html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)) == JOINED


def test_atom_holds_every_title_as_text(site):
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    # The feed lists the newest events, imported ones: each title is the
    # event's, as events.json has it.
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    titles = {e["url"]: e["title"] for e in data["events"]}
    assert len(feed.entries) == 50
    for e in feed.entries:
        assert e.title == titles[e.link], e.link
    summaries = {e["url"]: e["summary"] for e in data["events"]}
    for e in feed.entries:
        if e.summary_detail.type == "text/plain":
            assert e.summary == summaries[e.link]


def test_json_feed_holds_every_title(site):
    feed = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    data = json.loads((site / "events.json").read_text(encoding="utf-8"))
    titles = {e["url"]: e["title"] for e in data["events"]}
    for item in feed["items"]:
        assert item["title"] == titles[item["url"]]
    for item in feed["items"]:
        if "content_html" in item:
            assert "<script" not in item["content_html"].lower()


def test_calendar_holds_every_vector_as_text(site):
    cal = icalendar.Calendar.from_ical((site / "calendar.ics").read_bytes())
    events = main_events(cal.walk("VEVENT"), lambda e: str(e["SUMMARY"]),
                         lambda e: e.decoded("DTSTART").isoformat()[:10])
    for i, e in enumerate(events):
        assert str(e["SUMMARY"]) == TITLES[i]


def test_csv_neutralises_formulas_in_free_text_only(site):
    with open(site / "events.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    events = main_events(rows, lambda r: r["title"].lstrip("'"), lambda r: r["date"])
    for i, r in enumerate(events):
        t = TITLES[i]
        expected = "'" + t if t.startswith(FORMULA) else t
        assert r["title"] == expected, (r["title"], t)
        assert r["summary"] == expected
        assert r["date"] == f"{1900 + i}-02-{1 + i % 28:02d}"
    for r in rows:
        for column in ("title", "summary", "actors", "theatres", "tags", "periods", "sources", "body"):
            assert not r[column].startswith(("=", "+", "-", "@")), (column, r[column])
    # A date column keeps its minus: `-0043` is a year, not a formula.
    assert all(not r["date"].startswith("'") for r in rows)


def test_timelinejs_escapes_its_plain_text_fields_and_sanitises_text(site):
    data = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    export = json.loads((site / "events.json").read_text(encoding="utf-8"))
    actors = {a["name"] for e in export["events"] for a in e["actors"]}
    events = main_events(
        data["events"], lambda e: Markup(e["text"]["headline"]).text,
        lambda e: f'{int(e["start_date"]["year"]):04d}-{int(e["start_date"]["month"]):02d}-{int(e["start_date"].get("day", 0)):02d}')
    for i, e in enumerate(events):
        t = TITLES[i]
        # The headline links to the event's page; its text is the title.
        headline = Markup(e["text"]["headline"])
        assert headline.text == t
        assert [tag for tag, _ in headline.tags] == ["a"]
        assert headline.tags[0][1]["href"].startswith(BASE + "events/")
        assert "<" not in e.get("group", "")
        assert "<" not in e.get("display_date", "")
        # The group is an actor's name (one slug, one name; ACLED splits
        # associated actors at `;`).
        assert html.unescape(e["group"]) in actors
        # text.text is HTML: sanitised, it holds no script, no handler and
        # no URL of a scheme that runs code, whatever its text says.
        for tag, attrs in Markup(e["text"].get("text", "")).tags:
            assert tag not in ("script", "iframe", "object", "embed", "style", "svg", "math"), tag
            for name, value in attrs.items():
                assert not name.startswith("on"), (tag, name)
                if name in ("href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "cite"):
                    assert not re.match(r"\s*(javascript|vbscript|data):", value or "", re.I), (tag, name, value)


def test_event_pages_json_ld_holds_the_title(site):
    for i, t in enumerate(TITLES):
        page = site / "events" / f"{generate.file_name(i, VECTORS[i])[:-3]}"
        pages = [p for p in (site / "events").iterdir() if p.name.startswith(f"{i:03d}-")]
        assert len(pages) == 1, (i, page)
        doc = (pages[0] / "index.html").read_text(encoding="utf-8")
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', doc, re.S)
        assert len(blocks) == 1
        assert json.loads(blocks[0])["name"] == t
