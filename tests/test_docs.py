"""The docs keep up with the code: every invoke task is documented under docs/,
the README stays short and points to files that exist."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

DOCS = ROOT / "docs"
INVOKE = Path(sys.executable).parent / "invoke"


def task_names() -> list[str]:
    """Every task of tasks.py's collection, as typed on the command line (`comments.approve`)."""
    listing = subprocess.run([str(INVOKE), "--list", "--list-format=json"], cwd=ROOT, capture_output=True,
                             text=True, timeout=120, check=True)

    def walk(collection: dict, prefix: str) -> list[str]:
        names = [prefix + task["name"] for task in collection["tasks"]]
        for child in collection["collections"]:
            names += walk(child, f"{prefix}{child['name']}.")
        return names

    return walk(json.loads(listing.stdout), "")


def docs_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(DOCS.rglob("*.md")))


def test_every_task_is_documented():
    names = task_names()
    assert {"build", "livereload", "bench", "comments.approve", "wordpress.import"} <= set(names)
    text = docs_text()
    missing = [name for name in names if not re.search(rf"`invoke {re.escape(name)}(`| )", text)]
    assert not missing, f"tasks missing from docs/ (write `invoke NAME …` in docs/commands.md): {missing}"


def test_the_readme_is_short_and_its_links_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 150
    assert "make site" in readme and "make test" in readme
    links = re.findall(r"\]\(([^)#:]+)\)", readme)
    assert "docs/guide-auteur.md" in links
    assert [link for link in links if not (ROOT / link).exists()] == []


def test_the_docs_links_exist():
    broken = [(path.name, link) for path in DOCS.glob("*.md")
              for link in re.findall(r"\]\(([^){#:][^)#:]*)\)", path.read_text(encoding="utf-8"))
              if not (path.parent / link).exists()]
    assert broken == []
