"""The author's loop behind `invoke livereload`: rebuild on every save, then reload the browser.

    python -m tools.autoreload [--host H] [--port P] [PELICAN ARGUMENTS...]

Pelican runs in this process, once per change, with its reader cache: only the
files that changed are read again, and every module is already imported. The
changes come from the file system's events (watchfiles), not from polling, so a
rebuild starts within a few hundredths of a second of the save. The browser is
told to reload once the pages are written (python-livereload's server, whose own
polling is off: `PushedWatcher`).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import watchfiles
from pelican import get_instance, parse_arguments
from pelican.log import init as init_logging
from pelican.utils import FileChangeFilter

# Pelican's reader cache: a rebuild reads again only the files whose time changed.
CACHED = {"CACHE_CONTENT": True, "LOAD_CONTENT_CACHE": True}
# An editor's save may be several events (temporary file, rename): one rebuild
# for the events that come within STEP_MS of each other.
STEP_MS = 50
# Once ready, the watcher wakes up this often (ms) when nothing happens.
IDLE_MS = 1000

logger = logging.getLogger(__name__)


class Rebuilder:
    """One Pelican build per call, in this process, with the given command-line arguments."""

    def __init__(self, pelican_args: list[str]) -> None:
        self.args = pelican_args
        parsed = self._parsed()
        _pelican, self.settings = get_instance(parsed)
        self.settings_file = parsed.settings  # pelicanconf.py when not given (get_instance)

    def _parsed(self) -> Any:
        parsed = parse_arguments(self.args)
        # Merged: Pelican keeps only the last -e option.
        parsed.overrides = {**(parsed.overrides or {}), **CACHED}
        return parsed

    def build(self) -> float:
        """A full build with a fresh Pelican (settings read again); its wall time."""
        started = time.perf_counter()
        parsed = self._parsed()
        pelican, self.settings = get_instance(parsed)
        self.settings_file = parsed.settings  # pelicanconf.py when not given (get_instance)
        pelican.run()
        return time.perf_counter() - started

    def watched(self) -> list[str]:
        """The settings file, the content and the theme."""
        paths = [self.settings_file, self.settings["PATH"], self.settings["THEME"]]
        return [os.path.abspath(path) for path in paths if path and os.path.exists(path)]

    def watch(self, on_built: Callable[[list[str]], None], *, stop_event: threading.Event | None = None,
              on_ready: Callable[[], None] | None = None) -> None:
        """Rebuild after each change, then call `on_built(changed paths)`. A failed build
        is reported and the loop goes on: the author fixes the file and saves again."""
        ignore = set(self.settings.get("IGNORE_FILES", []))
        ready = False
        for changes in watchfiles.watch(*self.watched(), watch_filter=FileChangeFilter(ignore), step=STEP_MS,
                                        rust_timeout=IDLE_MS, yield_on_timeout=True, stop_event=stop_event):
            if not ready:  # the first wake-up: the watcher is in place
                ready = True
                if on_ready is not None:
                    on_ready()
            if not changes:
                continue
            paths = sorted({path for _change, path in changes})
            try:
                seconds = self.build()
            except Exception as exc:  # noqa: BLE001 (any error in the author's files: keep watching)
                logger.error("La construction a échoué : %s", exc)
                continue
            names = ", ".join(os.path.relpath(path) for path in paths[:3]) + (" …" if len(paths) > 3 else "")
            print(f"Reconstruit en {seconds:.2f} s après modification de {names}", flush=True)
            on_built(paths)


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
