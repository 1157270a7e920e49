"""Moderation actions beyond approve/reject/spam/reply: a reply's pending parents,
restoring a spam or rejected comment to pending, deleting one for good.

Called by the CLI, the moderation page and the e-mail actions alike; refusals
are a ModerationError with a French message, as everywhere in moderation/.
"""

from __future__ import annotations

from ..core.comment_file import CommentFileError
from ..core.model import APPROVED, PENDING, REJECTED, SPAM, STATE_LABELS, Comment
from ..storage.queue import Queue
from .context import Context, fail
from .display import NBSP
from .lookup import check_ids, find_comment
from .states import set_state


def pending_ancestors(queue: Queue, cid: str, comment: Comment | None = None) -> list[str]:
    """The pending comments `cid` answers, directly or not, oldest ancestor first.
    `comment`: `cid` as the caller already read it (the queue page), not read again."""
    chain: list[str] = []
    seen = {cid}
    if comment is None:
        try:
            _state, comment, _path = queue.get(cid)
        except (KeyError, CommentFileError):
            return []
    parent = comment.parent
    while parent and parent not in seen:
        seen.add(parent)
        # Only a pending parent matters: the queue alone, not every article folder of the store.
        found = queue.locate(parent, published=False)
        if not found or found[0][0] != PENDING:
            break  # published (or gone): the thread is whole from here up
        chain.append(parent)
        try:
            parent = queue.read(PENDING, found[0][1]).parent
        except CommentFileError:
            break
    return chain[::-1]


def parents_to_offer(ctx: Context, ids: list[str]) -> dict[str, list[str]]:
    """For each pending id whose parent is still pending: those ancestors (to offer approving them too)."""
    queue = ctx.queue()
    with queue.lock():
        offers = {cid: pending_ancestors(queue, cid) for cid in check_ids(ids)}
    return {cid: chain for cid, chain in offers.items() if chain}


def with_parents(ctx: Context, ids: list[str]) -> list[str]:
    """`ids` preceded by their pending ancestors (each once, parents before replies)."""
    queue = ctx.queue()
    ordered: list[str] = []
    with queue.lock():
        for cid in check_ids(ids):
            for one in [*pending_ancestors(queue, cid), cid]:
                if one not in ordered:
                    ordered.append(one)
    return ordered


def approve(ctx: Context, ids: list[str], *, parents: bool = False) -> None:
    """Publish `ids`; with `parents`, their pending ancestors first (a reply is never shown alone)."""
    set_state(ctx, with_parents(ctx, ids) if parents else ids, APPROVED)


def _only_from(queue: Queue, ids: list[str], verb: str) -> dict:
    found = {cid: find_comment(queue, cid) for cid in check_ids(ids)}
    wrong = [f"{cid} ({STATE_LABELS[state]})" for cid, (state, _c, _p) in found.items()
             if state not in (SPAM, REJECTED)]
    if wrong:
        raise fail(f"seuls les commentaires indésirables ou rejetés peuvent être {verb}{NBSP}: "
                   + ", ".join(wrong) + ". Rien n’a été changé.")
    return found


def restore(ctx: Context, ids: list[str]) -> None:
    """Put spam or rejected comments back in the pending queue."""
    queue = ctx.queue()
    with queue.lock():
        _only_from(queue, ids, "remis en attente")
        set_state(ctx, ids, PENDING, queue)


def delete(ctx: Context, ids: list[str]) -> None:
    """Delete spam or rejected comments for good (published or pending ones are refused)."""
    queue = ctx.queue()
    with queue.lock():
        found = _only_from(queue, ids, "supprimés")
        for cid, (state, _comment, path) in found.items():
            queue.delete(state, path)
            ctx.say(f"{cid}{NBSP}: supprimé.")
