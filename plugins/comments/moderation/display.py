"""How comments are shown to the author in a terminal: the queue table, one comment in its thread."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from ..model import Comment
from .queue import STATE_LABELS

NBSP = "\u00a0"


def as_text(comment: Comment) -> str:
    """The body as plain text (imported HTML loses its tags, keeps its paragraphs)."""
    body = comment.body
    if comment.format == "html":
        body = re.sub(r"(?i)<br\s*/?>", "\n", body)
        body = re.sub(r"(?i)</p\s*>", "\n\n", body)
        body = html.unescape(re.sub(r"<[^>]*>", "", body))
    return re.sub(r"\n{3,}", "\n\n", body).strip()


def first_words(comment: Comment, width: int = 40) -> str:
    text = " ".join(as_text(comment).split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def short_date(comment: Comment) -> str:
    return comment.date.strftime("%d/%m/%Y %H:%M")


def _cell(value: str, width: int) -> str:
    value = " ".join((value or "").split())
    return (value if len(value) <= width else value[: width - 1] + "…").ljust(width)


def table(comments: Iterable[Comment]) -> list[str]:
    """One line per comment: id, article, auteur, date, premiers mots, règles."""
    columns = (("id", 12), ("article", 24), ("auteur", 18), ("date", 16), ("premiers mots", 32), ("règles", 0))
    head = "  ".join(_cell(name, width) if width else name for name, width in columns)
    lines = [head, "-" * len(head.rstrip()) + "-" * 10]
    for c in comments:
        cells = (c.id, c.post or "", c.author, short_date(c), first_words(c, 32), ", ".join(c.held))
        lines.append("  ".join(
            _cell(value, width) if width else value for value, (_n, width) in zip(cells, columns, strict=True)
        ).rstrip())
    return lines


def heading(comment: Comment, state: str) -> str:
    role = " (vous)" if comment.by_author else ""
    kind = f" [{comment.type}]" if comment.is_mention else ""
    return f"{comment.id} · {comment.author}{role} · {short_date(comment)} · {STATE_LABELS[state]}{kind}"


def thread(comment: Comment, state: str, others: dict[str, tuple[str, Comment]], title: str) -> list[str]:
    """`comment` in full, after its ancestors (first words) and before its replies."""
    lines = [f"Article{NBSP}: {comment.post}" + (f" — « {title} »" if title else "")]
    chain: list[tuple[str, Comment]] = []
    parent, seen = comment.parent, {comment.id}
    while parent and parent in others and parent not in seen:
        seen.add(parent)
        chain.append(others[parent])
        parent = others[parent][1].parent
    if comment.parent and comment.parent not in others:
        lines.append(f"En réponse à {comment.parent} (introuvable)")
    if chain:
        lines.append(f"Fil{NBSP}:")
        for depth, (st, anc) in enumerate(reversed(chain)):
            pad = "  " * (depth + 1)
            lines += [pad + heading(anc, st), pad + "  " + first_words(anc, 70)]
    lines += ["", "=" * 72, heading(comment, state)]
    if comment.website:
        lines.append(f"Site{NBSP}: {comment.website}")
    if comment.email:
        lines.append(f"E-mail (privé){NBSP}: {comment.email}")
    if comment.held:
        lines.append(f"Retenu par{NBSP}: " + ", ".join(comment.held))
    lines += ["", as_text(comment), "=" * 72]
    replies = sorted((c.date, c.id, st, c) for st, c in others.values() if c.parent == comment.id)
    if replies:
        lines.append(f"Réponses{NBSP}:")
        for _d, _i, st, reply in replies:
            lines += ["  " + heading(reply, st), "    " + first_words(reply, 70)]
    return lines
