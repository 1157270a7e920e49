"""Helpers of the theme's tests: pages of a built site, a small site of one's own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html

from tests.conftest import ROOT, run_pelican

SEED = "media-social-ou-medias-sociaux-en-interne-ou-en-externe"


def html_of(path: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(path.read_bytes())


def html_pages(site: Path, pattern: str = "**/*.html") -> list[Path]:
    """The site's HTML pages, without wp_redirects' redirect pages and feed copies."""
    return [p for p in sorted(site.glob(pattern))
            if p.read_bytes().startswith(b"<!DOCTYPE html>") and b'http-equiv="refresh"' not in p.read_bytes()]


def article_page(site: Path, slug: str = SEED) -> Path:
    found = sorted(site.glob(f"*/*/{slug}/index.html"))
    assert found, f"{slug} was not built"
    return found[0]


def json_ld(doc: lxml.html.HtmlElement) -> dict:
    (script,) = doc.cssselect('script[type="application/ld+json"]')
    return json.loads(script.text)


def small_site(tmp_path: Path, articles: dict[str, str], pages: dict[str, str] | None = None) -> Path:
    """A content folder with the given articles and pages (file name -> text), and
    the project's comments for the seed post when it is among them."""
    content = tmp_path / "content"
    for folder, files in (("articles", articles), ("pages", pages or {})):
        (content / folder).mkdir(parents=True)
        for name, text in files.items():
            (content / folder / name).write_text(text, encoding="utf-8")
    (content / "comments").mkdir()
    return content


def build(content: Path, output: Path, overrides: dict | None = None, **kwargs) -> Path:
    run_pelican(content, output, overrides=overrides, **kwargs)
    return output


def copy_images(content: Path) -> None:
    shutil.copytree(ROOT / "content" / "images", content / "images")
