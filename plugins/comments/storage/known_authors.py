"""Authors with an approved comment (moderation/known-authors.json), for auto-approval."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from ..core.comment_file import atomic_write


def _key(name: str, email: str) -> str:
    text = name.strip().casefold() + "\n" + email.strip().casefold()
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


FILE_NAME = "known-authors.json"  # in the moderation queue's folder


class KnownAuthors:
    """Authors (name + e-mail) with an approved comment, kept as sha256 hashes only.

    The record is private (moderation/known-authors.json); `save()` writes it
    atomically, and only when it changed.
    """

    def __init__(self, path: Path | str | None = None, hashes: Iterable[str] = ()):
        self.path = Path(path) if path else None
        self.hashes: set[str] = set(hashes)
        if self.path and self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
                self.hashes |= {h for h in data if isinstance(h, str)}
            except (ValueError, TypeError):
                pass  # a damaged record only loses the auto-approval, rebuilt as comments are approved
        self._saved = set(self.hashes)

    def is_known(self, name: str | None, email: str | None) -> bool:
        return bool(name and email) and _key(name, email) in self.hashes

    def add(self, name: str | None, email: str | None) -> None:
        if name and email:
            self.hashes.add(_key(name, email))

    def save(self) -> None:
        if self.path and self.hashes != self._saved:
            atomic_write(self.path, json.dumps(sorted(self.hashes), indent=0) + "\n")
            self._saved = set(self.hashes)
