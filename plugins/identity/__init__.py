"""The author's identity, set in pelicanconf.py (IDENTITY), shown by the theme.

IDENTITY is declared (settings.Identity) and checked at `initialized` with
every other declared setting (declared_settings: an unknown key, a brand colour
that is no #rrggbb, a photo missing under PATH...); the templates read the
parsed object, IDENTITY_SETTINGS, and what it derives: the initials and the
accessible link and button colours (colours.palette). At `finalized`: the
author's picture (the photo, or a monogram of the initials) and the favicon set
are written into the output (drawn once, then copied from CACHE_PATH:
digest_cache).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from declared_settings import declare, stored_key
from digest_cache import digest, restore_or_make
from pelican import signals

from .settings import FOLDER, PORTRAIT_SIZES, Identity

CACHE_FOLDER = "identity"  # under CACHE_PATH
VERSION = "2"  # part of the cache key: bump when monogram.py changes what it draws


def theme_font(settings: dict[str, Any], face: str = "semibold") -> Path:
    """The theme's own font file, used to draw the monogram and the share cards."""
    return Path(settings["THEME"]) / "static" / "fonts" / f"source-serif-4-{face}.woff2"


def on_finalized(pelican: Any) -> None:
    """The picture and the favicons, drawn once and then copied from CACHE_PATH while
    nothing they are drawn from changes (drawing them cost ~0.5 s per build)."""
    settings = pelican.settings
    identity: Identity = settings[stored_key("IDENTITY")]
    font, colours, initials = theme_font(settings), identity.colours, identity.initials
    photo = Path(settings["PATH"]) / identity.photo if identity.photo else None
    key = digest([VERSION, initials, colours["accent"], colours["on_accent"], repr(PORTRAIT_SIZES),
                  font.read_bytes(), photo.read_bytes() if photo else b""])

    def draw(folder: Path) -> None:
        from .monogram import monogram, portrait, write_icons

        write_icons(folder, FOLDER, initials, colours["accent"], colours["on_accent"], font)
        for size, name in zip(PORTRAIT_SIZES, identity.portrait, strict=True):
            if photo:
                image = portrait(photo, size)
            else:
                image = monogram(initials, size, colours["accent"], colours["on_accent"], font)
            image.save(folder / name, quality=82, method=6)

    cache = Path(settings.get("CACHE_PATH") or "cache") / CACHE_FOLDER
    restore_or_make(cache, key, draw, Path(settings["OUTPUT_PATH"]))


def register() -> None:
    declare("IDENTITY", Identity)
    signals.finalized.connect(on_finalized)
