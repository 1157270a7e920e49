"""The blog's published posts as the importers match an export's posts to them: by slug and by title.

A view of the posts storage/posts.py reads (Pelican's content classes and the site's
settings, as the receiver and the moderation read them), so an imported comment is
placed under the slug the build publishes.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .posts import Post, read_posts, site_settings


def slugify(value: str) -> str:
    """Pelican's own slugify, with its default substitutions."""
    # Pelican's own slugify (imported lazily: only articles without a Slug need it).
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify as pelican_slugify

    return pelican_slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


class ArticleIndex:
    """Published articles and pages by slug and by normalised title (the first post with a
    title wins it: articles before pages, each by source path)."""

    def __init__(self, posts: Iterable[tuple[Path, Post]] = ()):
        """`posts`: read_posts() or Catalog.entries(), in their order."""
        self.slugs: set[str] = set()
        self.titles: dict[str, str] = {}
        for _path, post in posts:
            self.add(post.slug, post.title)

    @classmethod
    def read(cls, content: Path, pelican: Mapping[str, Any] | None = None) -> ArticleIndex:
        """The posts of the `content` folder, read with Pelican's settings `pelican` (site_settings)."""
        return cls(read_posts(site_settings(pelican or {}, Path(content))))

    def add(self, slug: str, title: str = "") -> None:
        """A post the index did not read (the whole-blog import adds those it is creating)."""
        self.slugs.add(slug)
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
