"""French presentation for the blog: Babel dates and plurals, French typography.

`register()` adds the Jinja filters `date_fr`, `datetime_fr`, `count_fr` and
`typo`, and applies French typography once per content object (title,
content, summary) when the article and page generators are finalized.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pelican import signals
from pelican.contents import Content

from . import reader_cache
from .checks import check_content
from .contents import content_objects
from .filters import FILTERS
from .navigation import link_neighbours
from .reader import use_reusing_reader
from .typeset import typeset_by_reader
from .typography import french_typography


def add_filters(pelican: Any) -> None:
    # A new dict: Pelican's default JINJA_FILTERS is shared between instances.
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **FILTERS}


def apply_typography(objects: Iterable[Content], settings: dict) -> None:
    """Rewrite title, content and an explicit summary of each object, once
    (content and summary typeset by the Markdown reader already are left as they are)."""
    done = set()
    for obj in objects:
        if id(obj) in done:
            continue
        done.add(id(obj))
        if getattr(obj, "title", None):
            obj.title = french_typography(obj.title)
            obj.metadata["title"] = obj.title
        if typeset_by_reader(obj, settings):
            continue
        if getattr(obj, "_content", None):
            obj._content = french_typography(obj._content)
        if "summary" in obj.metadata:
            obj.metadata["summary"] = french_typography(obj.metadata["summary"])
            obj._summary = obj.metadata["summary"]
    # content and summary are memoized per (object, siteurl): drop stale values.
    for memo in (Content.get_content, Content.get_summary):
        for key in [k for k in memo.cache if id(k[0]) in done]:
            del memo.cache[key]


def drop_content_memo(path: str, context: dict | None = None) -> None:
    """`content_written`: forget the memoized HTML of every content object.

    Pelican memoizes `content` (links resolved) per object for the whole build: a
    second copy of every article's HTML (~7 MB for 1,000 articles) alive during
    writing, though a page needs only its own. Summaries stay memoized; content
    asked for again (a feed, a summary not yet made) is resolved again, the same."""
    Content.get_content.cache.clear()


def on_contents(generator: Any) -> None:
    """`article_generator_finalized` / `page_generator_finalized`."""
    apply_typography(content_objects(generator), generator.settings)


def on_articles(generator: Any) -> None:
    on_contents(generator)
    link_neighbours(generator.articles)


def register() -> None:
    # First: the fingerprint is of the settings before any plugin adds to them.
    signals.initialized.connect(reader_cache.check_stamp)
    signals.readers_init.connect(use_reusing_reader)
    signals.content_object_init.connect(check_content)
    signals.initialized.connect(add_filters)
    signals.article_generator_finalized.connect(reader_cache.release)
    signals.page_generator_finalized.connect(reader_cache.release)
    signals.article_generator_finalized.connect(on_articles)
    signals.page_generator_finalized.connect(on_contents)
    signals.finalized.connect(reader_cache.write_stamp)
    signals.content_written.connect(drop_content_memo)
