"""`annals init --ci github` writes a valid GitHub Actions workflow: checked
against the workflow JSON Schema that check-jsonschema vendors from
SchemaStore, and read for the steps a reviewer relies on."""

import os
import pathlib
import subprocess

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
ANNALS = os.environ.get("ANNALS_BIN", str(ROOT / "target" / "release" / "annals"))
KNOWN_ACTIONS = {
    "actions/checkout@v4",
    "actions/cache/restore@v4",
    "actions/cache/save@v4",
    "dtolnay/rust-toolchain@stable",
    "actions/configure-pages@v5",
    "actions/upload-pages-artifact@v3",
    "actions/deploy-pages@v4",
}


def make_site(tmp_path):
    subprocess.run([ANNALS, "init", str(tmp_path / "site"), "--ci", "github", "-q"], check=True)
    return tmp_path / "site"


def test_workflow_matches_the_github_schema(tmp_path):
    site = make_site(tmp_path)
    workflow = site / ".github" / "workflows" / "annals.yml"
    result = subprocess.run(
        ["check-jsonschema", "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflow_reviews_pull_requests_and_deploys(tmp_path):
    site = make_site(tmp_path)
    wf = yaml.safe_load((site / ".github" / "workflows" / "annals.yml").read_text())
    on = wf[True] if True in wf else wf["on"]  # PyYAML reads the key `on` as True
    assert "pull_request" in on and "push" in on
    review = wf["jobs"]["review"]
    runs = [s.get("run", "") for s in review["steps"]]
    assert any("annals check --format github" in r for r in runs)
    assert any(r.startswith("annals build") for r in runs)
    assert any("annals diff" in r and "github.base_ref" in r for r in runs)
    assert any("gh pr comment" in r for r in runs)
    assert review["permissions"]["pull-requests"] == "write"
    # A diff needs the base branch's history.
    checkout = next(s for s in review["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0
    deploy = wf["jobs"]["deploy"]
    assert deploy["permissions"]["pages"] == "write"
    uses = {s["uses"] for job in wf["jobs"].values() for s in job["steps"] if "uses" in s}
    assert uses <= KNOWN_ACTIONS, uses - KNOWN_ACTIONS
    assert "actions/deploy-pages@v4" in uses
    # Each job installs the annals that wrote the workflow, exactly, only
    # when the cache does not have it.
    for job in wf["jobs"].values():
        installs = [s for s in job["steps"] if "cargo install" in s.get("run", "")]
        assert len(installs) == 1
        assert "--version \"$ANNALS_VERSION\" --locked" in installs[0]["run"]
        assert installs[0]["if"] == "steps.annals.outputs.cache-hit != 'true'"
    version = subprocess.run([ANNALS, "--version"], check=True, capture_output=True, text=True).stdout.split()[-1]
    assert wf["env"]["ANNALS_VERSION"] == version


def test_init_adds_editor_schema_settings(tmp_path):
    site = make_site(tmp_path)
    settings = (site / ".vscode" / "settings.json").read_text()
    assert "annals-event.schema.json" in settings
    schema = (site / ".vscode" / "annals-event.schema.json").read_text()
    assert schema == subprocess.run([ANNALS, "schema"], check=True, capture_output=True, text=True).stdout
