"""The one way a comment becomes public, whatever asked for it.

`publish()` is called by every path: `comments.approve` and `comments.reply`
(CLI), the moderation page and e-mail actions, the form receiver's
auto-approval. It writes the comment under content/comments/<post>/<id>.md
(a journalled move from the queue, or a new file) and, when COMMENTS['git']
is set, commits that file alone and pushes it.

Pushing: inside the comment service, `set_pusher()` hands the push to its
background loop (retries with rebase and backoff, never blocking a request);
anywhere else (the CLI) it is tried at once, and a failure only says that
the commit waits: the service's loop, or the next publication, pushes it.
A kill between the file and the commit is repaired by `Repo.reconcile()`,
which the service runs at start and before each pull.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from ..core.model import APPROVED, Comment
from ..core.settings import Comments, Git
from ..storage.git import DirtyTree, GitError, Repo, commit_message
from ..storage.queue import Queue

logger = logging.getLogger(__name__)

Pusher = Callable[[Repo], "bool | None"]  # True: pushed, False: waits, None: handed to the service


def push_now(repo: Repo) -> bool:
    """Push at once; one rebase on the remote's news first when needed. Failures are logged:
    the commit is kept and waits for the service's loop or the next publication."""
    try:
        try:
            repo.push()
        except GitError:
            repo.pull()
            repo.push()
        return True
    except DirtyTree as exc:
        logger.warning("Publication git suspendue (%s) : le commentaire est publié, son commit attend.", exc)
    except GitError as exc:
        logger.warning("Envoi git impossible pour l’instant (%s) : le commit attend, il sera envoyé plus tard.",
                       exc)
    return False


_pusher: Pusher = push_now


def set_pusher(pusher: Pusher | None) -> None:
    """Who pushes after a commit (the service's loop); None: push at once (the default)."""
    global _pusher
    _pusher = pusher or push_now


def publish(queue: Queue, item: str | Comment, comments: Comments, *,
            author: str = "Auteur", push: bool = True) -> tuple[str | None, Comment]:
    """Publish `item`: a queued comment's id (moved from the queue) or a new Comment (written).

    Returns (previous state, or None for a new comment; the comment, its `path` set).
    `comments` is the COMMENTS setting; `author` signs the commit. A caller
    that holds the queue lock across several publications passes `push=False` and
    calls `push_published()` once the lock is released: a push never holds up the receiver.
    """
    settings = comments.git
    with queue.lock():
        if isinstance(item, Comment):
            previous, comment = None, item
            comment.path = queue.add(item, APPROVED)
        else:
            previous, comment = queue.move(item, APPROVED)  # its path set, as every comment read
        repo = _commit(queue, comment, settings, author) if settings and previous != APPROVED else None
    if repo is not None and push:
        _pusher(repo)
    return previous, comment


def _commit(queue: Queue, comment: Comment, settings: Git, author: str) -> Repo | None:
    """Commit the comment's file alone (under the queue lock: the file and its commit go together)."""
    try:
        repo = Repo.find(queue.store, settings, author)
        with repo.lock():
            repo.refuse_dirty()
            repo.commit([comment.path], commit_message(comment.path))
        return repo
    except DirtyTree as exc:
        logger.warning("Publication git suspendue (%s) : %s est publié, son commit attend un arbre propre.",
                       exc, comment.id)
    except GitError as exc:
        logger.warning("Commit git impossible pour %s (%s) : il sera fait au prochain rattrapage.", comment.id, exc)
    return None


def push_published(queue: Queue, comments: Comments, *, author: str = "Auteur") -> bool | None:
    """Push the commits made by `publish(..., push=False)`: True if pushed, False if they wait,
    None without COMMENTS['git'] or when the service's loop took them."""
    settings = comments.git
    if settings is None:
        return None
    try:
        repo = Repo.find(queue.store, settings, author)
    except GitError as exc:
        logger.warning("Envoi git impossible (%s).", exc)
        return False
    return _pusher(repo)


def push_report(comments: Comments, pushed: bool | None) -> str | None:
    """What the author is told after `push_published` (French), or None."""
    if pushed is None:
        return None
    git = comments.git
    if pushed:
        return f"Envoyé au dépôt git ({git.remote}/{git.branch}) : le site sera republié."
    return "Le commit attend : il sera envoyé au dépôt dès que possible (voir ci-dessus)."
