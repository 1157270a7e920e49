"""The one place the receiver calls the moderation package: judge a comment, then file it.

pending and spam go to the private queue; an "approved" verdict
(auto_approve_known_authors) is published at once into
content/comments/<post>/<id>.md without any private field, as `comments.approve`
would: the next build shows it (through moderation.publish, which also commits
and pushes it when COMMENTS['git'] is set).

Queue states are written in two steps so that durability does not serialise
the receiver: the file is staged in <queue>/.incoming/ and fsynced *outside*
the queue's lock, where concurrent submissions share the disk's journal
commits; then, under the lock (Queue.lock, the same one every moderation
command takes), the id is checked against every state and the file renamed
into place (one lock for every comment waiting: group commit), and the folder
fsynced. One fsync per comment under a global lock caps the receiver near
1/fsync-time (~100/s here); staged, it is not the limit.
A crash leaves at worst a stray staged file, never a half comment in the queue.
"""

from __future__ import annotations

import os
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..core.comment_file import format_comment, fsync_dir
from ..core.model import APPROVED, PENDING, SPAM, Comment
from ..core.settings import Comments
from ..moderation.publish import publish
from ..moderation.rules import moderate
from ..storage.queue import Queue, QueueError, private_folder

INCOMING = ".incoming"
STALE_SECONDS = 3600


@dataclass
class _Entry:
    comment: Comment
    state: str
    staged: Path
    destination: Path | None = None
    error: Exception | None = None


class Filer:
    """Applies the moderation rules and writes each comment where its verdict sends it."""

    def __init__(self, queue_root: Path, content: Path, comments: Comments,
                 is_published: Callable[[str], bool], author: str = "Auteur"):
        """`is_published(id)`: whether a published comment has that id (the receiver's
        catalog knows them all, so no search through every article folder)."""
        self.queue_root, self.content = queue_root, content
        self.is_published = is_published
        self.comments, self.author = comments, author
        self.store = comments.path
        self.rules = comments.moderation
        # The queue's lock is a file lock; within this process, threads take turns
        # here first, so they never wait on it (nor print its waiting message).
        self._lock = threading.Lock()
        self._waiting: list[_Entry] = []
        self._waiting_lock = threading.Lock()
        self.incoming = private_folder(queue_root / INCOMING)
        for stray in self.incoming.iterdir():  # left by a crash; never acknowledged to anyone
            if stray.is_file() and time.time() - stray.stat().st_mtime > STALE_SECONDS:
                stray.unlink(missing_ok=True)

    def file(self, comment: Comment, honeypot: bool = False) -> str:
        """Write `comment`; return its state ("pending", "approved" or "spam")."""
        if honeypot:
            state, reasons = SPAM, ("champ piège rempli",)
        else:
            # Re-read each time: the author approves comments from another process.
            verdict = moderate(comment, self.rules, self._queue().known_authors())
            state = verdict.state if verdict.state in (APPROVED, SPAM) else PENDING
            reasons = verdict.reasons
        comment.held = [] if state == APPROVED else list(reasons)
        # A Queue per call: its lock depth is per instance, not per thread.
        queue = self._queue()
        if state == APPROVED:
            with self._lock:  # the one publication path (commit and push when COMMENTS['git'] is set)
                publish(queue, comment, self.comments, author=self.author)
            return state
        entry = _Entry(comment, state, self._stage(format_comment(comment, queue=True)))
        try:
            with self._waiting_lock:
                self._waiting.append(entry)
            with self._lock:
                # Group commit: whoever holds the lock renames every staged entry
                # waiting, ours included unless an earlier holder already did.
                with self._waiting_lock:
                    batch, self._waiting = self._waiting, []
                if batch:
                    self._commit(queue, batch)
        finally:
            entry.staged.unlink(missing_ok=True)
        if entry.error is not None:
            raise entry.error
        fsync_dir(entry.destination.parent)
        return state

    def _commit(self, queue: Queue, batch: list[_Entry]) -> None:
        with queue.lock():  # reconciles once per batch, not once per comment
            for entry in batch:
                try:
                    cid = entry.comment.id
                    if queue.locate(cid, published=False) or self.is_published(cid):
                        raise QueueError(f"l’identifiant {cid} existe déjà")
                    destination = queue.path_for(entry.comment, entry.state)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(entry.staged, destination)
                    entry.destination = destination
                except Exception as exc:  # reported to that request only
                    entry.error = exc

    def _queue(self) -> Queue:
        return Queue(self.queue_root, self.content, store=self.store)

    def _stage(self, text: str) -> Path:
        """`text` in a new fsynced file under .incoming/ (same file system as the queue)."""
        path = self.incoming / f".{secrets.token_hex(8)}.tmp"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, text.encode("utf-8"))
            os.fsync(fd)
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        os.close(fd)
        return path
