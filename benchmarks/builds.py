"""The two builds compared: stock Pelican and the project's full build.

Each build is a `python -m pelican` subprocess, so its time includes start-up
and its peak memory is its own.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import sys
from pathlib import Path

from . import ROOT
from .measure import Measure, run_measured

# Stock Pelican: its defaults, its theme, no plugins, its own content cache on
# (what a Pelican user who cares about speed turns on). PLUGINS must be an empty
# list: left at None, Pelican would load every installed namespace plugin
# (pelican-sitemap is installed).
STOCK_SETTINGS = """\
PATH = {path!r}
OUTPUT_PATH = {output!r}
CACHE_PATH = {cache!r}
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PLUGINS = []
"""


def write_stock_settings(folder: Path, corpus: Path, output: Path, cache: Path) -> Path:
    """A settings file for stock Pelican on the corpus's articles and pages."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stock_settings.py"
    path.write_text(STOCK_SETTINGS.format(path=str(corpus), output=str(output), cache=str(cache)),
                    encoding="utf-8")
    return path


def _fresh(work: Path, name: str) -> Path:
    """A folder never used before, under `work/fresh/`, on a quiet disk.

    Nothing is deleted between builds (`clear` does it once all are measured): on
    this disk, deleting a previous output of 2,000 folders (one per article, the
    WordPress permalinks) slows the next build's own writes far more than deleting
    stock Pelican's 8 would. Pending writes are flushed, so each build starts alike.
    """
    folder = work / "fresh" / f"{name}-{next(_serial)}"
    os.sync()
    return folder


def clear(work: Path) -> None:
    """Delete every output and cache made by the measured builds."""
    shutil.rmtree(work / "fresh", ignore_errors=True)


_serial = itertools.count(1)
# The cache folder of the last cold build of each kind, which the next warm build reuses.
_last_cache: dict[tuple[Path, str], Path] = {}


def _cache(work: Path, kind: str, cold: bool) -> Path:
    if cold or (work, kind) not in _last_cache:
        _last_cache[work, kind] = _fresh(work, f"{kind}-cache")
    return _last_cache[work, kind]


def stock_build(corpus: Path, work: Path, *, cold: bool = True, tree: bool = False) -> Measure:
    """Stock Pelican into a fresh output folder; cold: an empty cache, warm: the last
    cold build's (`tree`: see run_measured)."""
    output = _fresh(work, "stock-output")
    settings = write_stock_settings(work, corpus, output, _cache(work, "stock", cold))
    return run_measured([sys.executable, "-m", "pelican", "-s", str(settings), "-q"], cwd=work, tree=tree)


def project_build(corpus: Path, work: Path, *, cold: bool, tree: bool = False) -> Measure:
    """The project's build (pelicanconf.py, every plugin, comments included).

    Cold: a new, empty cache folder (sanitiser cache and Pelican's own). Warm:
    the cache left by the last cold build is kept. The output folder is new
    either way, so only the cache differs.
    """
    output = _fresh(work, "project-output")
    cache = _cache(work, "project", cold)
    args = [
        sys.executable, "-m", "pelican", str(corpus), "-o", str(output),
        "-s", str(ROOT / "pelicanconf.py"), "-q",
        "-e", f"CACHE_PATH={json.dumps(str(cache))}",
    ]
    return run_measured(args, cwd=ROOT, tree=tree)
