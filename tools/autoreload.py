"""The author's loop behind `invoke livereload`: rebuild on every save, then reload the browser.

    python -m tools.autoreload [--host H] [--port P] [PELICAN ARGUMENTS...]

Pelican runs in this process, once per change, with its reader cache: only the
files that changed are read again, and every module is already imported. The
changes come from the file system's events (watchfiles), not from polling, so a
rebuild starts within a few hundredths of a second of the save. A saved article
or page is rewritten first, alone, then the whole site (selective.py). The
browser is told to reload once the pages are written (python-livereload's
server, whose own polling is off: `PushedWatcher`).
"""

from __future__ import annotations

import argparse
import logging
import os
import queue
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import watchfiles
from pelican import get_instance, parse_arguments, signals
from pelican.log import init as init_logging
from pelican.readers import MarkdownReader
from pelican.utils import FileChangeFilter

from .selective import Superseded, only_sources, unless

# Pelican's reader cache: a rebuild reads again only the files whose time changed.
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
# An editor's save may be several events (temporary file, rename): one rebuild
# for the events that come within STEP_MS of each other.
STEP_MS = 50
# Once ready, the watcher wakes up this often (ms) when nothing happens.
IDLE_MS = 1000
MARKDOWN = tuple(f".{extension}" for extension in MarkdownReader.file_extensions)

logger = logging.getLogger(__name__)


class Rebuilder:
    """Pelican builds in this process, with the given command-line arguments."""

    def __init__(self, pelican_args: list[str]) -> None:
        self.args = pelican_args
        self.writer: type | None = None  # the writer class of the running pass (None: Pelican's)
        signals.get_writer.connect(self._writer_class, weak=False)
        # Between the steps of a build (Pelican lets an exception from these signals through;
        # it catches those raised while reading a file, so no finer step is possible).
        for step in (signals.article_generator_preread, signals.article_generator_finalized,
                     signals.page_generator_finalized, signals.all_generators_finalized):
            step.connect(self._give_way, weak=False)
        parsed = self._parsed()
        _pelican, self.settings = get_instance(parsed)
        self.settings_file = parsed.settings  # pelicanconf.py when not given (get_instance)

    def _parsed(self) -> Any:
        parsed = parse_arguments(self.args)
        # Merged: Pelican keeps only the last -e option.
        parsed.overrides = {**(parsed.overrides or {}), **CACHED}
        return parsed

    def _writer_class(self, pelican: Any) -> type | None:
        return self.writer

    def _give_way(self, sender: Any) -> None:
        """A full pass stops while it reads the articles too, not only once it writes:
        at 1,000 articles reading and ranking them is seconds the next save would wait."""
        superseded = getattr(self.writer, "superseded", None)
        if superseded is not None and superseded():
            raise Superseded

    def build(self, writer: type | None = None) -> float:
        """A build with a fresh Pelican (settings read again) and `writer` (default:
        Pelican's, which writes everything); its wall time."""
        started = time.perf_counter()
        parsed = self._parsed()
        pelican, self.settings = get_instance(parsed)
        self.settings_file = parsed.settings
        self.writer = writer
        try:
            pelican.run()
        finally:
            self.writer = None
        return time.perf_counter() - started

    def watched(self) -> list[str]:
        """The settings file, the content and the theme."""
        paths = [self.settings_file, self.settings["PATH"], self.settings["THEME"]]
        return [os.path.abspath(path) for path in paths if path and os.path.exists(path)]

    def is_source(self, path: str) -> bool:
        """Whether `path` is the Markdown source of an article or a page."""
        if not path.endswith(MARKDOWN):
            return False
        content = os.path.abspath(self.settings["PATH"])
        folders = [*self.settings.get("ARTICLE_PATHS", []), *self.settings.get("PAGE_PATHS", [])]
        return any(os.path.abspath(path).startswith(os.path.join(content, folder) + os.sep) for folder in folders)

    def _changes(self, waiting: threading.Event, stop_event: threading.Event | None,
                 on_ready: Callable[[], None] | None) -> queue.Queue:
        """A thread that puts each batch of changed paths in the returned queue (None once stopped)."""
        batches: queue.Queue = queue.Queue()
        ignore = set(self.settings.get("IGNORE_FILES", []))

        def feed() -> None:
            ready = False
            for changes in watchfiles.watch(*self.watched(), watch_filter=FileChangeFilter(ignore), step=STEP_MS,
                                            rust_timeout=IDLE_MS, yield_on_timeout=True, stop_event=stop_event):
                if not ready:  # the first wake-up: the watcher is in place
                    ready = True
                    if on_ready is not None:
                        on_ready()
                if changes:
                    batches.put({path for _change, path in changes})
                    waiting.set()
            batches.put(None)

        threading.Thread(target=feed, daemon=True, name="watch").start()
        return batches

    def watch(self, on_built: Callable[[list[str]], None], *, stop_event: threading.Event | None = None,
              on_ready: Callable[[], None] | None = None) -> None:
        """Rebuild after each change, then call `on_built(changed paths)`. Saved articles
        or pages get a first pass that writes only their pages, then a full pass that
        gives way to the next save. A failed build is reported and the loop goes on:
        the author fixes the file and saves again."""
        waiting = threading.Event()
        batches = self._changes(waiting, stop_event, on_ready)
        while (batch := batches.get()) is not None:
            waiting.clear()
            while not batches.empty():  # every change waiting now is handled by this round
                more = batches.get()
                if more is None:
                    return
                batch |= more
            paths = sorted(batch)
            names = ", ".join(os.path.relpath(path) for path in paths[:3]) + (" …" if len(paths) > 3 else "")
            if all(self.is_source(path) for path in paths):
                if self._pass(only_sources(set(paths)), f"Page réécrite après modification de {names}"):
                    on_built(paths)
                if waiting.is_set():
                    continue
            if self._pass(unless(waiting), f"Site reconstruit après modification de {names}"):
                on_built(paths)

    def _pass(self, writer: type, done: str) -> bool:
        try:
            seconds = self.build(writer)
        except Superseded:
            print("Reconstruction complète interrompue : un nouvel enregistrement arrive", flush=True)
            return False
        except Exception as exc:  # noqa: BLE001 (any error in the author's files: keep watching)
            logger.error("La construction a échoué : %s", exc)
            return False
        print(f"{done} ({seconds:.2f} s)", flush=True)
        return True


def reload_path(changed: list[str]) -> str:
    """What the browser is told: a stylesheet alone is swapped in place (by name),
    anything else reloads the page ("*")."""
    if len(changed) == 1 and changed[0].endswith(".css"):
        return Path(changed[0]).name
    return "*"


def serve(rebuilder: Rebuilder, host: str, port: int, make_server: Callable[[Any], Any] | None = None) -> None:
    """Build once, serve the output with live reload, rebuild on every change.
    `make_server(watcher)`: the livereload.Server to use (default: a plain one)."""
    from livereload import Server
    from livereload.handlers import LiveReloadHandler
    from livereload.watcher import Watcher
    from tornado.ioloop import IOLoop

    class PushedWatcher(Watcher):
        """Reloads come from the rebuild loop: no polling."""

        def start(self, callback: Any) -> bool:
            return True

    seconds = rebuilder.build()
    print(f"Site construit en {seconds:.2f} s", flush=True)
    loop = IOLoop.current()

    def reload(paths: list[str]) -> None:
        loop.add_callback(LiveReloadHandler.reload_waiters, reload_path(paths))

    def ready() -> None:
        print(f"Prêt : http://{host}:{port}/ se recharge à chaque enregistrement (Ctrl+C pour arrêter)",
              flush=True)

    threading.Thread(target=rebuilder.watch, args=(reload,), kwargs={"on_ready": ready}, daemon=True,
                     name="rebuild").start()
    server = (make_server or (lambda watcher: Server(watcher=watcher)))(PushedWatcher())
    server.serve(host=host, port=port, root=rebuilder.settings["OUTPUT_PATH"])


def main(argv: list[str] | None = None, make_server: Callable[[Any], Any] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.autoreload", description=(
        "Reconstruit le site à chaque enregistrement et recharge le navigateur ; "
        "les autres arguments vont à Pelican."))
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args, pelican_args = parser.parse_known_args(argv)
    init_logging(level=logging.WARNING)
    serve(Rebuilder(pelican_args), args.host, args.port, make_server)
    return 0


if __name__ == "__main__":
    sys.exit(main())
