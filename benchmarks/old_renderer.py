"""The comment pipeline as it was before issue 16, for side-by-side figures and
for the test that lists what changed: Python-Markdown (fenced_code, nl2br,
sane_lists, raw HTML passed to the sanitiser) instead of cmark, the
rest of the pipeline unchanged. Python-Markdown stays installed: Pelican reads
the articles with it."""

from __future__ import annotations

import markdown
from comments.build.sanitiser import Sanitiser


class OldSanitiser(Sanitiser):
    """Sanitiser whose Markdown step is the former Python-Markdown one."""

    def __init__(self) -> None:
        super().__init__()
        self._old = markdown.Markdown(extensions=["fenced_code", "nl2br", "sane_lists"], output_format="html")

    def markdown(self, body: str) -> str:
        self._old.reset()
        return self._old.convert(body)
