"""The private moderation queue and the published store, as one set of states.

    moderation/pending/<id>.md     moderation/spam/<id>.md     moderation/rejected/<id>.md
    content/comments/<post>/<id>.md   (approved: published)

Invariant (what a kill at any instant leaves behind):
- every `*.md` file is complete: files are written to a temporary `.<name>.*.tmp`,
  fsynced, renamed, and the folder fsynced (store.atomic_write);
- a comment is in two places only while a move is in progress, and only when
  `moderation/.journal/<id>.json` describes that move; the journal is written
  (atomically) before the destination, removed after the source is unlinked;
- the next command, once it holds `moderation/.lock`, reconciles: a journalled
  move whose destination exists is finished (source unlinked), otherwise it is
  dropped (the source was never touched); stale temporary files and import
  staging folders are removed. After that, every comment is in exactly one place.

Reconciling scans every folder of the store, so it runs only when needed: the
lock file says `busy` while held and `idle <time of the last sweep>` once
released, so a holder that died (kill, crash) is seen by the next one; a
journal entry or a staging folder also triggers it, and a sweep older than a
day (stray temporary files after a power loss).
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import json
import os
import shutil
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from ..core.comment_file import (
    ID_RE,
    SLUG_RE,
    CommentFileError,
    atomic_write,
    format_comment,
    fsync_dir,
    read_comment,
)
from ..core.model import APPROVED, PENDING, QUEUE_STATES, REJECTED, SPAM, STATES, Comment
from .known_authors import FILE_NAME as KNOWN_AUTHORS_FILE
from .known_authors import KnownAuthors
from .staging import Staging, stale_folders
from .subscribers import FILE_NAME as SUBSCRIBERS_FILE
from .subscribers import Subscribers

SWEEP_EVERY = 24 * 3600  # seconds between two full sweeps when every exit was clean


class CommentNotFound(KeyError):
    def __init__(self, cid: str):
        super().__init__(cid)
        self.id = cid

    def __str__(self) -> str:
        return f"commentaire introuvable : « {self.id} »"


class QueueError(ValueError):
    """A move that cannot be done (the message says why, in French)."""


def private_folder(path: Path) -> Path:
    """`path` (and its missing parents) made a folder of mode 700, whatever the umask:
    the queue holds e-mail addresses. An existing folder of another mode is set to 700."""
    if not path.is_dir():
        if not path.parent.exists():
            private_folder(path.parent)
        path.mkdir(mode=0o700, exist_ok=True)
    if stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def _is_tmp(path: Path) -> bool:
    return path.name.startswith(".") and path.name.endswith(".tmp")


class Queue:
    """All comments by state; every change under one lock, every move journalled."""

    def __init__(self, root: Path | str, content: Path | str, *, store: str = "comments"):
        self.root = Path(root)
        self.content = Path(content)
        self.store = self.content / store
        self.journal = self.root / ".journal"
        self._lock_depth = 0
        self._lock_fd: int | None = None
        self._last_sweep: float | None = None
        self.notes: list[str] = []  # what the last reconciliation did, for the author

    # --- locking -----------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self) -> Iterator[Queue]:
        """Hold moderation/.lock (re-entrant); the first holder reconciles interrupted work if any."""
        if self._lock_depth == 0:
            for folder in (self.root, self.journal, *(self.root / state for state in QUEUE_STATES)):
                private_folder(folder)
            fd = os.open(self.root / ".lock", os.O_RDWR | os.O_CREAT, 0o600)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno not in (errno.EWOULDBLOCK, errno.EACCES):
                    os.close(fd)
                    raise
                sys.stderr.write("Une autre commande de modération est en cours ; attente…\n")
                fcntl.flock(fd, fcntl.LOCK_EX)
            self._lock_fd = fd
            self._last_sweep = self._acquired(fd)
        self._lock_depth += 1
        clean = False
        try:
            if self._lock_depth == 1 and (self._last_sweep is None or self._needs_reconcile()):
                self.reconcile()
                self._last_sweep = time.time()
            yield self
            clean = True
        finally:
            self._lock_depth -= 1
            if self._lock_depth == 0 and self._lock_fd is not None:
                if clean:  # an exception may leave work half done: the next holder reconciles
                    _set_marker(self._lock_fd, f"idle {int(self._last_sweep)}\n")
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
                os.close(self._lock_fd)
                self._lock_fd = None

    def _acquired(self, fd: int) -> float | None:
        """Read the lock file's marker, mark it busy; the last sweep's time, or None: sweep now."""
        previous = os.pread(fd, 64, 0).decode("ascii", "replace").split()
        _set_marker(fd, f"busy {os.getpid()}\n")
        if len(previous) == 2 and previous[0] == "idle":
            try:
                swept = float(previous[1])
            except ValueError:
                return None
            return swept if 0 <= time.time() - swept < SWEEP_EVERY else None
        return None  # busy (its holder died), empty (new queue) or unreadable

    def _needs_reconcile(self) -> bool:
        try:
            with os.scandir(self.journal) as entries:
                if any(e.name.endswith(".json") for e in entries):
                    return True
        except FileNotFoundError:
            pass
        return bool(stale_folders(self.root, self.store))

    # --- where things are ------------------------------------------------------------
    def path_for(self, comment: Comment, state: str) -> Path:
        if state == APPROVED:
            if not comment.post or not SLUG_RE.match(comment.post):
                raise QueueError(f"{comment.id} : article (post) manquant ou invalide")
            return self.store / comment.post / f"{comment.id}.md"
        if state not in QUEUE_STATES:
            raise QueueError(f"état inconnu : {state}")
        return self.root / state / f"{comment.id}.md"

    def locate(self, cid: str, *, published: bool = True) -> list[tuple[str, Path]]:
        """Every place where comment `cid` is (normally one, or none). `published`
        False: the queue only, without a look into every article folder of the store."""
        if not ID_RE.match(cid):
            return []
        found = [(s, self.root / s / f"{cid}.md") for s in QUEUE_STATES if (self.root / s / f"{cid}.md").is_file()]
        if published and self.store.is_dir():
            found += [(APPROVED, p) for p in sorted(self.store.glob(f"*/{cid}.md")) if p.is_file()]
        return found

    def read(self, state: str, path: Path) -> Comment:
        if state == APPROVED:
            comment = read_comment(path)
            comment.post = path.parent.name
        else:
            comment = read_comment(path, queue=True)
        return comment

    def get(self, cid: str) -> tuple[str, Comment, Path]:
        """(state, comment, path) of `cid`; CommentNotFound if it is nowhere."""
        found = self.locate(cid)
        if not found:
            raise CommentNotFound(cid)
        state, path = found[0]
        return state, self.read(state, path), path

    def files(self, state: str) -> list[Path]:
        if state == APPROVED:
            return sorted(p for p in self.store.glob("*/*.md") if not _is_tmp(p)) if self.store.is_dir() else []
        folder = self.root / state
        return sorted(p for p in folder.glob("*.md") if not _is_tmp(p)) if folder.is_dir() else []

    def list(self, state: str) -> list[Comment]:
        """The comments in `state`, oldest first (a file that does not parse raises CommentFileError)."""
        comments = [self.read(state, path) for path in self.files(state)]
        return sorted(comments, key=lambda c: (c.date, c.id))

    def index(self) -> dict[str, tuple[str, Path]]:
        """Every comment id -> (state, path), from file names only (cheap)."""
        result: dict[str, tuple[str, Path]] = {}
        for state in STATES:
            for path in self.files(state):
                result.setdefault(path.stem, (state, path))
        return result

    # --- changes -------------------------------------------------------------------------
    def write(self, comment: Comment, state: str) -> Path:
        """Write `comment` in `state` (a new comment, or a rewrite in place). Hold the lock."""
        path = self.path_for(comment, state)
        atomic_write(path, format_comment(comment, queue=state != APPROVED))
        return path

    def staging(self) -> Staging:
        """A bulk writer for imports (see staging.py); hold the lock until it is committed."""
        return Staging(self.root, self.store)

    def subscribers(self) -> Subscribers:
        return Subscribers(self.root / SUBSCRIBERS_FILE)

    def known_authors(self) -> KnownAuthors:
        return KnownAuthors(self.root / KNOWN_AUTHORS_FILE)

    def add(self, comment: Comment, state: str = PENDING) -> Path:
        """Add a new comment; refuse an id that already exists anywhere."""
        with self.lock():
            if self.locate(comment.id):
                raise QueueError(f"l’identifiant {comment.id} existe déjà")
            if state == APPROVED and comment.email:
                subscribers = self.subscribers()
                subscribers.set(comment.id, comment.email)
                subscribers.save()
            return self.write(comment, state)

    def move(self, cid: str, new_state: str) -> tuple[str, Comment]:
        """Move `cid` to `new_state`; returns (old state, comment). Journalled, so a kill is harmless."""
        with self.lock():
            old_state, comment, source = self.get(cid)
            if old_state == new_state:
                return old_state, comment
            destination = self.path_for(comment, new_state)
            if new_state == APPROVED:
                comment.held = []
            # The e-mail follows a published comment into subscribers.json (written
            # first: a kill leaves at worst an entry for a comment still waiting);
            # rejected and spam comments lose it.
            subscribers = self.subscribers()
            if new_state == APPROVED:
                subscribers.set(cid, comment.email)
            elif new_state in (SPAM, REJECTED):
                comment.email = None
                subscribers.discard(cid)
            subscribers.save()
            self._journal_write(cid, source, destination)
            atomic_write(destination, format_comment(comment, queue=new_state != APPROVED))
            source.unlink()
            fsync_dir(source.parent)
            self._journal_done(cid)
            comment.path = destination
            return old_state, comment

    def delete(self, state: str, path: Path) -> None:
        """Delete a queued comment's file for good, with its e-mail (purge). The caller
        found it (`files`): no search through the whole store."""
        if state not in QUEUE_STATES:
            raise QueueError(f"{path.stem} est publié : seule la file de modération est purgée")
        with self.lock():
            subscribers = self.subscribers()
            subscribers.discard(path.stem)
            subscribers.save()
            path.unlink()
            fsync_dir(path.parent)

    def _journal_write(self, cid: str, source: Path, destination: Path) -> None:
        record = {"id": cid, "from": str(source.resolve()), "to": str(destination.resolve())}
        atomic_write(self.journal / f"{cid}.json", json.dumps(record))

    def _journal_done(self, cid: str) -> None:
        (self.journal / f"{cid}.json").unlink(missing_ok=True)
        fsync_dir(self.journal)

    # --- recovery ------------------------------------------------------------------------
    def reconcile(self) -> list[str]:
        """Finish or drop interrupted moves, remove stale temporary files (under the lock)."""
        notes: list[str] = []
        for folder in stale_folders(self.root, self.store):  # an import killed before its renames ended
            shutil.rmtree(folder, ignore_errors=True)
        folders = [self.root, self.journal, *(self.root / s for s in QUEUE_STATES)]
        if self.store.is_dir():
            folders += [p for p in self.store.iterdir() if p.is_dir()]
        for folder in folders:
            if folder.is_dir():
                for tmp in folder.iterdir():
                    if _is_tmp(tmp) and tmp.is_file():
                        tmp.unlink()
        if self.journal.is_dir():
            for entry in sorted(self.journal.glob("*.json")):
                try:
                    record = json.loads(entry.read_text(encoding="utf-8"))
                    source, destination = Path(record["from"]), Path(record["to"])
                except (ValueError, KeyError, TypeError):
                    entry.unlink()
                    continue
                if destination.is_file() and self._parses(destination):
                    if source.is_file() and source != destination:
                        source.unlink()
                        fsync_dir(source.parent)
                        notes.append(f"{record['id']} : déplacement interrompu terminé ({destination})")
                elif destination.is_file():
                    destination.unlink()
                entry.unlink()
            fsync_dir(self.journal)
        self.notes = notes
        return notes

    def _parses(self, path: Path) -> bool:
        try:
            read_comment(path, queue=path.parent.parent.resolve() == self.root.resolve())
            return True
        except (CommentFileError, OSError):
            return False


def _set_marker(fd: int, text: str) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, text.encode("ascii"), 0)
