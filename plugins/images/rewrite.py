"""Rewrite the <img> of a written page: width and height, lazy loading below the
first screen, and a <picture> with a responsive srcset per modern format."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

IMG_RE = re.compile(r"<img\b[^>]*>", re.I)
ATTR_RE = re.compile(r'([a-zA-Z][\w:-]*)(?:="([^"]*)")?')
TAG_RE = re.compile(r"<[^>]+>")
CONTENT_START = '<div class="post-content">'


@dataclass(frozen=True)
class Sources:
    """What the plugin found for one image: its size and, per format, (url, width) pairs."""

    width: int
    height: int
    srcsets: dict[str, list[tuple[str, int]]]


def attributes(tag: str) -> dict[str, str | None]:
    inner = tag[4:].rstrip("/>").strip()
    return {m.group(1).lower(): m.group(2) for m in ATTR_RE.finditer(inner)}


def render_img(attrs: dict[str, str | None]) -> str:
    parts = [k if v is None else f'{k}="{v}"' for k, v in attrs.items()]
    return "<img " + " ".join(parts) + ">"


def rewrite(page: str, lookup: Callable[[str], Sources | None], sizes: str, eager_chars: int) -> str:
    """`page` with each image that `lookup` knows rewritten. An image of the content
    preceded by fewer than `eager_chars` characters of text is in the first screen:
    loaded at once, the others lazily. (No `fetchpriority`: the Nu HTML Checker
    does not know it yet.)"""
    start = page.find(CONTENT_START)
    out, last = [], 0
    for match in IMG_RE.finditer(page):
        attrs = attributes(match.group(0))
        src = html.unescape(attrs.get("src") or "")
        if "srcset" in attrs or not src:
            continue
        found = lookup(src)
        if found is None:
            continue
        before = page[start:match.start()] if 0 <= start < match.start() else None
        first_screen = before is not None and len(TAG_RE.sub("", before).strip()) < eager_chars
        attrs.setdefault("width", str(found.width))
        attrs.setdefault("height", str(found.height))
        attrs["decoding"] = "async"
        if first_screen:
            attrs.pop("loading", None)
        else:
            attrs["loading"] = "lazy"
        sources = "".join(
            f'<source type="image/{fmt}" srcset="{", ".join(f"{u} {w}w" for u, w in pairs)}" sizes="{sizes}">'
            for fmt, pairs in found.srcsets.items()
        )
        out.append(page[last:match.start()])
        out.append(f"<picture>{sources}{render_img(attrs)}</picture>")
        last = match.end()
    out.append(page[last:])
    return "".join(out)
