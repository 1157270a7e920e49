"""Make pelican-sitemap reproducible without forking it.

pelican-sitemap stamps pages that are not articles or pages (the home page,
categories, tags, archives) with `datetime.now()` taken when it is imported,
so two builds of the same content differ. This plugin sets that clock to the
newest date of the site's content, once all generators are done: an index
page changes when the content it lists changes, not when the build runs.
"""

from __future__ import annotations

import datetime
import importlib
import logging

from pelican import signals

log = logging.getLogger(__name__)

# Used when the site has no dated content at all (still reproducible).
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def newest_content_date(generators: list) -> datetime.datetime:
    """The latest `modified` or `date` of the published articles and pages."""
    dates = []
    for generator in generators:
        for content in (*getattr(generator, "articles", ()), *getattr(generator, "pages", ())):
            date = getattr(content, "modified", None) or getattr(content, "date", None)
            if isinstance(date, datetime.datetime) and date.tzinfo is not None:
                dates.append(date)
    return max(dates, default=EPOCH)


def pin_sitemap_clock(generators: list) -> None:
    """Replace pelican-sitemap's import-time `now` by the newest content date."""
    try:
        sitemap = importlib.import_module("pelican.plugins.sitemap.sitemap")
    except ImportError:
        return
    generator = getattr(sitemap, "generator", None)
    if generator is None or not hasattr(generator, "now"):
        log.warning("stable_sitemap: pelican-sitemap has changed; index lastmod dates use the clock")
        return
    generator.now = newest_content_date(generators)


def register() -> None:
    signals.all_generators_finalized.connect(pin_sitemap_clock)
