"""Read and write comment files: Pelican-style header lines, a blank line, the body.

The format is a contract (see DESIGN.md); every error names the file, the line
and the field, in French, because the author reads them.
"""

from __future__ import annotations

import os
import re
import tempfile
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from .model import COMMENT, MENTION_TYPES, Comment

ID_RE = re.compile(r"[a-z0-9-]+\Z")
# A slug is whatever the build publishes (capitals, accents, dots, a leading dash...) as long
# as it is one safe folder name: no slash, backslash, space or control, not starting with a
# dot (".", "..", hidden files), at most 200 characters.
SLUG_RE = re.compile(r"(?=.{1,200}\Z)[^\s/\\.\x00-\x1f\x7f-\x9f][^\s/\\\x00-\x1f\x7f-\x9f]*\Z")
HEADER_RE = re.compile(r"([a-z_]+):[ \t]*(.*)\Z")
_SPACE_OR_CONTROL = re.compile(r"[\s\x00-\x1f]")  # \s is str.isspace() for str patterns

# Keys in the order they are written; queue-only keys are private.
PUBLIC_KEYS = ("id", "parent", "author", "website", "date", "role", "type", "format", "source")
QUEUE_KEYS = ("post", "email", "held", "queued")
REQUIRED_KEYS = ("id", "author", "date")
MAX_AUTHOR = 200
TYPES = (COMMENT, *MENTION_TYPES)
FORMATS = ("markdown", "html")


class CommentFileError(ValueError):
    """A comment file that cannot be read; says where and why."""

    def __init__(self, path: Path | str, line: int | None, field: str | None, message: str):
        self.path, self.line, self.field, self.message = Path(path), line, field, message
        where = f"{path}:{line}" if line else str(path)
        what = f" (champ « {field} »)" if field else ""
        super().__init__(f"{where}{what} : {message}")


def is_http_url(value: str) -> bool:
    """True when `value` is an absolute http(s) URL with a host and no spaces."""
    if not value or _SPACE_OR_CONTROL.search(value):
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


# --- one check per field, for the comment files and the JSON import alike ---------------

MISSING = "champ obligatoire manquant"
ID_RULE = "lettres minuscules, chiffres et tirets seulement"
_DATE_FORMAT = "format attendu : 2013-05-02T14:03:00+02:00"


class FieldError(ValueError):
    """A field's value refused by a check below; the message is the French reason, without the field."""


def invalid_utf8(exc: UnicodeDecodeError) -> str:
    return f"UTF-8 invalide (octet {exc.start})"


def check_id(value: str) -> str:
    if not ID_RE.match(value):
        raise FieldError(f"identifiant invalide : {ID_RULE}")
    return value


def check_date(value: str) -> datetime:
    """An aware datetime from ISO 8601 text."""
    try:
        date = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(f"date invalide, {_DATE_FORMAT}") from None
    if date.tzinfo is None:
        raise FieldError(f"fuseau horaire manquant, {_DATE_FORMAT}")
    return date


def check_role(value: str | None) -> str | None:
    if value not in (None, "author"):
        raise FieldError("seule la valeur « author » est permise")
    return value


def check_choice(value: str | None, allowed: tuple[str, ...], default: str) -> str:
    """`value` if it is one of `allowed`; `default` when absent (None or empty)."""
    value = value or default
    if value not in allowed:
        raise FieldError("valeurs permises : " + ", ".join(allowed))
    return value


def parse_comment(data: bytes | str, path: Path | str, *, queue: bool = False) -> Comment:
    """Parse one comment file's content; raise CommentFileError on any defect."""
    path = Path(path)
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise CommentFileError(path, line, None, invalid_utf8(exc)) from None
    data = data.removeprefix("\ufeff").replace("\r\n", "\n")
    head, sep, body = data.partition("\n\n")
    if not sep and not data.strip():
        raise CommentFileError(path, 1, None, "fichier vide")
    allowed = PUBLIC_KEYS + (QUEUE_KEYS if queue else ())
    values: dict[str, tuple[str, int]] = {}
    for number, raw in enumerate(head.split("\n"), start=1):
        match = HEADER_RE.match(raw)
        if not match:
            raise CommentFileError(
                path, number, None,
                "en-tête attendu (« clé: valeur »), suivi d’une ligne vide puis du texte",
            )
        key, value = match.group(1), match.group(2).strip()
        if key not in allowed:
            hint = " (réservé à la file de modération)" if key in QUEUE_KEYS else ""
            raise CommentFileError(path, number, key, f"clé inconnue{hint}")
        if key in values:
            raise CommentFileError(path, number, key, "clé en double")
        values[key] = (value, number)
    for key in REQUIRED_KEYS:
        if not values.get(key, ("",))[0]:
            raise CommentFileError(path, values.get(key, (None, 1))[1], key, MISSING)
    if queue and not values.get("post", ("",))[0]:
        raise CommentFileError(path, 1, "post", f"{MISSING} dans la file")
    return _build(path, values, body.strip("\n"))


@lru_cache(maxsize=64)
def _zone(offset: timedelta) -> timezone:
    """One tzinfo per offset, shared by the comments (thousands carry the same two)."""
    return timezone(offset)


def _build(path: Path, values: dict[str, tuple[str, int]], body: str) -> Comment:
    def get(key: str) -> str | None:
        return values[key][0] or None if key in values else None

    def fail(key: str, message: str):
        raise CommentFileError(path, values[key][1], key, message)

    def checked(key: str, check, *args):
        try:
            return check(get(key), *args)
        except FieldError as exc:
            fail(key, str(exc))

    cid = checked("id", check_id)
    if path.suffix == ".md" and path.stem != cid:
        fail("id", f"l’identifiant « {cid} » doit être le nom du fichier ({path.stem}.md)")
    parent = get("parent")
    if parent is not None and (not ID_RE.match(parent) or parent == cid):
        fail("parent", "identifiant de parent invalide")
    author = get("author")
    if len(author) > MAX_AUTHOR:
        fail("author", f"nom trop long (plus de {MAX_AUTHOR} caractères)")
    website = get("website")
    if website is not None and not is_http_url(website):
        fail("website", "adresse invalide : seule une URL http(s) est acceptée")
    date = checked("date", check_date)
    date = date.replace(tzinfo=_zone(date.utcoffset()))
    queued = checked("queued", check_date) if get("queued") is not None else None
    role = checked("role", check_role)
    ctype = checked("type", check_choice, TYPES, COMMENT)
    fmt = checked("format", check_choice, FORMATS, "markdown")
    post = get("post")
    if post is not None and not SLUG_RE.match(post):
        fail("post", "slug d’article invalide")
    held = [h.strip() for h in (get("held") or "").split(",") if h.strip()]
    source = get("source")
    return Comment(
        id=cid, author=author, date=date, body=body, parent=parent, website=website, role=role,
        source=source, type=ctype, format=fmt, post=post, email=get("email"), held=held, queued=queued,
        path=path,
    )


def read_comment(path: Path | str, *, queue: bool = False) -> Comment:
    """Read and parse one comment file."""
    return parse_comment(Path(path).read_bytes(), path, queue=queue)


# Line breaks and tabs, but not the no-break spaces of French typography.
_BREAKS_RE = re.compile(r"[\t\n\v\f\r\x1c-\x1e\x85\u2028\u2029 ]+")


def _one_line(value: str) -> str:
    # A header value can never carry a newline: that would forge another key.
    return _BREAKS_RE.sub(" ", str(value)).strip(" ")


def format_comment(comment: Comment, *, queue: bool = False) -> str:
    """The file text of `comment`; queue-only keys are written only when `queue`."""
    values = {
        "id": comment.id,
        "parent": comment.parent,
        "author": comment.author,
        "website": comment.website,
        "date": comment.date.isoformat(),
        "role": comment.role,
        "type": None if comment.type == COMMENT else comment.type,
        "format": None if comment.format == "markdown" else comment.format,
        "source": comment.source,
    }
    if queue:
        # held: is one comma-separated line: a comma inside a reason becomes a look-alike (‚).
        held = ", ".join(reason.replace(",", "\u201a") for reason in comment.held)
        values.update(post=comment.post, email=comment.email, held=held or None,
                      queued=comment.queued.isoformat() if comment.queued else None)
    lines = [f"{key}: {_one_line(value)}" for key, value in values.items() if value]
    return "\n".join(lines) + "\n\n" + comment.body.strip("\n") + "\n"


def atomic_write(path: Path | str, text: str) -> None:
    """Write `text` to `path` so that readers see the old file or the new one, never half."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
