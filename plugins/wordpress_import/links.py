"""Links to the old site, rewritten to Pelican's `{filename}`, `{static}`, `{category}`, `{tag}`, `{author}`.

Such links follow the content wherever its address goes later. Covered: a
post's or page's permalink (any shape, a paginated `/2/` too), `?p=ID`,
`?page_id=ID`, `?attachment_id=ID` and attachment pages (to the file itself),
uploads, and category, tag and author archives. Anything else is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import parse_qs, unquote, urlsplit

from .items import Item
from .media import Media

_PAGED = re.compile(r"(.*/)\d+/\Z")


def _key(path: str) -> str:
    """An old path as compared: percent-decoded, lowercased, one trailing slash."""
    path = re.sub(r"/{2,}", "/", unquote(path or "")).lower()
    return path if path.endswith("/") else path + "/"


@dataclass
class Links:
    hosts: set[str]
    media: Media
    by_path: dict[str, str] = field(default_factory=dict)  # old path key -> Pelican link
    by_id: dict[str, str] = field(default_factory=dict)  # post id -> Pelican link
    attachments: dict[str, Item] = field(default_factory=dict)  # id and path key -> attachment item
    terms: dict[tuple[str, str], str] = field(default_factory=dict)  # ("category"|"tag"|"author", slug) -> link
    rewritten: int = 0
    unresolved: int = 0  # links to the old site left as they are (nothing of the export there)

    def add_content(self, item: Item, source: str) -> None:
        """A published post or page, written at content/`source`."""
        link = f"{{filename}}/{source}"
        self.by_id[item.id] = link
        if item.path:
            self.by_path[_key(item.path)] = link

    def add_attachment(self, item: Item) -> None:
        self.attachments[item.id] = item
        if item.path:
            self.attachments[_key(item.path)] = item

    def add_term(self, old_kind: str, slug: str, kind: str, name: str) -> None:
        """The old archive /<old_kind>/<slug>/ is now Pelican's {kind}name (the first registration wins)."""
        if slug:
            self.terms.setdefault((old_kind, slug.lower()), f"{{{kind}}}{name}")

    def rewrite(self, url: str, referrer: str) -> str | None:
        """The Pelican link for `url`, or None to leave it as it is."""
        url = url.strip()
        if not url or url.startswith("#") or not self.media.is_local(url):
            return None
        try:
            parts = urlsplit(url)
        except ValueError:
            return None
        if not parts.netloc and not parts.path.startswith("/") and parts.scheme:
            return None  # mailto:, tel:, javascript:
        if not parts.netloc and not parts.path.startswith("/"):
            return None  # a relative link: nothing of the old site's shape
        fragment = f"#{parts.fragment}" if parts.fragment else ""
        if (found := self._find(url, parts.path, parts.query, referrer)) is not None:
            self.rewritten += 1
            return found + fragment
        if self.media.upload_path(url) is None:
            self.unresolved += 1
        return None

    def _find(self, url: str, path: str, query: str, referrer: str) -> str | None:
        params = parse_qs(query)
        for name in ("p", "page_id", "attachment_id"):
            value = (params.get(name) or [""])[0].strip()
            if value:
                if value in self.by_id:
                    return self.by_id[value]
                if value in self.attachments:
                    return self._attachment(self.attachments[value], referrer)
                return None
        if self.media.upload_path(url) is not None:
            found = self.media.resolve(url, referrer)
            return f"{{static}}/{found}" if found else None
        key = _key(path)
        for candidate in (key, (_PAGED.match(key) or [None, None])[1]):
            if candidate is None:
                continue
            if candidate in self.by_path:
                return self.by_path[candidate]
            if candidate in self.attachments:
                return self._attachment(self.attachments[candidate], referrer)
        segments = [s for s in key.split("/") if s]
        for kind in ("category", "tag", "author"):
            if len(segments) >= 2 and segments[0] == kind:
                return self.terms.get((kind, segments[-1]))
        return None

    def _attachment(self, item: Item, referrer: str) -> str | None:
        found = self.media.resolve(item.attachment_url, referrer) if item.attachment_url else None
        return f"{{static}}/{found}" if found else None
