"""The comment: one record of the store and of the moderation queue."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

# Moderation states, defined here only; "approved" comments live in content/comments/,
# the others in the private queue's folders of the same names.
PENDING, APPROVED, SPAM, REJECTED = "pending", "approved", "spam", "rejected"
STATES = (PENDING, APPROVED, SPAM, REJECTED)
QUEUE_STATES = (PENDING, SPAM, REJECTED)
# How the author reads a state (« 3 commentaires rejetés »).
STATE_LABELS = {PENDING: "en attente", APPROVED: "publié", SPAM: "indésirable", REJECTED: "rejeté"}


def state_label(state: str, count: int = 1) -> str:
    """The French word for `state`, agreeing with `count` comments ("en attente" never changes)."""
    return STATE_LABELS[state] + ("s" if count > 1 and state != PENDING else "")

# What an article's or page's `comments:` metadata may say.
MODES = ("open", "closed", "hidden")


def comments_mode(raw: object, default: str) -> str | None:
    """The `comments:` value as a mode: `default` when absent (None), None when
    invalid (an empty value included); the build reports it, both treat it as "closed"."""
    if raw is None:
        return default
    value = str(raw).strip().lower()
    return value if value in MODES else None


# Comment types: pingbacks and trackbacks are "mentions", shown apart and not counted.
COMMENT, PINGBACK, TRACKBACK = "comment", "pingback", "trackback"
MENTION_TYPES = (PINGBACK, TRACKBACK)


@dataclass(slots=True)
class Comment:
    """A reader's comment, an author's reply, or a mention.

    `body` is Markdown unless `format` is "html" (imported bodies). `post`,
    `email`, `held` and `queued` exist only in the private queue, never under content/.
    `queued`: when an imported comment entered the queue (its `date` is the original
    one, years older); None for a form submission, whose date is its reception.
    """

    id: str
    author: str
    date: datetime
    body: str
    parent: str | None = None
    website: str | None = None
    role: str | None = None
    source: str | None = None
    type: str = COMMENT
    format: str = "markdown"
    post: str | None = None
    email: str | None = None
    held: list[str] = field(default_factory=list)
    queued: datetime | None = None
    path: Path | None = field(default=None, compare=False, repr=False)

    @property
    def is_mention(self) -> bool:
        return self.type in MENTION_TYPES

    @property
    def by_author(self) -> bool:
        return self.role == "author"
