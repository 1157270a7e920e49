"""Metadata the theme relies on, checked as each article is read.

Pelican accepts `Category: A, B` silently as one category named "A, B"; on
this blog an article has exactly one category, so a list is an error, logged
in French with the file, the line and the field (fatal with --fatal warnings).
"""

from __future__ import annotations

import logging
import re
from typing import Any

from source_lines import metadata_line


def category_problem(name: str) -> str | None:
    """Why `name` is not one category, or None."""
    if re.search(r"[,;]", name):
        return (
            f"une seule catégorie par article, «\u202f{name}\u202f» en contient plusieurs "
            "(mettez les autres dans Tags)"
        )
    return None


def check_content(content: Any) -> None:
    category = getattr(content, "category", None)
    source = getattr(content, "source_path", None)
    if category is None or not source:
        return
    problem = category_problem(str(category))
    if problem:
        line = metadata_line(source, "category")
        where = f"{source}:{line}" if line else source
        logging.getLogger(__name__).error(
            "%s\u00a0: champ «\u202fCategory\u202f»\u00a0: %s", where, problem
        )

