"""Feeds and exports (SPEC §7) read by independent parsers: feedparser for
Atom, jsonfeed-util for JSON Feed 1.1, icalendar and ical (strict, typed) for
iCalendar, python-jsonschema for events.json against the events.schema.json
published by the same build, Python's csv module for events.csv. Over the example site and the `feeds`
fixture, built with ANNALS_BIN under a sub-path."""

import csv
import datetime
import io
import html
import json
import os
import pathlib
import shutil
import subprocess

import feedparser
import icalendar
import jsonfeed
import jsonschema
import pytest
from ical.calendar_stream import IcsCalendarStream

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANNALS = os.environ.get("ANNALS_BIN", str(ROOT / "target" / "release" / "annals"))
BASE = "https://example.org/war/"
CSV_HEADER = [
    "slug", "url", "title", "date", "date_text", "start", "end", "precision", "uncertain",
    "approximate", "status", "actors", "actor_slugs", "theatres", "theatre_slugs", "tags",
    "tag_slugs", "periods", "period_slugs", "sources", "source_urls", "summary", "body",
]

TRICKY = 'Tom & Jerry <script>alert(1)</script> "quoted", with; semicolons \\ backslash'
LONG = "Генерал Іван Попов заявив, що його звільнили після критики міністерства оборони — Запорізька область"
# The fixture's events, newest first, as the feeds list them.
FIXTURE_NEWEST_FIRST = [
    "Ongoing since August", "Two hours and a half", LONG, "An interval of days", TRICKY,
    "A month", "Circa May", "A year", "Until March 2021", "Year zero", "Caesar is killed",
]
# slug → (DTSTART, DTEND or None) as Python values; BCE and year 0 are left out.
FIXTURE_CALENDAR = {
    "open-start": (datetime.date(2021, 3, 1), datetime.date(2021, 3, 2)),
    "year": (datetime.date(2022, 1, 1), datetime.date(2023, 1, 1)),
    "approximate": (datetime.date(2023, 5, 1), datetime.date(2023, 6, 1)),
    "month": (datetime.date(2023, 6, 1), datetime.date(2023, 7, 1)),
    "tricky": (datetime.date(2023, 7, 1), datetime.date(2023, 7, 2)),
    "interval": (datetime.date(2023, 7, 10), datetime.date(2023, 7, 15)),
    "long-title": (datetime.datetime(2023, 7, 12, 19, 30, tzinfo=datetime.timezone.utc), None),
    "timed-interval": (
        datetime.datetime(2023, 7, 20, 10, 0, tzinfo=datetime.timezone.utc),
        datetime.datetime(2023, 7, 20, 12, 30, tzinfo=datetime.timezone.utc),
    ),
    "open-end": (datetime.date(2023, 8, 1), datetime.date(2023, 9, 1)),
}


def build(root, out):
    subprocess.run([ANNALS, "build", "-q", "--root", str(root), "--output", str(out), "--base-url", BASE], check=True)
    return out


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    return build(ROOT, tmp_path_factory.mktemp("example") / "public")


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory):
    src = tmp_path_factory.mktemp("src") / "feeds"
    shutil.copytree(ROOT / "tests" / "fixtures" / "feeds", src)
    return build(src, tmp_path_factory.mktemp("fixture") / "public")


# Long years (SPEC §4): iCalendar cannot date them either.
DEEP_TIME = {
    "big-bang": "date: Y-13800000000",
    "paleozoic": "date: Y-538799999\nend: Y-251901999",
    "far-future": "date: Y170000002",
}


def eventless_build(name, tmp_path_factory):
    """A site with no events, or one whose events iCalendar cannot date."""
    src = tmp_path_factory.mktemp(name) / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "empty", src)
    if name == "bce-only":
        (src / "content" / "events" / "caesar.md").write_text("---\ntitle: Caesar\ndate: -0043\n---\n", encoding="utf-8")
    if name == "deep-time":
        for slug, dates in DEEP_TIME.items():
            (src / "content" / "events" / f"{slug}.md").write_text(f"---\ntitle: {slug}\n{dates}\n---\n", encoding="utf-8")
    return build(src, tmp_path_factory.mktemp(name + "-out") / "public")


@pytest.fixture(scope="module")
def deep_time_site(tmp_path_factory):
    return eventless_build("deep-time", tmp_path_factory)


@pytest.fixture(scope="module", params=["empty", "bce-only", "deep-time"])
def eventless_site(request, tmp_path_factory):
    """A site with no events, and sites whose events iCalendar cannot date."""
    if request.param == "deep-time":
        return request.getfixturevalue("deep_time_site")
    return eventless_build(request.param, tmp_path_factory)


@pytest.fixture(params=["example", "fixture_site"])
def site(request):
    return request.getfixturevalue(request.param)


def exported(site):
    return json.loads((site / "events.json").read_text(encoding="utf-8"))


def published_schema(site):
    """The schema the build published beside events.json (SPEC §7), checked
    to be a valid 2020-12 schema, to be the one events.json names, and to
    describe the version events.json carries."""
    schema = json.loads((site / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    doc = exported(site)
    assert doc["$schema"] == BASE + "events.schema.json"
    assert schema["properties"]["version"]["const"] == doc["version"]
    return schema


def rfc3339(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


# Atom ----------------------------------------------------------------------

def test_atom_parses_cleanly_with_every_entry(site):
    events = exported(site)["events"]
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries] == [e["title"] for e in reversed(events)][:50]
    assert feed.feed.updated == feed.entries[0].updated
    for entry in feed.entries:
        assert entry.id.startswith(BASE + "events/") and entry.link == entry.id
        assert entry.updated_parsed is not None and entry.published_parsed is not None
        assert "<script" not in entry.content[0].value


def test_atom_of_the_fixture_escapes_and_orders_newest_first(fixture_site):
    feed = feedparser.parse((fixture_site / "atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == FIXTURE_NEWEST_FIRST
    assert feed.feed.title == 'Feeds & <Exports> "quoted"'
    tricky = next(e for e in feed.entries if e.id == BASE + "events/tricky/")
    assert tricky.title == TRICKY
    assert tricky.updated == "2023-07-01T00:00:00Z"
    assert {(t.term, t.scheme) for t in tricky.tags} == {
        ("ivan-popov", BASE + "actors/"), ("obrien-sons", BASE + "actors/"),
        ("orikhiv", BASE + "theatres/"), ("a-b", BASE + "tags/"), ("semi-colon", BASE + "tags/"),
    }
    # The body is sanitised and its relative links resolve against the event page.
    assert "Fish &amp; chips" in tricky.content[0].value
    assert BASE + "events/tricky/photo.jpg" in tricky.content[0].value
    long = next(e for e in feed.entries if e.title == LONG)
    assert long.updated == "2023-07-12T19:30:00Z"
    popov = feedparser.parse((fixture_site / "actors" / "ivan-popov" / "atom.xml").read_bytes())
    assert popov.bozo == 0
    assert all("content" not in e and e.summary for e in popov.entries)
    assert [e.title for e in popov.entries] == ["Ongoing since August", LONG, "An interval of days", TRICKY]
    assert popov.feed.link == BASE + "actors/ivan-popov/"
    # A theatre's feed holds its sub-theatres' events, as its page does.
    zap = feedparser.parse((fixture_site / "theatres" / "zaporizhzhia" / "atom.xml").read_bytes())
    assert [e.title for e in zap.entries] == [LONG, TRICKY, "A month"]


# JSON Feed -----------------------------------------------------------------

def test_json_feed_is_json_feed_1_1(site):
    events = exported(site)["events"]
    for path in [site / "feed.json", *sorted(site.glob("actors/*/feed.json")), *sorted(site.glob("theatres/*/feed.json"))]:
        text = path.read_text(encoding="utf-8")
        parsed = jsonfeed.Feed.parse_string(text)
        doc = json.loads(text)
        assert doc["version"] == "https://jsonfeed.org/version/1.1"
        assert parsed.title == doc["title"] and doc["feed_url"] == BASE + str(path.relative_to(site))
        assert len(parsed.items) == len(doc["items"]) <= 50
        for item in doc["items"]:
            assert item["id"].startswith(BASE + "events/") and item["url"] == item["id"]
            if path == site / "feed.json":
                assert "content_html" in item and "<script" not in item["content_html"]
            else:
                # Actors' and theatres' feeds carry summaries, not bodies.
                assert "content_html" not in item and item["content_text"]
            assert rfc3339(item["date_published"]) == rfc3339(item["date_modified"])
    doc = json.loads((site / "feed.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in doc["items"]] == [e["title"] for e in reversed(events)][:50]


def test_json_feed_of_the_fixture(fixture_site):
    doc = json.loads((fixture_site / "feed.json").read_text(encoding="utf-8"))
    assert [i["title"] for i in doc["items"]] == FIXTURE_NEWEST_FIRST
    tricky = next(i for i in doc["items"] if i["id"].endswith("/tricky/"))
    assert tricky["tags"] == ["Ivan Popov", "O'Brien & Sons", "Orikhiv", "a&b", "semi;colon"]
    assert tricky["_annals"] == {"date": "2023-07-01", "status": "disputed"}
    assert doc["items"][-1]["date_published"] == "0001-01-01T00:00:00Z"


# iCalendar -----------------------------------------------------------------

def test_calendar_lines_are_crlf_and_folded_at_75_octets(site):
    raw = (site / "calendar.ics").read_bytes()
    assert raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    for line in lines:
        assert b"\n" not in line and b"\r" not in line
        assert len(line) <= 75, line
        line.decode("utf-8")  # folding never splits a character
    assert raw.decode("utf-8")


def test_calendar_parses_with_two_libraries(site):
    text = (site / "calendar.ics").read_text(encoding="utf-8")
    cal = icalendar.Calendar.from_ical(text)
    strict = IcsCalendarStream.calendar_from_ics(text)
    vevents = cal.walk("VEVENT")
    events = exported(site)["events"]
    in_range = [e for e in events if not e["date"].startswith(("-", "0000"))]
    assert len(vevents) == len(strict.events) == len(in_range)
    uids = [str(v["UID"]) for v in vevents]
    assert len(set(uids)) == len(uids)
    for v, e in zip(vevents, in_range):
        assert str(v["SUMMARY"]) == e["title"]
        assert str(v["UID"]) == e["url"] and str(v["URL"]) == e["url"]
        assert v.get("DTSTAMP") is not None
        start = v.decoded("DTSTART")
        if v.get("DTEND") is not None:
            end = v.decoded("DTEND")
            assert type(start) is type(end) and end > start


def test_calendar_of_the_fixture(fixture_site):
    text = (fixture_site / "calendar.ics").read_text(encoding="utf-8")
    cal = icalendar.Calendar.from_ical(text)
    got = {}
    for v in cal.walk("VEVENT"):
        slug = str(v["UID"]).rstrip("/").rsplit("/", 1)[-1]
        got[slug] = (v.decoded("DTSTART"), v.decoded("DTEND") if v.get("DTEND") is not None else None, v)
    assert {k: (s, e) for k, (s, e, _) in got.items()} == FIXTURE_CALENDAR
    tricky = got["tricky"][2]
    assert str(tricky["SUMMARY"]) == TRICKY
    assert str(tricky["DESCRIPTION"]).startswith("1 July 2023\n\nFish & chips")
    assert str(got["long-title"][2]["SUMMARY"]) == LONG
    assert str(got["approximate"][2]["DESCRIPTION"]).startswith("c. May 2023")
    strict = {e.summary: e for e in IcsCalendarStream.calendar_from_ics(text).events}
    assert strict[TRICKY].categories == ["Ivan Popov", "O'Brien & Sons", "Orikhiv", "a&b", "semi;colon"]
    # The escapes as written: \\ \; \, and a folded non-ASCII line.
    raw = (fixture_site / "calendar.ics").read_bytes().decode("utf-8")
    assert "SUMMARY:Tom & Jerry <script>alert(1)</script> \"quoted\"\\, with\\; semicolons \r\n \\\\ backslash" in raw


# events.json and events.csv ---------------------------------------------------

def test_events_json_validates_against_the_schema_published_with_it(site):
    schema = published_schema(site)
    doc = exported(site)
    errors = [f"{list(e.path)}: {e.message}" for e in jsonschema.Draft202012Validator(schema).iter_errors(doc)]
    assert errors == []
    assert doc["version"] == 1 and doc["site"]["url"] == BASE
    pages = sorted(p.parent.name for p in site.glob("events/*/index.html"))
    assert sorted(e["slug"] for e in doc["events"]) == pages


def test_events_json_of_the_fixture(fixture_site):
    events = {e["slug"]: e for e in exported(fixture_site)["events"]}
    assert len(events) == 11
    t = events["tricky"]
    assert t["title"] == TRICKY and t["status"] == "disputed"
    assert t["actors"] == [{"slug": "ivan-popov", "name": "Ivan Popov"}, {"slug": "obrien-sons", "name": "O'Brien & Sons"}]
    assert t["sources"][0]["url"] == "https://example.org/a?x=1&y=2"
    assert '<script>alert("body")</script>' in t["body"]
    assert (events["interval"]["start"], events["interval"]["end"], events["interval"]["precision"]) == ("2023-07-10", "2023-07-14", "day")
    assert (events["month"]["start"], events["month"]["end"]) == ("2023-06-01", "2023-06-30")
    assert (events["bce"]["date"], events["bce"]["start"], events["bce"]["end"]) == ("-0043", "-0043-01-01", "-0043-12-31")
    assert (events["open-end"]["start"], events["open-end"]["end"]) == ("2023-08-01", None)
    assert (events["open-start"]["start"], events["open-start"]["end"]) == (None, "2021-03-01")
    assert events["approximate"]["approximate"] and not events["approximate"]["uncertain"]
    assert events["long-title"]["date"] == "2023-07-12T22:30:00+03:00"
    assert events["long-title"]["precision"] == "second"


def test_events_csv_has_the_documented_header_and_one_row_per_event(site):
    text = (site / "events.csv").read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == CSV_HEADER
    assert "`" + "`, `".join(CSV_HEADER) + "`" in (ROOT / "docs" / "exports.md").read_text(encoding="utf-8")
    events = exported(site)["events"]
    records = rows[1:]
    assert len(records) == len(events)
    for row, e in zip(records, events):
        r = dict(zip(CSV_HEADER, row))
        assert (r["slug"], r["title"], r["date"], r["summary"], r["body"]) == (e["slug"], e["title"], e["date"], e["summary"], e["body"])
        assert r["actors"] == "; ".join(a["name"] for a in e["actors"])


# TimelineJS and the search index -------------------------------------------------

TIMELINEJS_DATE = {
    "type": "object",
    "required": ["year"],
    "additionalProperties": False,
    "properties": {
        "year": {"type": "integer"},
        "month": {"type": "integer", "minimum": 1, "maximum": 12},
        "day": {"type": "integer", "minimum": 1, "maximum": 31},
        "hour": {"type": "integer", "minimum": 0, "maximum": 23},
        "minute": {"type": "integer", "minimum": 0, "maximum": 59},
        "second": {"type": "integer", "minimum": 0, "maximum": 59},
    },
}
TIMELINEJS_TEXT = {"type": "object", "properties": {"headline": {"type": "string"}, "text": {"type": "string"}}}
TIMELINEJS = {
    "type": "object",
    "required": ["events"],
    "properties": {
        "title": {"type": "object", "required": ["text"], "properties": {"text": TIMELINEJS_TEXT}},
        "scale": {"enum": ["human", "cosmological"]},
        "eras": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "end_date", "text"],
                "additionalProperties": False,
                "properties": {
                    "start_date": TIMELINEJS_DATE,
                    "end_date": TIMELINEJS_DATE,
                    "text": TIMELINEJS_TEXT,
                },
            },
        },
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text", "unique_id"],
                "properties": {
                    "start_date": TIMELINEJS_DATE,
                    "end_date": TIMELINEJS_DATE,
                    "text": TIMELINEJS_TEXT,
                    "media": {"type": "object", "required": ["url"]},
                    "group": {"type": "string"},
                    "display_date": {"type": "string"},
                    "unique_id": {"type": "string"},
                },
            },
        },
    },
}


def test_timelinejs_eras_are_the_periods(site):
    doc = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    periods = exported(site)["periods"]
    assert [html.unescape(e["text"]["headline"]) for e in doc["eras"]] == [p["name"] for p in periods]
    for era, period in zip(doc["eras"], periods):
        start, end = era["start_date"], era["end_date"]
        as_tuple = lambda d: (d["year"], d.get("month", 1), d.get("day", 1))
        assert as_tuple(start) <= as_tuple(end), era
        if period["start"]:
            y, m, d = (int(x) for x in period["start"].split("-"))
            assert as_tuple(start)[0] == y and start.get("month", m) == m and start.get("day", d) == d


def test_timelinejs_has_the_documented_structure(site):
    doc = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    jsonschema.validate(doc, TIMELINEJS)
    ids = [e["unique_id"] for e in doc["events"]]
    assert ids == [e["slug"] for e in exported(site)["events"]]


def test_timelinejs_of_the_fixture(fixture_site):
    doc = json.loads((fixture_site / "timelinejs.json").read_text(encoding="utf-8"))
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert by_id["bce"]["start_date"] == {"year": -44}
    assert by_id["month"]["start_date"] == {"year": 2023, "month": 6}
    assert by_id["interval"]["end_date"] == {"year": 2023, "month": 7, "day": 14}
    assert by_id["approximate"]["display_date"] == "c. May 2023"
    assert "&lt;script&gt;" in by_id["tricky"]["text"]["headline"]
    assert "<script" not in json.dumps(doc)


def search_records(site):
    """Every record of the split search index (docs/exports.md), in order."""
    meta = json.loads((site / "search" / "meta.json").read_text(encoding="utf-8"))
    records = []
    for n in range(-(-meta["events"] // meta["chunk"])):
        name = meta["files"]["docs"].replace("{n}", str(n))
        records += json.loads((site / "search" / name).read_text(encoding="utf-8"))
    return meta, records


def test_search_index_lists_every_event(site):
    meta, records = search_records(site)
    assert [e["slug"] for e in records] == [e["slug"] for e in exported(site)["events"]]
    assert meta["events"] == len(records)
    facets = {kind: {v[0] for v in values} for kind, values in meta["facets"].items()}
    for e in records:
        assert set(e["actors"]) <= facets["actor"] and set(e["theatres"]) <= facets["theatre"]


# A site without events -----------------------------------------------------------

def test_feeds_and_exports_of_a_site_without_events_are_valid(eventless_site):
    site = eventless_site
    events = exported(site)["events"]
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10" and feed.feed.title == "Empty" and feed.feed.updated
    assert len(feed.entries) == len(events)
    parsed = jsonfeed.Feed.parse_string((site / "feed.json").read_text(encoding="utf-8"))
    assert len(parsed.items) == len(events)
    # RFC 5545: at least one component; with no event, the zone of its times.
    text = (site / "calendar.ics").read_text(encoding="utf-8")
    cal = icalendar.Calendar.from_ical(text)
    assert cal.walk("VEVENT") == []
    assert [str(z["TZID"]) for z in cal.walk("VTIMEZONE")] == ["UTC"]
    strict = IcsCalendarStream.calendar_from_ics(text)
    assert strict.events == [] and [z.tz_id for z in strict.timezones] == ["UTC"]
    jsonschema.Draft202012Validator(published_schema(site)).validate(exported(site))
    rows = list(csv.reader(io.StringIO((site / "events.csv").read_text(encoding="utf-8"), newline="")))
    assert rows[0] == CSV_HEADER and len(rows) == 1 + len(events)
    jsonschema.validate(json.loads((site / "timelinejs.json").read_text(encoding="utf-8")), TIMELINEJS)


def test_long_years_in_feeds_and_exports(deep_time_site):
    site = deep_time_site
    events = {e["slug"]: e for e in exported(site)["events"]}
    assert list(events) == ["big-bang", "paleozoic", "far-future"]
    assert (events["big-bang"]["date"], events["big-bang"]["start"], events["big-bang"]["end"]) == (
        "Y-13800000000", "-13800000000-01-01", "-13800000000-12-31")
    assert (events["paleozoic"]["date"], events["paleozoic"]["start"], events["paleozoic"]["end"]) == (
        "Y-538799999/Y-251901999", "-538799999-01-01", "-251901999-12-31")
    assert events["far-future"]["start"] == "+170000002-01-01"
    assert events["big-bang"]["date_text"] == "13.8 billion years ago"
    assert events["big-bang"]["precision"] == "year"
    # RFC 3339 holds the years 1 to 9999 here: long years are clamped.
    feed = feedparser.parse((site / "atom.xml").read_bytes())
    published = {e.title: e.published for e in feed.entries}
    assert published == {
        "big-bang": "0001-01-01T00:00:00Z",
        "paleozoic": "0001-01-01T00:00:00Z",
        "far-future": "9999-12-31T23:59:59Z",
    }
    doc = json.loads((site / "timelinejs.json").read_text(encoding="utf-8"))
    assert doc["scale"] == "cosmological"
    by_id = {e["unique_id"]: e for e in doc["events"]}
    assert by_id["big-bang"]["start_date"] == {"year": -13800000001}
    assert by_id["paleozoic"]["end_date"] == {"year": -251902000}
    assert by_id["far-future"]["start_date"] == {"year": 170000002}
    _, records = search_records(site)
    starts = [e["start"] for e in records]
    assert starts == sorted(starts) and starts[0] < -5_000_000_000_000
