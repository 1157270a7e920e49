"""How comments are shown to the author in a terminal: the queue table, one comment in its thread."""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterable

from ..core.model import STATE_LABELS, Comment
from ..core.terminal import visible

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
    # Shown before measuring, so that a control shown as <U+202E> keeps the columns aligned.
    value = visible(" ".join((value or "").split()))
    return (value if len(value) <= width else value[: width - 1] + "…").ljust(width)


# Column widths: (preferred, minimum). To fit the terminal, "premiers mots" shrinks
# first, then article, auteur and règles; the id is never cut (the author copies it).
WIDTHS = {"article": (24, 10), "auteur": (18, 8), "premiers mots": (60, 13), "règles": (40, 8)}
SHRINK_ORDER = ("premiers mots", "article", "auteur", "règles")
DATE_WIDTH = 16


def _fit(width: int, id_width: int, rules_width: int) -> dict[str, int]:
    sizes = {name: preferred for name, (preferred, _minimum) in WIDTHS.items()}
    sizes["règles"] = max(len("règles"), min(rules_width, WIDTHS["règles"][0]))
    excess = id_width + DATE_WIDTH + sum(sizes.values()) + 2 * 5 - width
    for name in SHRINK_ORDER:
        if excess <= 0:
            break
        cut = min(excess, max(0, sizes[name] - WIDTHS[name][1]))
        sizes[name] -= cut
        excess -= cut
    return sizes


def table(comments: Iterable[Comment], width: int | None = None) -> list[str]:
    """One line per comment: id, article, auteur, date, premiers mots, règles; fitted to
    `width` (the terminal's by default) by shortening the columns other than the id."""
    comments = list(comments)
    width = width or shutil.get_terminal_size((100, 24)).columns
    id_width = max([2, *(len(c.id) for c in comments)])
    rules = [", ".join(c.held) for c in comments]
    sizes = _fit(width, id_width, max([0, *(len(r) for r in rules)]))
    columns = (("id", id_width), ("article", sizes["article"]), ("auteur", sizes["auteur"]),
               ("date", DATE_WIDTH), ("premiers mots", sizes["premiers mots"]), ("règles", sizes["règles"]))
    head = "  ".join(_cell(name, w) for name, w in columns).rstrip()
    lines = [head, "-" * len(head)]
    for c, held in zip(comments, rules, strict=True):
        cells = (c.id, c.post or "", c.author, short_date(c), first_words(c, sizes["premiers mots"]), held)
        lines.append("  ".join(
            value.ljust(w) if name == "id" else _cell(value, w) for value, (name, w) in zip(cells, columns, strict=True)
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
