"""French typography on HTML: no-break spaces before ; : ! ? and inside « ».

Only text nodes change. Tags, attribute values, comments and the content of
code, pre, kbd, samp, var, script, style, textarea and template are copied
byte for byte. The function is idempotent: running it on its own output
changes nothing.

`french_typography.version` is a digest of this file, computed at import: the
comments plugin (COMMENTS['typography'] names this function) keys its cache of
typeset bodies with it, so any change here re-renders them, with nothing to
remember to bump.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before :

# A tag, with quoted attribute values that may contain ">", or a comment,
# a CDATA section, a doctype or a processing instruction.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<![^>]*>"
    r"|<\?[^>]*>"
    r"|</?[A-Za-z][^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>",
    re.S,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
# Raw-text elements: their content is not HTML, so it is skipped up to the end tag.
_RAW_TEXT = {"script", "style", "textarea", "title", "template"}
# Elements whose text is code or literal input: never touched.
_LITERAL = {"code", "pre", "kbd", "samp", "var", "tt", "math", "svg"}
# Phrasing elements: text flows across them, so the previous character carries over.
_INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "i",
    "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup",
    "time", "u", "var", "tt",
}

_SPACES = "[ \t\u00a0\u2009\u202f]"
# Existing spaces before ; ! ? or : become the right no-break space.
_SPACE_BEFORE = re.compile(_SPACES + r"+(?=[;:!?])")
# A missing space: the mark follows a word and ends a clause (so "a?b", "10:30"
# and "http://" stay as they are).
_WORD_END = re.compile(r"[\w»)\]’”%…]")
_CLAUSE_END = re.compile(r"[\s;:!?.,)\]»”’…]")
_GLUED = re.compile(r"(?<=[\w»)\]’”%…])(?=[;:!?](?:$|[\s;:!?.,)\]»”’…]))")
_OPEN_QUOTE = re.compile("«" + _SPACES + "*")
_CLOSE_QUOTE = re.compile(_SPACES + "*»")
# Addresses written as text keep every character.
# The characters some rule acts on (a fast exit for the nodes without any).
_MARKS = re.compile("[;:!?«»]")
_PUNCTUATION = re.compile("[;:!?]")
_URL = re.compile(r"\b(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)\S+|\S+@\S+\.\w+", re.I)
_URL_HINT = re.compile(r"://|www\.|mailto:|@", re.I)


def _space_for(mark: str) -> str:
    return NBSP if mark == ":" else NNBSP


def _url_spans(text: str, hinted: bool = True) -> list[tuple[int, int]]:
    # Every address _URL matches holds "://", "www.", "mailto:" or "@"; most text
    # has none, and _URL's "\S+@" backtracks over every word (the costly part).
    # `hinted` False: the caller knows the text holds none.
    if not hinted or not _URL_HINT.search(text):
        return []
    return [m.span() for m in _URL.finditer(text)]


def _in(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(start <= pos < end for start, end in spans)


def _fix_text(text: str, before: str) -> str:
    """Apply the rules to one text node; `before` is the character preceding it."""
    # Each rule needs its own mark, and no rule adds or removes a mark: a rule
    # whose mark the node lacks is skipped (most text nodes have none at all).
    punctuation = _PUNCTUATION.search(text) is not None
    opening, closing = "«" in text, "»" in text
    if not (punctuation or opening or closing):
        return text
    # The rules only add or drop no-break spaces, so a node without any hint of
    # an address never gains one: look for addresses again only if it had one.
    hinted = _URL_HINT.search(text) is not None
    if punctuation:
        spans = _url_spans(text, hinted)
        text = _SPACE_BEFORE.sub(
            lambda m: m.group(0) if _in(spans, m.start()) else _space_for(m.string[m.end()]), text
        )
        # A mark at the very start of a node, glued to the previous node's last word.
        if text[:1] in (";", ":", "!", "?") and _WORD_END.match(before) and _CLAUSE_END.match(text[1:2] or " "):
            text = _space_for(text[0]) + text
        spans = _url_spans(text, hinted)
        text = _GLUED.sub(
            lambda m: "" if _in(spans, m.start()) or _in(spans, m.start() - 1) else _space_for(m.string[m.start()]),
            text,
        )
    # Guillemets glued to an address belong to it (\S+): adding a space there
    # would cut the address short, and the next pass would treat its tail as text.
    if opening:
        spans = _url_spans(text, hinted)
        text = _OPEN_QUOTE.sub(lambda m: m.group(0) if _in(spans, m.start()) else "«" + NNBSP, text)
    if not closing:
        return text
    spans = _url_spans(text, hinted)

    def close_quote(match: re.Match) -> str:
        if _in(spans, match.end() - 1):
            return match.group(0)
        prev = match.string[match.start() - 1] if match.start() else before
        # "»" opening a node right after a space or a block start: nothing to join.
        if match.group(0) == "»" and (not prev or prev.isspace()):
            return "»"
        return NNBSP + "»"

    return _CLOSE_QUOTE.sub(close_quote, text)


# Tags without attributes, by their text: (lower-case name, closing, self-closing),
# or None for a comment, doctype or processing instruction. They repeat (<p>, </em>...);
# tags with attributes (links) mostly do not, and are not kept.
_TAG_INFO: dict[str, tuple[str, bool, bool] | None] = {}


def _tag_info(tag: str) -> tuple[str, bool, bool] | None:
    info = _TAG_INFO.get(tag, False)
    if info is False:
        name_match = _TAG_NAME.match(tag)
        info = (name_match.group(1).lower(), tag.startswith("</"), tag.endswith("/>")) if name_match else None
        if " " not in tag and len(_TAG_INFO) < 1024:
            _TAG_INFO[tag] = info
    return info


def french_typography(markup: str) -> str:
    """Return `markup` with French no-break spaces in its text nodes."""
    if not markup:
        return markup
    # Only the text nodes that change are rewritten: (start, end, new text).
    changes: list[tuple[int, int, str]] = []
    literal_depth = 0
    before = ""  # last character of text seen in the current block
    pos = 0
    skip_to = 0  # end of a raw-text element's content, skipped whole
    length = len(markup)
    for match in _TOKEN.finditer(markup):
        start = match.start()
        if start < skip_to:
            continue
        if start > pos:
            raw = markup[pos:start]
            # Most text nodes hold no mark and no entity: nothing can change.
            if literal_depth or ("&" not in raw and not _MARKS.search(raw)):
                before = raw[-1]
            else:
                before = _text_node(raw, before, pos, start, changes)
        pos = match.end()
        info = _tag_info(match.group())
        if info is None:
            continue
        name, closing, self_closing = info
        if name in _RAW_TEXT and not closing and not self_closing:
            close = re.compile(rf"</{name}\s*>", re.I).search(markup, pos)
            pos = skip_to = close.end() if close else length
            before = ""
            continue
        if name in _LITERAL and not self_closing:
            literal_depth = max(0, literal_depth + (-1 if closing else 1))
        if name not in _INLINE:
            before = ""
    if pos < length and not literal_depth:
        raw = markup[pos:]
        if "&" in raw or _MARKS.search(raw):
            _text_node(raw, before, pos, length, changes)
    if not changes:
        return markup
    out: list[str] = []
    done = 0
    for start, end, text in changes:
        out.append(markup[done:start])
        out.append(text)
        done = end
    out.append(markup[done:])
    return "".join(out)


def _text_node(raw: str, before: str, start: int, end: int, changes: list[tuple[int, int, str]]) -> str:
    """Typeset one text node (recorded in `changes` when it changes); returns
    the character the next node sees before it."""
    text = html.unescape(raw)
    fixed = _fix_text(text, before)
    if fixed != text:
        changes.append((start, end, html.escape(fixed, quote=False)))
    return fixed[-1] if fixed else before


# Everything the output depends on is this file (only the standard library besides).
french_typography.version = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
