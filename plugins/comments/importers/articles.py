"""The blog's published articles, read cheaply from their metadata, to match an export's posts."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..sources import read_metadata
from ..store import SLUG_RE
from .base import PostRef, normalise_title


def _slugify(value: str) -> str:
    # Pelican's own slugify (imported lazily: only articles without a Slug need it).
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


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
            slug = meta.get("slug") or _slugify(title or path.stem)
            self.slugs.add(slug)
            if page:
                self.pages.add(slug)
            self.paths.setdefault(slug, path)
            self.title_of[slug] = title
            if title:
                self.titles.setdefault(normalise_title(title), slug)

    def __contains__(self, slug: str) -> bool:
        return slug in self.slugs

    def match(self, post: PostRef) -> str | None:
        """The slug of the article `post` is, by slug first, then by title; None if none."""
        for candidate in (post.slug, _last_segment(post.link)):
            candidate = unquote(candidate or "").strip().strip("/").lower()
            if candidate in self.slugs:
                return candidate
        title = normalise_title(post.title)
        return self.titles.get(title) if title else None


def _last_segment(link: str) -> str:
    try:
        parts = [p for p in urlsplit(link or "").path.split("/") if p]
    except ValueError:
        return ""
    if parts and re.fullmatch(r"index\.\w+", parts[-1]):
        parts.pop()
    return parts[-1] if parts else ""


def fallback_slug(post: PostRef) -> str:
    """A valid `post:` value for a comment whose article was not found (the author may fix it)."""
    for candidate in (post.slug, _last_segment(post.link), post.title):
        candidate = unquote(candidate or "").strip()
        if candidate:
            slug = _slugify(candidate)[:100].strip("-_")
            if SLUG_RE.match(slug):
                return slug
    return f"fil-{post.key}" if post.key and SLUG_RE.match(f"fil-{post.key}") else "article-inconnu"
