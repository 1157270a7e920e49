"""Small WordPress exports written for the tests: `export(items)` with `post(...)`, `attachment(...)`, `comment(...)`."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SITE = "https://ancien.example.fr"
HEAD = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Ancien blog</title>
<link>{SITE}</link>
<pubDate>Tue, 27 Jan 2015 14:56:57 +0000</pubDate>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>{SITE}</wp:base_site_url>
<wp:base_blog_url>{SITE}</wp:base_blog_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>lionel</wp:author_login>
<wp:author_display_name><![CDATA[Lionel Boscher]]></wp:author_display_name></wp:author>
"""


def comment(cid: int, *, parent: int = 0, date: str | None = "2013-05-02 12:03:00", body: str = "Bonjour Lionel.",
            approved: str = "1", author: str = "Anne") -> str:
    dated = f"<wp:comment_date_gmt>{date}</wp:comment_date_gmt>" if date is not None else ""
    return (f"<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author>{escape(author)}</wp:comment_author>"
            f"{dated}<wp:comment_content><![CDATA[{body}]]></wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved><wp:comment_type></wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>0</wp:comment_user_id></wp:comment>\n")


def post(pid: int, slug: str, title: str, content: str, *, type: str = "post", status: str = "publish",  # noqa: A002
         date: str | None = "2013-04-22 07:30:00", link: str | None = None, password: str = "",
         categories: tuple[tuple[str, str], ...] = (("Médias sociaux", "medias-sociaux"),),
         tags: tuple[tuple[str, str], ...] = (), parent: int = 0, comments: str = "", excerpt: str = "",
         thumbnail: int | None = None, comment_status: str = "open") -> str:
    link = link if link is not None else f"{SITE}/2013/04/22/{slug}/"
    terms = "".join(f'<category domain="category" nicename="{n}"><![CDATA[{c}]]></category>' for c, n in categories)
    terms += "".join(f'<category domain="post_tag" nicename="{n}"><![CDATA[{t}]]></category>' for t, n in tags)
    dated = f"<wp:post_date_gmt>{date}</wp:post_date_gmt>" if date is not None else ""
    meta = (f"<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>{thumbnail}</wp:meta_value>"
            "</wp:postmeta>") if thumbnail else ""
    return (f"<item><title>{escape(title)}</title><link>{link}</link><dc:creator>lionel</dc:creator>\n"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>\n"
            f"<excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>\n"
            f"<wp:post_id>{pid}</wp:post_id>{dated}<wp:comment_status>{comment_status}</wp:comment_status>"
            f"<wp:post_name>{slug}</wp:post_name><wp:status>{status}</wp:status><wp:post_parent>{parent}</wp:post_parent>"
            f"<wp:post_type>{type}</wp:post_type><wp:post_password>{password}</wp:post_password>{terms}{meta}\n"
            f"{comments}</item>\n")


def attachment(pid: int, path: str, *, parent: int = 0, alt: str = "") -> str:
    url = f"{SITE}/wp-content/uploads/{path}"
    name = path.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return (f"<item><title>{name}</title><link>{SITE}/?attachment_id={pid}</link><wp:post_id>{pid}</wp:post_id>"
            f"<wp:post_name>{name}</wp:post_name><wp:status>inherit</wp:status><wp:post_parent>{parent}</wp:post_parent>"
            f"<wp:post_type>attachment</wp:post_type><wp:attachment_url>{url}</wp:attachment_url>"
            f"<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>{escape(alt)}"
            "</wp:meta_value></wp:postmeta></item>\n")


def export(path: Path, *items: str) -> Path:
    path.write_text(HEAD + "".join(items) + "</channel>\n</rss>\n", encoding="utf-8")
    return path


def image(path: Path, size: tuple[int, int] = (40, 30), color: str = "#3a6ea5") -> Path:
    """A real JPEG (or PNG, GIF by extension) made with Pillow."""
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path)
    return path
