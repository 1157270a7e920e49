"""Comment bodies to safe HTML, as DESIGN.md "Sanitisation" says.

Markdown (CommonMark through cmark, commonmark.py: linear time on any input, a
reader's `<b>` is text) or imported HTML -> HTML -> nh3 pre-pass dropping dangerous
elements with their content -> bleach Cleaner (allowlist + linkify) -> nh3
with the same allowlist as the final guard (bleach is end-of-life).
"""

from __future__ import annotations

import re
from functools import partial
from html import escape
from importlib.metadata import version

from ..core.autop import autop
from ..core.texts import READER_REL
from ..core.urls import normalise_href, strip_controls

# bleach (with html5lib), lxml, nh3 and cmark are imported where they
# are used, not here: a build whose bodies all come from the cache never loads
# them (~13 MB less), and the worker process that sanitises loads them itself.

ALLOWED_TAGS = frozenset(
    ["p", "br", "a", "em", "strong", "b", "i", "code", "pre", "blockquote", "ul", "ol", "li", "q", "cite",
     "abbr", "del", "s"]
)
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "q": {"cite"},
    "blockquote": {"cite"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})
# Elements removed with their content: their text must never show up as text.
DROP_WITH_CONTENT = frozenset(
    ["script", "style", "template", "noscript", "iframe", "object", "embed", "svg", "math", "textarea",
     "title", "xmp", "noembed", "noframes", "frameset", "frame", "head", "select", "option", "applet"]
)
# Bumped when the pipeline's output changes, so cached results are not reused.
PIPELINE_VERSION = f"10;bleach={version('bleach')};nh3={version('nh3')};cmarkgfm={version('cmarkgfm')}"

# Block elements, and the elements that may hold only phrasing content.
BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "pre"})
PHRASING_ONLY = frozenset({"p", "pre", "a", "em", "strong", "b", "i", "code", "q", "cite", "abbr", "s"})
# The name fix_structure gives an element to unwrap (a reader's "<x-unwrap>" is escaped text).
_UNWRAP = "x-unwrap"
_BLOCK_RE = re.compile(r"<(p|div|br|ul|ol|li|pre|blockquote|h[1-6]|table|hr)\b", re.I)


def _allowed_attribute(tag: str, name: str, value: str) -> bool:
    """bleach's attribute filter: the allowlist, and a quotation's `cite` only when
    it is a URL already in the form links are written in (else it is dropped, so
    that a second pass finds the comment unchanged: `<q cite=a"<svg>` was not)."""
    if name not in ALLOWED_ATTRIBUTES.get(tag, ()):
        return False
    return name != "cite" or normalise_href(value) == value


def _set_rel(attrs: dict, new: bool = False) -> dict | None:
    """bleach linkify callback: every reader link gets the full rel and a valid
    href; a link left without one (its javascript: URL removed, say) is
    unwrapped to its text, as <a rel> without href is invalid HTML."""
    href = normalise_href(attrs.get((None, "href")))
    if href is None:
        return None
    attrs[(None, "href")] = href
    attrs[(None, "rel")] = READER_REL
    return attrs


def fix_structure(html: str) -> str:
    """Make allowed tags nest validly, so hostile markup cannot make the page
    invalid HTML5: a block (p, list, quote, pre) inside an inline element or a
    <p> or <pre> is unwrapped, a list holding anything but <li> is unwrapped,
    an <li> outside a list is unwrapped, and so is a link without a usable
    address. Content is kept."""
    if "<" not in html:
        return html
    import lxml.html

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for el in list(root.iter()):
        if el is root or not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        block_in_phrasing = el.tag in BLOCKS and any(a.tag in PHRASING_ONLY for a in el.iterancestors())
        stray_item = el.tag == "li" and (parent is None or parent.tag not in ("ul", "ol"))
        messy_list = el.tag in ("ul", "ol") and (
            bool((el.text or "").strip())
            or any(not isinstance(k.tag, str) or k.tag != "li" or (k.tail or "").strip() for k in el)
        )
        # A link with no usable address is unwrapped here, before linkify, so the URLs in its
        # text are linked in this pass and not only in the next one (idempotence).
        dead_link = el.tag == "a" and normalise_href(el.get("href")) is None
        if block_in_phrasing or stray_item or messy_list or dead_link:
            # Marked, and its tags cut from the serialised text below: lxml's drop_tag() costs
            # O(siblings) and copies the growing text, quadratic over a body of 3,000 dead links.
            el.attrib.clear()
            el.tag = _UNWRAP
    # root.text is unescaped text: escaped again, or "&lt;q" would come back as a tag.
    html = escape(root.text or "", quote=False) + "".join(lxml.html.tostring(k, encoding="unicode") for k in root)
    return html.replace(f"<{_UNWRAP}>", "").replace(f"</{_UNWRAP}>", "")


class Sanitiser:
    """Reusable pipeline: cmark, one bleach Cleaner, two nh3 Cleaners."""

    def __init__(self) -> None:
        import bleach
        import nh3
        from bleach.linkifier import LinkifyFilter

        from .commonmark import to_html

        # Bare URLs are linked by bleach below, as in imported HTML; nothing here emits ids.
        self._markdown = to_html
        self._drop = nh3.Cleaner(
            # Keep a wide set here: this pass only removes dangerous elements and their content;
            # bleach does the allowlisting.
            tags=set(ALLOWED_TAGS) | {"div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "u", "sub", "sup"},
            clean_content_tags=set(DROP_WITH_CONTENT),
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel=None,
        )
        self._bleach = bleach.sanitizer.Cleaner(
            tags=ALLOWED_TAGS,
            attributes=_allowed_attribute,
            protocols=URL_SCHEMES,
            strip=True,
            strip_comments=True,
            filters=[partial(LinkifyFilter, callbacks=[_set_rel], skip_tags={"pre", "code"}, parse_email=False)],
        )
        self._final = nh3.Cleaner(
            tags=set(ALLOWED_TAGS),
            clean_content_tags=set(DROP_WITH_CONTENT),
            attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
            url_schemes=set(URL_SCHEMES),
            link_rel=READER_REL,
        )

    def markdown(self, body: str) -> str:
        """Markdown -> (unsanitised) HTML, the reader's markup as text; raises TooDeep."""
        return self._markdown(body)

    def _allowlist(self, html: str) -> str:
        # Structure fixed before linkify too: a <pre> unwrapped only afterwards would leave
        # its URLs as text, which the next pass would link (not idempotent).
        return self._final.clean(fix_structure(self._bleach.clean(fix_structure(html)))).strip()

    def sanitise(self, body: str, fmt: str = "markdown") -> str:
        """Markdown or imported HTML -> safe HTML, always in block elements, so that
        sanitise(sanitise(x, fmt), "html") == sanitise(x, fmt)."""
        body = strip_controls(body)
        if fmt == "html":
            # Paragraphs are made after dropping dangerous elements, whose content may look like
            # blocks, and only for a body without any block (one that has some is left as written).
            html = self._drop.clean(body.strip())
            if not _BLOCK_RE.search(html):
                html = autop(html)
        else:
            html = self._drop.clean(self.markdown(body))
        html = self._allowlist(html)
        if html and not _BLOCK_RE.search(html):
            html = f"<p>{html}</p>"
        elif fmt != "html" and html and not _BLOCK_RE.match(html):
            # Inline content around blocks (an unclosed Markdown link, say): the
            # HTML path settles it into blocks, and is itself idempotent.
            return self.sanitise(html, "html")
        return html
