"""Generated files kept under CACHE_PATH by a digest of everything they are made from.

A plugin whose output depends only on known inputs (the favicons on the initials,
colours and font; the search index on the written pages) makes its files once,
then copies them into each later build's output while the digest is unchanged.
A library, not a Pelican plugin: the plugins that use it import it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path


def digest(parts: Iterable[bytes | str]) -> str:
    """A hex digest of `parts`, each length-prefixed (so ("ab", "c") != ("a", "bc"))."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()[:32]


def files_digest(root: Path, pattern: str, skip: Path | None = None) -> str:
    """The digest of the files under `root` matching `pattern` (names and contents), `skip` aside."""
    def parts() -> Iterable[bytes | str]:
        for path in sorted(root.rglob(pattern)):
            if path.is_file() and (skip is None or not path.is_relative_to(skip)):
                yield path.relative_to(root).as_posix()
                yield path.read_bytes()
    return digest(parts())


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` unless the file already holds exactly these bytes (its time
    stays then: a publication by rsync sends only what changed). A plain write, as Pelican
    writes every page: the output folder is rebuilt from the sources at will."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def copy_changed(source: Path, dest: Path) -> None:
    """Copy the files under `source` into `dest`, leaving alone each one that already holds the same bytes."""
    for path in source.rglob("*"):
        if path.is_file():
            write_if_changed(dest / path.relative_to(source), path.read_bytes())


def restore_or_make(cache: Path, key: str, make: Callable[[Path], None], dest: Path) -> bool:
    """Copy into `dest` the files made for `key` (those that changed: copy_changed), calling
    `make(folder)` to make them into an empty folder first when `cache` has none for that key.
    Only the latest key is kept. Returns True when the files came from the cache."""
    kept = cache / key
    hit = kept.is_dir()
    if not hit:
        cache.mkdir(parents=True, exist_ok=True)
        fresh = Path(tempfile.mkdtemp(prefix=".making-", dir=cache))
        try:
            make(fresh)
            os.replace(fresh, kept)  # whole or absent: an interrupted build leaves no half entry
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        for other in cache.iterdir():
            if other != kept and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
    copy_changed(kept, dest)
    return hit
