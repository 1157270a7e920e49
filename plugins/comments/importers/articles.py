"""Matching an export's posts to the blog's published articles."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

from ..core.comment_file import SLUG_RE
from ..storage.articles import ArticleIndex, normalise_title, slugify
from .base import PostRef


def match(index: ArticleIndex, post: PostRef) -> str | None:
    """The slug of the article `post` is, by slug first, then by title; None if none."""
    for candidate in (post.slug, _last_segment(post.link)):
        candidate = unquote(candidate or "").strip().strip("/").lower()
        if candidate in index.slugs:
            return candidate
    title = normalise_title(post.title)
    return index.titles.get(title) if title else None


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
            slug = slugify(candidate)[:100].strip("-_")
            if SLUG_RE.match(slug):
                return slug
    return f"fil-{post.key}" if post.key and SLUG_RE.match(f"fil-{post.key}") else "article-inconnu"
