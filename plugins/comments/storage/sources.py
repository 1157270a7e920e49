"""The blog's Markdown sources, read cheaply: only their header, without Pelican."""

from __future__ import annotations

from pathlib import Path


def read_metadata(path: Path) -> dict[str, str]:
    """The header lines of a Markdown post ("Key: value" up to the first blank line).

    Same shape as Python-Markdown's `meta` extension, which Pelican uses:
    keys are lower-cased, indented lines continue the previous value.
    """
    meta: dict[str, str] = {}
    key = None
    with path.open(encoding="utf-8-sig", errors="replace") as handle:
        for line in handle:
            line = line.rstrip("\r\n")
            if not line.strip():
                break
            if key and line[:1] in (" ", "\t"):
                meta[key] += " " + line.strip()
                continue
            name, sep, value = line.partition(":")
            if not sep or not name.strip() or " " in name.strip():
                break
            key = name.strip().lower()
            meta[key] = value.strip()
    return meta
