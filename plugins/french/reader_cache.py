"""Pelican's reader cache (CACHE_CONTENT, layer "reader"), kept honest and small.

Pelican keys that cache by each file's modification time only: after a change
to the settings (MARKDOWN, a URL pattern the cached Tags carry...) or to the
code of the Markdown extensions (smartquotes.py, typeset.py, typography.py),
it would serve stale HTML. `check_stamp` keeps, beside the cache, a digest of
what the reader's output depends on; when it differs, this build ignores the
cache (its files are deleted before Pelican loads them) and rewrites it.
"""

from __future__ import annotations

import hashlib
import json
import logging
from importlib.metadata import version
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

STAMP_NAME = "reader-cache-stamp.txt"
# Settings that never change what the reader returns.
_VOLATILE = {"LOAD_CONTENT_CACHE", "OUTPUT_PATH", "WRITE_SELECTED", "PORT", "BIND"}


def _name(value: Any) -> str:
    # Functions and modules in the settings (JINJA_FILTERS, PLUGINS): by name, not address.
    return getattr(value, "__qualname__", None) or getattr(value, "__name__", None) or type(value).__name__


def fingerprint(settings: dict) -> str:
    """A digest of the settings and code the cached reader output depends on
    ("" when the settings cannot be read as data: the cache is then never trusted)."""
    try:
        data = json.dumps({k: v for k, v in settings.items() if k not in _VOLATILE},
                          sort_keys=True, default=_name, ensure_ascii=False)
    except (TypeError, ValueError):
        return ""
    digest = hashlib.sha256(data.encode("utf-8"))
    for package in ("pelican", "markdown"):
        digest.update(f"{package}={version(package)}".encode())
    for module in ("reader.py", "smartquotes.py", "typeset.py", "typography.py"):
        digest.update((Path(__file__).parent / module).read_bytes())
    return digest.hexdigest()


def _stamp_path(settings: dict) -> Path | None:
    folder = settings.get("CACHE_PATH")
    if not folder or not settings.get("CACHE_CONTENT"):
        return None
    return Path(folder) / STAMP_NAME


# The fingerprint of each running Pelican's settings, taken at `initialized`
# (before the plugins add their own keys), written beside the cache at `finalized`.
_stamps: dict[int, str] = {}


def check_stamp(pelican: Any) -> None:
    """`initialized`: ignore the reader cache when it was made with other settings or code."""
    settings = pelican.settings
    path = _stamp_path(settings)
    if path is None:
        return
    stamp = _stamps[id(pelican)] = fingerprint(settings)
    if not settings.get("LOAD_CONTENT_CACHE"):
        return
    try:
        same = bool(stamp) and path.read_text(encoding="utf-8") == stamp
    except OSError:
        same = False
    if not same:
        # Pelican's own cache files only ("ArticlesGenerator-Readers"...): the other
        # caches under CACHE_PATH (comments, related posts) carry their own versions.
        logger.info("Cache de lecture absent ou fait avec d’autres réglages : ignoré, puis réécrit")
        for stale in Path(settings["CACHE_PATH"]).glob("*Generator*"):
            stale.unlink(missing_ok=True)


def write_stamp(pelican: Any) -> None:
    """`finalized`: the caches are saved; record what they were made with."""
    path = _stamp_path(pelican.settings)
    stamp = _stamps.get(id(pelican))
    if path is None or stamp is None:
        return
    try:
        if not path.exists() or path.read_text(encoding="utf-8") != stamp:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(stamp, encoding="utf-8")
    except OSError as exc:
        logger.info("Empreinte du cache de lecture non écrite (%s) : %s", path, exc)
