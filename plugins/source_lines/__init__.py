"""Where a metadata field sits in a content source file, for messages that name file and line.

Not a Pelican plugin: a small library shared by the plugins that check metadata
(french, related_posts, comments), so none of them imports another for it.
"""

from __future__ import annotations

import os
import re


def metadata_line(path: str | os.PathLike, field: str) -> int | None:
    """1-based line of the `field:` header line in a content source file (None when absent)."""
    pattern = re.compile(rf"^\s*:?{re.escape(field)}:", re.I)
    try:
        with open(path, encoding="utf-8", errors="replace") as handle:
            for number, line in enumerate(handle, 1):
                if pattern.match(line):
                    return number
                if not line.strip():
                    break
    except OSError:
        return None
    return None
