"""The comment service's git loop: pull at start and every `pull_interval`, push what waits.

One background thread owns the network side of git publication:
- at start, it reconciles (a comment file left uncommitted by a kill is
  committed, an interrupted rebase aborted), pulls and pushes what waits;
- every `pull_interval` seconds it pulls (fast-forward, else rebase), so a new
  article takes comments without a restart (the receiver's catalog is
  refreshed at once);
- each publication in this process wakes it (`kick`) to push at once; a failed
  push (remote unreachable, non-fast-forward) is retried after a rebase, with
  a doubling delay, for as long as it takes: the commit is never dropped and
  never pushed twice (git rebase drops a commit the remote already has);
- a working tree edited by hand stops all of this (see gitpub.DirtyTree): it is
  logged once and shown by GET /health; comments keep arriving in the queue.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..storage.git import DirtyTree, GitError, Repo
from ..storage.queue import Queue

logger = logging.getLogger(__name__)

MAX_BACKOFF = 60.0


def _now() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


class GitSync:
    """The background loop and what GET /health says about it."""

    def __init__(self, repo: Repo, queue: Queue, on_pull: Callable[[], None] = lambda: None):
        self.repo, self.queue, self.on_pull = repo, queue, on_pull
        self.interval = float(repo.settings.pull_interval)
        self.last_pull: str | None = None
        self.last_push: str | None = None
        self.error: str | None = None
        self.dirty: list[str] = []
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="comments-git", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(30)

    def kick(self, _repo: Repo | None = None) -> None:
        """A commit was made: push it now (the publish function's pusher inside the service)."""
        self._wake.set()

    def health(self) -> dict[str, Any]:
        try:
            waiting: int | str = self.repo.waiting()
        except GitError as exc:
            waiting = str(exc)
        return {"remote": self.repo.settings.remote, "branch": self.repo.settings.branch,
                "last_pull": self.last_pull, "last_push": self.last_push, "waiting": waiting,
                "dirty": self.dirty, "error": self.error}

    # --- the loop -------------------------------------------------------------------
    def _run(self) -> None:
        next_pull = 0.0  # at once: the start-up reconciliation and pull
        backoff = 0.0
        while not self._stop.is_set():
            retry_at = None
            try:
                if time.monotonic() >= next_pull:
                    next_pull = time.monotonic() + self.interval
                    self._pull()
                if self.repo.waiting():
                    self._push()
                self._clear()
                backoff = 0.0
            except DirtyTree as exc:
                if exc.paths != self.dirty:
                    logger.warning("Publication git suspendue : arbre de travail %s. Les commentaires arrivent "
                                   "toujours dans la file ; rien ne sera commité avant qu’il soit propre.", exc)
                self.dirty, self.error = exc.paths, None
            except GitError as exc:
                if self._stop.is_set():  # stopping: the signal may have reached git too
                    return
                # 1 s, 2 s, 4 s…, at most four pull intervals and at most a minute.
                backoff = min(max(1.0, backoff * 2), max(1.0, min(MAX_BACKOFF, 4 * self.interval)))
                retry_at = time.monotonic() + backoff
                if str(exc) != self.error:
                    logger.warning("git : %s (nouvel essai dans %.0f s, le commit est gardé)", exc, backoff)
                self.error = str(exc)
            wake_at = next_pull if retry_at is None else min(next_pull, retry_at)
            self._wake.wait(max(0.0, wake_at - time.monotonic()))
            self._wake.clear()

    def _pull(self) -> None:
        if self.repo.unpublished():  # a publication cut short by a kill: commit it, under the queue lock
            with self.queue.lock(), self.repo.lock():
                for path in self.repo.reconcile():
                    logger.info("git : %s commité au rattrapage", path)
        else:
            self.repo.reconcile()
        if self.repo.pull():
            self.on_pull()
        self.last_pull = _now()

    def _push(self) -> None:
        try:
            self.repo.push()
        except GitError:
            self.repo.pull()  # non-fast-forward (or down): rebase on the remote's news, then again
            self.on_pull()
            self.repo.push()
        self.last_push = _now()
        logger.info("git : publication envoyée (%s)", self.repo.head()[:10])

    def _clear(self) -> None:
        if self.dirty:
            logger.info("git : arbre de travail de nouveau propre, publication reprise")
        self.dirty, self.error = [], None
