"""The JSON Schema that `annals schema` prints, checked by an independent
validator (python-jsonschema): the example content and the good fixtures
validate, and invalid fixtures fail it."""

import json
import os
import pathlib
import subprocess

import jsonschema
import pytest
import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANNALS = os.environ.get("ANNALS_BIN", str(ROOT / "target" / "release" / "annals"))


class StringDates(yaml.SafeLoader):
    """YAML as annals reads it: `2023-07-12` stays a string, not a date."""


StringDates.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def front_matter(path):
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    lines = text.split("\n")
    assert lines[0].rstrip() == "---", path
    end = next(i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---")
    return yaml.load("\n".join(lines[1:end]), Loader=StringDates) or {}


@pytest.fixture(scope="module")
def validator():
    schema = json.loads(subprocess.run([ANNALS, "schema"], check=True, capture_output=True, text=True).stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def events(folder):
    return sorted((ROOT / folder).rglob("*.md"))


GOOD = ["content/events"] + [f"tests/fixtures/{f}/content/events" for f in ("ordering", "dates", "identity", "drafts", "assets", "warnings", "sanitise", "feeds")]


@pytest.mark.parametrize("path", [p for folder in GOOD for p in events(folder) if not any(part.startswith((".", "_")) for part in p.relative_to(ROOT).parts)], ids=lambda p: str(p.relative_to(ROOT)))
def test_valid_event_files_validate(validator, path):
    errors = [e.message for e in validator.iter_errors(front_matter(path))]
    assert errors == []


BAD = {
    "unknown-key": "Additional properties",
    "multi-error": "Additional properties",
    "missing-title": "'title' is a required property",
    "missing-date": "'date' is a required property",
    "bad-status": "is not one of",
    "bad-source-url": "does not match",
    "empty-source": "is not valid under any of the given schemas",
    "image-no-alt": "'alt' is a required property",
    "wrong-type": "is not valid under any of the given schemas",
    "bad-location": "is greater than the maximum",
    "end-before-start": None,  # shape is fine; only the parser sees the order
}


@pytest.mark.parametrize("name,expected", sorted(BAD.items()))
def test_invalid_fixtures_fail(validator, name, expected):
    data = front_matter(ROOT / "tests/fixtures/bad/content/events" / f"{name}.md")
    messages = [e.message for e in validator.iter_errors(data)]
    if expected is None:
        assert messages == []
    else:
        assert any(expected in m for m in messages), messages


@pytest.mark.parametrize("date", ["2023", "-0043", "2023-07", "2023-07-12", "2023-07-12T22:30", "2023-07-12T22:30:00+03:00", "2023-07-12T22:30Z", "2023-07~", "2023-07-12?", "2023-07-12%", "2023-07-XX", "202X", "20XX", "2023-07-10/2023-07-14", "2023-07/..", "../2023-07-14", "Y170000002", "Y-13800000000", "Y10000"])
def test_every_spec_date_form_matches(validator, date):
    assert list(validator.iter_errors({"title": "T", "date": date})) == []


@pytest.mark.parametrize("date", ["July 2023", "2023/07/12", "12.07.2023", "2023-7-1", "", "Y2006", "Y012345", "Y170000002?", "Y-10000/2023", "12345"])
def test_non_edtf_dates_fail(validator, date):
    assert list(validator.iter_errors({"title": "T", "date": date})) != []
