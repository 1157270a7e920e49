"""Search: a Pagefind index of the built site, made after every build.

Pagefind comes from PyPI (`pagefind-bin`, its binary in a wheel: no Node).
It reads the written pages: the article text (`data-pagefind-body`) and, with
a lower weight, the comments (SEARCH['index_comments']); the language, hence
French stemming, comes from `<html lang="fr">`. The search page
(templates/search.html, at SEARCH['page_save_as']) loads nothing until the
reader types: then static/js/search.js imports the bundle and shows the
results in French. Without JavaScript the page points to the archives,
categories and tags. The index is kept under CACHE_PATH by a digest of the
pages (digest_cache): a build that writes the same pages copies it. SEARCH is
declared (Search), checked at `initialized` with the other declared settings and
read as SEARCH_SETTINGS, by the templates too.
"""

from __future__ import annotations

import logging
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from build_pass import is_partial, superseded
from declared_settings import between, declare, doc, stored_key
from digest_cache import digest, files_digest, restore_or_make
from pelican import signals

logger = logging.getLogger(__name__)
CACHE_FOLDER = "search-index"  # under CACHE_PATH


TIMEOUT_S = 600


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds its output."""


class Superseded(Exception):  # noqa: N818 (not an error: a newer build is waiting)
    """Pagefind was stopped for a newer build."""


@dataclass(frozen=True)
class Search:
    enabled: bool = doc("build the Pagefind index and the search page", True)
    index_comments: bool = doc("index the published comments with the articles", True)
    comments_weight: float = doc("weight of the comments' words against the article's (Pagefind: 0 to 10, "
                                 "the article's text is 1)", 0.5, rule=between(0, 10))
    page_url: str = doc("address of the search page", "recherche/")
    page_save_as: str = doc("file of the search page in the output", "recherche/index.html")
    bundle: str = doc("folder of the index in the output (Pagefind's --output-subdir)", "pagefind")


def on_settings(settings: dict, options: Search) -> None:
    """SEARCH is valid (declared_settings checked it at `initialized`): the search page."""
    if options.enabled:
        settings["TEMPLATE_PAGES"] = {**settings.get("TEMPLATE_PAGES", {}), "search.html": options.page_save_as}


def index(output: Path, bundle: Path, stop: Callable[[], bool] = lambda: False) -> bool:
    """Run Pagefind over the pages of `output`, its bundle into the folder `bundle`; False when
    `stop()` said a newer build is waiting (Pagefind is stopped, `bundle` left incomplete)."""
    with tempfile.TemporaryFile("w+") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "pagefind_bin", "--site", str(output), "--output-path", str(bundle), "--silent"],
            stdout=log, stderr=subprocess.STDOUT, text=True)
        started = time.monotonic()
        while process.poll() is None:
            if stop() or time.monotonic() - started > TIMEOUT_S:
                process.kill()
                process.wait()
                if stop():
                    return False
                raise SearchIndexError(f"Pagefind n’a pas fini en {TIMEOUT_S} s")
            time.sleep(0.05)
        if process.returncode != 0:
            log.seek(0)
            raise SearchIndexError(f"Pagefind n’a pas pu indexer le site :\n{log.read()}")
    return True


def on_finalized(pelican: Any) -> None:
    """The index of the written pages, made by Pagefind only when a page changed: a build
    whose pages are those of the last index copies it from CACHE_PATH (Pagefind took 4–7 s
    of a 1,000-article build, every time). A livereload pass leaves it to the next full pass
    (build_pass): a partial pass does not index, a superseded one stops Pagefind."""
    options: Search | None = pelican.settings.get(stored_key("SEARCH"))
    if options is None or not options.enabled or is_partial(pelican):
        return
    output = Path(pelican.settings["OUTPUT_PATH"])
    key = digest([version("pagefind-bin"), files_digest(output, "*.html", skip=output / options.bundle)])
    stop = superseded(pelican)

    def make(folder: Path) -> None:
        if not index(output, folder / options.bundle, stop):
            raise Superseded

    cache = Path(pelican.settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER
    try:
        restore_or_make(cache, key, make, output)
    except Superseded:
        logger.info("Index de recherche remis à la prochaine construction : un enregistrement arrive")
    except SearchIndexError as error:
        logger.error("%s", error)


def register() -> None:
    declare("SEARCH", Search, then=on_settings)
    signals.finalized.connect(on_finalized)
