"""Comments of one article -> the thread tree the template renders.

Chronological order; replies nested up to `depth` levels (deeper replies stay
at the last level, in order, as WordPress does); a reply whose parent is not
published goes to the top level (the only published ancestor we can know) with
a log line; a parent cycle is broken with a warning, never looping.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..core.model import Comment
from ..core.urls import display_url, strip_controls

logger = logging.getLogger(__name__)


@dataclass(slots=True)
class ThreadNode:
    """One comment in its thread. `html` is the sanitised body; `children` are
    its displayed replies; `reply_to` the comment it answers, when shown."""

    comment: Comment
    html: str = ""
    depth: int = 1
    children: list[ThreadNode] = field(default_factory=list)
    reply_to: Comment | None = None

    @property
    def id(self) -> str:
        return self.comment.id

    @property
    def website(self) -> str | None:
        """The author's link, only when it is an http(s) URL (normalised for the href)."""
        return display_url(self.comment.website)

    @property
    def author(self) -> str:
        """The name as text, without the control characters HTML forbids."""
        return strip_controls(self.comment.author)

    @property
    def initials(self) -> str:
        """Up to two letters for the local avatar ("Lionel Boscher" -> "LB")."""
        words = [w for w in re.split(r"[\W_]+", self.author) if w]
        letters = "".join(w[0] for w in words[:2]).upper()
        return letters or "?"


@dataclass(slots=True)
class Discussion:
    """What an article or page shows of its comments, as `content.discussion`
    (one attribute: Pelican's objects keep their compact attribute table).

    `nodes`: the thread, top-level comments first; `mentions`: pingbacks and
    trackbacks, shown apart; `count`: the comments shown (mentions excluded);
    `mode`: "open", "closed" or "hidden"; `feed`: the thread's Atom feed (a
    path from the site root), when it has one."""

    nodes: list[ThreadNode] = field(default_factory=list)
    mentions: list[ThreadNode] = field(default_factory=list)
    count: int = 0
    mode: str = "hidden"
    feed: str | None = None


def _order(comment: Comment) -> tuple:
    return (comment.date, comment.id)


def effective_parents(comments: list[Comment], label: str = "") -> dict[str, str | None]:
    """Map each comment id to the id of the published comment it hangs under (None: top level)."""
    by_id = {c.id: c for c in comments}
    parent: dict[str, str | None] = {}
    for c in comments:
        if c.parent is not None and c.parent not in by_id:
            logger.info(
                "%s : le commentaire %s répond à %s, absent ou non publié ; il est affiché au premier niveau",
                c.path or label, c.id, c.parent,
            )
            parent[c.id] = None
        else:
            parent[c.id] = c.parent
    # Break cycles: walk each chain; a chain that comes back on itself is cut at its
    # earliest comment, which goes to the top level.
    state: dict[str, int] = {}  # 1 = on the current walk, 2 = known to reach the top
    for start in sorted(by_id, key=lambda i: _order(by_id[i])):
        walk: list[str] = []
        node: str | None = start
        while node is not None and state.get(node) != 2:
            if state.get(node) == 1:
                cycle = walk[walk.index(node):]
                first = min(cycle, key=lambda i: _order(by_id[i]))
                logger.warning(
                    "%s : cycle de réponses entre les commentaires %s ; %s est affiché au premier niveau",
                    by_id[first].path or label, ", ".join(sorted(cycle)), first,
                )
                parent[first] = None
                break
            state[node] = 1
            walk.append(node)
            node = parent[node]
        for visited in walk:
            state[visited] = 2
    return parent


def build_threads(comments: list[Comment], depth: int = 5, label: str = "") -> list[ThreadNode]:
    """The top-level nodes of the thread of `comments` (mentions excluded by the caller)."""
    parent = effective_parents(comments, label)
    by_id = {c.id: c for c in comments}
    kids: dict[str | None, list[Comment]] = {}
    for c in sorted(comments, key=_order):
        kids.setdefault(parent[c.id], []).append(c)

    def subtree(comment: Comment) -> list[Comment]:
        # Every descendant of `comment`, for flattening at the last level.
        out, stack = [], list(kids.get(comment.id, []))
        while stack:
            c = stack.pop()
            out.append(c)
            stack.extend(kids.get(c.id, []))
        return out

    def make(comment: Comment, level: int) -> ThreadNode:
        node = ThreadNode(comment=comment, depth=level)
        if parent[comment.id] is not None:
            node.reply_to = by_id[parent[comment.id]]
        if level + 1 < depth:
            node.children = [make(child, level + 1) for child in kids.get(comment.id, [])]
        elif level + 1 == depth:
            # The last level: every descendant, flat and in chronological order.
            flat = sorted(subtree(comment), key=_order)
            node.children = [
                ThreadNode(comment=c, depth=depth, reply_to=by_id[parent[c.id]]) for c in flat
            ]
        return node

    if depth == 1:
        return [
            ThreadNode(comment=c, depth=1, reply_to=by_id[parent[c.id]] if parent[c.id] else None)
            for c in sorted(comments, key=_order)
        ]
    return [make(c, 1) for c in kids.get(None, [])]


def walk(nodes: list[ThreadNode]):
    """Every node of a forest, depth first, in display order."""
    for node in nodes:
        yield node
        yield from walk(node.children)
