"""Previous and next article links, computed once per build.

Pelican core does not set them; a template loop over all articles would cost
O(n) per article page, so the generator's sorted list is walked once here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def link_neighbours(articles: Sequence[Any]) -> None:
    """Set `prev_article` (the next one in the list: older) and `next_article`
    (newer) on each article. `articles` is Pelican's list, already in the site's
    order (ARTICLE_ORDER_BY: newest first, then slug), as the index shows it."""
    ordered = list(articles)
    for index, article in enumerate(ordered):
        article.next_article = ordered[index - 1] if index > 0 else None
        article.prev_article = ordered[index + 1] if index + 1 < len(ordered) else None
