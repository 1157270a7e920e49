"""French typography as a Markdown extension: "french.typeset" in MARKDOWN.

The Markdown reader's HTML (content and formatted metadata such as the
summary) leaves the reader already typeset, so Pelican's reader cache keeps
the typeset HTML and a warm build does no typography at all. `apply_typography`
(french/__init__.py) then skips the content of Markdown articles and pages;
other formats are still typeset there. The output is the same either way:
the same function on the same HTML.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.postprocessors import Postprocessor

from .typography import french_typography

NAME = "french.typeset"


class TypesetPostprocessor(Postprocessor):
    def run(self, text: str) -> str:
        return french_typography(text)


class TypesetExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Markdown's name)
        # Last: after the raw HTML and the entities are back in the text.
        md.postprocessors.register(TypesetPostprocessor(md), "french_typeset", 1)


def makeExtension(**kwargs: Any) -> TypesetExtension:  # noqa: N802 (Markdown's name)
    return TypesetExtension(**kwargs)


def typeset_by_reader(obj: Any, settings: dict) -> bool:
    """Whether `obj`'s HTML came out of a Markdown reader that typeset it."""
    # Pelican names the reader after its class: "reusingmarkdown" for french.reader's.
    if getattr(obj, "reader", None) not in ("markdown", "reusingmarkdown"):
        return False
    configured = settings.get("MARKDOWN") or {}
    return NAME in (configured.get("extension_configs") or {}) or NAME in (configured.get("extensions") or [])
