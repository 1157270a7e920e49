"""The two builds compared: stock Pelican and the project's full build.

Each build is a `python -m pelican` subprocess, so its time includes start-up
and its peak memory is its own.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .measure import Measure, run_measured

ROOT = Path(__file__).resolve().parent.parent

# Stock Pelican: its defaults, its theme, no plugins. PLUGINS must be an empty
# list: left at None, Pelican would load every installed namespace plugin
# (pelican-sitemap is installed).
STOCK_SETTINGS = """\
PATH = {path!r}
OUTPUT_PATH = {output!r}
ARTICLE_PATHS = ["articles"]
PAGE_PATHS = ["pages"]
PLUGINS = []
"""


def write_stock_settings(folder: Path, corpus: Path, output: Path) -> Path:
    """A settings file for stock Pelican on the corpus's articles and pages."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "stock_settings.py"
    path.write_text(STOCK_SETTINGS.format(path=str(corpus), output=str(output)), encoding="utf-8")
    return path


def _fresh(folder: Path) -> Path:
    shutil.rmtree(folder, ignore_errors=True)
    return folder


def stock_build(corpus: Path, work: Path) -> Measure:
    """Stock Pelican into a fresh output folder."""
    output = _fresh(work / "stock-output")
    settings = write_stock_settings(work, corpus, output)
    return run_measured([sys.executable, "-m", "pelican", "-s", str(settings), "-q"], cwd=work)


def project_build(corpus: Path, work: Path, *, cold: bool) -> Measure:
    """The project's build (pelicanconf.py, every plugin, comments included).

    Cold: empty cache folder (sanitiser cache and Pelican's own). Warm: the
    cache left by the previous project build is kept. The output folder is
    fresh either way, so only the cache differs.
    """
    output = _fresh(work / "project-output")
    cache = work / "project-cache"
    if cold:
        _fresh(cache)
    args = [
        sys.executable, "-m", "pelican", str(corpus), "-o", str(output),
        "-s", str(ROOT / "pelicanconf.py"), "-q",
        "-e", f"CACHE_PATH={json.dumps(str(cache))}",
    ]
    return run_measured(args, cwd=ROOT)
