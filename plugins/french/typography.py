"""French typography on HTML: no-break spaces before ; : ! ? and inside « ».

Only text nodes change. Tags, attribute values, comments and the content of
code, pre, kbd, samp, var, script, style, textarea and template are copied
byte for byte. The function is idempotent: running it on its own output
changes nothing.
"""

from __future__ import annotations

import html
import re

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
    if not _MARKS.search(text):
        return text  # every rule needs one of these characters: most text nodes have none
    # The rules only add or drop no-break spaces, so a node without any hint of
    # an address never gains one: look for addresses again only if it had one.
    hinted = _URL_HINT.search(text) is not None
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
    spans = _url_spans(text, hinted)
    text = _OPEN_QUOTE.sub(lambda m: m.group(0) if _in(spans, m.start()) else "«" + NNBSP, text)
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


def french_typography(markup: str) -> str:
    """Return `markup` with French no-break spaces in its text nodes."""
    if not markup:
        return markup
    out: list[str] = []
    literal_depth = 0
    before = ""  # last character of text seen in the current block
    pos = 0
    length = len(markup)
    while pos < length:
        match = _TOKEN.search(markup, pos)
        end = match.start() if match else length
        if end > pos:
            raw = markup[pos:end]
            if literal_depth:
                out.append(raw)
                before = raw[-1]
            else:
                text = html.unescape(raw)
                fixed = _fix_text(text, before)
                out.append(raw if fixed == text else html.escape(fixed, quote=False))
                before = fixed[-1] if fixed else before
        if not match:
            break
        tag = match.group(0)
        out.append(tag)
        pos = match.end()
        name_match = _TAG_NAME.match(tag)
        if not name_match:
            continue
        name = name_match.group(1).lower()
        closing = tag.startswith("</")
        if name in _RAW_TEXT and not closing and not tag.endswith("/>"):
            close = re.compile(rf"</{name}\s*>", re.I).search(markup, pos)
            stop = close.end() if close else length
            out.append(markup[pos:stop])
            pos = stop
            before = ""
            continue
        if name in _LITERAL and not tag.endswith("/>"):
            literal_depth = max(0, literal_depth + (-1 if closing else 1))
        if name not in _INLINE:
            before = ""
    return "".join(out)
