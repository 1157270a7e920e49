"""French presentation for the blog: Babel dates and plurals, French typography.

`register()` adds the Jinja filters `date_fr`, `datetime_fr`, `count_fr` and
`typo`, reads Markdown with its own reader (whose Markdown typesets content and
summaries, see typeset.py), and typesets each title once the generators are finalized.
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
from .reader import use_french_reader
from .typography import french_typography


def add_filters(pelican: Any) -> None:
    # A new dict: Pelican's default JINJA_FILTERS is shared between instances.
    pelican.settings["JINJA_FILTERS"] = {**pelican.settings.get("JINJA_FILTERS", {}), **FILTERS}


def apply_typography(objects: Iterable[Content]) -> None:
    """Typeset each object's title, once. Content and summary left the Markdown
    reader typeset (french.typeset), so the reader cache keeps them that way;
    other formats (none in content/) are not typeset."""
    done = set()
    for obj in objects:
        if id(obj) in done:
            continue
        done.add(id(obj))
        if getattr(obj, "title", None):
            obj.title = french_typography(obj.title)
            obj.metadata["title"] = obj.title


def on_contents(generator: Any) -> None:
    """`article_generator_finalized` / `page_generator_finalized`."""
    apply_typography(content_objects(generator))


def on_articles(generator: Any) -> None:
    on_contents(generator)
    link_neighbours(generator.articles)


def register() -> None:
    # First: the fingerprint is of the settings before any plugin adds to them.
    signals.initialized.connect(reader_cache.check_stamp)
    signals.readers_init.connect(use_french_reader)
    signals.content_object_init.connect(check_content)
    signals.initialized.connect(add_filters)
    signals.article_generator_finalized.connect(on_articles)
    signals.page_generator_finalized.connect(on_contents)
    signals.finalized.connect(reader_cache.write_stamp)
