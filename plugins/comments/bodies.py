"""Comment bodies rendered once: sanitised, French typography, cached by content hash.

The cache is one JSON file under Pelican's CACHE_PATH, loaded once and written
atomically once per build (only when it changed), keeping only the entries the
build used so it never grows without bound.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import french.typography
from french.typography import french_typography

from .sanitiser import PIPELINE_VERSION, Sanitiser
from .store import atomic_write

logger = logging.getLogger(__name__)

# The cached HTML includes typography: a change to its module invalidates the cache.
CACHE_VERSION = PIPELINE_VERSION + ";typo=" + hashlib.sha256(
    Path(french.typography.__file__).read_bytes()
).hexdigest()[:16]


def body_key(body: str, fmt: str) -> str:
    """The cache key: the pipeline and typography versions, the format and the body."""
    data = "\0".join((CACHE_VERSION, fmt, body)).encode("utf-8")
    return hashlib.sha256(data).hexdigest()


class BodyRenderer:
    """Renders bodies to safe HTML, through a cache file (or none when `cache_file` is None)."""

    def __init__(self, cache_file: Path | None = None) -> None:
        self.cache_file = cache_file
        self._sanitiser: Sanitiser | None = None
        self._old: dict[str, str] = self._load()
        self._used: dict[str, str] = {}
        self.sanitised = 0  # bodies actually sanitised in this build (the rest came from the cache)

    def _load(self) -> dict[str, str]:
        if not self.cache_file or not self.cache_file.exists():
            return {}
        try:
            data = json.loads(self.cache_file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            logger.info("Cache des commentaires illisible (%s), il sera reconstruit : %s", self.cache_file, exc)
            return {}
        if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    @property
    def sanitiser(self) -> Sanitiser:
        if self._sanitiser is None:  # built lazily: a fully cached build never needs it
            self._sanitiser = Sanitiser()
        return self._sanitiser

    def render(self, body: str, fmt: str = "markdown") -> str:
        """Safe HTML for one body; sanitised at most once per content."""
        key = body_key(body, fmt)
        html = self._used.get(key)
        if html is None:
            html = self._old.get(key)
        if html is None:
            html = french_typography(self.sanitiser.sanitise(body, fmt))
            self.sanitised += 1
        self._used[key] = html
        return html

    def save(self) -> None:
        """Write the cache if this build's entries differ from the file's."""
        if not self.cache_file or self._used == self._old:
            return
        data = {"version": CACHE_VERSION, "entries": dict(sorted(self._used.items()))}
        try:
            atomic_write(self.cache_file, json.dumps(data, ensure_ascii=False, indent=0))
        except OSError as exc:
            logger.info("Cache des commentaires non écrit (%s) : %s", self.cache_file, exc)
