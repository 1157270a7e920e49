"""WordPress shortcodes, oEmbed URLs and Gutenberg block comments, turned into plain HTML.

Runs on a post's raw content, before the HTML is converted to Markdown:
- `[caption]` becomes a <figure> with its image and <figcaption>;
- `[gallery]` becomes its images (by `ids`, else the post's attached images);
- `[embed]`, `[audio]`, `[video]` and a URL alone on its line (WordPress turns
  those into third-party frames) become a plain link: no frame, no request;
- `[code]`/`[sourcecode]` become a code block;
- any other shortcode stays as text, and its name is reported;
- self-closing Gutenberg blocks (`<!-- wp:latest-posts /-->`) were drawn by
  WordPress at each view: nothing to keep, their names are reported.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass, field

# WordPress's get_shortcode_regex(), for any name: [[name]] is an escaped shortcode.
_SHORTCODE = re.compile(
    r"\[(\[?)([A-Za-z_][\w-]*)(?![\w-])([^\]/]*+(?:/(?!\])[^\]/]*+)*+)"
    r"(?:(/)\]|\](?:([^\[]*+(?:\[(?!/\2\])[^\[]*+)*+)\[/\2\])?)(\]?)"
)
_ATTR = re.compile(r"""([\w-]+)\s*=\s*"([^"]*)"|([\w-]+)\s*=\s*'([^']*)'|([\w-]+)\s*=\s*([^\s'"]+)""")
_IMG = re.compile(r"(?:<a\b[^>]*>\s*)?<img\b[^>]*>(?:\s*</a>)?", re.I)
# A URL alone on its line: WordPress's auto-embed (YouTube, Twitter, Vimeo...).
_LONE_URL = re.compile(r"(?m)^[ \t]*(?:<p>)?[ \t]*(https?://[^\s<>\"']+)[ \t]*(?:</p>)?[ \t]*$")
_SELF_CLOSING_BLOCK = re.compile(r"<!--\s*wp:([a-z0-9/-]+)(?:\s+\{.*?\})?\s*/-->", re.S)
_MEDIA_ATTRS = ("src", "mp3", "m4a", "ogg", "wav", "mp4", "m4v", "webm", "ogv", "flv")
_CODE_NAMES = {"code", "sourcecode", "source"}


@dataclass
class Attachment:
    """What a shortcode needs of an attachment item."""

    id: str
    url: str
    alt: str = ""
    caption: str = ""


@dataclass
class Found:
    """What the expansion of one body met, for the report."""

    unknown: list[str] = field(default_factory=list)  # shortcode names kept as text
    dynamic_blocks: list[str] = field(default_factory=list)  # Gutenberg blocks drawn by WordPress
    embeds: int = 0  # frames turned into links


def parse_attrs(text: str) -> dict[str, str]:
    """Shortcode attributes: name="value", name='value' or name=value."""
    attrs = {}
    for match in _ATTR.finditer(html.unescape(text)):
        name = match.group(1) or match.group(3) or match.group(5)
        attrs[name.lower()] = match.group(2) if match.group(1) else match.group(4) if match.group(3) else match.group(6)
    return attrs


def _link(url: str) -> str:
    url = html.escape(html.unescape(url.strip()), quote=True)
    return f'<p><a href="{url}">{url}</a></p>'


class Expander:
    """Expands the shortcodes of one post's body; `attachment(id)` and `children` come from the export."""

    def __init__(self, attachment: Callable[[str], Attachment | None], children: list[Attachment]):
        self.attachment, self.children = attachment, children
        self.found = Found()

    def expand(self, text: str) -> str:
        for name in _SELF_CLOSING_BLOCK.findall(text):
            self.found.dynamic_blocks.append(name.removeprefix("core/"))
        text = _SHORTCODE.sub(self._replace, text)
        return _LONE_URL.sub(self._lone_url, text)

    def _lone_url(self, match: re.Match) -> str:
        self.found.embeds += 1
        return _link(match.group(1))

    def _replace(self, match: re.Match) -> str:
        if match.group(1) == "[" and match.group(6) == "]":
            return match.group(0)[1:-1]  # [[name]] shows [name]
        name, attrs = match.group(2).lower(), parse_attrs(match.group(3) or "")
        content = match.group(5) or ""
        if name in ("caption", "wp_caption"):
            return self._caption(attrs, content)
        if name == "gallery":
            return self._gallery(attrs)
        if name == "embed":
            self.found.embeds += 1
            return _link(content or attrs.get("src", "")) if (content or attrs.get("src")) else ""
        if name in ("audio", "video"):
            src = next((attrs[a] for a in _MEDIA_ATTRS if attrs.get(a)), "")
            return _link(src) if src else ""
        if name in _CODE_NAMES and match.group(5) is not None:
            language = re.sub(r"[^\w+-]", "", attrs.get("language") or attrs.get("lang") or "")
            css = f' class="language-{language}"' if language else ""
            return f"<pre><code{css}>{content.strip(chr(10))}</code></pre>"
        self.found.unknown.append(name)
        return match.group(0)

    def _caption(self, attrs: dict[str, str], content: str) -> str:
        content = _SHORTCODE.sub(self._replace, content)
        image = _IMG.search(content)
        caption = attrs.get("caption") or (_IMG.sub("", content, count=1).strip() if image else "")
        if not image:
            return content
        figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
        return f"<figure>{image.group(0)}{figcaption}</figure>"

    def _gallery(self, attrs: dict[str, str]) -> str:
        ids = [i.strip() for i in (attrs.get("ids") or attrs.get("include") or "").split(",") if i.strip()]
        images = [a for a in map(self.attachment, ids) if a] if ids else list(self.children)
        exclude = {i.strip() for i in attrs.get("exclude", "").split(",")}
        images = [a for a in images if a.id not in exclude and a.url]
        if not images:
            return ""
        parts = []
        for image in images:
            alt = html.escape(image.alt or image.caption, quote=True)
            figcaption = f"<figcaption>{html.escape(image.caption)}</figcaption>" if image.caption else ""
            parts.append(f'<figure><img src="{html.escape(image.url, quote=True)}" alt="{alt}">{figcaption}</figure>')
        return "\n".join(parts)
