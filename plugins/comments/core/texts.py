"""What the receiver, the sanitiser and the templates must say alike: one source.

The comment form's limits (the receiver refuses what the form's `maxlength`
would not let through), the confirmations shown after a post (the receiver
redirects to their fragment, the article page shows them by CSS `:target`),
and the `rel` of every link a reader wrote. The build hands them to the
templates as `COMMENTS_FORM` (see plugin.on_initialized).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from .addresses import MAX_EMAIL
from .model import APPROVED, PENDING

READER_REL = "nofollow ugc noopener noreferrer"


@dataclass(frozen=True)
class FormLimits:
    """Lengths in characters, checked by the form (HTML attributes) and by the receiver."""

    author: int = 100
    email: int = MAX_EMAIL
    website: int = 2000
    body_min: int = 3
    body_max: int = 20_000


@dataclass(frozen=True)
class Notice:
    """A confirmation: the element id the receiver redirects to, and its French text."""

    fragment: str
    message: str


LIMITS = FormLimits()
NOTICES = {
    PENDING: Notice("commentaire-en-attente", "Merci\u202f! Votre commentaire est en attente de modération."),
    APPROVED: Notice(
        "commentaire-publie",
        "Merci\u202f! Votre commentaire est accepté\u00a0: il paraîtra à la prochaine mise à jour du site.",
    ),
}


def template_globals() -> dict[str, Any]:
    """The same values for the templates (plain dicts: Pelican pickles its settings)."""
    return {
        "rel": READER_REL,
        "limits": asdict(LIMITS),
        "notices": {state: asdict(notice) for state, notice in NOTICES.items()},
    }
