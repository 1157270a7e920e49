"""Bulk writes for imports: stage every file, sync once, then rename each into place.

On ext4, renaming a file just written over its name forces the data to disk
first (~300 µs a file); writing every file into a staging folder, one
`os.sync()`, then every rename costs a fraction of that. A staging folder
(`.import-<pid>/`, a dot name no reader looks at) sits under the queue root, or
under the store when that is another file system (a rename cannot cross one).

What a kill leaves: during staging, the store unchanged and a staging folder
that the next lock removes (Queue.reconcile); during the renames, every renamed
comment whole (its data was synced before any rename) and the rest still
staged, removed the same way; importing again finishes the job.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

PREFIX = ".import-"


def _device(path: Path) -> int:
    # The store may not exist yet: its nearest existing ancestor tells the file system.
    for candidate in (path, *path.parents):
        try:
            return candidate.stat().st_dev
        except FileNotFoundError:
            continue
    return -1


def stale_folders(*roots: Path) -> list[Path]:
    """Staging folders under `roots` (any found while nobody holds the lock is stale)."""
    found: list[Path] = []
    for root in roots:
        try:
            with os.scandir(root) as entries:
                found += [Path(e.path) for e in entries if e.name.startswith(PREFIX) and e.is_dir()]
        except (FileNotFoundError, NotADirectoryError):
            continue
    return found


class Staging:
    """Files written now, renamed into place by `commit()`, or dropped by `discard()`."""

    def __init__(self, queue_root: Path, store: Path):
        name = f"{PREFIX}{os.getpid()}"
        self.queue_folder = queue_root / name
        same = _device(queue_root) == _device(store)
        self.store_folder = self.queue_folder if same else store / name
        self.moves: list[tuple[str, Path]] = []
        self._made: set[Path] = set()

    def write(self, destination: Path, text: str, *, in_store: bool) -> None:
        """Stage `text`, to become `destination` (in the store or the queue) at commit."""
        folder = self.store_folder if in_store else self.queue_folder
        if folder not in self._made:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            self._made.add(folder)
        staged = os.path.join(folder, f"{len(self.moves)}.md")
        # Queue files may hold an e-mail address: 600 whatever the umask; published ones are 644.
        fd = os.open(staged, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644 if in_store else 0o600)
        os.fchmod(fd, 0o644 if in_store else 0o600)
        try:
            os.write(fd, text.encode("utf-8"))
        finally:
            os.close(fd)
        self.moves.append((staged, destination))

    def commit(self) -> None:
        """Sync the staged data, rename every file into place, sync the renames, clean up."""
        if self.moves:
            os.sync()
            folders: set[Path] = set()
            for staged, destination in self.moves:
                if destination.parent not in folders:
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    folders.add(destination.parent)
                os.replace(staged, destination)
            os.sync()
        self.discard()

    def discard(self) -> None:
        for folder in {self.queue_folder, self.store_folder}:
            shutil.rmtree(folder, ignore_errors=True)
        self.moves.clear()
