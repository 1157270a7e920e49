"""Every content object a generator holds, published or not, in one walk; and what is
computed from their texts, kept while their sources are unchanged."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterator
from itertools import chain
from typing import Any, TypeVar

T = TypeVar("T")

# The lists of Pelican's articles and pages generators (each has some of them).
CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations")


def content_objects(generator: Any) -> Iterator[Any]:
    """Every article or page of `generator`: published, hidden, drafts, translations."""
    return chain.from_iterable(getattr(generator, name, None) or () for name in CONTENT_LISTS)


_last: tuple[dict, str] | None = None  # the running build's settings and their fingerprint


def _fingerprint(settings: dict) -> str:
    """reader_cache's fingerprint of `settings`, taken once per build (its settings dict
    is the build's own object) for every PerSource."""
    global _last
    if _last is None or _last[0] is not settings:
        from .reader_cache import fingerprint

        _last = (settings, fingerprint(settings))
    return _last[1]


class PerSource:
    """Values computed from an article's or a page's text, kept between the builds of
    one process (the author's loop builds once per save) while its source file and the
    settings the reader depends on are unchanged: a save then recomputes them for the
    saved file only, not for the 1,000 others.

    The reader's output depends on the file and on those settings only; that is
    what Pelican's reader cache (with reader_cache.py's fingerprint) already trusts.
    `key` adds what else the value depends on (the plugin's own options)."""

    def __init__(self) -> None:
        self._known: dict[str, tuple[tuple, Any]] = {}

    def get(self, item: Any, settings: dict, key: Hashable, compute: Callable[[], T]) -> T:
        path = getattr(item, "source_path", None)
        fingerprint = _fingerprint(settings)
        try:
            info = os.stat(path) if path and fingerprint else None
        except OSError:
            info = None
        if info is None:  # no file, or settings that cannot be fingerprinted: no memo
            return compute()
        stamp = (info.st_mtime_ns, info.st_size, info.st_ino, fingerprint, key)
        known = self._known.get(path)
        if known is None or known[0] != stamp:
            known = self._known[path] = (stamp, compute())
        return known[1]
