"""Draw one share card (1200×630, what LinkedIn, X and Mastodon show) with Pillow.

The title in the theme's own font, wrapped and sized to fit, above the
author's monogram and the site's name, on the page background with a band of
the brand colour. Pure function of its arguments: the plugin caches by them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 80
BAND = 20


@dataclass(frozen=True)
class Card:
    title: str
    site: str
    initials: str
    brand: str
    ink_on_brand: str
    background: str = "#fdfcfa"
    text: str = "#1c1c1e"
    muted: str = "#57575c"


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Greedy wrap on ordinary spaces only (no-break spaces stay inside words)."""
    lines: list[str] = []
    for word in text.split(" "):
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and font.getlength(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


@lru_cache(maxsize=64)
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(path), size)


def fit(text: str, font_path: Path, width: int, max_lines: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size (72 px down to 40) at which `text` holds in `max_lines`."""
    for size in range(72, 39, -4):
        font = _font(font_path, size)
        lines = wrap(text, font, width)
        if len(lines) <= max_lines:
            return font, lines
    lines = wrap(text, font, width)
    return font, lines[: max_lines - 1] + [" ".join(lines[max_lines - 1:])[:60].rstrip() + "…"]


def _rgb(colour: str) -> tuple[int, int, int]:
    return tuple(int(colour[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]


def _palette(card: Card) -> list[int]:
    """Indices 0-15: the brand colour toward the ink drawn on it; 16-255: the text
    colour toward the background. Text drawn on a grey canvas keeps its antialiasing."""
    def ramp(a: str, b: str, n: int) -> list[int]:
        (r1, g1, b1), (r2, g2, b2) = _rgb(a), _rgb(b)
        return [round(x + (y - x) * i / (n - 1)) for i in range(n) for x, y in ((r1, r2), (g1, g2), (b1, b2))]

    return ramp(card.brand, card.ink_on_brand, 16) + ramp(card.text, card.background, 240)


@lru_cache(maxsize=4)
def _footer(site: str, initials: str, title_font: Path, text_font: Path) -> Image.Image:
    """The part every card of a site shares, drawn once: the brand band, the
    monogram disc and the site's name (a third of a card's glyph rendering)."""
    image = Image.new("L", (WIDTH, HEIGHT), 255)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, BAND - 1, HEIGHT), fill=0)
    disc = 76
    y = HEIGHT - MARGIN - disc + 10
    pen.ellipse((MARGIN, y, MARGIN + disc, y + disc), fill=0)
    letters = _font(title_font, 32)
    pen.text((MARGIN + disc / 2, y + disc / 2), initials, font=letters, fill=15, anchor="mm")
    name = _font(text_font, 34)
    # About the muted grey of the site's text, between the text colour and the background.
    pen.text((MARGIN + disc + 24, y + disc / 2), site, font=name, fill=90, anchor="lm")
    return image


def draw(card: Card, title_font: Path, text_font: Path) -> bytes:
    """The card as an 8-bit PNG: the title drawn in grey levels on a copy of the
    shared footer, then given the palette above (no colour quantising)."""
    image = _footer(card.site, card.initials, title_font, text_font).copy()
    pen = ImageDraw.Draw(image)
    font, lines = fit(card.title, title_font, WIDTH - 2 * MARGIN, 4)
    line_height = round(font.size * 1.2)
    top = MARGIN - 10
    for i, line in enumerate(lines):
        pen.text((MARGIN, top + i * line_height), line, font=font, fill=16)
    indexed = image.convert("P")  # grey levels kept as indices
    indexed.putpalette(_palette(card))
    out = io.BytesIO()
    # zlib's fastest level: 2.5× quicker than Pillow's default (6) on a card, for
    # ~35 % more bytes (~30 KB), fetched once by each network that shows it.
    indexed.save(out, "PNG", compress_level=1)
    return out.getvalue()
