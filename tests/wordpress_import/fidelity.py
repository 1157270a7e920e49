"""The WordPress Theme Unit Test export, imported and built once for the fidelity tests.

Its uploads folder is generated with Pillow at the export's attachment paths
(images only: the audio and video attachments stay missing, and are listed).
"""

from __future__ import annotations

import difflib
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import lxml.html

from tests.conftest import ROOT, TESTDATA, run_pelican
from tests.wordpress_import.wxr import image

EXPORT = TESTDATA / "wordpress" / "themeunittestdata.wordpress.xml"
IMAGE = re.compile(r"\.(jpe?g|png|gif)\Z", re.I)
_BLOCK_COMMENT = re.compile(r"<!--.*?-->", re.S)
_SHORTCODE_TAG = re.compile(r"\[/?[a-z_]+(?:\s[^\]]*)?\]")
WORD = re.compile(r"\w+")


@dataclass
class WxrItem:
    id: str
    type: str
    status: str
    slug: str
    link: str
    content: str
    password: str
    attachment_url: str = ""
    parent: str = "0"
    comments: list[str] = field(default_factory=list)

    @property
    def published(self) -> bool:
        return self.type in ("post", "page") and self.status == "publish" and not self.password

    @property
    def old_path(self) -> str:
        return re.sub(r"/{2,}", "/", unquote(urlsplit(self.link).path))


def read_items() -> list[WxrItem]:
    """The export read plainly with ElementTree (a trusted file of the repository)."""
    ns = {"wp": "https://wordpress.org/export/1.2/", "content": "http://purl.org/rss/1.0/modules/content/"}
    items = []
    for element in ET.parse(EXPORT).getroot().iter("item"):
        def get(tag: str, node=element) -> str:
            found = node.find(tag, ns)
            return (found.text or "") if found is not None else ""
        items.append(WxrItem(
            id=get("wp:post_id").strip(), type=get("wp:post_type").strip(), status=get("wp:status").strip(),
            slug=unquote(get("wp:post_name").strip()), link=get("link").strip(), content=get("content:encoded"),
            password=get("wp:post_password"), attachment_url=get("wp:attachment_url").strip(),
            parent=get("wp:post_parent").strip(),
            comments=[get("wp:comment_id", c).strip() for c in element.findall("wp:comment", ns)],
        ))
    return items


def upload_path(url: str) -> str:
    return unquote(urlsplit(url).path).lstrip("/")


def make_uploads(items: list[WxrItem], folder: Path) -> list[str]:
    """An image for every image attachment, at its path; returns the paths made."""
    made = []
    for number, item in enumerate(i for i in items if i.type == "attachment" and IMAGE.search(i.attachment_url)):
        made.append(upload_path(item.attachment_url))
        image(folder / made[-1], size=(60 + number, 40), color=f"#{(number * 2654435761) % 0xFFFFFF:06x}")
    return made


@dataclass
class Imported:
    items: list[WxrItem]
    uploads: Path
    content: Path
    queue: Path
    output: Path
    report: str


def import_and_build(root: Path) -> Imported:
    items = read_items()
    uploads, content, queue, output = root / "uploads", root / "content", root / "moderation", root / "output"
    make_uploads(items, uploads)
    result = subprocess.run(
        [sys.executable, "-m", "invoke", "wordpress.import", str(EXPORT), "--uploads", str(uploads),
         "--content", str(content), "--queue", str(queue)],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    # The development settings plus the old addresses (wp_redirects), with relative links for a local server.
    from pelican.settings import get_settings_from_file

    plugins = [*get_settings_from_file(str(ROOT / "pelicanconf.py"))["PLUGINS"], "wp_redirects"]
    run_pelican(content, output, overrides={"PLUGINS": plugins})
    return Imported(items, uploads, content, queue, output, result.stdout)


def displayed_words(html: str) -> list[str]:
    """What WordPress shows of a body: block comments and shortcode tags out, text of the HTML."""
    html = _SHORTCODE_TAG.sub(" ", _BLOCK_COMMENT.sub(" ", html))
    if not html.strip():
        return []
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    for bad in tree.xpath("//script|//style"):
        bad.drop_tree()
    return words_of(tree)


def words_of(tree) -> list[str]:
    # Text nodes joined with spaces: two blocks side by side are two words, as a browser shows them.
    return WORD.findall(" ".join(tree.itertext()).lower())


def built_words(page: Path) -> list[str]:
    tree = lxml.html.parse(str(page)).getroot()
    found = tree.find_class("post-content")
    return words_of(found[0]) if found else []


def kept(before: list[str], after: list[str]) -> float:
    """Share of `before`'s words found in `after`, in order."""
    if not before:
        return 1.0
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(before)


def page_of(output: Path, old_path: str) -> Path:
    """The built page an old address leads to, following one redirect page."""
    page = output / old_path.strip("/") / "index.html"
    text = page.read_text(encoding="utf-8")
    match = re.search(r'http-equiv="refresh" content="0; url=([^"]+)"', text)
    if match:
        target = unquote(urlsplit(match.group(1)).path).strip("/")
        page = output / target / "index.html" if not re.search(r"\.\w+\Z", target) else output / target
    return page
