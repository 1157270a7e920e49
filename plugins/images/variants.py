"""Responsive variants of one image: WebP (and AVIF where Pillow writes it), cached.

Each variant is kept under the cache folder by a digest of the original's
bytes, its width and format, so a rebuild encodes nothing it already has.
The original is never changed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageOps, features

ENCODE = {"webp": {"quality": 80, "method": 4}, "avif": {"quality": 60, "speed": 8}}


@lru_cache(maxsize=1)
def formats() -> tuple[str, ...]:
    """The modern formats this Pillow writes, best first (a <source> each)."""
    return tuple(f for f in ("avif", "webp") if features.check(f))


@dataclass(frozen=True)
class Original:
    path: Path
    width: int
    height: int
    digest: str


@lru_cache(maxsize=4096)
def _inspect(path: Path, size: int, mtime: int) -> Original:
    data = path.read_bytes()
    with Image.open(path) as image:
        width, height = ImageOps.exif_transpose(image).size
    return Original(path, width, height, hashlib.sha256(data).hexdigest()[:20])


def inspect(path: Path) -> Original:
    """Size and digest of an image file (memoised by path, size and mtime)."""
    stat = path.stat()
    return _inspect(path, stat.st_size, stat.st_mtime_ns)


def widths_for(original: Original, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths narrower than the original, plus the original's (never upscaled)."""
    return sorted({w for w in wanted if w < original.width} | {min(original.width, max(wanted))})


def variant(original: Original, width: int, fmt: str, cache: Path) -> Path:
    """The cached file of `original` at `width` in `fmt`, encoded when missing."""
    kept = cache / f"{original.digest}-{width}.{fmt}"
    if not kept.exists():
        cache.mkdir(parents=True, exist_ok=True)
        with Image.open(original.path) as source:
            image = ImageOps.exif_transpose(source)
            image = image.convert("RGBA" if image.mode in ("RGBA", "LA", "P") else "RGB")
            if width < image.width:
                height = round(image.height * width / image.width)
                image = image.resize((width, height), Image.Resampling.LANCZOS)
            partial = kept.with_suffix(f".part.{fmt}")
            image.save(partial, fmt.upper(), **ENCODE[fmt])
        os.replace(partial, kept)
    return kept
