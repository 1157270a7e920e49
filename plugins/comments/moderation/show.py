"""What the author reads before deciding: the queue by state, one comment in its thread."""

from __future__ import annotations

from ..core.comment_file import CommentFileError
from ..core.model import APPROVED, PENDING, QUEUE_STATES, STATE_LABELS, Comment, state_label
from ..storage.queue import Queue
from .context import Context, fail
from .display import NBSP, table, thread
from .lookup import check_ids, find_comment


def show_queue(ctx: Context, state: str = PENDING) -> None:
    """The comments in `state`, one line each, then their count."""
    if state not in STATE_LABELS:
        raise fail(f"état inconnu « {state} » (états{NBSP}: {', '.join(STATE_LABELS)})")
    queue = ctx.queue()
    try:
        with queue.lock():
            comments = queue.list(state)
    except CommentFileError as exc:
        raise fail(str(exc)) from None
    for note in queue.notes:
        ctx.say(note)
    if not comments:
        ctx.say(f"Aucun commentaire {STATE_LABELS[state]}.")
        return
    for line in table(comments):
        ctx.say(line)
    n = len(comments)
    ctx.say(f"\n{n} commentaire{'s' if n > 1 else ''} {state_label(state, n)}.")


def _thread_of(queue: Queue, post: str) -> dict[str, tuple[str, Comment]]:
    others: dict[str, tuple[str, Comment]] = {}
    folder = queue.store / post
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
        try:
            others[path.stem] = (APPROVED, queue.read(APPROVED, path))
        except CommentFileError:
            continue
    for state in QUEUE_STATES:
        for path in queue.files(state):
            try:
                comment = queue.read(state, path)
            except CommentFileError:
                continue
            if comment.post == post:
                others[comment.id] = (state, comment)
    return others


def show(ctx: Context, cid: str) -> None:
    """The comment `cid` within its post's thread (published and queued comments alike)."""
    (cid,) = check_ids([cid])
    queue = ctx.queue()
    with queue.lock():
        state, comment, _path = find_comment(queue, cid)
        others = _thread_of(queue, comment.post)
    title = ctx.title_of(comment.post)
    for line in thread(comment, state, others, title):
        ctx.say(line)
