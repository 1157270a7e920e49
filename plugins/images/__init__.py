"""Responsive images in posts, made at build time with Pillow.

Every <img> of a written page whose file is one of the site's static files
gets its `width` and `height` (no layout shift), `loading="lazy"` unless it
is in the first screen, and a <picture> with a `srcset` in AVIF (where this
Pillow writes it) and WebP. Variants are encoded once, kept under
CACHE_PATH by the original's digest, and copied beside the original, which
is kept as it is (the <img> fallback and what « open the image » shows).

The pelican-image-process plugin was not used: it rewrites the content HTML
through BeautifulSoup with its own derivative settings and does not write
width/height or choose lazy loading.

IMAGES is declared (Images), checked at `initialized` with the other declared
settings and read as IMAGES_SETTINGS.
"""

from __future__ import annotations

import posixpath
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from declared_settings import Rule, at_least, declare, doc, stored_key
from pelican import signals

RASTER = (".jpg", ".jpeg", ".png", ".webp", ".gif")
_WIDTHS = Rule("liste non vide d’entiers positifs", lambda v: bool(v) and all(w > 0 for w in v))


@dataclass(frozen=True)
class Images:
    widths: tuple[int, ...] = doc("widths of the variants in pixels (never wider than the original)",
                                  (400, 672, 1008, 1344), rule=_WIDTHS)
    sizes: str = doc("the `sizes` attribute: the width the image takes in the layout",
                     "(max-width: 42rem) calc(100vw - 2rem), 40rem")
    eager_chars: int = doc("an image after fewer characters of text than this is in the first screen: "
                           "loaded at once rather than lazily", 600, rule=at_least(0, "entier positif"))
    cache_folder: str = doc("where variants are kept between builds, under CACHE_PATH", "images")


_static: dict[str, Path] = {}


def on_generators(generators: list[Any]) -> None:
    """The site's static files by their place in the output."""
    _static.clear()
    for generator in generators:
        for static in getattr(generator, "staticfiles", []):
            if static.save_as.lower().endswith(RASTER):
                _static[static.save_as] = Path(static.source_path)


def _target(src: str, page: str, siteurl: str) -> str | None:
    """The output path an image address points to, or None for another site's image."""
    if siteurl.startswith("http") and src.startswith(siteurl + "/"):
        return src[len(siteurl) + 1:]
    if "://" in src or src.startswith(("//", "data:")):
        return None
    if src.startswith("/"):
        return src.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), src))


def on_written(path: str, context: dict[str, Any]) -> None:
    if not path.endswith(".html") or not _static:
        return
    from .rewrite import Sources, rewrite
    from .variants import formats, inspect, variant, widths_for

    settings: Images = context.get(stored_key("IMAGES")) or Images()
    output = Path(context["OUTPUT_PATH"])
    page_file = Path(path)
    text = page_file.read_text(encoding="utf-8")
    if "<img" not in text:
        return
    page = page_file.resolve().relative_to(output.resolve()).as_posix()
    cache = Path(context.get("CACHE_PATH") or "cache") / settings.cache_folder

    def lookup(src: str) -> Sources | None:
        target = _target(src.split("?")[0].split("#")[0], page, context.get("SITEURL", ""))
        source = _static.get(target) if target else None
        if source is None:
            return None
        original = inspect(source)
        stem, folder = posixpath.splitext(posixpath.basename(target))[0], posixpath.dirname(target)
        prefix = src.rsplit("/", 1)[0] + "/" if "/" in src else ""
        srcsets: dict[str, list[tuple[str, int]]] = {}
        for fmt in formats():
            pairs = []
            for width in widths_for(original, settings.widths):
                name = f"{stem}-{width}.{fmt}"
                dest = output / folder / name
                if not dest.exists():
                    dest.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(variant(original, width, fmt, cache), dest)
                pairs.append((prefix + name, width))
            srcsets[fmt] = pairs
        return Sources(original.width, original.height, srcsets)

    new = rewrite(text, lookup, settings.sizes, settings.eager_chars)
    if new != text:
        page_file.write_text(new, encoding="utf-8")


def register() -> None:
    declare("IMAGES", Images)
    signals.all_generators_finalized.connect(on_generators)
    signals.content_written.connect(on_written)
