"""Comment feeds with feedgen: site-wide Atom and RSS, and one Atom feed per article.

Deterministic: entries newest first (date, then id), `updated` is the newest
comment's date (never the build time), and a file is rewritten only when its
bytes change. Replies carry RFC 4685 `thr:in-reply-to`. The feeds are kept under
CACHE_PATH by a digest of everything they show (digest_cache): a build whose
comments, titles and addresses are those of the last one copies them, without
loading feedgen and lxml (~0.8 s and ~11 MB at 1,000 articles and 5,000 comments).
"""

from __future__ import annotations

import html
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from digest_cache import digest, restore_or_make, write_if_changed

from ..core.settings import Comments
from .threads import ThreadNode, walk

# feedgen (and lxml) are imported where a feed is made: a site without comments never loads them.

logger = logging.getLogger(__name__)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
CACHE_FOLDER = "comment-feeds"  # under CACHE_PATH
# What the feeds are made by: a change to this code makes them again.
_CODE = digest(Path(__file__).with_name(name).read_bytes() for name in ("feeds.py", "atom_threading.py"))
_TAG_RE = re.compile(r"<[^>]*>")
_SPACE_RE = re.compile(r"[ \t\r\n]+")


@dataclass
class FeedEntry:
    """One comment as a feed sees it."""

    node: ThreadNode
    page_title: str
    page_url: str  # absolute (or root-relative when no domain is set)

    @property
    def link(self) -> str:
        return f"{self.page_url}#comment-{self.node.id}"

    @property
    def sort_key(self) -> tuple:
        return (self.node.comment.date, self.node.id)


def plain(text: str) -> str:
    """A title as plain text (Pelican titles may hold markup and entities)."""
    # ASCII whitespace only: French typography's no-break spaces stay.
    return _SPACE_RE.sub(" ", html.unescape(_TAG_RE.sub("", text or ""))).strip(" ")


def entries_of(content: Any, nodes: list[ThreadNode], base: str) -> list[FeedEntry]:
    """The feed entries of one article's (or page's) thread."""
    page_url = f"{base}/{content.url}"
    title = plain(getattr(content, "title", ""))
    return [FeedEntry(node, title, page_url) for node in walk(nodes)]


def _feed(title: str, feed_url: str, page_url: str, entries: list[FeedEntry], subtitle: str,
          atom: bool) -> Any:
    from feedgen.feed import FeedGenerator

    from .atom_threading import ThrEntryExtension, ThrExtension

    fg = FeedGenerator()
    fg.register_extension("thr", ThrExtension, ThrEntryExtension, atom=True, rss=False)
    if not atom:
        fg.load_extension("dc", atom=False, rss=True)  # RSS <author> would need an e-mail
    fg.id(feed_url)
    fg.title(title)
    fg.subtitle(subtitle)  # also the RSS description, which RSS requires
    fg.language("fr")
    fg.link(href=feed_url, rel="self")
    fg.link(href=page_url, rel="alternate")  # last: it is also the RSS <link>
    fg.updated(max((e.node.comment.date for e in entries), default=EPOCH))
    for entry in entries:
        comment = entry.node.comment
        fe = fg.add_entry(order="append")
        fe.id(entry.link)
        fe.title(f"{entry.node.author} sur «\u202f{entry.page_title}\u202f»")
        fe.link(href=entry.link, rel="alternate")
        fe.author(name=entry.node.author)  # the name only: e-mails are never published
        fe.published(comment.date)
        fe.updated(comment.date)
        if atom:
            fe.content(entry.node.html, type="html")
        else:
            fe.description(entry.node.html)
            fe.guid(entry.link, permalink=True)
            fe.dc.dc_creator(entry.node.author)
        parent = entry.node.reply_to
        if parent is not None:
            fe.thr.in_reply_to(f"{entry.page_url}#comment-{parent.id}", f"{entry.page_url}#comment-{parent.id}")
    return fg


def write_feeds(
    threads: Iterable[tuple[Any, list[ThreadNode]]],
    output_path: Path,
    settings: dict,
    comments: Comments,
) -> None:
    """Write the site-wide and per-article comment feeds (a file whose bytes are the same is left
    alone), made again only when what they show changed since the last build (CACHE_PATH)."""
    threads = list(threads)
    cache = settings.get("CACHE_PATH")
    if not cache:
        _make_feeds(threads, output_path, settings, comments)
        return
    key = digest(_inputs(threads, settings, comments))
    restore_or_make(Path(cache) / CACHE_FOLDER, key,
                    lambda folder: _make_feeds(threads, folder, settings, comments), output_path)


def _inputs(threads: list[tuple[Any, list[ThreadNode]]], settings: dict, comments: Comments) -> Iterable[str]:
    """Everything the feeds show or are made with, for their digest."""
    yield _CODE
    yield version("feedgen")
    yield repr((settings.get("FEED_DOMAIN"), settings.get("SITEURL"), settings.get("SITENAME"),
                comments.feed_max_items, comments.feed_atom, comments.feed_rss, comments.feed_article_atom))
    for content, nodes in threads:
        yield repr((content.slug, content.url, getattr(content, "title", "")))
        for node in walk(nodes):
            parent = node.reply_to.id if node.reply_to is not None else ""
            yield repr((node.id, node.author, node.comment.date.isoformat(), parent))
            yield node.html


def _make_feeds(
    threads: list[tuple[Any, list[ThreadNode]]],
    output_path: Path,
    settings: dict,
    comments: Comments,
) -> None:
    base = (settings.get("FEED_DOMAIN") or settings.get("SITEURL") or "").rstrip("/")
    sitename = plain(settings.get("SITENAME", ""))
    limit = comments.feed_max_items
    newest_first = lambda items: sorted(items, key=lambda e: e.sort_key, reverse=True)  # noqa: E731
    everything: list[FeedEntry] = []
    for content, nodes in threads:
        entries = entries_of(content, nodes, base)
        everything.extend(entries)
        pattern = comments.feed_article_atom
        if pattern and entries:
            rel = pattern.format(slug=content.slug)
            fg = _feed(
                f"Commentaires\u00a0: {entries[0].page_title}", f"{base}/{rel}", entries[0].page_url,
                newest_first(entries)[:limit], f"Les commentaires de «\u202f{entries[0].page_title}\u202f»",
                atom=True,
            )
            write_if_changed(output_path / rel, fg.atom_str(pretty=True))
    site_entries = newest_first(everything)[:limit]
    for rel, atom in ((comments.feed_atom, True), (comments.feed_rss, False)):
        if not rel:
            continue
        fg = _feed(
            f"Commentaires\u00a0: {sitename}", f"{base}/{rel}", f"{base}/", site_entries,
            f"Les derniers commentaires publiés sur {sitename}", atom=atom,
        )
        data = fg.atom_str(pretty=True) if atom else fg.rss_str(pretty=True)
        write_if_changed(output_path / rel, data)
