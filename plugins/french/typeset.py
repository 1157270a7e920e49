"""French typography as a Markdown extension: "french.typeset" in MARKDOWN.

The Markdown reader's HTML (content and formatted metadata such as the
summary) leaves the reader already typeset, so Pelican's reader cache keeps
the typeset HTML and a warm build does no typography at all. Titles are
typeset by `apply_typography` (french/__init__.py).
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
