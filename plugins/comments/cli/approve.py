"""`comments.approve` and the review's approval: a reply whose parent is still pending is offered
its parent, asked once per reply, so that a reply is never published alone by surprise."""

from __future__ import annotations

from collections.abc import Callable

from ..moderation.actions import approve, parents_to_offer
from ..moderation.context import Context
from ..moderation.display import NBSP

YES = ("", "o", "y")


def approve_asking(ctx: Context, ids: list[str], ask: Callable[[str], str] | None) -> None:
    """Publish `ids`, each preceded by its pending ancestors when `ask` answers yes for it.
    `ask` None (no terminal): say how to approve them too, and publish `ids` alone."""
    offers = parents_to_offer(ctx, ids)
    chosen: list[str] = []
    for cid in ids:
        chain = offers.get(cid, [])
        if chain:
            question = (f"{cid} répond à {', '.join(chain)}, encore en attente{NBSP}: sans lui, la réponse "
                        "paraîtrait seule en tête du fil.")
            if ask is None:
                ctx.say(question + f" Pour l’approuver aussi{NBSP}: invoke comments.approve {cid} --parents")
            elif ask(question + f" L’approuver aussi{NBSP}? [O/n] ").strip().lower()[:1] in YES:
                chosen += chain
        chosen.append(cid)
    approve(ctx, list(dict.fromkeys(chosen)))
