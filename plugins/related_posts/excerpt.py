"""The first words of a related article's summary, made once per article.

An article is listed as related on several pages (four on average): its
summary is stripped and cut once per build, not once per page.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

WORDS = 25

# id(article) -> (article, excerpt); the article is kept to tell a reused id apart.
_made: dict[int, tuple[Any, str]] = {}


def related_excerpt(article: Any, words: int = WORDS) -> str:
    """The first `words` words of the article's summary as plain text (tags
    stripped, entities decoded), with "…" when the summary goes on."""
    entry = _made.get(id(article))
    if entry is None or entry[0] is not article:
        found = Markup(getattr(article, "summary", "") or "").striptags().split()
        text = " ".join(found[:words])
        if len(found) > words and not found[words - 1].endswith("…"):
            text += "…"
        entry = _made[id(article)] = (article, text)
    return entry[1]


def forget(*_: Any) -> None:
    """A new build: excerpts are made again from its own articles."""
    _made.clear()


def add_filter(pelican: Any) -> None:
    """`initialized`: `related_excerpt` for the templates."""
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}),
                                         "related_excerpt": related_excerpt}
