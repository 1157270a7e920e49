"""The project's own JSON: a list of comment objects (documented in the README).

Each object has the store's keys (`id`, `author`, `date`, `body`, and optionally
`parent`, `website`, `role`, `type`, `format`, `source`), plus `post` (the
article's slug), `state` (approved, pending, spam or rejected; default pending)
and optionally `email` (kept in the private queue only).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from ..core.comment_file import (
    FORMATS,
    MISSING,
    TYPES,
    FieldError,
    check_choice,
    check_date,
    check_role,
    invalid_utf8,
)
from ..core.model import COMMENT, PENDING, STATES
from .base import (
    Importer,
    PostRef,
    Record,
    check_body,
    check_id,
    clean_email,
    clean_name,
    clean_website,
)

_SURROGATE = re.compile("[\ud800-\udfff]")
KEYS = {"id", "author", "date", "body", "parent", "website", "role", "type", "format", "source",
        "post", "state", "email"}


class JsonImporter(Importer):
    name = "JSON"

    @classmethod
    def detect(cls, head: str) -> bool:
        return head.lstrip("\ufeff \t\r\n").startswith("[")

    def records(self) -> Iterator[Record]:
        # The project's own format is small; it is read whole (only XML exports are streamed).
        try:
            data = json.loads(self.path.read_bytes().decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise self.error(None, invalid_utf8(exc)) from None
        except json.JSONDecodeError as exc:
            raise self.error(exc.lineno, f"JSON invalide, colonne {exc.colno} : {exc.msg}") from None
        except RecursionError:
            raise self.error(None, "JSON trop profondément imbriqué") from None
        if not isinstance(data, list):
            raise self.error(1, "une liste d’objets JSON est attendue ([{…}, {…}])")
        for number, item in enumerate(data, start=1):
            yield self._record(item, number)

    def _record(self, item, number: int) -> Record:
        where = f"élément n° {number}"

        def fail(field: str, message: str):
            raise self.error(None, f"{where}, champ « {field} » : {message}")

        def checked(field: str, check, value: str | None, *args):
            try:
                return check(value or None, *args)
            except FieldError as exc:
                fail(field, str(exc))

        if not isinstance(item, dict):
            raise self.error(None, f"{where} : un objet JSON est attendu")
        unknown = sorted(set(item) - KEYS)
        if unknown:
            fail(unknown[0], "clé inconnue (clés permises : " + ", ".join(sorted(KEYS)) + ")")
        for key, value in item.items():
            if value is not None and not isinstance(value, str):
                fail(key, "une chaîne est attendue")
            if value and _SURROGATE.search(value):  # "\ud800": valid JSON, but no UTF-8 file can hold it
                fail(key, "caractère invalide (moitié de paire UTF-16, \\ud800 à \\udfff)")
        for key in ("id", "author", "date", "post"):
            if not (item.get(key) or "").strip():
                fail(key, MISSING)
        cid = check_id(self, item["id"].strip(), None)
        parent = item.get("parent") or None
        if parent is not None:
            parent = check_id(self, parent.strip(), None, "parent")
        state = checked("state", check_choice, item.get("state"), STATES, PENDING)
        ctype = checked("type", check_choice, item.get("type"), TYPES, COMMENT)
        fmt = checked("format", check_choice, item.get("format"), FORMATS, "markdown")
        role = checked("role", check_role, item.get("role"))
        date = checked("date", check_date, item["date"].strip())
        return Record(
            id=cid, line=None, state=state, author=clean_name(item["author"]),
            date=date.astimezone(ZoneInfo(self.timezone)),
            body=check_body(self, (item.get("body") or "").strip("\n"), None, cid),
            parent=parent, website=clean_website(item.get("website")), role=role,
            source=item.get("source") or None, type=ctype, format=fmt,
            email=clean_email(item.get("email")), post=PostRef(slug=item["post"].strip()),
        )
