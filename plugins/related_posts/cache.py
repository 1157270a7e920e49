"""The term counts of analysed texts, kept under Pelican's CACHE_PATH.

One pickle file, keyed by text digest (scoring.text_key), loaded once per
build and rewritten only when the build's texts differ from the file's. Its
version covers everything the analysis depends on (this package's text
analysis, stop words and scoring, the stemmer, `min_word_length`): any change makes it
start empty. Pelican's `--ignore-cache` (LOAD_CONTENT_CACHE false) is obeyed.
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import tempfile
from collections.abc import Mapping
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .scoring import TermCounts
from .settings import RelatedPosts

logger = logging.getLogger(__name__)

CACHE_NAME = "related-posts-terms.pickle"
# The modules the analysis depends on: a change to any of them starts the cache afresh.
_SOURCES = hashlib.sha256(
    b"".join((Path(__file__).parent / name).read_bytes() for name in ("text.py", "stopwords.py", "scoring.py"))
).hexdigest()[:16]

Terms = dict[str, TermCounts]


def _stemmer_versions() -> str:
    # snowballstemmer uses PyStemmer's C stemmer when it is installed: both make the stems.
    try:
        pystemmer = version("PyStemmer")
    except PackageNotFoundError:
        pystemmer = "absent"
    return f"snowballstemmer={version('snowballstemmer')};pystemmer={pystemmer}"


def cache_version(conf: RelatedPosts) -> str:
    return f"2;{_SOURCES};{_stemmer_versions()};min={conf.min_word_length}"


def load_terms(settings: Mapping[str, Any], conf: RelatedPosts) -> tuple[Path | None, Terms]:
    """(the cache file or None when CACHE_PATH is unset, its entries or {})."""
    folder = settings.get("CACHE_PATH")
    if not folder:
        return None, {}
    path = Path(folder) / CACHE_NAME
    if not settings.get("LOAD_CONTENT_CACHE", True) or not path.exists():
        return path, {}
    data = _read(path)
    if data is None or data.get("version") != cache_version(conf):
        return path, {}
    entries = data.get("entries")
    return path, entries if isinstance(entries, dict) else {}


def save_terms(path: Path | None, conf: RelatedPosts, entries: Terms, *, changed: bool) -> None:
    """Write `entries` when they changed (temporary file, then rename: never half a file)."""
    if path is None or not changed:
        return
    _write(path, {"version": cache_version(conf), "entries": entries})


def _read(path: Path) -> dict | None:
    """A cache file's contents; None when it is missing or unreadable (it is then rebuilt)."""
    try:
        with path.open("rb") as handle:
            data = pickle.load(handle)
    except FileNotFoundError:
        return None
    except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError) as exc:
        logger.info("Cache des articles liés illisible (%s), il sera reconstruit : %s", path, exc)
        return None
    return data if isinstance(data, dict) else None


def _write(path: Path, data: dict) -> None:
    """Pickle `data` to `path` through a temporary file and a rename: never half a file.
    A cache that cannot be written only costs the next build some work."""
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(data, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError as exc:
        logger.info("Cache des articles liés non écrit (%s) : %s", path, exc)
        if tmp:
            Path(tmp).unlink(missing_ok=True)


RESULT_NAME = "related-posts-result.pickle"


def load_result(settings: Mapping[str, Any], conf: RelatedPosts, key: str) -> dict[str, list[str]] | None:
    """The lists computed by the last build, when its inputs had the digest `key`."""
    folder = settings.get("CACHE_PATH")
    if not folder or not settings.get("LOAD_CONTENT_CACHE", True):
        return None
    data = _read(Path(folder) / RESULT_NAME)
    if data is not None and data.get("version") == cache_version(conf) and data.get("key") == key:
        return data.get("result")
    return None


def save_result(settings: Mapping[str, Any], conf: RelatedPosts, key: str,
                result: dict[str, list[str]]) -> None:
    """Keep this build's lists for the next build with the same inputs."""
    folder = settings.get("CACHE_PATH")
    if not folder:
        return
    _write(Path(folder) / RESULT_NAME, {"version": cache_version(conf), "key": key, "result": result})
