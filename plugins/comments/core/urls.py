"""Reader-supplied URLs made into valid, harmless hrefs (or refused).

Readers' URLs are hostile input: an href must be http(s), mailto or relative,
and hold only characters a URL may hold (so the page stays valid HTML5).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from .comment_file import is_http_url

CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufffe\uffff]")
_HOST_RE = re.compile(r"[a-z0-9]([a-z0-9.-]*[a-z0-9])?\Z")
_STRAY_PERCENT_RE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PCHARS = "/:@!$&'()*+,;=-._~%"


def strip_controls(text: str) -> str:
    """Text without the control characters and noncharacters HTML forbids."""
    return CONTROL_RE.sub("", text)


def _encode(part: str, extra: str = "") -> str:
    return quote(_STRAY_PERCENT_RE.sub("%25", part), safe=_PCHARS + extra)


def display_url(url: str | None) -> str | None:
    """`url` as a valid href, or None when it is not a plain http(s) URL: the host
    must be a name (IDNA-encoded) or an IPv4 address, credentials are dropped (no
    "https://bank.example@evil.example/"), and characters a URL may not hold
    (quotes, <, >, non-ASCII...) are percent-encoded."""
    if not url or not is_http_url(url):
        return None
    parts = urlsplit(url)
    try:
        host = parts.hostname.encode("idna").decode("ascii").lower()
        port = parts.port
    except (UnicodeError, ValueError):
        return None
    if not _HOST_RE.match(host):
        return None
    netloc = f"{host}:{port}" if port is not None else host
    return urlunsplit((parts.scheme.lower(), netloc, _encode(parts.path) or "/",
                       _encode(parts.query, "?"), _encode(parts.fragment, "?")))


def normalise_href(href: str | None) -> str | None:
    """A link of a comment body: http(s) (as display_url), mailto, or relative to
    the page; anything else (other schemes, spaces, protocol-relative) is None."""
    if not href:
        return None
    href = strip_controls(href).strip()
    if not href or any(ch.isspace() for ch in href):
        return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        return display_url(href)
    if scheme == "mailto":
        return "mailto:" + _encode(parts.path) + ("?" + _encode(parts.query, "?") if parts.query else "")
    if scheme or parts.netloc or href.startswith("//"):
        return None
    path = _encode(parts.path)
    if ":" in path.split("/", 1)[0]:
        path = "./" + path  # never read as a scheme
    out = path
    if parts.query:
        out += "?" + _encode(parts.query, "?")
    if parts.fragment or href.endswith("#"):
        out += "#" + _encode(parts.fragment, "?")
    return out or None
