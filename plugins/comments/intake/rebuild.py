"""One-server deployment: the comment service rebuilds the site after each publication.

With COMMENTS['rebuild'], a background thread watches the receiver's catalog
(the posts and the published comment ids, re-read cheaply from the content
folder) and, once it changed and stayed unchanged for `debounce` seconds,
runs one Pelican build at a time with the service's own settings file into
`<OUTPUT_PATH>.building`, then swaps it into place with two renames (the old
site is deleted in the background), so the web server never serves a
half-written page. Whatever made the change (an
approval in the service, the CLI in another process, a git pull) is seen the
same way. A failed build keeps the previous site and is shown by GET /health.
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

from ..storage.posts import Catalog

logger = logging.getLogger(__name__)


class Rebuilder:
    def __init__(self, catalog: Catalog, settings_file: Path, output: Path, debounce: float = 1.0,
                 poll: float = 0.5):
        self.catalog, self.settings_file, self.output = catalog, Path(settings_file), Path(output)
        self.debounce, self.poll = debounce, poll
        self.last_build: str | None = None
        self.seconds: float | None = None
        self.error: str | None = None
        self.builds = 0
        self._built = -1  # the catalog generation of the last build (-1: build once at start)
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="comments-rebuild", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(600)

    def kick(self) -> None:
        """Something changed (a pull): look now rather than at the next poll."""
        self._wake.set()

    def health(self) -> dict[str, Any]:
        return {"last_build": self.last_build, "seconds": self.seconds, "builds": self.builds, "error": self.error}

    def _run(self) -> None:
        seen, since = None, 0.0
        while not self._stop.is_set():
            self.catalog.refresh(force=True)
            generation = self.catalog.generation
            if generation != seen:
                seen, since = generation, time.monotonic()
            if generation != self._built and time.monotonic() - since >= self.debounce:
                self._build(generation)
                continue
            self._wake.wait(self.poll)
            self._wake.clear()

    def _build(self, generation: int) -> None:
        started = time.monotonic()
        building = self.output.with_name(self.output.name + ".building")
        for leftover in (building, *self.output.parent.glob(self.output.name + ".old-*")):
            shutil.rmtree(leftover, ignore_errors=True)
        old = self.output.with_name(f"{self.output.name}.old-{self.builds}")
        command = [sys.executable, "-m", "pelican", "--quiet", "-s", str(self.settings_file), "-o", str(building)]
        done = subprocess.run(command, cwd=self.settings_file.parent, capture_output=True, text=True)
        self._built = generation  # a failing content is not rebuilt in a loop: the next change retries
        if done.returncode:
            self.error = (done.stderr or done.stdout).strip()[-2000:] or f"code {done.returncode}"
            logger.error("Reconstruction du site échouée (le site en ligne est inchangé) :\n%s", self.error)
            shutil.rmtree(building, ignore_errors=True)
            return
        if self.output.exists():
            os.rename(self.output, old)
        os.rename(building, self.output)
        # Deleting thousands of folders takes seconds: off the way of the next build.
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}, daemon=True).start()
        self.seconds = round(time.monotonic() - started, 2)
        self.last_build = datetime.now(UTC).replace(microsecond=0).isoformat()
        self.builds += 1
        self.error = None
        logger.info("Site reconstruit en %.1f s (%s)", self.seconds, self.output)
