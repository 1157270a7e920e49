"""A comment's Markdown to (unsanitised) HTML: CommonMark through cmark.

cmark (the CommonMark reference parser, in C, through cmarkgfm) is linear on
every input of CommonMark's pathological test suite: a hostile body costs a few
milliseconds, where a pure-Python parser took hundreds (issue 16).

Two rules of the comment form that cmark has no switch for:
- a reader's markup is shown as text, never read as raw HTML. Every `<` that
  does not open an autolink (`<https://…>`, `<a@b.fr>`) is swapped for a
  private-use character before parsing, so cmark treats it as text everywhere
  (paragraphs and code alike), and turned back into `&lt;` after;
- nesting is bounded: a body that nests lists, quotes or emphasis deeper than
  MAX_DEPTH is refused (TooDeep), and the build shows it as its text.
"""

from __future__ import annotations

import re

import cmarkgfm
from cmarkgfm.cmark import Options

# Hard line breaks for the reader's newlines; no CMARK_OPT_UNSAFE: cmark itself drops
# raw HTML and javascript: links, behind the swap below and the sanitiser.
OPTIONS = Options.CMARK_OPT_HARDBREAKS
MAX_DEPTH = 20

# U+E000 (private use) stands for a reader's "<"; cmark percent-encodes it in a link's address.
_LT, _LT_IN_URL = "\ue000", "%EE%80%80"
# A "<" not opening a CommonMark autolink (URI or e-mail address, spec 6.5). Each
# look-ahead stops at the next "<", so the substitution is linear.
_TEXT_LT = re.compile(
    r"<(?!(?:[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>)"
)
_TAG = re.compile(r"<(/?)([a-z][a-z0-9]*)\b[^>]*?(/?)>")
_VOID = frozenset({"br", "hr", "img"})


class TooDeep(ValueError):
    """A Markdown body nested deeper than MAX_DEPTH (the build shows it as text)."""


def _check_depth(html: str) -> None:
    depth = 0
    for match in _TAG.finditer(html):
        closing, name, self_closing = match.groups()
        if name in _VOID or self_closing:
            continue
        depth += -1 if closing else 1
        if depth > MAX_DEPTH:
            raise TooDeep("listes, citations ou emphases imbriquées trop profondément")


def to_html(body: str) -> str:
    """CommonMark -> HTML, the reader's markup as text; raises TooDeep."""
    source = _TEXT_LT.sub(_LT, body.replace(_LT, ""))
    html = cmarkgfm.markdown_to_html(source, OPTIONS)
    _check_depth(html)
    return html.replace(_LT, "&lt;").replace(_LT_IN_URL, "%3C")
