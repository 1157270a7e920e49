"""One post or page of the export made into its Markdown file: metadata, body, summary, featured image."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from datetime import UTC, datetime

from .convert import MORE_MARK, mark_more, prepare, split_more, to_markdown
from .items import BlogReader, Item
from .links import Links
from .media import VARIANT, Media
from .plan import MEDIA, Entry
from .report import Report
from .shortcodes import Attachment, Expander
from .write import Page, metadata, plain_title

_IMAGE_MD = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_TAGS = re.compile(r"<[^>]+>")
_IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".bmp")


class Converter:
    """Turns entries into `Page`s, with the export's attachments, links and media at hand."""

    def __init__(self, reader: BlogReader, entries: list[Entry], links: Links, media: Media):
        self.links, self.media = links, media
        self.authors = reader.authors
        # An undated post takes the export's date, else the newest date the export holds.
        dates = [e.item.date for e in entries if e.item.date]
        self.export_date = reader.export_date or (max(dates) if dates else None)
        self.zone = reader.zone
        self.attachments: dict[str, Item] = {e.item.id: e.item for e in entries if e.kind == MEDIA}
        self.children: dict[str, list[Attachment]] = defaultdict(list)
        self.alts: dict[str, str] = {}  # upload path (original) -> the attachment's alt, else its title
        for item in sorted(self.attachments.values(), key=lambda i: (i.menu_order, _number(i.id))):
            if item.attachment_url.lower().split("?")[0].endswith(_IMAGE_EXTENSIONS):
                self.children[item.parent].append(self._attachment_of(item))
            relative = media.upload_path(item.attachment_url)
            description = item.meta.get("_wp_attachment_image_alt") or plain_title(item.title)
            if relative and description:
                self.alts.setdefault(VARIANT.sub("", relative), html.unescape(description))

    def alt_of(self, src: str) -> str:
        """A description for an image without alt: its attachment's alt or title, else its file name."""
        relative = self.media.upload_path(src) or ""
        found = self.alts.get(VARIANT.sub("", relative))
        if found:
            return found
        stem = re.sub(r"[-_]+", " ", VARIANT.sub("", src.split("?")[0].rsplit("/", 1)[-1]).rsplit(".", 1)[0])
        return stem.strip() or "image"

    def _attachment_of(self, item: Item) -> Attachment:
        return Attachment(item.id, item.attachment_url, alt=html.unescape(item.meta.get("_wp_attachment_image_alt", "")),
                          caption=html.unescape(_TAGS.sub("", item.excerpt)).strip())

    def _attachment(self, attachment_id: str) -> Attachment | None:
        item = self.attachments.get(attachment_id)
        return self._attachment_of(item) if item else None

    def page(self, entry: Entry, report: Report) -> Page:
        item, source = entry.item, entry.source
        notes = list(entry.notes)

        def image(src: str) -> str | None:
            found = self.media.resolve(src, source) if self.media.is_local(src) else None
            return f"{{static}}/{found}" if found else None

        def link(href: str) -> str | None:
            return self.links.rewrite(href, source)

        content, _more = mark_more(item.content)
        expander = Expander(self._attachment, self.children.get(item.id, []))
        try:
            body, plain = to_markdown(prepare(expander.expand(content)), image=image, link=link, alt=self.alt_of)
        except Exception as exc:  # noqa: BLE001 (one body never stops the import: its text is kept)
            body, plain = html.unescape(_TAGS.sub(" ", content.replace(MORE_MARK, ""))).strip() + "\n", 0
            notes.append(f"conversion impossible ({type(exc).__name__}), texte brut gardé")
        body, before_more = split_more(body)
        report.found(source, expander.found, plain)
        if item.excerpt.strip():
            summary = self._summary(item.excerpt, image, link)
        else:
            summary = _one_line(before_more or "")
        title = plain_title(item.title)
        if not title:
            title = "Sans titre"
            notes.append("sans titre dans l’export, « Sans titre » mis à la place")
        date = item.date
        if date is None:
            date = (self.export_date or datetime(1970, 1, 1, tzinfo=UTC)).astimezone(self.zone)
            notes.append("date absente ou invalide, date de l’export utilisée")
        categories = [t.name for t in item.categories]
        tags = categories[1:] + [t.name for t in item.tags]
        if len(categories) > 1 and entry.kind == "article":
            report.extra_categories[source] = categories[1:]
        featured = ""
        thumbnail = self.attachments.get(item.meta.get("_thumbnail_id", ""))
        if thumbnail is not None and thumbnail.attachment_url:
            featured = self.media.resolve(thumbnail.attachment_url, source) or ""
        seen: set[str] = set()
        tags = [t for t in tags if not (t.casefold() in seen or seen.add(t.casefold()))]
        meta = metadata(entry, title=title, date=date, author=self.authors.get(item.author, item.author),
                        summary=summary, image=featured, category=categories[0] if categories else "", tags=tags)
        for note in notes:
            report.notes.append(f"{source}{chr(160)}: {note}")
        return Page(source, meta, body)

    def _summary(self, text: str, image, link) -> str:
        try:
            markdown, _ = to_markdown(prepare(text), image=image, link=link)
        except Exception:  # noqa: BLE001 (a summary is a nicety)
            return ""
        return _one_line(markdown)


def _one_line(markdown: str) -> str:
    """A summary on one metadata line, without its images."""
    return " ".join(_IMAGE_MD.sub("", markdown).split())


def _number(value: str) -> int:
    return int(value) if value.isdigit() else 0
