"""WordPress's newline paragraphs turned into HTML paragraphs (the basics of wpautop)."""

from __future__ import annotations

import re

# Block tags that are never wrapped in <p> (as wpautop's $allblocks, without p itself).
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|"
    r"blockquote|address|h[1-6]|hr|fieldset|legend|section|article|aside|header|footer|nav|"
    r"figure|figcaption|details|summary)"
)
_OPEN = re.compile(rf"(<{_BLOCK}(?=[\s/>]))", re.I)
_CLOSE = re.compile(rf"(</{_BLOCK}>)", re.I)
_STARTS_BLOCK = re.compile(rf"(?:</?{_BLOCK}[\s/>]|<p[\s>]|\x00\d+\x00)", re.I)
_PRE = re.compile(r"<pre\b.*?</pre>", re.I | re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_NEWLINE = re.compile(r"[ \t]*\n[ \t]*")
_KEPT = re.compile(r"\x00(\d+)\x00")


def autop(text: str) -> str:
    """Blank-line-separated text -> <p> paragraphs, single newlines -> <br>; <pre> untouched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        return ""
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return f"\n\n\x00{len(kept) - 1}\x00\n\n"

    if "<" in text:
        text = _PRE.sub(keep, text)
        text = _CLOSE.sub(r"\1\n\n", _OPEN.sub(r"\n\n\1", text))
    out = []
    for para in _BLANK_LINE.split(text):
        para = para.strip()
        if not para:
            continue
        if para[0] in "<\x00" and _STARTS_BLOCK.match(para):
            out.append(para)
        else:
            out.append("<p>" + _NEWLINE.sub("<br>\n", para) + "</p>")
    text = "\n".join(out)
    return _KEPT.sub(lambda m: kept[int(m.group(1))], text) if kept else text
