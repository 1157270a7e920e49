"""Every content object a generator holds, published or not, in one walk."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain
from typing import Any

# The lists of Pelican's articles and pages generators (each has some of them).
CONTENT_LISTS = ("articles", "translations", "hidden_articles", "hidden_translations",
                 "drafts", "drafts_translations", "pages", "hidden_pages", "draft_pages",
                 "draft_translations")


def content_objects(generator: Any) -> Iterator[Any]:
    """Every article or page of `generator`: published, hidden, drafts, translations."""
    return chain.from_iterable(getattr(generator, name, None) or () for name in CONTENT_LISTS)
