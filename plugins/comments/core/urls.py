"""URL helpers: reader-supplied URLs made into valid, harmless hrefs (or refused), and origins.

Readers' URLs are hostile input: an href must be http(s), mailto or relative,
and hold only characters a URL may hold (so the page stays valid HTML5).
The comment service's own origins are computed here once, for the form receiver
(intake) and the moderation page, which do not import each other for it.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit, urlunsplit

from .comment_file import is_http_url
from .settings import Comments

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


def origin_of(url: str) -> str | None:
    """"scheme://host[:port]" of an absolute http(s) URL, lower-cased; None otherwise."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname.lower()
    if ":" in host:
        host = f"[{host}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port and port != default else "")


def own_origins(comments: Comments, siteurl: str, server: tuple[str, int] | None) -> set[str]:
    """The comment service's own origins, from the settings and the bound address only, never from
    the request's Host header (which the client chooses): COMMENTS['intake_url'] when absolute, else
    the site's own (`siteurl`, one server); COMMENTS['service_url']; and `server`, the address the
    listening socket is bound to (ASGI scope["server"])."""
    found = {origin_of(url or "") for url in (comments.intake_url, comments.service_url)}
    if comments.intake_url.startswith("/"):
        # A relative intake_url: the service answers behind the site's own origin (one server).
        found.add(origin_of(siteurl or ""))
    if server and server[0]:
        host = f"[{server[0]}]" if ":" in server[0] else server[0]
        found |= {origin_of(f"{scheme}://{host}:{server[1]}") for scheme in ("http", "https")}
    return {origin for origin in found if origin}
