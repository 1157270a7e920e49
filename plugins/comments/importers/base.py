"""What every importer yields: one `Record` per comment of the export.

An importer reads its file as a stream, once; it never writes anything. The
engine (`run.py`) stages each record's file as it comes and commits them only
once the whole export has been checked: a bad file changes nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from ..core.addresses import single_address
from ..core.comment_file import ID_RE, ID_RULE, MAX_AUTHOR, is_http_url
from ..core.model import COMMENT
from ..core.terminal import strip_unsafe_name_chars

# One comment's body, in characters: WordPress itself caps it at 65,525.
MAX_BODY = 100_000
# Any single XML text node: beyond this we stop reading (a hostile or broken file).
MAX_TEXT = 4 * MAX_BODY

# What an export may say of a comment: one of the states (core/model.py), or SKIP: not
# imported (trash, deleted), with a reason.
SKIP = "skip"


class ImportFileError(ValueError):
    """An export that cannot be imported; the message names the file and, where known, the line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line, self.message = Path(path), line, message
        where = f"{path}, ligne {line}" if line else str(path)
        super().__init__(f"{where} : {message}")


@dataclass
class PostRef:
    """The export's post a comment belongs to, as the export describes it."""

    key: str = ""  # the post's identity in the export (WordPress post id, Disqus thread id)
    title: str = ""
    link: str = ""
    slug: str = ""  # wp:post_name, the Disqus identifier, or the JSON `post`
    author_login: str = ""  # WordPress dc:creator
    date: Any = None  # the post's own date (aware), for a comment whose date is missing

    def label(self) -> str:
        """How the summary and the queue name this post."""
        if self.title and self.link:
            return f"{self.title} ({self.link})"
        return self.title or self.link or self.slug or (f"fil {self.key}" if self.key else "sans titre")


@dataclass
class Record:
    """One comment read from an export, before it is matched and written."""

    id: str
    line: int | None
    state: str  # APPROVED, PENDING, SPAM, REJECTED or SKIP
    author: str = ""
    date: Any = None  # an aware datetime
    body: str = ""
    parent: str | None = None
    website: str | None = None
    role: str | None = None
    source: str | None = None
    type: str = COMMENT
    format: str = "html"
    email: str | None = None
    reason: str = ""  # why SKIP or why held
    post: PostRef = field(default_factory=PostRef)
    user_id: str = ""  # WordPress comment_user_id, resolved to a role later
    notes: list[str] = field(default_factory=list)  # what the import repaired, for the summary


class Importer:
    """One export format. Subclasses set `name`, `detect()` and `records()`."""

    name: ClassVar[str] = ""

    def __init__(self, path: Path, *, timezone: str = "UTC", progress=None):
        self.path = Path(path)
        self.timezone = timezone
        self.progress = progress

    @classmethod
    def detect(cls, head: str) -> bool:
        """True when `head` (the file's first kilobytes, decoded loosely) is this format."""
        raise NotImplementedError

    def records(self) -> Iterator[Record]:
        """Every comment of the export, in file order; may be called again."""
        raise NotImplementedError

    def settled(self, record: Record) -> bool:
        """False when what `resolve()` fills may still change with the rest of the file."""
        return True

    def resolve(self, record: Record) -> Record:
        """Fill what only the whole file tells (the post of a Disqus thread, WordPress roles)."""
        return record

    def error(self, line: int | None, message: str) -> ImportFileError:
        return ImportFileError(self.path, line, message)


# --- helpers shared by the importers ----------------------------------------------

_SPACES = re.compile(r"\s+")


def clean_name(value: str | None, *, entities: bool = False) -> str:
    """An author name as one line of text without controls or bidi overrides
    (WordPress stores names with HTML entities)."""
    value = value or ""
    if entities:
        value = html.unescape(value)
    # Whitespace (newlines included) becomes one space; other controls and bidi overrides go.
    value = strip_unsafe_name_chars(_SPACES.sub(" ", value)).strip()
    if len(value) > MAX_AUTHOR:
        value = value[: MAX_AUTHOR - 1].rstrip() + "…"
    return value or "Anonyme"


def clean_website(value: str | None) -> str | None:
    value = (value or "").strip()
    return value if is_http_url(value) else None


def clean_email(value: str | None) -> str | None:
    return single_address(value)


def check_id(importer: Importer, value: str, line: int | None, what: str = "identifiant") -> str:
    """`value` if it is a valid comment id, else a clear error (ids become file names)."""
    if not ID_RE.match(value) or len(value) > 100:
        raise importer.error(line, f"{what} de commentaire invalide « {value[:80]} » ({ID_RULE})")
    return value


def check_body(importer: Importer, body: str, line: int | None, cid: str) -> str:
    if len(body) > MAX_BODY:
        raise importer.error(
            line, f"commentaire {cid} trop long ({len(body):,} caractères, au plus {MAX_BODY:,})".replace(",", "\u202f")
        )
    return body
