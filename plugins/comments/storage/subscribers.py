"""Readers to tell when the author replies: comment id -> e-mail, private to the queue.

`moderation/subscribers.json` (never under content/): an approved comment's
e-mail leaves its queue file when the comment is published, and is kept here
so that `comments.reply` can notify its author. Rejecting, marking as spam or
purging a comment drops its entry. Written atomically, under the queue's lock.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..core.comment_file import atomic_write

FILE_NAME = "subscribers.json"


class Subscribers:
    """The mapping, read once; `save()` writes it back only when it changed."""

    def __init__(self, path: Path | str):
        self.path = Path(path)
        self.emails: dict[str, str] = {}
        if self.path.is_file():
            try:
                data = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                data = {}  # a damaged file only loses notifications, never a comment
            if isinstance(data, dict):
                self.emails = {k: v for k, v in data.items() if isinstance(k, str) and isinstance(v, str)}
        self._saved = dict(self.emails)

    def get(self, cid: str) -> str | None:
        return self.emails.get(cid)

    def set(self, cid: str, email: str | None) -> None:
        if email:
            self.emails[cid] = email

    def discard(self, cid: str) -> None:
        self.emails.pop(cid, None)

    def save(self) -> None:
        if self.emails != self._saved:
            atomic_write(self.path, json.dumps(self.emails, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
            self._saved = dict(self.emails)
