"""Share cards: `og:image` and `twitter:image` for every page.

An article's or page's `Image:` metadata wins (a URL, or a path in the site
such as `{static}/images/x.jpg`); otherwise a 1200×630 card is drawn with
Pillow (draw.py): the title in French typography and the site's name. Cards
are cached under CACHE_PATH by a digest of everything drawn on them, and
named by that digest in the output, so a rebuild draws only new titles.
Also the `schema_comments` filter: the published comments as schema.org
`Comment` objects for the article's JSON-LD. SHARE_CARDS is declared
(ShareCards), checked at `initialized` with the other declared settings and read
as SHARE_CARDS_SETTINGS; the templates get the site's own card as
SITE_SHARE_CARD.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import html
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from declared_settings import declare, doc, stored_key
from french.contents import content_objects
from pelican import signals

VERSION = "1"  # part of each card's digest: bump when draw.py changes what it draws
TAG_RE = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class ShareCards:
    folder: str = doc("where the generated cards go in the output", "cartes")
    cache_folder: str = doc("where the cards are kept between builds, under CACHE_PATH", "share-cards")


_planned: dict[str, Any] = {}
_build: dict[str, Any] = {}  # what every card of the running build shares


def plain(markup: str) -> str:
    """Markup to the text it shows (typographic spaces kept)."""
    return " ".join(html.unescape(TAG_RE.sub("", markup)).split(" ")).strip()


@functools.lru_cache(maxsize=8)
def _font_digest(font: Path, mtime_ns: int) -> bytes:
    """A font file's digest, read once per build rather than once per card (by its time)."""
    return hashlib.sha256(font.read_bytes()).digest()


def _drawn_with(settings: dict[str, Any]) -> tuple[tuple[Path, Path], bytes]:
    """The fonts a card is drawn with and their digest, looked up once per build."""
    from identity import theme_font

    fonts = (theme_font(settings, "semibold"), theme_font(settings, "regular"))
    return fonts, b"".join(_font_digest(font, font.stat().st_mtime_ns) for font in fonts)


def card_for(settings: dict[str, Any], title: str) -> str:
    """Plan the card of `title`; returns its path in the output."""
    from .draw import Card

    identity, options = settings[stored_key("IDENTITY")], settings[stored_key("SHARE_CARDS")]
    colours = identity.colours
    card = Card(title, settings.get("SITENAME", ""), identity.initials, colours["accent"], colours["on_accent"])
    fonts, fonts_digest = _build["fonts"]
    fields = tuple(getattr(card, f.name) for f in dataclasses.fields(card))  # astuple, without its deep copies
    digest = hashlib.sha256(repr((VERSION, fields)).encode())
    digest.update(fonts_digest)
    name = f"{options.folder}/{digest.hexdigest()[:20]}.png"
    _planned[name] = (card, fonts)
    return name


def resolve_image(value: str) -> str:
    """An `Image:` value as a URL (absolute) or a path from the site's root."""
    value = value.strip()
    if value.startswith(("http://", "https://")):
        return value
    for prefix in ("{static}", "{attach}", "{filename}"):
        value = value.removeprefix(prefix)
    return value.lstrip("/")


def annotate(items: list[Any], settings: dict[str, Any]) -> None:
    for item in items:
        image = item.metadata.get("image")
        item.share_image = resolve_image(image) if image else card_for(settings, plain(item.title))


def on_settings(settings: dict, options: ShareCards) -> None:
    """SHARE_CARDS and IDENTITY (the cards read both) are valid: a new build's cards."""
    _planned.clear()  # a new build (the author's loop builds many in one process)
    _build["fonts"] = _drawn_with(settings)
    # The home page, lists and any page without its own: the site's subtitle.
    site = settings.get("SITESUBTITLE") or settings.get("SITENAME", "")
    settings["SITE_SHARE_CARD"] = card_for(settings, plain(site))
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), "schema_comments": schema_comments}


def on_generator(generator: Any) -> None:
    """Every page written gets its card: hidden articles, drafts and translations too."""
    annotate(list(content_objects(generator)), generator.settings)


def on_finalized(pelican: Any) -> None:
    from .draw import draw

    settings = pelican.settings
    cache = Path(settings.get("CACHE_PATH") or "cache") / settings[stored_key("SHARE_CARDS")].cache_folder
    cache.mkdir(parents=True, exist_ok=True)
    for name, (card, fonts) in sorted(_planned.items()):
        kept = cache / Path(name).name
        if not kept.exists():
            partial = kept.with_suffix(".tmp")
            partial.write_bytes(draw(card, *fonts))
            os.replace(partial, kept)
        dest = Path(settings["OUTPUT_PATH"]) / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        if not dest.exists():
            shutil.copyfile(kept, dest)


def schema_comments(discussion: Any, page_url: str) -> list[dict[str, Any]]:
    """The published comments (mentions aside) as schema.org Comment objects, replies nested."""
    def one(node: Any) -> dict[str, Any]:
        c = node.comment
        author: dict[str, Any] = {"@type": "Person", "name": node.author}
        if node.website:
            author["url"] = node.website
        entry = {
            "@type": "Comment",
            "@id": f"{page_url}#comment-{c.id}",
            "url": f"{page_url}#comment-{c.id}",
            "author": author,
            "dateCreated": c.date.isoformat(),
            "text": plain(str(node.html)),
        }
        if node.children:
            entry["comment"] = [one(child) for child in node.children]
        return entry

    return [one(node) for node in getattr(discussion, "nodes", None) or []]


def register() -> None:
    declare("SHARE_CARDS", ShareCards, then=on_settings)
    signals.article_generator_finalized.connect(on_generator)
    signals.page_generator_finalized.connect(on_generator)
    signals.finalized.connect(on_finalized)
