"""What the templates show of a comment: the comment, its article, its parent, French dates."""

from __future__ import annotations

from dataclasses import dataclass, field

from babel.dates import format_datetime

from ..core.comment_file import CommentFileError
from ..core.model import PENDING, REJECTED, SPAM, STATE_LABELS, Comment
from ..moderation.actions import pending_ancestors
from ..moderation.display import as_text, first_words
from ..storage.queue import Queue

TABS = ((PENDING, "En attente"), (SPAM, "Indésirables"), (REJECTED, "Rejetés"))
EMPTY = {PENDING: "Aucun commentaire en attente.", SPAM: "Aucun commentaire indésirable.",
         REJECTED: "Aucun commentaire rejeté."}


@dataclass
class Item:
    comment: Comment
    post_title: str
    post_url: str | None
    date: str
    text: str
    parent: Comment | None = None
    parent_state: str = ""
    parent_words: str = ""
    pending_parents: list[str] = field(default_factory=list)
    state_label: str = ""


def french_date(comment: Comment) -> str:
    return format_datetime(comment.date, "d MMMM y 'à' HH:mm", locale="fr")


def item(queue: Queue, comment: Comment, post, siteurl: str, state: str = "") -> Item:
    """`post` is the catalog's Post (None when the article is not found)."""
    view = Item(
        comment=comment,
        post_title=post.title if post else f"{comment.post} (article introuvable)",
        post_url=f"{siteurl}/{post.url}" if post and siteurl else None,
        date=french_date(comment),
        text=as_text(comment),
        state_label=STATE_LABELS.get(state, ""),
    )
    if comment.parent:
        found = queue.locate(comment.parent)
        if found:
            parent_state, path = found[0]
            try:
                view.parent = queue.read(parent_state, path)
                view.parent_state = STATE_LABELS[parent_state]
                view.parent_words = first_words(view.parent, 80)
            except CommentFileError:
                pass
        view.pending_parents = pending_ancestors(queue, comment.id, comment)
    return view


def listing(queue: Queue, state: str, post_of, siteurl: str) -> list[Item]:
    """The comments in `state`, newest first."""
    comments = sorted(queue.list(state), key=lambda c: (c.date, c.id), reverse=True)
    return [item(queue, c, post_of(c.post), siteurl) for c in comments]


def counts(queue: Queue) -> dict[str, int]:
    return {state: len(queue.files(state)) for state, _label in TABS}
