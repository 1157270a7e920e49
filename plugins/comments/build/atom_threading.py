"""RFC 4685 threading (`thr:in-reply-to`) as a feedgen extension."""

from __future__ import annotations

from feedgen.ext.base import BaseEntryExtension, BaseExtension
from lxml import etree

THR_NS = "http://purl.org/syndication/thread/1.0"


class ThrExtension(BaseExtension):
    """Declares the RFC 4685 namespace on the feed."""

    def extend_ns(self) -> dict[str, str]:
        return {"thr": THR_NS}


class ThrEntryExtension(BaseEntryExtension):
    """`fe.thr.in_reply_to(ref, href)` adds <thr:in-reply-to ref href type/>."""

    def __init__(self) -> None:
        self._reply: tuple[str, str] | None = None

    def in_reply_to(self, ref: str, href: str) -> None:
        self._reply = (ref, href)

    def extend_atom(self, entry: etree._Element) -> etree._Element:
        if self._reply:
            ref, href = self._reply
            etree.SubElement(
                entry, f"{{{THR_NS}}}in-reply-to", ref=ref, href=href, type="text/html"
            )
        return entry
