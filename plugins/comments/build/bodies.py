"""Comment bodies rendered once: sanitised, typography (COMMENTS['typography']), cached by content hash.

The cache is one JSON file under Pelican's CACHE_PATH, loaded once and written
atomically once per build (only when it changed), keeping only the entries the
build used so it never grows without bound.

When many bodies are missing from the cache (a cold build), `prefetch` hands
them to one worker process as soon as the store is read, so that sanitising
(bleach and html5lib are slow) runs on the second core while Pelican reads the
articles; `render` then finds them done.

Rendering one body can never stop the build: whatever it raises, that comment
falls back to its text escaped into paragraphs (`failures` lists it, so the
plugin warns naming its file) and is not cached, so the warning comes back
on every build until the file is changed.

The typography is the function the settings name (french_typography in the
project's pelicanconf.py), never imported here: the cache key holds its
`version` attribute (the french plugin's is a digest of its own code), else
its qualified name.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from html import escape
from pathlib import Path

from ..core.settings import no_typography
from ..core.urls import strip_controls
from .sanitiser import PIPELINE_VERSION, Sanitiser

logger = logging.getLogger(__name__)

Typography = Callable[[str], str]


def cache_version(typography: Typography) -> str:
    """The cached HTML includes the typography: the pipeline's version and the typography's
    (its `version` attribute, else its qualified name), so a change to either invalidates the cache."""
    version = getattr(typography, "version", None) or "{}.{}".format(
        getattr(typography, "__module__", None), getattr(typography, "__qualname__", type(typography).__qualname__))
    return f"{PIPELINE_VERSION};typo={version}"


# Below this many uncached bodies, starting a worker costs more than it saves.
PARALLEL_THRESHOLD = 200
CHUNK = 250

_worker_sanitiser: Sanitiser | None = None


def escaped_paragraphs(body: str) -> str:
    """The fallback for a body the pipeline failed on: its text, escaped, in
    paragraphs (blank lines) with line breaks (single newlines)."""
    chunks = (chunk.strip() for chunk in re.split(r"\n\s*\n", strip_controls(body)))
    return "\n".join(
        "<p>" + escape(chunk, quote=False).replace("\n", "<br>\n") + "</p>" for chunk in chunks if chunk
    )


def render_one(sanitiser: Sanitiser, body: str, fmt: str,
               typography: Typography = no_typography) -> tuple[str, str | None]:
    """(safe HTML, None), or (the escaped fallback, why) when anything in the
    pipeline raised: one body never stops the build."""
    try:
        return typography(sanitiser.sanitise(body, fmt)), None
    except Exception as exc:  # noqa: BLE001 (RecursionError, or any bug a hostile body finds)
        return escaped_paragraphs(body), f"{type(exc).__name__}: {str(exc)[:200]}"


def render_uncached(items: list[tuple[str, str]], typography: Typography) -> list[tuple[str, str | None]]:
    """render_one over (body, format) pairs; runs in the worker process (the typography goes there
    pickled by name). A failure comes back with its reason, which the build process warns of
    (the body is not rendered twice)."""
    global _worker_sanitiser
    if _worker_sanitiser is None:
        _worker_sanitiser = Sanitiser()
    return [render_one(_worker_sanitiser, body, fmt, typography) for body, fmt in items]


def body_key(version: str, body: str, fmt: str) -> str:
    """The cache key: the pipeline and typography versions (cache_version), the format and the body."""
    data = "\0".join((version, fmt, body)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class BodyRenderer:
    """Renders bodies to safe HTML then `typography`, through a cache file (or none when
    `cache_file` is None)."""

    def __init__(self, cache_file: Path | None = None, typography: Typography = no_typography) -> None:
        self.cache_file = cache_file
        self.typography = typography
        self.version = cache_version(typography)
        self._sanitiser: Sanitiser | None = None
        self._old: dict[str, str] = self._load()
        self._used: dict[str, str] = {}
        self.sanitised = 0  # bodies actually sanitised in this build (the rest came from the cache)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[tuple[list[str], Future]] = []
        self._fresh: dict[str, tuple[str, str | None]] = {}  # done by the worker: (html, why it failed)
        self.failures: list[str] = []  # why each body that fell back to its text failed

    def _load(self) -> dict[str, str]:
        if not self.cache_file or not self.cache_file.exists():
            return {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            logger.info("Cache des commentaires illisible (%s), il sera reconstruit : %s", self.cache_file, exc)
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    @property
    def sanitiser(self) -> Sanitiser:
        if self._sanitiser is None:  # built lazily: a fully cached build never needs it
            self._sanitiser = Sanitiser()
        return self._sanitiser

    def prefetch(self, bodies: Iterable[tuple[str, str]], workers: int = 1) -> int:
        """Start sanitising, in a worker process, the (body, format) pairs missing
        from the cache, when there are enough of them; return how many were sent.
        `render` collects the results; anything the worker could not do is done
        in-process then."""
        todo: dict[str, tuple[str, str]] = {}
        for body, fmt in bodies:
            key = body_key(self.version, body, fmt)
            if key not in self._old and key not in self._used:
                todo.setdefault(key, (body, fmt))
        if len(todo) < PARALLEL_THRESHOLD or (os.cpu_count() or 1) < 2:
            return 0
        try:
            # The standard executor with the platform's default start method.
            self._pool = ProcessPoolExecutor(max_workers=workers)
            keys = list(todo)
            for start in range(0, len(keys), CHUNK):
                chunk = keys[start:start + CHUNK]
                future = self._pool.submit(render_uncached, [todo[k] for k in chunk], self.typography)
                self._pending.append((chunk, future))
        except (OSError, RuntimeError) as exc:
            logger.info("Commentaires : assainissement sans processus auxiliaire (%s)", exc)
            self._close_pool()
            return 0
        return len(todo)

    def _collect(self) -> None:
        """Results of the worker, into this build's entries."""
        pending, self._pending = self._pending, []
        for keys, future in pending:
            try:
                results = future.result()
            except Exception as exc:  # noqa: BLE001 (a dead worker: sanitise here instead)
                logger.info("Commentaires : processus auxiliaire en échec (%s), assainissement ici", exc)
                continue
            self._fresh.update(zip(keys, results, strict=True))
            self.sanitised += sum(why is None for _html, why in results)
        self._close_pool()

    def _close_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def render(self, body: str, fmt: str = "markdown") -> str:
        """Safe HTML for one body; sanitised at most once per content. A body the
        pipeline fails on comes back as its escaped text, and its reason is
        appended to `failures`."""
        if self._pending:
            self._collect()
        key = body_key(self.version, body, fmt)
        html = self._used.get(key)
        if html is None:
            html = self._old.get(key)
        if html is None:
            fresh = self._fresh.pop(key, None)  # kept in _used from now on
            html, why = fresh or render_one(self.sanitiser, body, fmt, self.typography)
            if why:
                self.failures.append(why)
                return html  # not cached: the warning comes back on the next build
            if fresh is None:
                self.sanitised += 1
        self._used[key] = html
        return html

    def save(self) -> None:
        """Write the cache if this build's entries differ from the file's."""
        self._close_pool()
        if not self.cache_file or self._used == self._old:
            return
        data = {"version": self.version, "entries": dict(sorted(self._used.items()))}
        # Streamed into a temporary file, then renamed: never half a cache, and
        # never the whole JSON text in memory (~7 MB for 5,000 comments).
        tmp = None
        try:
            self.cache_file.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{self.cache_file.name}.", suffix=".tmp",
                                       dir=self.cache_file.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(data, handle, ensure_ascii=False, indent=0)
            os.replace(tmp, self.cache_file)
        except OSError as exc:
            logger.info("Cache des commentaires non écrit (%s) : %s", self.cache_file, exc)
            if tmp:
                Path(tmp).unlink(missing_ok=True)
