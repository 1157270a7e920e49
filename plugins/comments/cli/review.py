"""`comments.review`: walk the pending queue, one comment at a time."""

from __future__ import annotations

from collections.abc import Callable

from ..core.model import PENDING
from ..moderation.context import Context
from ..moderation.display import NBSP
from ..moderation.errors import ModerationError
from ..moderation.replies import reply
from ..moderation.show import show
from ..moderation.states import reject, spam
from .approve import approve_asking
from .editor import editor, reply_text

PROMPT = f"[a]pprouver, [r]ejeter, [s]pam, r[é]pondre, [p]asser, [q]uitter{NBSP}? "
ACTIONS = {"a": "approve", "r": "reject", "s": "spam", "é": "reply", "e": "reply", "p": "skip", "q": "quit"}


def _ask_reply(ask: Callable[[str], str]) -> str | None:
    """The reply typed at the prompt, or None to write it in the author's editor."""
    if editor():
        return None
    lines = []
    while True:
        line = ask("> " if lines else f"Votre réponse (ligne vide pour finir){NBSP}:\n> ")
        if not line.strip():
            return "\n".join(lines)
        lines.append(line)


def review(ctx: Context, ask: Callable[[str], str] = input) -> None:
    """Walk the pending queue, oldest first, one comment at a time."""
    queue = ctx.queue()
    with queue.lock():
        pending = [c.id for c in queue.list(PENDING)]
    done = {"approve": 0, "reject": 0, "spam": 0, "reply": 0, "skip": 0}
    for number, cid in enumerate(pending, start=1):
        if not any(state == PENDING for state, _p in queue.locate(cid)):
            continue  # moderated meanwhile by another command
        ctx.say(f"\n— {number}/{len(pending)} —")
        show(ctx, cid)
        while True:
            try:
                choice = ask(PROMPT).strip().lower()[:1]
            except EOFError:
                choice = "q"
            action = ACTIONS.get(choice)
            if action:
                break
            ctx.say("Choix inconnu.")
        if action == "quit":
            break
        try:
            if action == "approve":
                approve_asking(ctx, [cid], ask)
            elif action == "reject":
                reject(ctx, [cid])
            elif action == "spam":
                spam(ctx, [cid])
            elif action == "reply":
                reply(ctx, cid, reply_text(ctx, cid, _ask_reply(ask)))
        except ModerationError as exc:
            # A refused action (« article introuvable »…) is said, and the review goes on.
            ctx.say(str(exc.message).strip())
            continue
        done[action] += 1
    ctx.say(
        f"Revue terminée{NBSP}: {done['approve']} approuvé(s), {done['reject']} rejeté(s), "
        f"{done['spam']} indésirable(s), {done['reply']} réponse(s), {done['skip']} passé(s)."
    )
