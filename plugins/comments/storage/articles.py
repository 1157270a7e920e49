"""The blog's published articles and pages, read cheaply from their metadata."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

from .sources import read_metadata


def slugify(value: str) -> str:
    """Pelican's own slugify, with its default substitutions."""
    # Pelican's own slugify (imported lazily: only articles without a Slug need it).
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify as pelican_slugify

    return pelican_slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


class ArticleIndex:
    """Published articles (and pages, when asked) by slug and by normalised title."""

    def __init__(self, content: Path, articles: Iterable[str] = ("articles",), pages: Iterable[str] = ()):
        """`articles`, `pages`: folders of `content`, as ARTICLE_PATHS and PAGE_PATHS."""
        self.slugs: set[str] = set()
        self.pages: set[str] = set()  # the slugs that are pages
        self.titles: dict[str, str] = {}
        self.title_of: dict[str, str] = {}
        self.paths: dict[str, Path] = {}  # slug -> source file
        sources = [(path, False) for folder in articles for path in sorted((Path(content) / folder).rglob("*.md"))]
        sources += [(path, True) for folder in pages for path in sorted((Path(content) / folder).rglob("*.md"))]
        for path, page in sources:
            meta = read_metadata(path)
            if meta.get("status", "published").lower() != "published":
                continue
            title = meta.get("title", "")
            slug = meta.get("slug") or slugify(title or path.stem)
            self.slugs.add(slug)
            if page:
                self.pages.add(slug)
            self.paths.setdefault(slug, path)
            self.title_of[slug] = title
            if title:
                self.titles.setdefault(normalise_title(title), slug)

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs


_SPACES = re.compile(r"\s+")
_NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def normalise_title(value: str) -> str:
    """Casefolded, accents stripped, punctuation dropped: how titles are compared."""
    value = unicodedata.normalize("NFKD", html.unescape(value or ""))
    value = "".join(ch for ch in value if not unicodedata.combining(ch)).casefold()
    return _SPACES.sub(" ", _NON_WORD.sub(" ", value)).strip()
