"""Auto-moderation rules, as WordPress applies them; one function, `moderate()`.

Used by the form receiver for each new comment, and shown by `comments.queue`
(the reasons are stored in the queue file's `held:` key).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..core.model import APPROVED, PENDING, SPAM, Comment
from ..core.settings import Moderation
from ..storage.known_authors import KnownAuthors

# A link: a URL with a scheme, or one starting with www. (HTML, Markdown or bare).
_LINK = re.compile(r"(?:\bhttps?://|\bwww\.)", re.I)


@dataclass(frozen=True)
class Verdict:
    state: str  # "pending" | "approved" | "spam"
    reasons: tuple[str, ...]  # French, e.g. "3 liens (plus de 2)"


def _words(value) -> list[str]:
    if isinstance(value, str):
        value = value.splitlines()
    return [w.strip() for w in value or () if w and w.strip()]


def _find_word(words: list[str], haystack: str) -> str | None:
    for word in words:
        if word.casefold() in haystack:
            return word
    return None


def quote(word: str) -> str:
    return f"«\u00a0{word}\u00a0»"


def moderate(comment: Comment, settings: Moderation, known_authors: KnownAuthors) -> Verdict:
    """The state a new comment gets, with the reasons, following WordPress's rules.

    A disallowed word (in author, website, e-mail or body, case-insensitive,
    as a substring like WordPress) sends it to spam; more than `max_links`
    links or a moderation word hold it; otherwise a known author is approved
    when `auto_approve_known_authors` is on; anything else waits.
    """
    haystack = "\n".join(
        part or "" for part in (comment.author, comment.website, comment.email, comment.body)
    ).casefold()
    banned = _find_word(_words(settings.disallowed_words), haystack)
    if banned:
        return Verdict(SPAM, (f"mot interdit : {quote(banned)}",))
    reasons: list[str] = []
    max_links = settings.max_links
    links = len(_LINK.findall(comment.body or ""))
    if max_links is not None and links > max_links:
        reasons.append(f"{links} liens (plus de {max_links})")
    held = [w for w in _words(settings.moderation_words) if w.casefold() in haystack]
    reasons += [f"mot à modérer : {quote(w)}" for w in held]
    if reasons:
        return Verdict(PENDING, tuple(reasons))
    known = known_authors.is_known(comment.author, comment.email)
    if known and settings.auto_approve_known_authors:
        return Verdict(APPROVED, ("auteur déjà approuvé",))
    return Verdict(PENDING, ("en attente de modération",) if known else ("premier commentaire de cet auteur",))
