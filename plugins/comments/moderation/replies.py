"""The author's reply to a comment, published at once (the comment approved first if pending)."""

from __future__ import annotations

import secrets
from datetime import datetime
from zoneinfo import ZoneInfo

from ..core.model import APPROVED, PENDING, REJECTED, SPAM, STATE_LABELS, Comment
from ..storage.queue import QueueError
from .context import Context, fail
from .display import NBSP
from .lookup import check_ids, find_comment
from .notify import notify_subscriber
from .publish import publish, push_published
from .states import say_push_result, set_state


def replyable(ctx: Context, cid: str) -> Comment:
    """The comment `cid`, if the author may answer it (pending or published), else the French refusal."""
    (cid,) = check_ids([cid])
    queue = ctx.queue()
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
    if state in (SPAM, REJECTED):
        raise fail(f"{cid} est {STATE_LABELS[state]}{NBSP}: approuvez-le avant d’y répondre")
    return comment


def reply(ctx: Context, cid: str, text: str) -> str:
    """Publish the author's reply `text` to `cid` (approving it first if pending); returns the new id.
    (The CLI's editor, when no text is given, is cli/editor.py's.)"""
    replyable(ctx, cid)
    queue = ctx.queue()
    text = (text or "").strip()
    if not text:
        raise fail("réponse vide : rien n’a été publié")
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
        if state == PENDING:
            set_state(ctx, [cid], APPROVED, queue, push=False, notify=False)
        new_id = secrets.token_hex(5)
        while queue.locate(new_id):
            new_id = secrets.token_hex(5)
        answer = Comment(
            id=new_id, author=ctx.author, date=datetime.now(ZoneInfo(ctx.timezone)).replace(microsecond=0),
            body=text, parent=cid, role="author", post=comment.post,
        )
        try:
            _previous, answer = publish(queue, answer, ctx.settings, author=ctx.author, push=False)
        except QueueError as exc:
            raise fail(str(exc)) from None
        path = answer.path
        email = queue.subscribers().get(cid)
    ctx.say(f"Réponse {new_id} publiée ({path}).")
    say_push_result(ctx, push_published(queue, ctx.settings, author=ctx.author))
    if email and comment.role != "author":
        notify_subscriber(ctx, comment, answer, email)
    return new_id
