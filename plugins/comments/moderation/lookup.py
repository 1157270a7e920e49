"""Which comments the author means: ids as typed, checked, then found in the store or the queue.

Shared by every command that names comments, so a bad id is refused alike everywhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..core.comment_file import ID_RE, ID_RULE, CommentFileError
from ..core.model import Comment
from ..storage.queue import CommentNotFound, Queue
from .context import fail


def check_ids(ids: list[str]) -> list[str]:
    """`ids` without empty ones, or the French refusal naming every invalid one."""
    ids = [i for i in ids if i]
    if not ids:
        raise fail("aucun identifiant donné")
    bad = [i for i in ids if not ID_RE.match(i)]
    if bad:
        raise fail("identifiant invalide " + ", ".join(f"« {i} »" for i in bad) + f" ({ID_RULE})")
    return ids


def split_ids(value: str | list[str]) -> list[str]:
    """'wp-1,wp-2 wp-3' -> ['wp-1', 'wp-2', 'wp-3']."""
    if isinstance(value, str):
        value = [value]
    return [part for item in value for part in re.split(r"[\s,;]+", item.strip()) if part]


def find_comment(queue: Queue, cid: str) -> tuple[str, Comment, Path]:
    """(state, comment, path) of `cid`, or the French refusal naming it."""
    try:
        return queue.get(cid)
    except CommentNotFound:
        raise fail(f"aucun commentaire « {cid} » (ni publié, ni dans la file {queue.root})") from None
    except CommentFileError as exc:
        raise fail(str(exc)) from None
