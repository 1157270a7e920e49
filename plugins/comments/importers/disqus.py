"""Disqus XML export: <thread> elements (the posts) and <post> elements (the comments)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from xml.etree.ElementTree import Element
from zoneinfo import ZoneInfo

from ..core.autop import autop
from ..core.model import APPROVED, PENDING, SPAM
from .base import (
    SKIP,
    Importer,
    PostRef,
    Record,
    check_body,
    check_id,
    clean_email,
    clean_name,
    clean_website,
)
from .xmlstream import child, stream, text

_DISQUS = re.compile(r"<disqus\b[^>]*xmlns=[\"']https?://disqus\.com/?[\"']", re.S)


def _true(value: str) -> bool:
    return value.strip().lower() == "true"


class DisqusImporter(Importer):
    name = "Disqus"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.threads: dict[str, PostRef] = {}
        self.zone = ZoneInfo(self.timezone)

    @classmethod
    def detect(cls, head: str) -> bool:
        return bool(_DISQUS.search(head))

    def records(self) -> Iterator[Record]:
        for root, element, line in stream(self.path, {"thread", "post"}, 2, self.progress):
            if root != "disqus":
                raise self.error(1, f"élément racine <{root}> inattendu : un export Disqus commence par <disqus>")
            key = element.get("dsq:id", "").strip()
            if element.tag == "thread":
                # Threads may come after their posts, or with an empty <id>: joined later by dsq:id.
                self.threads[key] = PostRef(
                    key=key, title=text(element, "title").strip(), link=text(element, "link").strip(),
                    slug=text(element, "id").strip(),
                )
            else:
                yield self._record(element, key, line)

    def _record(self, element: Element, key: str, line: int) -> Record:
        cid = check_id(self, f"dsq-{key.lower()}", line)
        parent_node = child(element, "parent")
        parent = None
        if parent_node is not None and parent_node.get("dsq:id", "").strip():
            parent = check_id(self, f"dsq-{parent_node.get('dsq:id').strip().lower()}", line, "parent")
        thread_node = child(element, "thread")
        thread = thread_node.get("dsq:id", "").strip() if thread_node is not None else ""
        state, reason = APPROVED, ""
        if _true(text(element, "isDeleted")):
            state, reason = SKIP, "supprimé dans Disqus"
        elif _true(text(element, "isSpam")):
            state = SPAM
        elif text(element, "isApproved").strip().lower() == "false":
            state, reason = PENDING, "en attente dans Disqus"
        author = child(element, "author")
        raw_date = text(element, "createdAt").strip()
        try:
            date = datetime.fromisoformat(raw_date.replace("Z", "+00:00"))
            if date.tzinfo is None:
                raise ValueError
        except ValueError:
            raise self.error(line, f"commentaire {cid} : date invalide « {raw_date[:40]} » (champ createdAt)") from None
        return Record(
            id=cid, line=line, state=state, reason=reason,
            author=clean_name(text(author, "name") if author is not None else ""),
            date=date.astimezone(self.zone),
            body=check_body(self, autop(text(element, "message")), line, cid),
            parent=parent,
            website=clean_website(text(author, "url") if author is not None else ""),
            source=f"disqus:{key}", format="html",
            email=clean_email(text(author, "email") if author is not None else ""),
            post=PostRef(key=thread),
        )

    def settled(self, record: Record) -> bool:
        return record.post.key in self.threads

    def resolve(self, record: Record) -> Record:
        record.post = self.threads.get(record.post.key, record.post)
        return record
