"""Old WordPress addresses keep working on a static host (production builds).

Registered by publishconf.py only: the addresses are absolute, and a dev build
has no use for them. The files are written once everything else is written,
and never over a file the build wrote: a collision is a warning naming it.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from comments.settings import comments_settings
from pelican import signals

from .page import plain_title, render_redirect
from .plan import FeedCopy, Redirect, plan_article_feed_copies, plan_feed_copies, plan_redirects

log = logging.getLogger(__name__)


class WordPressAddresses:
    """Collects the articles and categories, then writes the files at `finalized`."""

    def __init__(self) -> None:
        self.articles: list = []
        self.categories: list[str] = []

    def collect(self, generators: list) -> None:
        self.articles, self.categories = [], []
        for generator in generators:
            if hasattr(generator, "articles") and hasattr(generator, "categories"):
                self.articles = list(generator.articles)
                self.categories = [category.slug for category, _ in generator.categories]

    def write(self, pelican) -> None:
        settings = pelican.settings
        entries = [
            *plan_feed_copies(settings, self.categories),
            *plan_article_feed_copies(self.articles, comments_settings(settings)["feed_article_atom"]),
            *plan_redirects(self.articles, settings.get("SITEURL", ""), lambda a: plain_title(a.title)),
        ]
        written = write_entries(Path(pelican.output_path), entries)
        log.info("wp_redirects: %d redirect pages, %d feed copies",
                 sum(isinstance(e, Redirect) for e in written), sum(isinstance(e, FeedCopy) for e in written))
        self.articles, self.categories = [], []


def write_entries(output: Path, entries: list) -> list:
    """Write each entry unless its file exists; return those written."""
    written = []
    for entry in entries:
        dest = output / entry.path
        if isinstance(entry, FeedCopy) and not (output / entry.source).is_file():
            log.debug("wp_redirects: no %s, no copy at %s", entry.source, entry.path)
            continue
        if dest.exists():
            log.warning("wp_redirects\u00a0: %s existe déjà, l’ancienne adresse /%s n’est pas reprise",
                        dest, os.path.dirname(entry.path) + "/")
            continue
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(entry, FeedCopy):
            shutil.copyfile(output / entry.source, dest)
        else:
            dest.write_text(render_redirect(entry.url, entry.title), encoding="utf-8")
        written.append(entry)
    return written


_addresses = WordPressAddresses()


def register() -> None:
    signals.all_generators_finalized.connect(_addresses.collect)
    signals.finalized.connect(_addresses.write)
