"""Git publication (storage layer): each published comment file becomes one commit, pushed.

Everything goes through the `git` command in the clone that holds content/.
Credentials are git's business (SSH agent, deploy key, credential helper from
the environment): nothing here reads or writes them.

Rules the rest of the system relies on:
- a commit holds only the comment files it names (`git commit -- <path>`),
  never what else is staged or modified: hand edits are never committed;
- a working tree with tracked changes outside the comment store ("dirty") is
  left alone: no commit, no pull, no push, until someone cleans it;
- every git call of this package holds `<git dir>/comments-publication.lock`
  (a file lock), so the service and the CLI never run git in the clone at once;
- history stays linear: pull is fast-forward or rebase, push never forces.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import logging
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from ..core.settings import Git

logger = logging.getLogger(__name__)

LOCK_NAME = "comments-publication.lock"
TIMEOUT = 60  # seconds for one network command (fetch, push): a hung remote must not hang us forever


class GitError(RuntimeError):
    """A git command failed; the message is git's own output."""


class DirtyTree(GitError):
    """Files outside the comment store were changed by hand: the service does not touch git."""

    def __init__(self, paths: list[str]):
        super().__init__("modifié à la main : " + ", ".join(paths[:10]) + (" …" if len(paths) > 10 else ""))
        self.paths = paths


class Repo:
    """The site's clone, seen by the publication: commit comment files, pull, push."""

    def __init__(self, root: Path | str, store: Path | str, settings: Git, author: str = "Auteur"):
        """`root`: the clone's top folder; `store`: the published comments folder inside it."""
        self.root = Path(root).resolve()
        self.store = Path(store).resolve().relative_to(self.root).as_posix()
        self.settings = settings
        self.author = author
        self.upstream = f"refs/remotes/{settings.remote}/{settings.branch}"
        self._depth = 0
        self._fd: int | None = None

    @classmethod
    def find(cls, store: Path | str, settings: Git, author: str = "Auteur") -> Repo:
        """The clone holding `store` (which may not exist yet)."""
        folder = Path(store)
        while not folder.is_dir():
            folder = folder.parent
        top = _git(folder, "rev-parse", "--show-toplevel").strip()
        return cls(top, store, settings, author)

    # --- running git ----------------------------------------------------------------
    @functools.cached_property
    def git_dir(self) -> Path:
        return Path(self.git("rev-parse", "--absolute-git-dir").strip())

    def git(self, *args: str, timeout: float | None = None) -> str:
        return _git(self.root, *args, timeout=timeout)

    @contextlib.contextmanager
    def lock(self) -> Iterator[Repo]:
        """Hold the publication lock (re-entrant within this object)."""
        if self._depth == 0:
            path = self.git_dir / LOCK_NAME
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(self._fd, fcntl.LOCK_EX)
        self._depth += 1
        try:
            yield self
        finally:
            self._depth -= 1
            if self._depth == 0 and self._fd is not None:
                fcntl.flock(self._fd, fcntl.LOCK_UN)
                os.close(self._fd)
                self._fd = None

    # --- state ----------------------------------------------------------------------
    def dirty(self) -> list[str]:
        """Tracked files changed outside the comment store (hand edits); untracked files do not count."""
        paths = _status_paths(self.git("status", "--porcelain=v1", "-z", "--untracked-files=no"))
        return [p for p in paths if not self._ours(p)]

    def unpublished(self) -> list[str]:
        """Comment files of the store that differ from HEAD (written, not yet committed)."""
        out = self.git("status", "--porcelain=v1", "-z", "--untracked-files=all", "--", self.store)
        return [p for p in _status_paths(out) if self._ours(p)]

    def waiting(self) -> int:
        """Commits on HEAD that the remote branch does not have (as last seen)."""
        try:
            return int(self.git("rev-list", "--count", "HEAD", f"^{self.upstream}").strip())
        except GitError:  # no remote-tracking branch yet: everything waits
            return int(self.git("rev-list", "--count", "HEAD").strip())

    def _ours(self, path: str) -> bool:
        name = path.rsplit("/", 1)[-1]
        return path.startswith(self.store + "/") and name.endswith(".md") and not name.startswith(".")

    # --- changes --------------------------------------------------------------------
    def commit(self, paths: list[str | Path], message: str) -> bool:
        """Commit exactly `paths` (added, changed or deleted comment files); False if nothing changed."""
        rel = [self._relative(p) for p in paths]
        with self.lock():
            self.git("add", "--all", "--", *rel)
            if not self.git("diff", "--cached", "--name-only", "--", *rel).strip():
                return False
            ident = ["-c", f"user.name={self.author}", "-c", f"user.email={_email()}"]
            self.git(*ident, "commit", "--quiet", "--no-verify", "-m", message, "--only", "--", *rel)
            return True

    def pull(self) -> bool:
        """Fast-forward, else rebase our commits on the remote branch; True if HEAD changed."""
        with self.lock():
            self.refuse_dirty()
            before = self.head()
            remote, branch = self.settings.remote, self.settings.branch
            try:
                self.git("pull", "--quiet", "--rebase", "--no-autostash", remote, branch, timeout=TIMEOUT)
            except GitError:
                self.abort_rebase()
                raise
            return self.head() != before

    def push(self) -> None:
        """Push HEAD to the remote branch (never forced); GitError if refused or unreachable."""
        with self.lock():
            remote, branch = self.settings.remote, self.settings.branch
            self.git("push", "--quiet", remote, f"HEAD:refs/heads/{branch}", timeout=TIMEOUT)
            # A push updates the remote-tracking ref only when the refspec is configured: do it ourselves.
            self.git("update-ref", self.upstream, "HEAD")

    def sync(self) -> bool:
        """Commit stray comment files, pull, push what waits. True if the pull changed HEAD."""
        with self.lock():
            self.reconcile()
            changed = self.pull()
            if self.waiting():
                self.push()
            return changed

    def reconcile(self) -> list[str]:
        """After a kill: end a rebase, remove stale git locks, commit comment files left uncommitted."""
        with self.lock():
            git_dir = self.git_dir
            # We hold the publication lock: a lock file (index.lock, HEAD.lock, a branch's) is a git
            # of ours that died in a kill; left there, every later commit would fail.
            for stale in [*git_dir.glob("*.lock"), *(git_dir / "refs").rglob("*.lock")]:
                logger.warning("git : verrou abandonné supprimé (%s)", stale)
                stale.unlink(missing_ok=True)
            self.abort_rebase()
            self.refuse_dirty()
            done = []
            for path in self.unpublished():
                if self.commit([path], commit_message(path)):
                    done.append(path)
            return done

    def abort_rebase(self) -> None:
        git_dir = self.git_dir
        if (git_dir / "rebase-merge").exists() or (git_dir / "rebase-apply").exists():
            with contextlib.suppress(GitError):
                self.git("rebase", "--abort")

    def head(self) -> str:
        return self.git("rev-parse", "HEAD").strip()

    def refuse_dirty(self) -> None:
        """DirtyTree when files outside the comment store were changed by hand."""
        dirty = self.dirty()
        if dirty:
            raise DirtyTree(dirty)

    def _relative(self, path: str | Path) -> str:
        path = Path(path)
        return (path.resolve().relative_to(self.root) if path.is_absolute() else path).as_posix()


def commit_message(path: str | Path) -> str:
    """"Publish comment <id> on <post>" from content/comments/<post>/<id>.md."""
    path = Path(path)
    return f"Publish comment {path.stem} on {path.parent.name}"


def _email() -> str:
    # The committer's address: the deployment's (GIT_COMMITTER_EMAIL), never a reader's.
    return os.environ.get("GIT_COMMITTER_EMAIL") or "commentaires@localhost"


def _status_paths(out: str) -> list[str]:
    """Paths of `git status --porcelain=v1 -z` (a rename lists both)."""
    paths, fields = [], out.split("\0")
    i = 0
    while i < len(fields):
        entry = fields[i]
        i += 1
        if len(entry) < 4:
            continue
        paths.append(entry[3:])
        if entry[0] in "RC":  # the rename's source follows
            paths.append(fields[i])
            i += 1
    return paths


def _git(cwd: Path, *args: str, timeout: float | None = None) -> str:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    started = time.monotonic()
    try:
        done = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True,
                              timeout=timeout or TIMEOUT, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise GitError(f"git {args[0]} : pas de réponse après {time.monotonic() - started:.0f} s") from None
    if done.returncode:
        raise GitError(f"git {' '.join(args[:2])} : {(done.stderr or done.stdout).strip()}")
    return done.stdout
