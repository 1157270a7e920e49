"""One-server deployment: the comment service rebuilds the site after each publication.

With COMMENTS['rebuild'], a background thread rebuilds the site once the
receiver's catalog (the posts and the published comment ids) changed and stayed
unchanged for `debounce` seconds. It wakes on the content folder's file-system
events (watchfiles), not by polling it, so whatever made the change (an approval
in the service, the CLI in another process, a git pull) is seen within a moment,
and an idle service reads nothing. One Pelican build at a time, with the service's
own settings file, into `<OUTPUT_PATH>.building`; then the new site goes live in
one step: OUTPUT_PATH is a symbolic link to the last good build
(`<OUTPUT_PATH>.build-<time>`), replaced atomically, so the web server never
serves a half-written page nor a missing folder (a real OUTPUT_PATH folder, as
after a first deployment, is moved aside once). The previous build is deleted in
the background. A failed build keeps the site as it was and is shown by GET /health.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import watchfiles

from ..storage.posts import Catalog

logger = logging.getLogger(__name__)


class Rebuilder:
    def __init__(self, catalog: Catalog, settings_file: Path, output: Path, debounce: float = 1.0,
                 idle: float = 60.0):
        """`idle`: seconds between looks at the catalog when no event comes (a safety net)."""
        self.catalog, self.settings_file, self.output = catalog, Path(settings_file), Path(output)
        self.debounce, self.idle = debounce, idle
        self.last_build: str | None = None
        self.seconds: float | None = None
        self.error: str | None = None
        self.builds = 0
        self._built = -1  # the catalog generation of the last build (-1: build once at start)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="comments-rebuild", daemon=True)
        self._watcher = threading.Thread(target=self._watch, name="comments-rebuild-watch", daemon=True)

    def start(self) -> None:
        self._thread.start()
        self._watcher.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(600)
        self._watcher.join(10)

    def kick(self) -> None:
        """Something changed (a pull): look now."""
        self._wake.set()

    def health(self) -> dict[str, Any]:
        return {"last_build": self.last_build, "seconds": self.seconds, "builds": self.builds, "error": self.error}

    def _watch(self) -> None:
        content = Path(self.catalog.settings["PATH"])
        for _changes in watchfiles.watch(content, stop_event=self._stop, debounce=200, rust_timeout=1000,
                                         yield_on_timeout=False):
            self._wake.set()

    def _run(self) -> None:
        seen, since = None, 0.0
        while not self._stop.is_set():
            self.catalog.refresh(force=True)
            generation = self.catalog.generation
            if generation != seen:
                seen, since = generation, time.monotonic()
            if generation != self._built:
                quiet = time.monotonic() - since
                if quiet >= self.debounce:
                    self._build(generation)
                    continue
                self._wake.wait(self.debounce - quiet)  # until the changes settle
            else:
                self._wake.wait(self.idle)
            self._wake.clear()

    def _build(self, generation: int) -> None:
        started = time.monotonic()
        building = self._sibling("building")
        self._clear_leftovers()
        command = [sys.executable, "-m", "pelican", "--quiet", "-s", str(self.settings_file), "-o", str(building)]
        done = subprocess.run(command, cwd=self.settings_file.parent, capture_output=True, text=True)
        self._built = generation  # a failing content is not rebuilt in a loop: the next change retries
        if done.returncode:
            self.error = (done.stderr or done.stdout).strip()[-2000:] or f"code {done.returncode}"
            logger.error("Reconstruction du site échouée (le site en ligne est inchangé) :\n%s", self.error)
            shutil.rmtree(building, ignore_errors=True)
            return
        live = self._sibling("build-" + datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f"))
        os.rename(building, live)
        previous = self._go_live(live)
        if previous is not None:
            # Deleting thousands of folders takes seconds: off the way of the next build.
            threading.Thread(target=shutil.rmtree, args=(previous,), kwargs={"ignore_errors": True},
                             daemon=True).start()
        self.seconds = round(time.monotonic() - started, 2)
        self.last_build = datetime.now(UTC).replace(microsecond=0).isoformat()
        self.builds += 1
        self.error = None
        logger.info("Site reconstruit en %.1f s (%s)", self.seconds, live)

    def _sibling(self, suffix: str) -> Path:
        return self.output.with_name(f"{self.output.name}.{suffix}")

    def _live(self) -> Path | None:
        """The build OUTPUT_PATH points to, if it is a link."""
        return self.output.parent / os.readlink(self.output) if self.output.is_symlink() else None

    def _go_live(self, build: Path) -> Path | None:
        """Point OUTPUT_PATH at `build` in one rename; the folder it showed before, to delete."""
        link = self._sibling("link")
        link.unlink(missing_ok=True)
        os.symlink(build.name, link)  # relative: the site and its builds move together
        previous = self._live()
        if previous is None and self.output.exists():
            # A real folder (the first rebuild after a deployment): moved aside, once.
            previous = self._sibling("old-" + build.name.rsplit("-", 1)[1])
            os.rename(self.output, previous)
        os.replace(link, self.output)
        return previous

    def _clear_leftovers(self) -> None:
        """What a killed service left: a half build, a link not swapped, builds no longer live."""
        live = self._live()
        for leftover in self.output.parent.glob(self.output.name + ".*"):
            if leftover != live and leftover.name.split(".")[-1].startswith(("building", "build-", "old-", "link")):
                if leftover.is_symlink() or leftover.is_file():
                    leftover.unlink(missing_ok=True)
                else:
                    shutil.rmtree(leftover, ignore_errors=True)
