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

from comments.core.settings import comments_settings
from pelican import signals

from .imported import (
    NGINX_MAP,
    REDIRECTS_FILE,
    imported_addresses,
    redirect_rules,
    render_netlify,
    render_nginx,
    site_prefix,
)
from .page import plain_title, render_redirect
from .plan import FeedCopy, Redirect, folder, plan_article_feed_copies, plan_feed_copies, plan_redirects

log = logging.getLogger(__name__)


class WordPressAddresses:
    """Collects the articles, pages and categories, then writes the files at `finalized`."""

    def __init__(self) -> None:
        self.articles: list = []
        self.pages: list = []
        self.categories: list[str] = []

    def collect(self, generators: list) -> None:
        self.articles, self.pages, self.categories = [], [], []
        for generator in generators:
            if hasattr(generator, "articles") and hasattr(generator, "categories"):
                self.articles = list(generator.articles)
                self.categories = [category.slug for category, _ in generator.categories]
            elif hasattr(generator, "pages"):
                self.pages = list(generator.pages)

    def write(self, pelican) -> None:
        settings = pelican.settings
        siteurl = settings.get("SITEURL", "")
        base = siteurl.rstrip("/") + "/"
        redirects = plan_redirects(self.articles, siteurl, lambda a: plain_title(a.title))
        imported = imported_addresses(self.articles + self.pages, settings)
        redirects += [Redirect(folder(old), base + new, plain_title(title)) for old, new, title in imported
                      if "?" not in old and old.strip("/") != new.strip("/")]
        entries = [
            *plan_feed_copies(settings, self.categories),
            *plan_article_feed_copies(self.articles, comments_settings(settings).feed_article_atom),
            *_first_per_path(redirects),
        ]
        output = Path(pelican.output_path)
        written = write_entries(output, entries)
        # Hosts with redirect rules get real 301s, the query-string addresses (/?p=123) included.
        pairs = [("/" + r.path.removesuffix("index.html"), r.url.removeprefix(base)) for r in redirects]
        rules = redirect_rules(pairs + [(old, new) for old, new, _ in imported], site_prefix(siteurl))
        if rules:
            (output / REDIRECTS_FILE).write_text(render_netlify(rules), encoding="utf-8")
            (output / NGINX_MAP).write_text(render_nginx(rules), encoding="utf-8")
        log.info("wp_redirects: %d redirect pages, %d feed copies, %d redirect rules",
                 sum(isinstance(e, Redirect) for e in written), sum(isinstance(e, FeedCopy) for e in written),
                 len(rules))
        self.articles, self.pages, self.categories = [], [], []


def _first_per_path(redirects: list[Redirect]) -> list[Redirect]:
    # An imported post's old address may be its bare /<slug>/ too: one file, no warning.
    seen: set[str] = set()
    return [r for r in redirects if not (r.path in seen or seen.add(r.path))]


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
