"""What the receiver knows of the site: the commentable posts and their published comment ids.

The one reader of the blog's posts: the receiver, the moderation and the importers
(storage/articles.py's ArticleIndex, a view of the same posts) all list them here.

Read from the content folder at start-up, then refreshed cheaply (at most once
per `interval` seconds, re-reading only files whose mtime or size changed), so
an article published or a comment approved later is known without a restart.
A post's URL is computed by Pelican's own content classes from the same
settings as the build (ARTICLE_URL, PAGE_URL, slugify rules), so the redirect
lands exactly where the built page is.
"""

from __future__ import annotations

import fnmatch
import logging
import os
import threading
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican.contents import Article, Page
from pelican.readers import BaseReader

from ..core.comment_file import ID_RE, SLUG_RE
from ..core.model import comments_mode
from .sources import read_metadata

logger = logging.getLogger(__name__)

MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mkd", ".mdown")


@dataclass(frozen=True)
class Post:
    """A published article or page that may take comments."""

    slug: str
    title: str
    url: str  # relative to SITEURL, as Pelican writes it ("2013/04/slug/")
    comments_mode: str  # "open" | "closed" | "hidden"
    page: bool = False


def site_settings(pelican: Mapping[str, Any], content: Path) -> dict[str, Any]:
    """Pelican's settings for reading the posts of `content`: Pelican's defaults, the project's
    folders (articles/, pages/) unless `pelican` names others, then `pelican` itself."""
    from pelican.settings import DEFAULT_CONFIG

    return {**DEFAULT_CONFIG, "ARTICLE_PATHS": ["articles"], "PAGE_PATHS": ["pages"], **pelican,
            "PATH": str(content)}


def build_post(path: Path, settings: Mapping[str, Any], page: bool) -> Post | None:
    """A Post from a source file through Pelican's classes; None if not published."""
    reader = BaseReader(settings)
    metadata = {name: reader.process_metadata(name, value) for name, value in read_metadata(path).items()}
    if "title" not in metadata:
        return None
    if not page and "date" not in metadata:
        return None  # Pelican refuses an undated article (DEFAULT_DATE is None)
    cls = Page if page else Article
    content = cls("", metadata=metadata, settings=dict(settings), source_path=str(path))
    if content.status not in ("published", "hidden"):
        return None
    slug = content.slug or ""
    if not SLUG_RE.match(slug):
        return None
    # As the comments plugin: articles are open by default, pages only when they say so.
    default = "closed" if page else "open"
    mode = comments_mode(metadata.get("comments"), default) or "closed"
    return Post(slug=slug, title=str(content.title), url=content.url, comments_mode=mode, page=page)


def _read_post(path: Path, settings: Mapping[str, Any], page: bool) -> Post | None:
    try:
        return build_post(path, settings, page)
    except Exception as exc:  # a broken post must not stop the receiver, nor an import
        logger.warning("%s : article illisible, ignoré (%s)", path, exc)
        return None


def _sources(settings: Mapping[str, Any]) -> Iterator[tuple[Path, tuple[int, int], bool]]:
    """(path, (mtime_ns, size), is_page) of every Markdown source of the settings' post folders.
    Pages first: a file under a page folder is a page even when an article folder holds it
    (Pelican's default ARTICLE_PATHS [""] is the whole content folder; it excludes the pages)."""
    content = Path(settings["PATH"])
    ignores = list(settings.get("IGNORE_FILES") or [])
    folders = [(content / p, True, settings.get("PAGE_EXCLUDES") or []) for p in settings.get("PAGE_PATHS", [])]
    folders += [(content / p, False, settings.get("ARTICLE_EXCLUDES") or [])
                for p in settings.get("ARTICLE_PATHS", [])]
    seen: set[Path] = set()
    for folder, page, excludes in folders:
        for path, stamp in _walk(folder, content, excludes, ignores):
            if path not in seen:
                seen.add(path)
                yield path, stamp, page


def read_posts(settings: Mapping[str, Any]) -> list[tuple[Path, Post]]:
    """Every commentable post of the site once, with its source file: articles first, then
    pages, each by path (the order in which the importers match titles)."""
    posts = [(path, post) for path, _stamp, page in _sources(settings)
             if (post := _read_post(path, settings, page)) is not None]
    return sorted(posts, key=lambda entry: (entry[1].page, entry[0]))


class Catalog:
    """Commentable posts by slug and their published comment ids, kept fresh."""

    def __init__(self, settings: Mapping[str, Any], comments_dir: Path, interval: float = 1.0):
        self.settings = settings
        self.comments_dir = comments_dir
        self.interval = interval
        self._files: dict[Path, tuple[tuple[int, int], Post | None]] = {}
        self._ids: dict[str, tuple[int, frozenset[str]]] = {}
        self._posts: dict[str, Post] = {}
        self._checked = 0.0
        self.generation = 0  # grows whenever a post or a published comment id changes
        self._lock = threading.Lock()
        self.refresh(force=True)

    def post(self, slug: str) -> Post | None:
        self.refresh()
        return self._posts.get(slug)

    def posts(self) -> list[Post]:
        """Every commentable post, by slug."""
        self.refresh()
        return sorted(self._posts.values(), key=lambda post: post.slug)

    def entries(self) -> list[tuple[Path, Post]]:
        """What read_posts(settings) gives, from the files known (re-read when due)."""
        self.refresh()
        posts = [(path, post) for path, (_stamp, post) in self._files.items() if post is not None]
        return sorted(posts, key=lambda entry: (entry[1].page, entry[0]))

    def has_comment(self, slug: str, comment_id: str) -> bool:
        self.refresh()
        entry = self._ids.get(slug)
        return entry is not None and comment_id in entry[1]

    def is_published(self, comment_id: str) -> bool:
        """Whether a published comment, on any post, has this id."""
        self.refresh()
        return any(comment_id in ids for _mtime, ids in self._ids.values())

    def refresh(self, force: bool = False) -> None:
        now = time.monotonic()
        if not force and now - self._checked < self.interval:
            return
        with self._lock:
            if not force and now - self._checked < self.interval:
                return
            self._refresh_posts()
            self._refresh_ids()
            self._checked = time.monotonic()

    def _refresh_posts(self) -> None:
        seen: set[Path] = set()
        changed = False
        for path, stamp, page in _sources(self.settings):
            seen.add(path)
            known = self._files.get(path)
            if known and known[0] == stamp:
                continue
            changed = True
            self._files[path] = (stamp, _read_post(path, self.settings, page))
        for gone in set(self._files) - seen:
            changed = True
            del self._files[gone]
        if changed:
            self._posts = {post.slug: post for _stamp, post in self._files.values() if post}
            self.generation += 1

    def _refresh_ids(self) -> None:
        # Adding or removing a comment file changes its folder's mtime: that is all we watch.
        ids: dict[str, tuple[int, frozenset[str]]] = {}
        try:
            entries = list(os.scandir(self.comments_dir))
        except FileNotFoundError:
            entries = []
        for entry in entries:
            if not entry.is_dir() or not SLUG_RE.match(entry.name):
                continue
            mtime = entry.stat().st_mtime_ns
            known = self._ids.get(entry.name)
            if known and known[0] == mtime:
                ids[entry.name] = known
                continue
            names = frozenset(
                name[:-3] for name in os.listdir(entry.path)
                if name.endswith(".md") and not name.startswith(".") and ID_RE.match(name[:-3])
            )
            ids[entry.name] = (mtime, names)
        if ids != self._ids:
            self.generation += 1
        self._ids = ids


def _walk(folder: Path, content: Path, excludes: list[str], ignores: list[str]):
    """(path, (mtime_ns, size)) of every Markdown source under `folder` that Pelican reads:
    as its Generator.get_files, the folders of `excludes` (ARTICLE_EXCLUDES or PAGE_EXCLUDES,
    from the content folder) and the names matching IGNORE_FILES are left out; dot files
    too (editors' temporary files)."""
    excluded: dict[str, set[str]] = {}
    for name in excludes:
        parent, child = os.path.split(os.path.normpath(os.path.join(content, name)))
        excluded.setdefault(parent, set()).add(child)

    def ignored(name: str) -> bool:
        return name.startswith(".") or any(fnmatch.fnmatch(name, pattern) for pattern in ignores)

    for dirpath, dirnames, filenames in os.walk(folder, followlinks=True):
        skip = excluded.get(os.path.normpath(dirpath), ())
        dirnames[:] = [d for d in dirnames if d not in skip and not ignored(d)]
        for name in filenames:
            if name.endswith(MARKDOWN_EXTENSIONS) and not ignored(name):
                path = Path(dirpath) / name
                try:
                    st = path.stat()
                except FileNotFoundError:
                    continue
                yield path, (st.st_mtime_ns, st.st_size)
