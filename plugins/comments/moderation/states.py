"""Moving comments between states: approve (publish), reject, spam, and back to pending.

Each id is checked before anything moves, so a typo changes nothing.
"""

from __future__ import annotations

from ..core.model import APPROVED, REJECTED, SPAM, STATE_LABELS
from ..storage.queue import Queue
from .context import Context, fail
from .display import NBSP
from .lookup import check_ids, find_comment
from .notify import notify_subscriber
from .publish import publish, push_published, push_report


def set_state(ctx: Context, ids: list[str], new_state: str, queue: Queue | None = None, *,
              push: bool = True, notify: bool = True) -> None:
    """approve / reject / spam / restore: check every id first, then move each one (approve: `publish`).
    The commits of approvals are pushed once the queue is released (`push` False: the caller does it).
    A subscribed reader is told that their comment is published (unless `notify` is False: a reply follows)."""
    ids = check_ids(ids)
    queue = queue or ctx.queue()
    with queue.lock():
        found = {cid: find_comment(queue, cid) for cid in ids}
        if new_state == APPROVED:
            posts = ctx.posts()
            missing = [f"{cid} (post{NBSP}: {c.post})" for cid, (_s, c, _p) in found.items()
                       if posts.post(c.post) is None]
            if missing:
                raise fail(
                    "article introuvable pour " + ", ".join(missing)
                    + f"{NBSP}; corrigez « post: » dans le fichier de la file, ou créez l’article. Rien n’a été changé."
                )
        known = ctx.known_authors()
        published = []
        for cid in ids:
            if new_state == APPROVED:
                old_state, comment = publish(queue, cid, ctx.settings, author=ctx.author, push=False)
            else:
                old_state, comment = queue.move(cid, new_state)
            if old_state == new_state:
                ctx.say(f"{cid}{NBSP}: déjà {STATE_LABELS[new_state]}.")
                continue
            if new_state == APPROVED:
                known.add(comment.author, comment.email)
                published.append(comment)
            ctx.say(f"{cid}{NBSP}: {STATE_LABELS[old_state]} → {STATE_LABELS[new_state]} ({comment.path})")
        known.save()
        subscribers = queue.subscribers()
    if published and push:
        say_push_result(ctx, push_published(queue, ctx.settings, author=ctx.author))
    for comment in published:  # outside the lock: SMTP may be slow
        email = subscribers.get(comment.id)
        if email and notify and comment.role != "author":
            notify_subscriber(ctx, comment, None, email)


def say_push_result(ctx: Context, pushed: bool | None) -> None:
    """Tell the author what became of the push of new commits (nothing without COMMENTS['git'])."""
    report = push_report(ctx.settings, pushed)
    if report:
        ctx.say(report)


def approve(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, APPROVED)


def reject(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, REJECTED)


def spam(ctx: Context, ids: list[str]) -> None:
    set_state(ctx, ids, SPAM)
