"""Read a WXR export's items (posts, pages, attachments, the rest) in the comments importer's pass.

`BlogReader` is the comments' WordPress importer with one more duty: every
`<item>` the stream hands over is also kept as an `Item` (its HTML body, its
metadata), before its comments are yielded to the comment import engine. So
the file is read once, as a stream, for the whole blog.
"""

from __future__ import annotations

import contextlib
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import unquote, urlsplit
from xml.etree.ElementTree import Element

from comments.importers.base import PostRef, Record
from comments.importers.wordpress import WordPressImporter, rfc822_date
from comments.importers.xmlstream import child, line_of, stream, text

# WordPress's own machinery, never content of the blog.
INTERNAL_TYPES = {
    "nav_menu_item": "élément de menu", "revision": "révision", "custom_css": "CSS personnalisé",
    "customize_changeset": "réglage du personnaliseur", "oembed_cache": "cache oEmbed",
    "wp_block": "bloc réutilisable", "wp_template": "modèle de thème", "wp_template_part": "partie de modèle",
    "wp_global_styles": "styles globaux", "wp_navigation": "menu de navigation",
    "wp_font_family": "police", "wp_font_face": "police", "user_request": "demande RGPD",
}
PUBLISHED, DRAFTS, PRIVATE = "publish", ("draft", "pending", "future", "auto-draft"), "private"


@dataclass
class Term:
    """A category or tag as the export names it."""

    name: str
    nicename: str


@dataclass
class Item:
    """One `<item>` of the export, as read (nothing converted yet)."""

    line: int
    id: str
    type: str
    status: str
    title: str
    link: str
    slug: str  # post_name, percent-decoded ('' for most drafts)
    parent: str  # post_parent ('0': none)
    date: datetime | None
    modified: datetime | None
    author: str  # the login (dc:creator)
    content: str = ""
    excerpt: str = ""
    password: str = ""
    comment_status: str = "open"
    attachment_url: str = ""
    menu_order: int = 0
    categories: list[Term] = field(default_factory=list)
    tags: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: int = 0

    @property
    def path(self) -> str:
        """The item's old address, path only ('/2010/09/10/post/'), '' when it has none."""
        return old_path(self.link)


def old_path(url: str) -> str:
    """The path of an address of the old site, '//' collapsed; '' for a query-only link."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    path = re.sub(r"/{2,}", "/", parts.path or "")
    if not path or path == "/":
        return ""
    return path


class BlogReader(WordPressImporter):
    """The comments' WXR importer, keeping every item (and the authors and terms) on the way."""

    name = "WordPress (WXR), blog entier"

    def __init__(self, *args, on_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.items: list[Item] = []
        self.authors: dict[str, str] = {}  # login -> display name
        self.site_urls: list[str] = []  # base_site_url, base_blog_url, the channel's link
        self.on_item = on_item  # called with each Item before its comments are imported

    def records(self) -> Iterator[Record]:
        tags = {"item", "wp:author", "pubDate", "link", "wp:base_site_url", "wp:base_blog_url"}
        for root, element, line in stream(self.path, tags, 3, self.progress):
            if root != "rss":
                raise self.error(1, f"élément racine <{root}> inattendu : un export WordPress commence par <rss>")
            tag = element.tag
            if tag == "wp:author":
                self._author(element)
                login = text(element, "wp:author_login").strip()
                self.authors[login] = html.unescape(text(element, "wp:author_display_name").strip()) or login
            elif tag == "pubDate":
                self.export_date = rfc822_date(element.text or "")
            elif tag in ("link", "wp:base_site_url", "wp:base_blog_url"):
                if (element.text or "").strip():
                    self.site_urls.append(element.text.strip())
            else:
                item = self._item(element, line)
                self.items.append(item)
                if self.on_item:
                    self.on_item(item)
                yield from self._comments(element, line, item)

    def _comments(self, element: Element, line: int, item: Item) -> Iterator[Record]:
        if not item.comments:
            return
        post = PostRef(key=item.id, title=item.title, link=item.link, slug=item.slug,
                       author_login=item.author, date=item.date)
        for node in element:
            if node.tag == "wp:comment":
                yield self._record(node, post, line_of(node) or line)

    def _item(self, element: Element, line: int) -> Item:
        item = Item(
            line=line, id=text(element, "wp:post_id").strip(),
            type=text(element, "wp:post_type").strip() or "post",
            status=text(element, "wp:status").strip() or PUBLISHED,
            title=text(element, "title").strip(), link=text(element, "link").strip(),
            slug=unquote(text(element, "wp:post_name").strip()),
            parent=text(element, "wp:post_parent").strip() or "0",
            date=self.parse_dates(text(element, "wp:post_date_gmt"), text(element, "wp:post_date")),
            modified=self.parse_dates(text(element, "wp:post_modified_gmt"), text(element, "wp:post_modified")),
            author=text(element, "dc:creator").strip(),
            content=text(element, "content:encoded"), excerpt=text(element, "excerpt:encoded"),
            password=text(element, "wp:post_password"),
            comment_status=text(element, "wp:comment_status").strip() or "open",
            attachment_url=text(element, "wp:attachment_url").strip(),
        )
        with contextlib.suppress(ValueError):
            item.menu_order = int(text(element, "wp:menu_order").strip() or 0)
        for node in element:
            if node.tag == "category":
                term = Term(html.unescape((node.text or "").strip()), node.get("nicename", ""))
                if not term.name:
                    continue
                if node.get("domain") == "category":
                    item.categories.append(term)
                elif node.get("domain") == "post_tag":
                    item.tags.append(term)
            elif node.tag == "wp:postmeta":
                key = text(node, "wp:meta_key").strip()
                if key in ("_thumbnail_id", "_wp_attached_file", "_wp_attachment_image_alt"):
                    item.meta[key] = text(node, "wp:meta_value").strip()
            elif node.tag == "wp:comment":
                item.comments += 1
        if item.type == "attachment" and child(element, "wp:attachment_url") is None:
            item.attachment_url = text(element, "guid").strip()
        return item
