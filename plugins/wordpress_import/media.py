"""Images and files of the old site: found in the uploads folder, copied under content/images/.

A reference to `.../wp-content/uploads/2013/03/photo-300x200.jpg` (or the
wordpress.com form `https://<blog>.files.wordpress.com/2013/03/photo.jpg`)
names `2013/03/photo-300x200.jpg` in the uploads folder. The resized variant
is used when the folder holds it, else the original `photo.jpg`. What the
folder does not hold is listed, never a crash: the reference becomes a plain
link to the old address (never an image fetched from another host).
"""

from __future__ import annotations

import hashlib
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

_UPLOADS = re.compile(r"/wp-content/uploads/(.+)\Z")
_DATED = re.compile(r"/(\d{4}/\d{2}/[^/]+\.\w+)\Z")
VARIANT = re.compile(r"-(?:\d+x\d+|scaled|rotated)(?=\.\w+\Z)")
IMAGES = "images"  # under content/, a STATIC_PATHS folder


@dataclass
class Copy:
    source: Path
    destination: str  # relative to content/, e.g. images/2013/03/photo.jpg


@dataclass
class Media:
    """Resolves the old site's media addresses against the uploads folder, and plans the copies."""

    uploads: Path | None
    hosts: set[str]  # the old site's host names
    copies: dict[str, Copy] = field(default_factory=dict)  # destination -> copy
    missing: dict[str, str] = field(default_factory=dict)  # old address -> the item that referenced it
    _found: dict[str, str | None] = field(default_factory=dict)

    def upload_path(self, url: str) -> str | None:
        """The path under the uploads folder that `url` names, or None if it is not an upload."""
        try:
            parts = urlsplit(url.strip())
        except ValueError:
            return None
        host = (parts.hostname or "").lower()
        path = unquote(parts.path)
        if host.endswith(".files.wordpress.com"):
            relative = path.lstrip("/")
        elif (match := _UPLOADS.search(path)) or (host in self.hosts or not host) and (match := _DATED.search(path)):
            relative = match.group(1)
        else:
            return None
        relative = PurePosixPath(relative)
        if not relative.parts or ".." in relative.parts or relative.is_absolute():
            return None
        return relative.as_posix()

    def is_local(self, url: str) -> bool:
        """True when `url` names the old site (a relative address included)."""
        try:
            host = (urlsplit(url.strip()).hostname or "").lower()
        except ValueError:
            return False
        return not host or host in self.hosts or host.endswith(".files.wordpress.com")

    def resolve(self, url: str, referrer: str) -> str | None:
        """The file under content/ for the upload `url` (planned for copy), or None when
        `url` is not an upload or the uploads folder lacks it (then listed as missing)."""
        relative = self.upload_path(url)
        if relative is None:
            return None
        if relative not in self._found:
            self._found[relative] = self._locate(relative)
        found = self._found[relative]
        if found is None:
            self.missing.setdefault(url.split("?")[0], referrer)
            return None
        destination = f"{IMAGES}/{found}"
        self.copies.setdefault(destination, Copy(self.uploads / found, destination))
        return destination

    def copied(self, url: str) -> str | None:
        """The file under content/ that `url` was resolved to, if some content referenced it."""
        relative = self.upload_path(url)
        found = self._found.get(relative) if relative else None
        return f"{IMAGES}/{found}" if found and f"{IMAGES}/{found}" in self.copies else None

    def _locate(self, relative: str) -> str | None:
        if self.uploads is None:
            return None
        for candidate in (relative, VARIANT.sub("", relative)):
            if (self.uploads / candidate).is_file():
                return candidate
        return None


def copy_files(copies: list[Copy], content: Path, *, dry_run: bool) -> tuple[int, int, list[str]]:
    """Copy each file unless the same bytes are there: (copied, unchanged, conflicts).
    A different file already at the destination is never replaced: it is listed."""
    copied = unchanged = 0
    conflicts = []
    for copy in copies:
        target = content / copy.destination
        if target.exists():
            if _digest(target) == _digest(copy.source):
                unchanged += 1
            else:
                conflicts.append(copy.destination)
            continue
        copied += 1
        if not dry_run:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.tmp")
            shutil.copyfile(copy.source, temporary)
            temporary.replace(target)
    return copied, unchanged, conflicts


def _digest(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()
