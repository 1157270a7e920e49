"""WordPress eXtended RSS (WXR 1.0 to 1.2, http or https namespace)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import unquote
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

from ..core.autop import autop
from ..core.model import APPROVED, COMMENT, MENTION_TYPES, PENDING, SPAM
from .base import (
    SKIP,
    Importer,
    ImportFileError,
    PostRef,
    Record,
    check_body,
    check_id,
    clean_email,
    clean_name,
    clean_website,
)
from .xmlstream import line_of, stream, text

_WXR = re.compile(r"<rss\b[^>]*xmlns:wp=[\"']https?://wordpress\.org/export/1\.[0-2]/[\"']", re.S)
_STATES = {"1": APPROVED, "0": PENDING, "spam": SPAM}
_TRASH = ("trash", "post-trashed")
_ZERO_DATE = "0000-00-00"
_ISO_SHAPE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\Z")
# The last resort for an undated comment of an undated post in an undated export.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _parse_date(value: str) -> datetime:
    """WordPress's "2013-05-02 14:03:00"; fromisoformat is ~10 times faster than strptime."""
    if _ISO_SHAPE.match(value):
        return datetime.fromisoformat(value)
    return datetime.strptime(value, "%Y-%m-%d %H:%M:%S")  # unpadded fields, as strptime allows


def rfc822_date(value: str) -> datetime | None:
    try:
        parsed = parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


class WordPressImporter(Importer):
    name = "WordPress (WXR)"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # WordPress user ids of the blog's authors, from <wp:author>: the only source of the author
        # badge (a reader's account commenting under an author's name never gets it).
        self.author_ids: set[str] = set()
        self.zone = ZoneInfo(self.timezone)
        self.export_date: datetime | None = None  # the channel's pubDate

    @classmethod
    def detect(cls, head: str) -> bool:
        return bool(_WXR.search(head))

    def records(self) -> Iterator[Record]:
        for root, element, line in stream(self.path, {"item", "wp:author", "pubDate"}, 3, self.progress):
            if root != "rss":
                raise self.error(1, f"élément racine <{root}> inattendu : un export WordPress commence par <rss>")
            if element.tag == "wp:author":
                self._author(element)
                continue
            if element.tag == "pubDate":
                self.export_date = rfc822_date(element.text or "")
                continue
            if not any(node.tag == "wp:comment" for node in element):
                continue
            post = PostRef(
                key=text(element, "wp:post_id").strip(),
                title=text(element, "title").strip(),
                link=text(element, "link").strip(),
                slug=unquote(text(element, "wp:post_name").strip()),
                author_login=text(element, "dc:creator").strip(),
                date=self.parse_dates(text(element, "wp:post_date_gmt"), text(element, "wp:post_date")),
            )
            for node in element:
                if node.tag == "wp:comment":
                    yield self._record(node, post, line_of(node) or line)

    def _author(self, element: Element) -> None:
        author_id = text(element, "wp:author_id").strip()
        if author_id and author_id != "0":
            self.author_ids.add(author_id)

    def _record(self, node: Element, post: PostRef, line: int | None) -> Record:
        # One bad comment never refuses the export: it is skipped or repaired, with a reason.
        raw_id = text(node, "wp:comment_id").strip()
        try:
            cid = check_id(self, f"wp-{raw_id.lower()}", line)
        except ImportFileError as exc:
            return Record(id=f"wp-ligne-{line or 0}", line=line, state=SKIP, reason=exc.message.split(" «")[0],
                          post=post)
        notes: list[str] = []
        raw_parent = text(node, "wp:comment_parent").strip()
        parent = None
        if raw_parent not in ("", "0"):
            try:
                parent = check_id(self, f"wp-{raw_parent.lower()}", line, "parent")
            except ImportFileError:
                notes.append(f"parent invalide « {raw_parent[:40]} », placé en tête de l’article")
        approved = text(node, "wp:comment_approved").strip()
        ctype = text(node, "wp:comment_type").strip().lower() or COMMENT
        state, reason = _STATES.get(approved, PENDING), ""
        if approved in _TRASH:
            state, reason = SKIP, "dans la corbeille de WordPress"
        elif approved not in _STATES:
            reason = f"état WordPress inconnu « {approved[:40]} »"
        if ctype not in (COMMENT, *MENTION_TYPES) and state != SKIP:
            state, reason = SKIP, f"type de commentaire « {ctype[:40]} » non importé"
        author = clean_name(text(node, "wp:comment_author"), entities=True)
        user_id = text(node, "wp:comment_user_id").strip()
        try:
            body = check_body(self, autop(text(node, "wp:comment_content")), line, cid)
        except ImportFileError:
            return Record(id=cid, line=line, state=SKIP, reason="texte trop long", post=post)
        return Record(
            id=cid, line=line, state=state, reason=reason, author=author, date=self._date(node, post, notes),
            body=body, parent=parent, website=clean_website(text(node, "wp:comment_author_url")),
            source=f"wordpress:{raw_id}", type=ctype, format="html",
            email=clean_email(text(node, "wp:comment_author_email")), post=post, user_id=user_id, notes=notes,
        )

    def parse_dates(self, gmt: str, local: str) -> datetime | None:
        """A WordPress date from its GMT field, else its local one (in TIMEZONE); None if neither is valid."""
        for value, zone in ((gmt.strip(), UTC), (local.strip(), self.zone)):
            if value and not value.startswith(_ZERO_DATE):
                try:
                    return _parse_date(value).replace(tzinfo=zone).astimezone(self.zone)
                except ValueError:
                    continue
        return None

    def _date(self, node: Element, post: PostRef, notes: list[str]) -> datetime:
        gmt, local = text(node, "wp:comment_date_gmt"), text(node, "wp:comment_date")
        value = self.parse_dates(gmt, local)
        if value is None:
            # One undated comment never refuses the export: it takes its post's date.
            value = post.date or self.export_date or _EPOCH
            shown = (gmt.strip() or local.strip())[:40]
            notes.append(f"date absente ou invalide{f' (« {shown} »)' if shown else ''}, "
                         f"{'date de l’article' if post.date else 'date de l’export'} utilisée")
        return value.astimezone(self.zone)

    def settled(self, record: Record) -> bool:
        # A user id not (yet) known as an author's may be named by a later <wp:author>.
        return record.user_id in ("", "0") or record.user_id in self.author_ids

    def resolve(self, record: Record) -> Record:
        if record.user_id not in ("", "0") and record.user_id in self.author_ids:
            record.role = "author"
        return record
