"""The author's identity, set in pelicanconf.py (IDENTITY), shown by the theme.

At `initialized`: IDENTITY is checked (settings.Identity), the brand colour
becomes accessible link and button colours (colours.palette), and the
templates get IDENTITY as a plain dict (Pelican pickles its settings). At
`finalized`: the author's picture (the photo, or a monogram of the initials)
and the favicon set are written into the output (drawn once, then copied from
CACHE_PATH: digest_cache).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from declared_settings import load
from digest_cache import digest, restore_or_make
from pelican import signals

from .colours import HEX_RE, palette
from .settings import Identity

FOLDER = "identity"
PORTRAIT_SIZES = (96, 192)
CACHE_FOLDER = "identity"  # under CACHE_PATH
VERSION = "2"  # part of the cache key: bump when monogram.py changes what it draws


def theme_font(settings: dict[str, Any], face: str = "semibold") -> Path:
    """The theme's own font file, used to draw the monogram and the share cards."""
    return Path(settings["THEME"]) / "static" / "fonts" / f"source-serif-4-{face}.woff2"


def on_initialized(pelican: Any) -> None:
    settings = pelican.settings
    raw = dict(settings.get("IDENTITY") or {})
    raw.setdefault("name", settings.get("AUTHOR") or settings.get("SITENAME", ""))
    identity = load(Identity, raw, "IDENTITY")
    problems = []
    if not HEX_RE.match(identity.brand_colour):
        problems.append(f"IDENTITY['brand_colour'] : « {identity.brand_colour} » n’est pas une couleur #rrggbb")
    if identity.photo and not (Path(settings["PATH"]) / identity.photo).is_file():
        problems.append(f"IDENTITY['photo'] : {identity.photo} introuvable sous {settings['PATH']}")
    if problems:
        raise ValueError("\n".join(problems))
    from .monogram import initials

    values = dataclasses.asdict(identity)
    values.update(
        wordmark=identity.wordmark or settings.get("SITENAME", ""),
        links=[{"label": label, "url": url} for label, url in identity.links],
        initials=initials(identity.name),
        colours=palette(identity.brand_colour),
        folder=FOLDER,
        portrait=[f"{FOLDER}/portrait-{size}.webp" for size in PORTRAIT_SIZES],
        portrait_size=PORTRAIT_SIZES[0],
    )
    settings["IDENTITY"] = values


def on_finalized(pelican: Any) -> None:
    """The picture and the favicons, drawn once and then copied from CACHE_PATH while
    nothing they are drawn from changes (drawing them cost ~0.5 s per build)."""
    settings, values = pelican.settings, pelican.settings["IDENTITY"]
    font, colours = theme_font(settings), values["colours"]
    photo = Path(settings["PATH"]) / values["photo"] if values["photo"] else None
    key = digest([VERSION, values["initials"], colours["accent"], colours["on_accent"], repr(PORTRAIT_SIZES),
                  font.read_bytes(), photo.read_bytes() if photo else b""])

    def draw(folder: Path) -> None:
        from .monogram import monogram, portrait, write_icons

        write_icons(folder, FOLDER, values["initials"], colours["accent"], colours["on_accent"], font)
        for size, name in zip(PORTRAIT_SIZES, values["portrait"], strict=True):
            if photo:
                image = portrait(photo, size)
            else:
                image = monogram(values["initials"], size, colours["accent"], colours["on_accent"], font)
            image.save(folder / name, quality=82, method=6)

    cache = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER
    restore_or_make(cache, key, draw, Path(settings["OUTPUT_PATH"]))


def register() -> None:
    signals.initialized.connect(on_initialized)
    signals.finalized.connect(on_finalized)
