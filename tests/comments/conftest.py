"""Small real sites for the comments plugin's tests: articles, pages and comment
files written into tmp_path, built by a real `pelican` run (tests/conftest.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest

from tests.conftest import run_pelican

# Wide terminal: Pelican's rich console would otherwise wrap long paths in its messages.
WIDE = {"COLUMNS": "3000", "TERM": "dumb"}


def article_text(title: str, slug: str, date: str = "2013-04-22 09:30", **meta: str) -> str:
    head = [f"Title: {title}", f"Slug: {slug}", f"Date: {date}", "Category: Essais", "Tags: essai"]
    head += [f"{key.capitalize()}: {value}" for key, value in meta.items()]
    return "\n".join(head) + f"\n\nLe texte de l’article « {title} ».\n"


def comment_text(
    cid: str, body: str = "Un commentaire.", *, author: str = "Xavier",
    date: str = "2013-05-02T14:03:00+02:00", **extra: str,
) -> str:
    head = {"id": cid, "author": author, "date": date, **extra}
    return "\n".join(f"{key}: {value}" for key, value in head.items()) + "\n\n" + body + "\n"


@dataclass
class Site:
    """A content folder to fill, built on demand."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    def article(self, slug: str, title: str | None = None, **meta: str) -> Path:
        path = self.content / "articles" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article_text(title or slug.replace("-", " ").capitalize(), slug, **meta), encoding="utf-8")
        return path

    def page(self, slug: str, title: str | None = None, **meta: str) -> Path:
        path = self.content / "pages" / f"{slug}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        text = article_text(title or slug.capitalize(), slug, **meta).replace("Category: Essais\nTags: essai\n", "")
        path.write_text(text, encoding="utf-8")
        return path

    def comment(self, slug: str, cid: str, body: str = "Un commentaire.", **fields: str) -> Path:
        path = self.content / "comments" / slug / f"{cid}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(comment_text(cid, body, **fields), encoding="utf-8")
        return path

    def raw(self, relative: str, data: bytes | str) -> Path:
        path = self.content / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    def build(self, name: str = "output", *, comments: dict | None = None, overrides: dict | None = None,
              **kwargs):
        """Run Pelican; returns (output folder, completed process)."""
        overrides = dict(overrides or {})
        if comments is not None:
            overrides["COMMENTS"] = comments
        output = self.root / name
        kwargs.setdefault("env", WIDE)
        result = run_pelican(self.content, output, overrides=overrides, **kwargs)
        return output, result


@pytest.fixture
def mini_site(tmp_path) -> Site:
    return empty_site(tmp_path)


def empty_site(root: Path) -> Site:
    """A Site with empty articles/ and pages/ folders (module fixtures build one per module)."""
    (root / "content" / "articles").mkdir(parents=True)
    (root / "content" / "pages").mkdir(parents=True)
    return Site(root)


def page_of(output: Path, slug: str) -> lxml.html.HtmlElement:
    """The parsed HTML page of the article (or page) `slug`."""
    found = [p for p in output.rglob("index.html") if p.parent.name == slug and "drafts" not in p.parts]
    assert len(found) == 1, f"{slug}: {found}"
    return lxml.html.fromstring(found[0].read_bytes())


def text_of(element) -> str:
    # ASCII whitespace only: the no-break spaces of French typography must stay visible.
    return re.sub(r"[ \t\r\n]+", " ", element.text_content()).strip(" ")


def log_of(result) -> str:
    """Pelican's console output, with rich's line breaks undone."""
    return re.sub(r"\s*\n\s*", " ", result.stdout + result.stderr)
