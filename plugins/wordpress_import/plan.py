"""What becomes of each item of the export: an article, a page, a media file, or skipped (with why).

Decided as each item is read, before its comments are, so that the comments
find the article they belong to even in a dry run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import unquote

from .items import DRAFTS, INTERNAL_TYPES, PRIVATE, PUBLISHED, Item

ARTICLE, PAGE, MEDIA, SKIPPED = "article", "page", "media", "skipped"
_UNSAFE = re.compile(r"[\x00-\x1f/\\?#%*:|\"<>]+")


@dataclass
class Entry:
    """One item's fate. For articles and pages, `source` is the file under content/."""

    item: Item
    kind: str
    reason: str = ""  # why skipped
    slug: str = ""
    source: str = ""
    draft: bool = False
    url: str = ""  # a nested page's own address, 'about/team/'
    notes: list[str] = field(default_factory=list)


def _slugify(value: str) -> str:
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import slugify

    return slugify(value, regex_subs=DEFAULT_CONFIG["SLUG_REGEX_SUBSTITUTIONS"])


class Planner:
    """Decides each item's fate; slugs are made unique within the export."""

    def __init__(self, articles: str = "articles", pages: str = "pages"):
        self.folders = {ARTICLE: articles, PAGE: pages}
        self.entries: list[Entry] = []
        self.slugs: set[str] = set()

    def decide(self, item: Item) -> Entry:
        entry = self._decide(item)
        self.entries.append(entry)
        return entry

    def _decide(self, item: Item) -> Entry:
        kind = {"post": ARTICLE, "page": PAGE, "attachment": MEDIA}.get(item.type)
        if kind is None:
            label = INTERNAL_TYPES.get(item.type)
            reason = f"{label} ({item.type})" if label else f"type inconnu « {item.type[:40]} »"
            return Entry(item, SKIPPED, reason=reason)
        if kind == MEDIA:
            return Entry(item, MEDIA)
        entry = Entry(item, kind)
        if item.status == "trash":
            return Entry(item, SKIPPED, reason="dans la corbeille de WordPress")
        if item.status == PRIVATE:
            return Entry(item, SKIPPED, reason=f"privé{'' if kind == ARTICLE else 'e'} : {_label(item)}")
        if item.password:
            return Entry(item, SKIPPED, reason=f"protégé{'' if kind == ARTICLE else 'e'} par mot de passe : {_label(item)}")
        if item.status in DRAFTS:
            entry.draft = True
        elif item.status != PUBLISHED:
            entry.draft = True
            entry.notes.append(f"état WordPress inconnu « {item.status[:40]} », gardé en brouillon")
        entry.slug = self._slug(item)
        folder = PurePosixPath(self.folders[kind])
        if kind == PAGE and not entry.draft:
            segments = [_UNSAFE.sub("-", unquote(s)) for s in item.path.split("/") if s]
            if len(segments) > 1:
                # A nested page keeps its address and its place: pages/about/team.md at about/team/.
                folder = folder.joinpath(*segments[:-1])
                entry.url = "/".join([*segments[:-1], entry.slug]) + "/"
        entry.source = (folder / f"{entry.slug}.md").as_posix()
        return entry

    def _slug(self, item: Item) -> str:
        base = _UNSAFE.sub("-", item.slug).strip("-").lower()
        if not base:
            base = _slugify(item.title) if item.title.strip() else ""
            # No name, no usable title: the post's id, else its line in the export.
            base = base or f"{'article' if item.type == 'post' else 'page'}-{item.id or f'ligne-{item.line}'}"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug


def _label(item: Item) -> str:
    return f"« {item.title or 'sans titre'} » ({item.link or item.id})"
