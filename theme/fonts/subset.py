"""Make the theme's WOFF2 files from Source Serif 4 (SIL Open Font License 1.1).

Source: the TTFs of the npm package @expo-google-fonts/source-serif-4, pinned in
package.json and package-lock.json (`npm ci`). Run by `invoke fonts`; the output
is committed under theme/static/fonts/, so building the site needs neither Node
nor fontTools. The subset keeps the Latin-1 letters, œ/Œ/Ÿ and the punctuation of
French typography (no-break spaces, guillemets, apostrophe, dashes, ellipsis),
the euro sign and the arrows of the pagination: every character the blog shows.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules" / "@expo-google-fonts" / "source-serif-4"
DEST = ROOT / "theme" / "static" / "fonts"
FACES = {
    "source-serif-4-regular.woff2": "400Regular/SourceSerif4_400Regular.ttf",
    "source-serif-4-italic.woff2": "400Regular_Italic/SourceSerif4_400Regular_Italic.ttf",
    "source-serif-4-semibold.woff2": "600SemiBold/SourceSerif4_600SemiBold.ttf",
}
UNICODES = (
    "U+0020-007E,U+00A0-00FF,U+0152-0153,U+0178,U+02BC,U+02C6,U+02DC,U+2009-200A,U+2010-2014,"
    "U+2018-201A,U+201C-201E,U+2020-2022,U+2026,U+202F,U+2039-203A,U+20AC,U+2122,U+2190-2193,U+2212"
)
MAX_BYTES = 40_000


def build(source: Path = SOURCE, dest: Path = DEST) -> dict[str, int]:
    """Write the subsets into `dest`; returns each file's size in bytes."""
    if not source.is_dir():
        raise SystemExit(f"{source} manque : lancez d’abord « npm ci ».")
    dest.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, ttf in FACES.items():
        subset.main([
            str(source / ttf), f"--unicodes={UNICODES}", "--flavor=woff2",
            "--layout-features=kern,liga,calt,ccmp,locl,mark,mkmk", "--no-hinting",
            "--desubroutinize", f"--output-file={dest / name}",
        ])
        sizes[name] = (dest / name).stat().st_size
        if sizes[name] > MAX_BYTES:
            raise SystemExit(f"{name} : {sizes[name]} octets, plus de {MAX_BYTES}.")
    shutil.copyfile(source / "LICENSE_FONT", dest / "OFL.txt")
    return sizes


if __name__ == "__main__":
    for name, size in build().items():
        sys.stdout.write(f"{name}\t{size} octets\n")
